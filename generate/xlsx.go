package generate

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The yearly documents as spreadsheets, for the offices that consolidate
// their units' plans and reports in Excel. The sheet holds the same rows the
// PDF prints (AnnualPlan.Table, AnnualReport.Table) under the form's title,
// header and column numbers; counts and amounts are written as numbers so
// they can be summed.

// ErrXLSX wraps a failure of the spreadsheet library.
var ErrXLSX = errors.New("xlsx")

// Sheet names of the yearly spreadsheets.
const (
	PlanSheet   = "Kế hoạch đoàn ra"
	ReportSheet = "Báo cáo đoàn ra"
	StatsSheet  = "Thống kê"
)

// XLSXTitleRows is the number of rows above a sheet's header: the title and
// the unit (and a blank row), so that the table starts at row
// XLSXTitleRows+1 with its header, then the column numbers, then the data.
const XLSXTitleRows = 3

// AnnualPlanXLSX writes the annual plan (Phụ lục IV) as an XLSX workbook.
func AnnualPlanXLSX(p AnnualPlan) ([]byte, error) {
	year := "..."
	if p.Year > 0 {
		year = strconv.Itoa(p.Year)
	}
	// Columns 4-5 are counts, 7-10 USD amounts (built-in formats 3
	// "#,##0" and 4 "#,##0.00").
	numeric := map[int]int{3: 3, 4: 3, 6: 4, 7: 4, 8: 4, 9: 4}
	return writeXLSX(PlanSheet, []string{"KẾ HOẠCH ĐOÀN RA DỰ KIẾN NĂM " + year + " (ĐVT: USD)", unitLine(p.Office)},
		PlanHeader, numberRow(len(PlanHeader), false), p.Table(), numeric, []float64{6, 36, 28, 11, 10, 40, 13, 13, 11, 13}, nil)
}

// AnnualReportXLSX writes the annual report (Phụ lục III) as an XLSX
// workbook: the table on one sheet, the statistics on a second.
func AnnualReportXLSX(r AnnualReport) ([]byte, error) {
	year := "..."
	if !r.To.IsZero() {
		year = strconv.Itoa(r.To.Year)
	}
	numeric := map[int]int{3: 3}
	return writeXLSX(ReportSheet, []string{"BÁO CÁO CÔNG TÁC QUẢN LÝ ĐOÀN RA NĂM " + year + " (" + window(r.From, r.To) + ")", unitLine(r.Office)},
		ReportHeader, numberRow(len(ReportHeader), true), r.Table(), numeric, []float64{5, 34, 28, 11, 18, 36, 24, 40, 24, 11, 20},
		func(f *excelize.File) error { return statsSheet(f, r.Stats) })
}

// StatsRows are the statistics as rows of the second sheet: group, name,
// delegations, person-trips.
func (s ReportStats) Rows() [][]string {
	n := strconv.Itoa
	rows := [][]string{
		{"Tổng số", "", n(s.Delegations), n(s.PersonTrips)},
		{"Kế hoạch", "Trong kế hoạch", n(s.InPlan), ""},
		{"Kế hoạch", "Ngoài kế hoạch", n(s.NotInPlan), ""},
	}
	for _, g := range []struct {
		name string
		ls   []StatLine
	}{{"Nước đến", s.ByCountry}, {"Mục đích", s.ByPurpose}, {"Nguồn kinh phí", s.ByFunding}} {
		for _, l := range g.ls {
			rows = append(rows, []string{g.name, clean(l.Name), n(l.Delegations), n(l.PersonTrips)})
		}
	}
	r := s.Reports
	rows = append(rows,
		[]string{"Báo cáo", "Đúng hạn", n(r.OnTime), ""},
		[]string{"Báo cáo", "Muộn hạn", n(r.Late), ""},
		[]string{"Báo cáo", "Chưa báo cáo (quá hạn)", n(r.Missing), ""},
		[]string{"Báo cáo", "Chưa đến hạn", n(r.NotDue), ""})
	return rows
}

// StatsHeader is the header row of the statistics sheet.
var StatsHeader = []string{"Nhóm", "Mục", "Số đoàn", "Số lượt người"}

