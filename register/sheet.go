package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"vanthu/corpus"
)

// Columns of a unit's spreadsheet. Import recognises them by their header,
// ignoring case, diacritics and punctuation; Export writes them in this
// order, then the status and the id.
const (
	ColName         = "Tên đoàn"
	ColUnit         = "Đơn vị"
	ColJurisdiction = "Áp dụng quy định của"
	ColHead         = "Trưởng đoàn"
	ColMembers      = "Thành viên"
	ColCountries    = "Nước đến"
	ColPurpose      = "Mục đích"
	ColDeparture    = "Ngày đi"
	ColReturn       = "Ngày về"
	ColFunding      = "Nguồn kinh phí"
	ColDecision     = "Số quyết định"
	ColDecisionDate = "Ngày quyết định"
	ColReport       = "Số báo cáo"
	ColReportDate   = "Ngày báo cáo"
	ColInPlan       = "Trong kế hoạch"
	ColNotes        = "Ghi chú"
	ColStatus       = "Trạng thái" // optional on import
	ColID           = "Mã"         // optional on import: written by Export
)

// Headers are the default columns, in export order.
func Headers() []string {
	return []string{ColName, ColUnit, ColJurisdiction, ColHead, ColMembers, ColCountries, ColPurpose,
		ColDeparture, ColReturn, ColFunding, ColDecision, ColDecisionDate, ColReport, ColReportDate,
		ColInPlan, ColNotes, ColStatus, ColID}
}

// headerAliases are other headings units use for the same column.
var headerAliases = map[string]string{
	"ten doan ra": ColName, "don vi chu tri": ColUnit, "co quan": ColUnit, "pham vi ap dung": ColJurisdiction,
	"thanh vien doan": ColMembers, "nuoc den cong tac": ColCountries, "muc dich chuyen di": ColPurpose,
	"kinh phi": ColFunding, "so qd": ColDecision, "ngay qd": ColDecisionDate, "so bc": ColReport, "ngay bc": ColReportDate,
	"doan trong ke hoach": ColInPlan, "tt": "", "stt": "", "so tt": "",
}

// ErrSheet is matched by errors about a whole file (unreadable, no header).
var ErrSheet = errors.New("register: unreadable spreadsheet")

// maxSheetRows bounds an import: a unit's register has hundreds of rows, a
// province's some thousands.
const maxSheetRows = 100000

// ReadSheet reads the rows of a spreadsheet: XLSX (the first sheet, cells
// as stored, so a date cell comes as its serial number and is read without
// guessing its display format) or CSV (comma, semicolon or tab separated,
// UTF-8 with or without BOM). name's extension chooses; other names are
// tried as XLSX when they start like a zip file.
func ReadSheet(r io.Reader, name string) ([][]string, error) {
	b, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("register: %s: %w", name, err)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".xlsx" || ext != ".csv" && bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return readXLSX(b, name)
	}
	return ParseCSV(b, name)
}

func readXLSX(b []byte, name string) (rows [][]string, err error) {
	defer func() {
		if p := recover(); p != nil {
			rows, err = nil, fmt.Errorf("%w: %s: %v", ErrSheet, name, p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrSheet, name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: %s: no sheet", ErrSheet, name)
	}
	rows, err = f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrSheet, name, err)
	}
	if len(rows) > maxSheetRows {
		return nil, fmt.Errorf("%w: %s: %d rows, more than %d", ErrSheet, name, len(rows), maxSheetRows)
	}
	return rows, nil
}

// ParseCSV reads CSV rows (see ReadSheet).
func ParseCSV(b []byte, name string) ([][]string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("%w: %s: not UTF-8 text (save the CSV as UTF-8)", ErrSheet, name)
	}
	first := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		first = b[:i]
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	switch {
	case bytes.Count(first, []byte{'\t'}) > bytes.Count(first, []byte{','}):
		cr.Comma = '\t'
	case bytes.Count(first, []byte{';'}) > bytes.Count(first, []byte{','}):
		cr.Comma = ';'
	}
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrSheet, name, err)
		}
		if len(rows) >= maxSheetRows {
			return nil, fmt.Errorf("%w: %s: more than %d rows", ErrSheet, name, maxSheetRows)
		}
		rows = append(rows, rec)
	}
	return rows, nil
}

// ExportRows returns the register's trips matching f as spreadsheet rows,
// the header first (Headers), dates as dd/mm/yyyy.
func (r *Register) ExportRows(f Filter) [][]string {
	f.Sort, f.Limit, f.Offset = "departure", 0, 0
	items, _ := r.List(f)
	rows := [][]string{Headers()}
	for i := len(items) - 1; i >= 0; i-- { // oldest first
		e, err := r.Get(items[i].ID)
		if err != nil {
			continue
		}
		h := e.Head()
		head := h.Name
		if h.Position != "" {
			head += ", " + h.Position
		}
		var names []string
		for _, m := range e.Trip.Members {
			names = append(names, m.Name)
		}
		plan := ""
		if e.InPlan {
			plan = "x"
		}
		funding := e.Funding
		if funding == "" {
			funding = FundingName("", e.Trip.Funding.Source)
			if funding == FundingUnknown {
				funding = ""
			}
		}
		rows = append(rows, []string{e.Trip.Name, e.Unit, e.Trip.Jurisdiction, head, strings.Join(names, "; "),
			strings.Join(e.Countries(), "; "), purposeText(&e), cellDate(e.Trip.Departure), cellDate(e.Trip.Return),
			funding, e.Decision.Number, cellDate(e.Decision.Date), e.Report.Number, cellDate(e.Report.Date),
			plan, e.Notes, string(e.Status), e.ID})
	}
	return rows
}

func cellDate(d corpus.Date) string {
	if d.IsZero() {
		return ""
	}
	return vnDate(d)
}

// WriteCSV writes rows as UTF-8 CSV with a BOM, which spreadsheet programs
// need to read Vietnamese correctly.
func WriteCSV(w io.Writer, rows [][]string) error {
	if _, err := w.Write([]byte("\xef\xbb\xbf")); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	return nil
}

// WriteXLSX writes rows as one sheet "Sổ đoàn ra", header in bold and
// frozen.
func WriteXLSX(w io.Writer, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sổ đoàn ra"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, c := range row {
			if i == 0 {
				cells[j] = excelize.Cell{StyleID: bold, Value: c}
			} else {
				cells[j] = c
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("register: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	return nil
}
