package generate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanthu/corpus"
)

func testOffice() Office {
	return Office{
		ParentIssuer: "Bộ Giáo dục và Đào tạo", Issuer: "Trường Đại học Sư phạm Hà Nội", Code: "ĐHSPHN-HTQT", Number: 12,
		Place: "Hà Nội", Date: date(2026, 9, 25),
		Recipients: []string{"Bộ Giáo dục và Đào tạo (Cục Hợp tác quốc tế)"},
		Archive:    "VT, HTQT",
		Signer:     corpus.Signer{Authority: "KT. HIỆU TRƯỞNG", Title: "PHÓ HIỆU TRƯỞNG", Name: "Nguyễn Văn Minh"},
	}
}

// testPlan has enough delegations to run the table onto a second page.
func testPlan(n int) AnnualPlan {
	p := AnnualPlan{Office: testOffice(), Year: 2027}
	countries := []string{"Nhật Bản", "Hàn Quốc", "Pháp", "Hoa Kỳ", "Úc", "Singapore"}
	for i := range n {
		p.Rows = append(p.Rows, PlanRow{
			Name:    fmt.Sprintf("Đoàn công tác của Khoa %d đi %s", i+1, countries[i%len(countries)]),
			Head:    fmt.Sprintf("PGS.TS. Trần Văn %c, Trưởng khoa", 'A'+rune(i%26)),
			People:  2 + i%5,
			Days:    5 + i%7,
			Purpose: "Trao đổi học thuật, ký kết thỏa thuận hợp tác đào tạo và nghiên cứu khoa học với trường đối tác",
			Travel:  float64(1200 * (2 + i%5)), Living: float64(150*(5+i%7)*(2+i%5)) + 0.5*float64(i%2), Other: 300,
		})
	}
	return p
}

func testReport(n int) AnnualReport {
	r := AnnualReport{Office: testOffice(), From: date(2026, 1, 1), To: date(2026, 12, 31)}
	r.Office.Date = date(2026, 12, 15)
	r.Office.Number = 0
	for i := range n {
		row := ReportRow{
			Name: fmt.Sprintf("Đoàn %d: dự hội thảo quốc tế về giáo dục", i+1), Head: "TS. Lê Thị Hoa, Phó Trưởng phòng",
			Members: 1 + i%4, Countries: []string{"Nhật Bản", "Hàn Quốc"}[:1+i%2], Purpose: "Dự hội thảo, trình bày báo cáo khoa học",
			Departure: date(2026, 1+i%12, 3), Return: date(2026, 1+i%12, 9),
			VietnamPays: "vé máy bay", VietnamAmount: 2500, Source: "nguồn thu sự nghiệp", PartnerPays: "ăn ở",
			InPlan: i%3 != 0, Note: "",
		}
		if i%4 != 3 {
			row.ReportNumber, row.ReportDate = fmt.Sprintf("%d/BC-ĐHSPHN", 40+i), date(2026, 1+i%12, 20)
		}
		r.Rows = append(r.Rows, row)
	}
	r.Stats = ReportStats{Delegations: n, PersonTrips: 2 * n, InPlan: n - n/3, NotInPlan: n / 3,
		ByCountry: []StatLine{{"Nhật Bản", n, n}, {"Hàn Quốc", n / 2, n / 2}}, ByPurpose: []StatLine{{"Hội thảo", n, 2 * n}},
		ByFunding: []StatLine{{"Nguồn thu sự nghiệp", n, 2 * n}}, Reports: ReportCounts{OnTime: n - n/4, Missing: n / 4}}
	r.Assessment = []string{"Các đoàn ra thực hiện đúng mục đích, báo cáo kết quả đầy đủ."}
	return r
}

