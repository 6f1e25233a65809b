package register

import (
	"fmt"
	"strings"

	"vanthu/check"
	"vanthu/corpus"
)

// The data of the two yearly documents of Thông tư 25/2025/TT-BGDĐT, as
// plain values a renderer draws (PDF, XLSX): the plan of delegations for the
// next year (Phụ lục IV, due before 30/9, Điều 12.3.a) and the report on the
// management of delegations (Phụ lục III, due before 20/12, Điều 11.3).

// YearDeadline is the submission deadline of a yearly document, with the
// rule that sets it.
type YearDeadline struct {
	Date corpus.Date `json:"date"`
	Rule RuleRef     `json:"rule"`
}

// PlanRow is a line of Phụ lục IV ("KẾ HOẠCH ĐOÀN RA DỰ KIẾN NĂM ...").
type PlanRow struct {
	No           int      `json:"no"`            // (1) Số TT
	Trip         string   `json:"trip"`          // the trip's id
	Name         string   `json:"name"`          // (2) Tên đoàn ra
	Head         string   `json:"head"`          // (3) Trưởng đoàn: name
	HeadPosition string   `json:"head_position"` // and position
	Members      int      `json:"members"`       // (4) Số người tham gia đoàn
	Days         int      `json:"days"`          // (5) Thời gian (ngày), departure to return inclusive
	Purpose      string   `json:"purpose"`       // (6) Mục đích chuyến đi
	Countries    []string `json:"countries"`
	// Estimate holds columns (7)-(9) in USD, and Total (10); HasEstimate is
	// false when the trip gives no estimate (the cells stay empty).
	Estimate    Estimate `json:"estimate"`
	Total       float64  `json:"total"`
	HasEstimate bool     `json:"has_estimate"`
}

// Plan is the data of Phụ lục IV for one unit (or all) and one year.
type Plan struct {
	Unit     string        `json:"unit"`
	Year     int           `json:"year"`
	Rows     []PlanRow     `json:"rows"`
	Total    Estimate      `json:"total"` // sums of columns (7)-(9)
	Sum      float64       `json:"sum"`   // sum of column (10)
	Deadline *YearDeadline `json:"deadline,omitempty"`
	// Quota is the number of delegations a rule allows in a unit's plan,
	// when a binding rule gives one (none of the shipped rules does).
	Quota *int `json:"quota,omitempty"`
}

// Plan returns the plan of delegations of a year: the trips departing that
// year that are planned or marked in the plan, and not postponed, cancelled
// or refused, in departure order. unit "" takes every unit.
func (r *Register) Plan(unit string, year int) Plan {
	p := Plan{Unit: unit, Year: year, Rows: []PlanRow{}}
	uk := corpus.MatchKey(unit)
	jurs := map[string]bool{}
	for _, it := range r.sorted() {
		e := &it.e
		if e.Trip.Departure.Year != year || !e.Status.went() || !(e.InPlan || e.Status == Planned) ||
			uk != "" && it.unitKey != uk {
			continue
		}
		jurs[e.Trip.Jurisdiction] = true
		h := e.Head()
		row := PlanRow{No: len(p.Rows) + 1, Trip: e.ID, Name: e.Trip.Name, Head: h.Name, HeadPosition: h.Position,
			Members: len(e.Trip.Members), Days: it.ret - it.dep + 1, Purpose: purposeText(e), Countries: it.country}
		if e.Estimate != nil {
			row.Estimate, row.Total, row.HasEstimate = *e.Estimate, e.Estimate.Total(), true
			p.Total.Travel += e.Estimate.Travel
			p.Total.Lodging += e.Estimate.Lodging
			p.Total.Other += e.Estimate.Other
			p.Sum += row.Total
		}
		p.Rows = append(p.Rows, row)
	}
	p.Deadline = r.yearDeadline(jurs, corpus.RuleAnnualPlanDeadline, year-1, year)
	return p
}

// ReportRow is a line of Phụ lục III, table 1 ("Thống kê số lượng đoàn ra").
type ReportRow struct {
	No           int         `json:"no"`
	Trip         string      `json:"trip"`
	Name         string      `json:"name"`          // (1) Tên đoàn ra
	Head         string      `json:"head"`          // (2) Trưởng đoàn: name
	HeadPosition string      `json:"head_position"` // and position
	Members      int         `json:"members"`       // Số thành viên đoàn, the head included
	Countries    []string    `json:"countries"`     // (4) Nước đến, in itinerary order
	Purpose      string      `json:"purpose"`       // (5) Mục đích chuyến đi
	From         corpus.Date `json:"from"`          // (6) Thời gian thực hiện
	To           corpus.Date `json:"to"`
	Funding      string      `json:"funding"` // (7) Kinh phí: who pays what, from which source
	Report       DocRef      `json:"report"`  // (8) Báo cáo: number and date; zero when none
	// ReportMissing: no report and its deadline has passed (an empty
	// column (8) after the deadline).
	ReportMissing bool   `json:"report_missing"`
	InPlan        bool   `json:"in_plan"` // (9) Đoàn trong kế hoạch: x
	Notes         string `json:"notes"`   // (10) Ghi chú
}

// AnnualReport is the data of Phụ lục III for a window.
type AnnualReport struct {
	Unit     string        `json:"unit"`
	From     corpus.Date   `json:"from"`
	To       corpus.Date   `json:"to"`
	AsOf     corpus.Date   `json:"as_of"`
	Rows     []ReportRow   `json:"rows"`
	Stats    Stats         `json:"stats"`
	Deadline *YearDeadline `json:"deadline,omitempty"`
}

