package register

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"vanthu/corpus"
)

// RowError is a row of a spreadsheet that was not imported: its number as
// the spreadsheet shows it (the header is row 1), the column and why.
type RowError struct {
	Row       int    `json:"row"`
	Column    string `json:"column,omitempty"`
	Message   string `json:"message"`    // Vietnamese
	MessageEN string `json:"message_en"` // English
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("register: dòng %d, cột %q: %s (%s)", e.Row, e.Column, e.Message, e.MessageEN)
	}
	return fmt.Sprintf("register: dòng %d: %s (%s)", e.Row, e.Message, e.MessageEN)
}

func (e *RowError) Unwrap() error { return ErrInvalid }

// ImportResult says what an import did with each row.
type ImportResult struct {
	Rows     int        `json:"rows"`     // data rows read (empty rows not counted)
	Imported int        `json:"imported"` // new trips
	Existing int        `json:"existing"` // rows whose trip is already in the register
	Rejected []RowError `json:"rejected"`
	IDs      []string   `json:"ids"` // the trips of the imported and existing rows
}

// ImportOptions configures an import.
type ImportOptions struct {
	Name         string // the file's name, for the history note
	Unit         string // for rows without "Đơn vị"
	Jurisdiction string // for rows without "Áp dụng quy định của"
}

// Import files the rows of a spreadsheet (the header first). Each row is
// imported whole or rejected with its number and reason; a row whose trip
// is already filed (same unit, name, departure and head: NewID) adds
// nothing, so importing the same file again imports 0. The error is for
// the file as a whole (no header) or the store failing.
func (r *Register) Import(ctx context.Context, author string, rows [][]string, opt ImportOptions) (ImportResult, error) {
	res := ImportResult{Rejected: []RowError{}, IDs: []string{}}
	hi, cols, err := findHeader(rows)
	if err != nil {
		return res, err
	}
	seen := map[string]int{}
	today := r.Today()
	for i := hi + 1; i < len(rows); i++ {
		row := rows[i]
		if blank(row) {
			continue
		}
		res.Rows++
		n := i + 1
		e, rerr := r.rowEntry(row, cols, n, opt, today)
		if rerr == nil {
			if err := r.Validate(&e, fmt.Sprintf("dòng %d", n)); err != nil {
				var fe *FieldError
				errors.As(err, &fe)
				rerr = &RowError{Row: n, Column: columnOf(fe.Field), Message: fe.Message, MessageEN: fe.MessageEN}
			}
		}
		if rerr == nil {
			e.ID = NewID(e)
			if first, dup := seen[e.ID]; dup {
				rerr = &RowError{Row: n, Message: fmt.Sprintf("trùng với dòng %d (cùng đơn vị, tên đoàn, ngày đi, trưởng đoàn)", first),
					MessageEN: fmt.Sprintf("same trip as row %d", first)}
			}
		}
		if rerr != nil {
			res.Rejected = append(res.Rejected, *rerr)
			continue
		}
		seen[e.ID] = n
		note := fmt.Sprintf("nhập từ %s, dòng %d", opt.Name, n)
		e.History = []Change{{To: e.Status, On: today, Time: r.now().UTC(), Author: author, Note: note}}
		got, created, err := r.File(ctx, author, e, note)
		if err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				res.Rejected = append(res.Rejected, RowError{Row: n, Column: columnOf(fe.Field), Message: fe.Message, MessageEN: fe.MessageEN})
				continue
			}
			return res, err
		}
		if created {
			res.Imported++
		} else {
			res.Existing++
		}
		res.IDs = append(res.IDs, got.ID)
	}
	return res, nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// findHeader returns the header row (the first row naming "Tên đoàn" and
// "Ngày đi" among the first ten) and the column of each known header.
func findHeader(rows [][]string) (int, map[string]int, error) {
	known := map[string]string{}
	for _, h := range Headers() {
		known[corpus.MatchKey(h)] = h
	}
	for k, v := range headerAliases {
		known[k] = v
	}
	for i := 0; i < len(rows) && i < 10; i++ {
		cols := map[string]int{}
		for j, c := range rows[i] {
			if h, ok := known[corpus.MatchKey(c)]; ok && h != "" {
				if _, dup := cols[h]; !dup {
					cols[h] = j
				}
			}
		}
		if _, ok := cols[ColName]; ok {
			if _, ok := cols[ColDeparture]; ok {
				return i, cols, nil
			}
		}
	}
	return 0, nil, fmt.Errorf("%w: no header row with %q and %q in the first 10 rows (không thấy dòng tiêu đề)", ErrSheet, ColName, ColDeparture)
}