func statsSheet(f *excelize.File, s ReportStats) error {
	if _, err := f.NewSheet(StatsSheet); err != nil {
		return err
	}
	hs, err := headerStyle(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetRow(StatsSheet, "A1", &StatsHeader); err != nil {
		return err
	}
	if err := f.SetCellStyle(StatsSheet, "A1", "D1", hs); err != nil {
		return err
	}
	for i, r := range s.Rows() {
		vals := make([]any, len(r))
		for j, c := range r {
			vals[j] = cellValue(c, j >= 2)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(StatsSheet, cell, &vals); err != nil {
			return err
		}
	}
	for i, w := range []float64{18, 30, 10, 14} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(StatsSheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

func unitLine(o Office) string {
	s := clean(o.Issuer)
	if p := clean(o.ParentIssuer); p != "" {
		if s != "" {
			s = p + " - " + s
		} else {
			s = p
		}
	}
	if s == "" {
		s = ".............."
	}
	return "Đơn vị: " + s
}

func headerStyle(f *excelize.File) (int, error) {
	border := []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}}
	return f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
}

// cellValue writes a numeric column's cell as a number ("12.500,50" is the
// Vietnamese spelling of 12500.5) and anything else as text.
func cellValue(s string, numeric bool) any {
	if !numeric || s == "" {
		return s
	}
	if v, ok := parseVN(s); ok {
		return v
	}
	return s
}

// parseVN reads a number written the Vietnamese way (dots between
// thousands, a decimal comma).
func parseVN(s string) (float64, bool) {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
		case c == ',':
			b = append(b, '.')
		case c == '-' || c >= '0' && c <= '9':
			b = append(b, c)
		default:
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(string(b), 64)
	return v, err == nil
}

func writeXLSX(sheet string, titles, header, numbers []string, rows [][]string, numeric map[int]int, widths []float64, more func(*excelize.File) error) (out []byte, err error) {
	defer recoverInto(&err, "xlsx")
	f := excelize.NewFile()
	defer f.Close()
	wrap := func(err error) error { return fmt.Errorf("generate: %w: %w", ErrXLSX, err) }
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, wrap(err)
	}
	last, _ := excelize.ColumnNumberToName(len(header))
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 13},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return nil, wrap(err)
	}
	for i, t := range titles {
		a := "A" + strconv.Itoa(i+1)
		if err := f.SetCellStr(sheet, a, t); err != nil {
			return nil, wrap(err)
		}
		if err := f.MergeCell(sheet, a, last+strconv.Itoa(i+1)); err != nil {
			return nil, wrap(err)
		}
		if err := f.SetCellStyle(sheet, a, a, titleStyle); err != nil {
			return nil, wrap(err)
		}
	}
	hs, err := headerStyle(f)
	if err != nil {
		return nil, wrap(err)
	}
	border := []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}}
	body, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}, Border: border,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return nil, wrap(err)
	}
	numStyles := map[int]int{}
	for _, fmtID := range numeric {
		if _, ok := numStyles[fmtID]; ok {
			continue
		}
		st, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}, Border: border,
			Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: fmtID})
		if err != nil {
			return nil, wrap(err)
		}
		numStyles[fmtID] = st
	}
	r := XLSXTitleRows + 1
	for _, hr := range [][]string{header, numbers} {
		cell := "A" + strconv.Itoa(r)
		if err := f.SetSheetRow(sheet, cell, &hr); err != nil {
			return nil, wrap(err)
		}
		if err := f.SetCellStyle(sheet, cell, last+strconv.Itoa(r), hs); err != nil {
			return nil, wrap(err)
		}
		r++
	}
	for _, row := range rows {
		vals := make([]any, len(row))
		for j, c := range row {
			_, isNum := numeric[j]
			vals[j] = cellValue(c, isNum)
		}
		cell := "A" + strconv.Itoa(r)
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return nil, wrap(err)
		}
		if err := f.SetCellStyle(sheet, cell, last+strconv.Itoa(r), body); err != nil {
			return nil, wrap(err)
		}
		for j := range row {
			if fmtID, ok := numeric[j]; ok {
				c, _ := excelize.CoordinatesToCellName(j+1, r)
				if err := f.SetCellStyle(sheet, c, c, numStyles[fmtID]); err != nil {
					return nil, wrap(err)
				}
			}
		}
		r++
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return nil, wrap(err)
		}
	}
	// Landscape A4 when printed, as the PDF.
	orient, size := "landscape", 9
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size}); err != nil {
		return nil, wrap(err)
	}
	if more != nil {
		if err := more(f); err != nil {
			return nil, wrap(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, wrap(err)
	}
	return buf.Bytes(), nil
}
