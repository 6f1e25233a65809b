package templates

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sample() *Data {
	d := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	return &Data{
		Kind: "proposal", Style: "state", Issuer: "SỞ NGOẠI VỤ", IssuerName: "Sở Ngoại vụ tỉnh Quảng Ninh",
		Jurisdiction: "UBND tỉnh Quảng Ninh", Competence: "GIÁM ĐỐC SỞ NGOẠI VỤ", Number: "05/SNgV-LS", Place: "Hạ Long", Date: d,
		Name: "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh", Nature: "làm việc", Purpose: "Trao đổi kinh nghiệm.",
		Members:   []Member{{Name: "Nguyễn Văn An", Position: "Giám đốc", Head: true, TripNumber: 1}, {Name: "Trần Thị Bình", Position: "Trưởng phòng", TripNumber: 2}},
		Stops:     []Stop{{Country: "Nhật Bản", City: "Kumamoto", From: d, To: d, Days: 1}},
		Sessions:  []Session{{Date: d, Country: "Nhật Bản", Content: "Hội đàm | ký kết"}},
		Countries: []string{"Nhật Bản", "Hàn Quốc"}, Departure: d, Return: d, Days: 1,
		Funding:    Funding{SourceText: "ngân sách nhà nước", Items: []Cost{{Item: "Vé máy bay", Payer: "Sở", Planned: 1500000, Actual: 1400000}}, Planned: 1500000, Actual: 1400000},
		Recipients: []string{"Ủy ban nhân dân tỉnh Quảng Ninh"}, Archive: "VT, NV",
		Signer: Signer{Title: "GIÁM ĐỐC", Name: "Nguyễn Văn An"},
		Report: &Report{Results: []string{"Kết quả."}},
	}
}

func TestEmbeddedKinds(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Kinds(), ","); got != "proposal,decision,report" {
		t.Fatalf("kinds %s", got)
	}
	for _, k := range s.Kinds() {
		doc, err := s.Execute(k, sample())
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		ops := map[Op]int{}
		for _, b := range doc.Blocks {
			ops[b.Op]++
		}
		if ops[OpSigner] != 1 || ops[OpCC] < 2 || ops[OpPara] < 3 {
			t.Errorf("%s: blocks %v", k, ops)
		}
		if k != "proposal" && doc.Type == "" {
			t.Errorf("%s has no type name", k)
		}
	}
	doc, _ := s.Execute("proposal", sample())
	if doc.Subject != "V/v xin chủ trương cử đoàn đi công tác nước ngoài" || doc.Type != "" {
		t.Errorf("công văn subject %q type %q", doc.Subject, doc.Type)
	}
	// "|" inside a value must not add a table cell.
	last := doc.Blocks[len(doc.Blocks)-1]
	if last.Op != OpTR || len(last.Cells) != 4 || !strings.Contains(last.Cells[3], "Hội đàm / ký kết") {
		t.Errorf("programme row %+v", last)
	}
	d := sample()
	d.TypeCode = "TTr"
	if doc, _ := s.Execute("proposal", d); doc.Type != "TỜ TRÌNH" {
		t.Errorf("tờ trình type %q", doc.Type)
	}
	if _, err := s.Execute("memo", d); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestOverrideDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("decision.tmpl", "@type QUYẾT ĐỊNH\n@subject Về việc cử {{.Name}}\n@p Điều 1. Nội dung riêng của văn phòng.\n@cc Lưu: {{.Archive}}\n@sign {{.Signer.Title}}\n@signer {{.Signer.Name}}\n")
	write("memo.tmpl", "@p Ghi nhớ.\n")
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Kinds(), ","); got != "proposal,decision,report,memo" {
		t.Errorf("kinds %s", got)
	}
	doc, err := s.Execute("decision", sample())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Blocks[0].Text != "Điều 1. Nội dung riêng của văn phòng." || s.Source("decision") != filepath.Join(dir, "decision.tmpl") {
		t.Errorf("override not used: %+v from %s", doc.Blocks[0], s.Source("decision"))
	}

	// Errors name the file and the line.
	write("report.tmpl", "@p one\n@p {{.Nope\n")
	_, err = Load(dir)
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.HasSuffix(se.Template, "report.tmpl") || se.Line != 2 {
		t.Errorf("template parse error: %v", err)
	}
	write("report.tmpl", "@p one\n@bogus two\n")
	s, err = Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Execute("report", sample())
	if !errors.As(err, &se) || se.Line != 2 || !strings.Contains(se.Error(), "@bogus") {
		t.Errorf("markup error: %v", err)
	}
	write("report.tmpl", "@p {{.Missing}}\n")
	s, _ = Load(dir)
	if _, err = s.Execute("report", sample()); !errors.As(err, &se) || se.Line != 1 {
		t.Errorf("execution error: %v", err)
	}
	write("layout.json", "{\n  \"margin_left_mm\": 20\n}\n")
	if _, err = Load(dir); !errors.As(err, &se) || !strings.Contains(err.Error(), "margin_left_mm") {
		t.Errorf("layout out of range: %v", err)
	}
	write("layout.json", "{\n  \"margin_left_mm\": 30,\n  \"colour\": 1\n}\n")
	if _, err = Load(dir); !errors.As(err, &se) {
		t.Errorf("unknown layout key: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "absent")); err == nil {
		t.Error("missing override directory accepted")
	}
}

func TestParseMarkup(t *testing.T) {
	doc, err := Parse("x.tmpl", "@type BÁO CÁO\n@subject Kết quả\n  chuyến công tác\n@p Đoạn một\ntiếp theo\n\n@table 1|2\n@th A|B\n@tr a|b\n@space 6\n")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Subject != "Kết quả chuyến công tác" || doc.Blocks[0].Text != "Đoạn một tiếp theo" || len(doc.Blocks) != 5 {
		t.Errorf("%+v", doc)
	}
	for _, bad := range []string{"text first", "@table 1|x", "@tr a|b", "@table 1|2\n@tr a", "@space lots", "@nope"} {
		if _, err := Parse("x.tmpl", bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestFuncs(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{LongDate(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)), "ngày 05 tháng 01 năm 2026"},
		{LongDate(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)), "ngày 15 tháng 3 năm 2026"},
		{LongDate(time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)), "ngày 09 tháng 12 năm 2026"},
		{ShortDate(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)), "09/03/2026"},
		{Money(180800000), "180.800.000"},
		{Money(999), "999"},
		{Roman(4), "IV"}, {Roman(14), "XIV"},
		{joinList([]string{"Nhật Bản", "Hàn Quốc", "Singapore"}), "Nhật Bản, Hàn Quốc và Singapore"},
		{lowerFirst("Đoàn công tác"), "đoàn công tác"}, {lowerFirst("UBND tỉnh"), "UBND tỉnh"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
