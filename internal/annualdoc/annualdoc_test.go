package annualdoc

import (
	"testing"

	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/register"
)

type trips map[string]register.Entry

func (t trips) Get(id string) (register.Entry, error) {
	e, ok := t[id]
	if !ok {
		return e, register.ErrNotFound
	}
	return e, nil
}

func TestOffice(t *testing.T) {
	reg := trips{
		"a": {Unit: "Sở Ngoại vụ tỉnh Quảng Ninh"},
		"b": {Unit: "Sở Ngoại vụ tỉnh Quảng Ninh", Trip: corpus.Trip{Issuer: "SỞ NGOẠI VỤ", ParentIssuer: "UBND TỈNH QUẢNG NINH", Place: "Quảng Ninh",
			Register: corpus.Register{Code: "SNgV-LS"}, Signer: corpus.Signer{Title: "GIÁM ĐỐC", Name: "Nguyễn Thị Thanh Hương"}}},
		"c": {Unit: "Sở Du lịch tỉnh Quảng Ninh"},
	}
	o := Office(generate.Office{Place: "Hạ Long"}, reg, []string{"a", "b"})
	if o.Issuer != "SỞ NGOẠI VỤ" || o.ParentIssuer != "UBND TỈNH QUẢNG NINH" || o.Place != "Hạ Long" || o.Code != "SNgV-LS" || o.Signer.Name == "" {
		t.Errorf("office from the unit's trips: %+v", o)
	}
	if o := Office(generate.Office{}, reg, []string{"a"}); o.Issuer != "Sở Ngoại vụ tỉnh Quảng Ninh" {
		t.Errorf("without an issuer the unit issues: %+v", o)
	}
	if o := Office(generate.Office{}, reg, []string{"a", "c"}); o.Issuer != "" {
		t.Errorf("two units' trips gave the header %+v", o)
	}
}

func TestPlanAndReport(t *testing.T) {
	p := Plan(register.Plan{Year: 2027, Rows: []register.PlanRow{
		{Name: "Đoàn A", Head: "Lê Văn An", HeadPosition: "Viện trưởng", Members: 3, Days: 6, Purpose: "Hội thảo",
			Estimate: register.Estimate{Travel: 3000, Lodging: 1800, Other: 200}, HasEstimate: true},
		{Name: "Đoàn B", Head: "Trần Thị Bình", Members: 2, Days: 5},
	}}, generate.Office{})
	rows := p.Table()
	if rows[0][2] != "Lê Văn An, Viện trưởng" || rows[0][9] != "5.000" || rows[1][9] != "" || rows[2][9] != "5.000" {
		t.Errorf("plan table %q", rows)
	}
	r := Report(register.AnnualReport{From: corpus.Date{Year: 2026, Month: 1, Day: 1}, To: corpus.Date{Year: 2026, Month: 12, Day: 31},
		Rows: []register.ReportRow{
			{Name: "Đoàn A", Head: "Lê Văn An", Members: 3, Countries: []string{"Nhật Bản"}, Funding: "Phía Việt Nam chi vé máy bay (nguồn: ngân sách nhà nước)",
				Report: register.DocRef{Number: "40/BC-VKHGD", Date: corpus.Date{Year: 2026, Month: 5, Day: 20}}, InPlan: true},
			{Name: "Đoàn B", Head: "Trần Thị Bình", Members: 2, ReportMissing: true, Notes: "đổi lịch"},
		},
		Stats: register.Stats{Delegations: 2, PersonTrips: 5, ByCountry: map[string]register.Count{"Nhật Bản": {Delegations: 1, PersonTrips: 3}, "Hàn Quốc": {Delegations: 1, PersonTrips: 2}}},
	}, generate.Office{})
	tr := r.Table()
	if tr[0][7] != "Phía Việt Nam chi vé máy bay (nguồn: ngân sách nhà nước)" || tr[0][8] != "Số 40/BC-VKHGD ngày 20/05/2026" || tr[0][9] != "x" {
		t.Errorf("report row %q", tr[0])
	}
	if tr[1][10] != "đổi lịch; quá hạn, chưa báo cáo" {
		t.Errorf("missing report note %q", tr[1][10])
	}
	if got := r.Stats.ByCountry; len(got) != 2 || got[0].Name != "Nhật Bản" {
		t.Errorf("by country %+v", got)
	}
}