// AnnualReport returns the report's data for the trips departing in the
// window (see Stats for which are counted), as of a day (zero: today).
func (r *Register) AnnualReport(opt StatsOptions) AnnualReport {
	if opt.AsOf.IsZero() {
		opt.AsOf = r.Today()
	}
	rep := AnnualReport{Unit: opt.Unit, From: opt.From, To: opt.To, AsOf: opt.AsOf, Rows: []ReportRow{}}
	from, to, now := dayNum(opt.From), dayNum(opt.To), dayNum(opt.AsOf)
	uk := corpus.MatchKey(opt.Unit)
	jurs := map[string]bool{}
	for _, it := range r.sorted() {
		e := &it.e
		if from != 0 && it.dep < from || to != 0 && it.dep > to || !e.Status.went() || uk != "" && it.unitKey != uk {
			continue
		}
		jurs[e.Trip.Jurisdiction] = true
		h := e.Head()
		row := ReportRow{No: len(rep.Rows) + 1, Trip: e.ID, Name: e.Trip.Name, Head: h.Name, HeadPosition: h.Position,
			Members: len(e.Trip.Members), Countries: it.country, Purpose: purposeText(e), From: e.Trip.Departure,
			To: e.Trip.Return, Funding: fundingText(e), Report: e.Report, InPlan: e.InPlan, Notes: e.Notes}
		if e.Report.Date.IsZero() && it.deadline[1].ok && it.deadline[1].due < now {
			row.ReportMissing = true
		}
		rep.Rows = append(rep.Rows, row)
	}
	rep.Stats = r.Stats(opt)
	y := opt.To.Year
	if y == 0 {
		y = opt.AsOf.Year
	}
	rep.Deadline = r.yearDeadline(jurs, RuleAnnualReportDeadline, y, y)
	return rep
}

// yearDeadline finds the yearly deadline of a kind binding any of the
// jurisdictions (the register's default when none) in a year: the
// earliest, when several bind; nil when none does.
func (r *Register) yearDeadline(jurs map[string]bool, kind string, dueYear, tripYear int) *YearDeadline {
	if len(jurs) == 0 || jurs[""] {
		jurs[r.cfg.Jurisdiction] = true
	}
	var best *YearDeadline
	for jur := range jurs {
		if jur == "" {
			continue
		}
		t := corpus.Trip{Jurisdiction: jur, Departure: corpus.Date{Year: tripYear, Month: 6, Day: 30}}
		for _, a := range check.Select(t, r.rules, r.cfg.CorpusRules) {
			if a.Rule.Kind != kind || len(a.Rule.MonthDay) != 5 {
				continue
			}
			md := a.Rule.MonthDay
			d, ok := corpus.NewDate(dueYear, int(md[0]-'0')*10+int(md[1]-'0'), int(md[3]-'0')*10+int(md[4]-'0'))
			if !ok {
				continue
			}
			if best == nil || d.Before(best.Date) || d == best.Date && a.Set.Source.Number < best.Rule.Number {
				src := a.Set.Source
				best = &YearDeadline{Date: d, Rule: RuleRef{Number: src.Number, Date: src.Date, Issuer: src.Issuer, Item: a.Rule.Item, Quote: a.Rule.Quote}}
			}
		}
	}
	return best
}

func purposeText(e *Entry) string {
	p := strings.TrimSpace(e.Trip.Purpose)
	if p == "" {
		p = strings.TrimSpace(e.Trip.Nature)
	}
	return p
}

// partnerWords mark a cost item the partner pays.
var partnerWords = []string{"phia ban", "doi tac", "phia nuoc ngoai", "ban chi tra", "phia moi", "host", "partner"}

// fundingText writes column (7) of Phụ lục III: what the Vietnamese side
// pays and from which source, what the partner pays.
func fundingText(e *Entry) string {
	src := strings.TrimSpace(e.Funding)
	if src == "" {
		src = strings.TrimSpace(e.Trip.Funding.Note)
	}
	if src == "" {
		src = FundingName("", e.Trip.Funding.Source)
	}
	var vn, partner []string
	for _, it := range e.Trip.Funding.Items {
		k := " " + corpus.MatchKey(it.Payer) + " "
		isPartner := false
		for _, w := range partnerWords {
			if strings.Contains(k, " "+w+" ") {
				isPartner = true
			}
		}
		if e.Trip.Funding.Source == "host" && corpus.MatchKey(it.Payer) == "" {
			isPartner = true
		}
		if isPartner {
			partner = append(partner, strings.ToLower(it.Item))
		} else {
			vn = append(vn, strings.ToLower(it.Item))
		}
	}
	switch {
	case len(vn) == 0 && len(partner) == 0:
		return src
	case len(partner) == 0:
		return fmt.Sprintf("Phía Việt Nam chi %s (nguồn: %s)", strings.Join(vn, ", "), src)
	case len(vn) == 0:
		return fmt.Sprintf("Phía đối tác chi %s (nguồn: %s)", strings.Join(partner, ", "), src)
	}
	return fmt.Sprintf("Phía Việt Nam chi %s (nguồn: %s); phía đối tác chi %s", strings.Join(vn, ", "), src, strings.Join(partner, ", "))
}