var fieldColumn = map[string]string{
	"trip.name": ColName, "unit": ColUnit, "trip.departure": ColDeparture, "trip.return": ColReturn,
	"trip.members": ColMembers, "report.date": ColReportDate, "decision.date": ColDecisionDate, "status": ColStatus,
}

func columnOf(field string) string {
	if c, ok := fieldColumn[field]; ok {
		return c
	}
	switch {
	case strings.HasPrefix(field, "trip.members"):
		return ColMembers
	case strings.HasPrefix(field, "trip.itinerary"):
		return ColCountries
	}
	return field
}

// rowEntry reads one row; a problem is a *RowError naming the column.
func (r *Register) rowEntry(row []string, cols map[string]int, n int, opt ImportOptions, today corpus.Date) (Entry, *RowError) {
	get := func(c string) string {
		if j, ok := cols[c]; ok && j < len(row) {
			return strings.TrimSpace(corpus.NFC(row[j]))
		}
		return ""
	}
	bad := func(c, vi, en string) *RowError { return &RowError{Row: n, Column: c, Message: vi, MessageEN: en} }
	var e Entry
	e.Trip.Name = get(ColName)
	if e.Trip.Name == "" {
		return e, bad(ColName, "thiếu tên đoàn", "the delegation's name is empty")
	}
	e.Unit = get(ColUnit)
	if e.Unit == "" {
		e.Unit = opt.Unit
	}
	if e.Unit == "" {
		return e, bad(ColUnit, "thiếu đơn vị", "the unit is empty")
	}
	e.Trip.Jurisdiction = get(ColJurisdiction)
	if e.Trip.Jurisdiction == "" {
		e.Trip.Jurisdiction = opt.Jurisdiction
	}
	var err *RowError
	dates := map[string]*corpus.Date{ColDeparture: &e.Trip.Departure, ColReturn: &e.Trip.Return,
		ColDecisionDate: &e.Decision.Date, ColReportDate: &e.Report.Date}
	for _, c := range []string{ColDeparture, ColReturn, ColDecisionDate, ColReportDate} {
		if *dates[c], err = parseCellDate(get(c), c, n); err != nil {
			return e, err
		}
	}
	if e.Trip.Departure.IsZero() {
		return e, bad(ColDeparture, "thiếu ngày đi (dd/mm/yyyy)", "the departure date is empty")
	}
	if e.Trip.Return.IsZero() {
		e.Trip.Return = e.Trip.Departure
	}
	if e.Trip.Return.Before(e.Trip.Departure) {
		return e, bad(ColReturn, fmt.Sprintf("ngày về %s trước ngày đi %s (ngày đi và ngày về bị đảo?)", vnDate(e.Trip.Return), vnDate(e.Trip.Departure)),
			"the return is before the departure (dates reversed?)")
	}
	// Members: the head first, then the others of "Thành viên".
	headName, headPos := splitHead(get(ColHead))
	names, merr := splitList(get(ColMembers))
	if merr >= 0 {
		return e, bad(ColMembers, fmt.Sprintf("thành viên thứ %d không có tên (hai dấu ; liền nhau)", merr+1),
			fmt.Sprintf("member %d has no name", merr+1))
	}
	if headName == "" && len(names) > 0 {
		headName = names[0]
	}
	if headName == "" {
		return e, bad(ColHead, "thiếu trưởng đoàn", "the head of the delegation is empty")
	}
	e.Trip.Members = append(e.Trip.Members, corpus.Member{Name: headName, Position: headPos, Unit: e.Unit, Head: true})
	hk := corpus.MatchKey(headName)
	for _, m := range names {
		if corpus.MatchKey(m) != hk {
			e.Trip.Members = append(e.Trip.Members, corpus.Member{Name: m})
		}
	}
	countries, cerr := splitList(get(ColCountries))
	if cerr >= 0 {
		return e, bad(ColCountries, fmt.Sprintf("nước thứ %d để trống", cerr+1), fmt.Sprintf("country %d is empty", cerr+1))
	}
	seenC := map[string]bool{}
	for _, c := range countries {
		name := Country(c)
		if seenC[name] {
			continue
		}
		seenC[name] = true
		e.Trip.Itinerary = append(e.Trip.Itinerary, corpus.Stop{Country: name})
	}
	e.Trip.Purpose = get(ColPurpose)
	e.Funding = get(ColFunding)
	e.Trip.Funding.Source = FundingCode(e.Funding)
	e.Decision.Number = get(ColDecision)
	e.Report.Number = get(ColReport)
	if e.Report.Number != "" && e.Report.Date.IsZero() {
		return e, bad(ColReportDate, "có số báo cáo nhưng thiếu ngày báo cáo", "a report number without its date")
	}
	if e.Report.Number == "" && !e.Report.Date.IsZero() {
		return e, bad(ColReport, "có ngày báo cáo nhưng thiếu số báo cáo", "a report date without its number")
	}
	switch k := corpus.MatchKey(get(ColInPlan)); k {
	case "":
	case "x", "co", "yes", "1", "true", "trong ke hoach", "v":
		e.InPlan = true
	case "khong", "no", "0", "false", "ngoai ke hoach":
	default:
		return e, bad(ColInPlan, fmt.Sprintf("%q: ghi x nếu trong kế hoạch, để trống nếu không", get(ColInPlan)),
			"write x when in the plan, leave empty otherwise")
	}
	e.Notes = get(ColNotes)
	if s := get(ColStatus); s != "" {
		st, perr := ParseStatus(s)
		if perr != nil {
			return e, bad(ColStatus, fmt.Sprintf("trạng thái %q không có", s), perr.Error())
		}
		e.Status = st
	} else {
		e.Status = derivedStatus(&e, today)
	}
	syncTripReport(&e)
	return e, nil
}