func TestUSD(t *testing.T) {
	for v, want := range map[float64]string{0: "", 5: "5", 1200: "1.200", 1234567.5: "1.234.567,50", -300: "-300", 999.999: "1.000"} {
		if got := USD(v); got != want {
			t.Errorf("USD(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestAnnualPlanTable(t *testing.T) {
	p := testPlan(3)
	rows := p.Table()
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 3 and the total", len(rows))
	}
	if got := rows[0]; got[0] != "1" || got[3] != "2" || got[9] != USD(p.Rows[0].Travel+p.Rows[0].Living+p.Rows[0].Other) {
		t.Errorf("first row %q", got)
	}
	total := rows[3]
	var want float64
	for _, r := range p.Rows {
		want += r.Total()
	}
	if total[1] != "Tổng cộng" || total[9] != USD(want) {
		t.Errorf("total row %q, want %s", total, USD(want))
	}
}

func TestAnnualReportCells(t *testing.T) {
	r := testReport(4)
	rows := r.Table()
	if got, want := rows[1][7], "Phía Việt Nam: vé máy bay, 2.500 USD (nguồn thu sự nghiệp); Phía đối tác: ăn ở"; got != want {
		t.Errorf("funding cell %q, want %q", got, want)
	}
	if got, want := rows[0][8], "Số 40/BC-ĐHSPHN ngày 20/01/2026"; got != want {
		t.Errorf("report cell %q, want %q", got, want)
	}
	if rows[3][8] != "" {
		t.Errorf("a trip without report shows %q", rows[3][8])
	}
	if rows[0][9] != "" || rows[1][9] != "x" {
		t.Errorf("in-plan marks %q %q", rows[0][9], rows[1][9])
	}
	if rows[1][4] != "Nhật Bản, Hàn Quốc" || rows[0][6] != "03/01/2026 - 09/01/2026" {
		t.Errorf("countries %q, period %q", rows[1][4], rows[0][6])
	}
	if w := window(date(2025, 12, 15), date(2026, 12, 14)); w != "Từ ngày 15/12/2025 đến ngày 14/12/2026" {
		t.Errorf("window %q", w)
	}
	if w := window(date(2026, 1, 1), date(2026, 12, 31)); w != "Từ tháng 01/2026 đến tháng 12/2026" {
		t.Errorf("window %q", w)
	}
}

// TestAnnualPDFs holds the yearly documents to the letters' checks: A4
// (landscape), the four faces embedded as subsets, metadata, the Nghị định
// 30/2020 header, the empty signature field, text inside the margins, and
// every row of the table found in the extracted text, the header repeated on
// each page of the table.
func TestAnnualPDFs(t *testing.T) {
	docs := []struct {
		name   string
		render func(*Generator) ([]byte, error)
		plan   func(*Generator) (*Plan, error)
		rows   [][]string
		want   []string
	}{
		{"plan", func(g *Generator) ([]byte, error) { return g.RenderAnnualPlan(context.Background(), testPlan(14)) },
			func(g *Generator) (*Plan, error) { return g.PlanAnnual(context.Background(), testPlan(14)) },
			testPlan(14).Table(),
			[]string{"KẾ HOẠCH", "Đoàn ra dự kiến năm 2027", "Số: 12/KH-ĐHSPHN ", "Hà Nội, ngày 25 tháng 9 năm 2026", "Tổng cộng",
				"Cộng (7+8+9)", "Phương tiện đi lại (*)", "Tiền ăn, ở (*)", "Đơn vị tính: USD.", "(*) Cơ sở dự toán kinh phí", "Nơi nhận:", "Lưu: VT, HTQT."}},
		{"report", func(g *Generator) ([]byte, error) { return g.RenderAnnualReport(context.Background(), testReport(12)) },
			func(g *Generator) (*Plan, error) { return g.PlanAnnualReport(context.Background(), testReport(12)) },
			testReport(12).Table(),
			[]string{"BÁO CÁO", "Công tác quản lý đoàn ra năm 2026", "Kính gửi: Bộ Giáo dục và Đào tạo (Cục Hợp tác quốc tế)",
				"1) Thống kê số lượng đoàn ra (Từ tháng 01/2026 đến tháng 12/2026)", "Đoàn trong kế hoạch", "2) Đánh giá kết quả",
				"3) Đề xuất, kiến nghị", "Tổng số: 12 đoàn, 24 lượt người", "Theo nước đến: Nhật Bản: 12 đoàn, 12 lượt người",
				"chưa báo cáo (đã quá hạn) 3", "KT. HIỆU TRƯỞNG", "Nguyễn Văn Minh"}},
	}
	for _, d := range docs {
		for _, eng := range engines {
			t.Run(d.name+"/"+eng, func(t *testing.T) {
				g := newTestGenerator(t, eng)
				pdf, err := d.render(g)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(outDir(t), "annual-"+d.name+"-"+eng+".pdf"), pdf, 0o644); err != nil {
					t.Fatal(err)
				}
				plan, err := d.plan(g)
				if err != nil {
					t.Fatal(err)
				}
				if len(plan.Pages) < 2 {
					t.Errorf("%d page: the test wants the table to run onto a second page", len(plan.Pages))
				}
				info := runTool(t, pdf, "pdfinfo")
				for _, want := range []string{"Page size:       841.89 x 595.28 pts (A4)", "Form:            AcroForm", "Creator:         vanthu",
					"Author:          TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI"} {
					if !strings.Contains(info, want) {
						t.Errorf("pdfinfo lacks %q:\n%s", want, info)
					}
				}
				if !strings.Contains(info, fmt.Sprintf("Pages:           %d", len(plan.Pages))) {
					t.Errorf("pdfinfo: page count is not the plan's %d:\n%s", len(plan.Pages), info)
				}
				fonts := runTool(t, pdf, "pdffonts")
				n := 0
				for _, l := range strings.Split(fonts, "\n") {
					if strings.Contains(l, "LiberationSerif") {
						n++
						if !regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif\S*\s+CID TrueType\s+Identity-H\s+yes yes yes`).MatchString(l) {
							t.Errorf("font not an embedded Unicode subset: %q", l)
						}
					}
				}
				if n != 4 {
					t.Errorf("%d Liberation Serif faces, want 4:\n%s", n, fonts)
				}
				sig := runTool(t, pdf, "pdfsig")
				if !strings.Contains(sig, "Signature Field Name: "+SignatureFieldName) {
					t.Errorf("no empty signature field:\n%s", sig)
				}
				raw := pdftotext(t, pdf, "-raw")
				text := strings.Join(strings.Fields(corpus.NFC(raw)), " ")
				for _, w := range append([]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
					"TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI"}, d.want...) {
					if !strings.Contains(text, w) {
						t.Errorf("text lacks %q", w)
					}
				}
				// Every cell of every row is printed (words, in order, in the
				// row's cells; cells wrap, so each is looked for on its own).
				for i, row := range d.rows {
					for j, c := range row {
						if c == "" || j == 0 {
							continue
						}
						if !strings.Contains(text, strings.Fields(c)[0]) {
							t.Errorf("row %d cell %d %q not printed", i+1, j+1, c)
						}
					}
				}
				// The header (and its column numbers) repeats on every page of
				// the table.
				pages := strings.Split(raw, "\f")
				for pi := 1; pi < len(plan.Pages); pi++ {
					pageText := strings.Join(strings.Fields(pages[pi]), " ")
					if !strings.Contains(pageText, "(5)") || !strings.Contains(pageText, "Tên đoàn ra") {
						if !strings.Contains(pageText, "Nơi nhận") || pi < len(plan.Pages)-1 {
							t.Errorf("page %d does not repeat the table's header", pi+1)
						}
					}
				}
				// Nothing in the margins but page numbers.
				l := g.layoutOf(plan)
				for pi, ws := range bboxWords(t, pdf) {
					for _, w := range ws {
						if w.y1 < l.Top && pi > 0 {
							continue
						}
						if w.x0 < l.Left-0.5 || w.x1 > l.PageWidth-l.Right+0.5 || w.y0 < l.Top-0.5 || w.y1 > l.PageHeight-l.Bottom+0.5 {
							t.Errorf("page %d: %q at x %.1f-%.1f y %.1f-%.1f mm is in the margin", pi+1, w.text, w.x0, w.x1, w.y0, w.y1)
						}
					}
				}
			})
		}
	}
}

// readSheet reads a sheet's rows with raw numbers, written back the way the
// document prints them.
func readSheet(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func normaliseNumbers(rows [][]string, cols map[int]bool, width int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		row := make([]string, width)
		copy(row, r)
		for j := range row {
			if cols[j] && row[j] != "" {
				if v, err := strconv.ParseFloat(row[j], 64); err == nil {
					row[j] = USD(v)
				}
			}
		}
		out[i] = row
	}
	return out
}

func sameRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows read back, want %d", what, len(got), len(want))
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("%s row %d:\n got %q\nwant %q", what, i+1, got[i], want[i])
		}
	}
}

func TestAnnualXLSXReadBack(t *testing.T) {
	p := testPlan(9)
	b, err := AnnualPlanXLSX(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows := readSheet(t, f, PlanSheet)
	if rows[0][0] != "KẾ HOẠCH ĐOÀN RA DỰ KIẾN NĂM 2027 (ĐVT: USD)" || !strings.Contains(rows[1][0], "Trường Đại học Sư phạm Hà Nội") {
		t.Errorf("title rows %q %q", rows[0], rows[1])
	}
	sameRows(t, "plan header", rows[XLSXTitleRows:XLSXTitleRows+1], [][]string{PlanHeader})
	body := normaliseNumbers(rows[XLSXTitleRows+2:], map[int]bool{3: true, 4: true, 6: true, 7: true, 8: true, 9: true}, len(PlanHeader))
	sameRows(t, "plan", body, p.Table())
	// Amounts are numbers, so a clerk's SUM works.
	if typ, err := f.GetCellType(PlanSheet, "G6"); err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("G6 type %v %v, want a number", typ, err)
	}
	if v, _ := f.GetCellValue(PlanSheet, "G6", excelize.Options{RawCellValue: true}); v != strconv.Itoa(int(p.Rows[0].Travel)) {
		t.Errorf("G6 = %q, want %v", v, p.Rows[0].Travel)
	}
	f.Close()

	r := testReport(10)
	b, err = AnnualReportXLSX(r)
	if err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows = readSheet(t, f, ReportSheet)
	sameRows(t, "report header", rows[XLSXTitleRows:XLSXTitleRows+1], [][]string{ReportHeader})
	sameRows(t, "report", normaliseNumbers(rows[XLSXTitleRows+2:], map[int]bool{3: true}, len(ReportHeader)), r.Table())
	stats := readSheet(t, f, StatsSheet)
	sameRows(t, "stats header", stats[:1], [][]string{StatsHeader})
	sameRows(t, "stats", normaliseNumbers(stats[1:], nil, len(StatsHeader)), r.Stats.Rows())
}