// derivedStatus is the status a row without one has: reported with a
// report, else by its dates (a register lists trips that were decided).
func derivedStatus(e *Entry, today corpus.Date) Status {
	switch {
	case e.Report.Number != "":
		return Reported
	case e.Trip.Return.Before(today):
		return Returned
	case !today.Before(e.Trip.Departure):
		return Travelling
	case e.Decision.Number != "":
		return Approved
	}
	return Planned
}

// splitHead reads "Nguyễn Văn A, Giám đốc Sở" (Phụ lục III: họ tên, chức
// vụ) into name and position.
func splitHead(s string) (string, string) {
	for _, sep := range []string{",", " - ", " – ", "("} {
		if i := strings.Index(s, sep); i > 0 {
			return strings.TrimSpace(s[:i]), strings.Trim(strings.TrimSpace(s[i+len(sep):]), "()")
		}
	}
	return strings.TrimSpace(s), ""
}

// splitList splits on ";" (or newlines) and reports the index of the first
// empty item between two others (-1 when none); a trailing ";" is allowed.
func splitList(s string) ([]string, int) {
	if strings.TrimSpace(s) == "" {
		return nil, -1
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
	var items []string
	for _, p := range parts {
		items = append(items, strings.Split(p, ";")...)
	}
	for len(items) > 0 && strings.TrimSpace(items[len(items)-1]) == "" {
		items = items[:len(items)-1]
	}
	var out []string
	for i, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			return nil, i
		}
		out = append(out, it)
	}
	return out, -1
}

// parseCellDate reads dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy),
// ISO yyyy-mm-dd, and an XLSX date cell's serial number. A date whose second
// part cannot be a month but whose first can (05/13/2026) is a day-month
// ambiguity: the row is rejected rather than guessed.
func parseCellDate(s, col string, row int) (corpus.Date, *RowError) {
	if s == "" {
		return corpus.Date{}, nil
	}
	bad := func(vi, en string) (corpus.Date, *RowError) {
		return corpus.Date{}, &RowError{Row: row, Column: col, Message: vi, MessageEN: en}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// An XLSX date cell: days since 1899-12-30. 3653 is 1910, 110000
		// is 2201: anything else is not a date of this register.
		if f < 3653 || f > 110000 || math.IsNaN(f) {
			return bad(fmt.Sprintf("%q không phải ngày", s), fmt.Sprintf("%q is not a date", s))
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return bad(fmt.Sprintf("%q không phải ngày", s), err.Error())
		}
		return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, nil
	}
	if len(s) >= 10 && s[4] == '-' {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, nil
		}
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	if len(parts) != 3 {
		return bad(fmt.Sprintf("%q: ghi ngày dạng dd/mm/yyyy", s), fmt.Sprintf("%q: want dd/mm/yyyy", s))
	}
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || len(p) > 4 {
			return bad(fmt.Sprintf("%q: ghi ngày dạng dd/mm/yyyy", s), fmt.Sprintf("%q: want dd/mm/yyyy", s))
		}
		v[i] = n
	}
	d, m, y := v[0], v[1], v[2]
	if y < 100 {
		y += 2000
	}
	if m > 12 && d <= 12 {
		return bad(fmt.Sprintf("%q: tháng %d không có; có phải viết kiểu tháng/ngày? Ghi dd/mm/yyyy", s, m),
			fmt.Sprintf("%q: day-month ambiguity (month %d): write dd/mm/yyyy", s, m))
	}
	date, ok := corpus.NewDate(y, m, d)
	if !ok || y < 1900 || y > 2200 {
		return bad(fmt.Sprintf("%q không phải ngày có thật", s), fmt.Sprintf("%q is not a calendar date", s))
	}
	return date, nil
}
