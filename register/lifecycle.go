package register

import (
	"fmt"
	"strings"

	"vanthu/corpus"
)

// next lists, for each status, the statuses a trip may move to.
var next = map[Status][]Status{
	Planned:    {Proposed, Postponed, Cancelled},
	Proposed:   {Approved, Refused, Postponed, Cancelled},
	Approved:   {Travelling, Postponed, Cancelled},
	Refused:    {Proposed, Postponed, Cancelled},
	Travelling: {Returned},
	Returned:   {Reported},
	Reported:   {Settled},
	Settled:    {},
	Postponed:  {Planned, Proposed, Cancelled},
	Cancelled:  {},
}

// NextStatuses returns the statuses a trip in status s may move to.
func NextStatuses(s Status) []Status { return append([]Status(nil), next[s]...) }

func allowed(from, to Status) bool {
	for _, s := range next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// order ranks the main line of the lifecycle, to explain refusals.
var order = map[Status]int{Planned: 0, Proposed: 1, Approved: 2, Travelling: 3, Returned: 4, Reported: 5, Settled: 6}

// Move is a status change with what it needs (see doc.go).
type Move struct {
	To Status `json:"to"`
	// On is the day it happened: for travelling and returned the actual
	// departure and return (zero: the trip's dates), otherwise the default
	// date of the document (zero: today).
	On     corpus.Date `json:"on"`
	Number string      `json:"number,omitempty"` // the request's, decision's, report's or settlement's number
	Date   corpus.Date `json:"date"`             // that document's date; zero: On
	Body   string      `json:"body,omitempty"`   // approved: the approving body
	Reason string      `json:"reason,omitempty"` // postponed, cancelled, refused
	Note   string      `json:"note,omitempty"`   // what the version's note says
}

func transitionErr(e *Entry, to Status) *TransitionError {
	from := e.Status
	te := &TransitionError{Trip: e.ID, From: from, To: to}
	switch {
	case !to.Valid():
		te.Why = fmt.Sprintf("trạng thái %q không có (known: %s)", to, statusList())
	case from == to:
		te.Why = "chuyến đi đã ở trạng thái này"
	case from == Cancelled || from == Settled:
		te.Why = "hồ sơ chuyến đi đã đóng"
	case (to == Postponed || to == Cancelled) && order[from] >= order[Travelling]:
		te.Why = "đoàn đã đi: không hoãn hay hủy được nữa, chỉ còn báo cáo và quyết toán"
	case order[to] > order[from]+1 && from != Refused && from != Postponed:
		te.Why = fmt.Sprintf("phải qua bước %q trước", NextStatuses(from)[0].Name())
	case from == Refused:
		te.Why = "đề nghị đã bị từ chối: chỉ đề nghị lại, hoãn hoặc hủy"
	case from == Postponed:
		te.Why = "chuyến đi đang hoãn: đưa lại vào kế hoạch, đề nghị lại hoặc hủy"
	default:
		te.Why = "không lùi lại bước trước"
	}
	var ns []string
	for _, s := range next[from] {
		ns = append(ns, string(s))
	}
	if len(ns) > 0 {
		te.Why += "; bước tiếp theo được phép: " + strings.Join(ns, ", ")
	}
	return te
}

// apply makes the move on e (a private copy), checking that it is allowed
// and that its fields make sense. today is the clock's date.
func apply(e *Entry, m Move, today corpus.Date, ch Change) error {
	if !allowed(e.Status, m.To) {
		return transitionErr(e, m.To)
	}
	mv := mover{e: e, m: m, today: today}
	steps := map[Status]func() (corpus.Date, error){
		Proposed: mv.propose, Approved: mv.approve, Refused: mv.refuse,
		Travelling: mv.depart, Returned: mv.comeBack, Reported: mv.report,
		Settled: mv.settle, Postponed: mv.halt, Cancelled: mv.halt, Planned: mv.replan,
	}
	on := m.On
	if step := steps[m.To]; step != nil {
		var err error
		if on, err = step(); err != nil {
			return err
		}
	}
	if on.IsZero() {
		on = today
	}
	ch.From, ch.To, ch.On = e.Status, m.To, on
	if ch.Note == "" {
		ch.Note = m.Note
	}
	if ch.Note == "" {
		ch.Note = m.Reason
	}
	e.Status = m.To
	e.History = append(e.History, ch)
	return nil
}

// mover applies one move to an entry: one method per target status checks
// the move's fields, updates the entry and returns the date the change took
// place (zero: today).
type mover struct {
	e     *Entry
	m     Move
	today corpus.Date
}

// docDate is the date of the move's document: as given, else the day of
// the move, else today.
func (mv mover) docDate() corpus.Date {
	if !mv.m.Date.IsZero() {
		return mv.m.Date
	}
	if !mv.m.On.IsZero() {
		return mv.m.On
	}
	return mv.today
}

// after refuses d before min (when min is known).
func (mv mover) after(field string, d, min corpus.Date, vi, en string) error {
	if !min.IsZero() && d.Before(min) {
		return fieldErr(mv.e.ID, field, fmt.Sprintf("ngày %s trước %s (%s)", vnDate(d), vi, vnDate(min)),
			fmt.Sprintf("%s is before %s (%s)", d, en, min))
	}
	return nil
}

// notFuture refuses recording as done what is dated after today.
func (mv mover) notFuture(field string, d corpus.Date, vi string) error {
	if mv.today.Before(d) {
		return fieldErr(mv.e.ID, field, fmt.Sprintf("ngày %s chưa đến (hôm nay %s): không ghi %s trước", vnDate(d), vnDate(mv.today), vi),
			fmt.Sprintf("%s is after today (%s)", d, mv.today))
	}
	return nil
}

func (mv mover) propose() (corpus.Date, error) {
	e, m := mv.e, mv.m
	if strings.TrimSpace(m.Number) == "" {
		return corpus.Date{}, fieldErr(e.ID, "request.number", "thiếu số công văn đề nghị", "the request's number is required")
	}
	d := mv.docDate()
	if !e.Trip.Departure.IsZero() && e.Trip.Departure.Before(d) {
		return corpus.Date{}, fieldErr(e.ID, "request.date", fmt.Sprintf("công văn đề nghị ngày %s sau ngày đi %s", vnDate(d), vnDate(e.Trip.Departure)),
			fmt.Sprintf("the request of %s is after the departure %s", d, e.Trip.Departure))
	}
	e.Request = DocRef{Number: strings.TrimSpace(m.Number), Date: d}
	e.Decision, e.Reason = DocRef{}, ""
	return d, nil
}

func (mv mover) approve() (corpus.Date, error) {
	e, m := mv.e, mv.m
	if strings.TrimSpace(m.Number) == "" {
		return corpus.Date{}, fieldErr(e.ID, "decision.number", "thiếu số quyết định cử đoàn", "the decision's number is required")
	}
	if strings.TrimSpace(m.Body) == "" {
		return corpus.Date{}, fieldErr(e.ID, "decision.body", "thiếu cơ quan ra quyết định (cấp có thẩm quyền)", "the approving body is required")
	}
	d := mv.docDate()
	if err := mv.after("decision.date", d, e.Request.Date, "ngày công văn đề nghị", "the request"); err != nil {
		return corpus.Date{}, err
	}
	e.Decision = DocRef{Number: strings.TrimSpace(m.Number), Date: d, Body: strings.TrimSpace(m.Body)}
	return d, nil
}

func (mv mover) refuse() (corpus.Date, error) {
	e, m := mv.e, mv.m
	d := mv.docDate()
	if err := mv.after("decision.date", d, e.Request.Date, "ngày công văn đề nghị", "the request"); err != nil {
		return corpus.Date{}, err
	}
	if strings.TrimSpace(m.Reason) == "" && strings.TrimSpace(m.Number) == "" {
		return corpus.Date{}, fieldErr(e.ID, "reason", "thiếu lý do (hoặc số văn bản) không duyệt", "a reason or the refusal's number is required")
	}
	e.Decision = DocRef{Number: strings.TrimSpace(m.Number), Date: d, Body: strings.TrimSpace(m.Body)}
	e.Reason = strings.TrimSpace(m.Reason)
	return d, nil
}

func (mv mover) depart() (corpus.Date, error) {
	e, on := mv.e, mv.m.On
	if on.IsZero() {
		on = e.Trip.Departure
	}
	if on.IsZero() {
		return corpus.Date{}, fieldErr(e.ID, "trip.departure", "thiếu ngày đi", "the departure date is required")
	}
	if err := mv.after("trip.departure", on, e.Decision.Date, "ngày quyết định cử đoàn", "the decision"); err != nil {
		return corpus.Date{}, err
	}
	if err := mv.notFuture("trip.departure", on, "đoàn đã đi"); err != nil {
		return corpus.Date{}, err
	}
	e.Trip.Departure = on
	return on, nil
}

func (mv mover) comeBack() (corpus.Date, error) {
	e, on := mv.e, mv.m.On
	if on.IsZero() {
		on = e.Trip.Return
	}
	if on.IsZero() {
		return corpus.Date{}, fieldErr(e.ID, "trip.return", "thiếu ngày về", "the return date is required")
	}
	if err := mv.after("trip.return", on, e.Trip.Departure, "ngày đi", "the departure"); err != nil {
		return corpus.Date{}, err
	}
	if err := mv.notFuture("trip.return", on, "đoàn đã về"); err != nil {
		return corpus.Date{}, err
	}
	e.Trip.Return = on
	return on, nil
}

func (mv mover) report() (corpus.Date, error) {
	e, m := mv.e, mv.m
	if strings.TrimSpace(m.Number) == "" {
		return corpus.Date{}, fieldErr(e.ID, "report.number", "thiếu số báo cáo kết quả chuyến công tác", "the report's number is required")
	}
	d := mv.docDate()
	if err := mv.after("report.date", d, e.Trip.Return, "ngày về", "the return"); err != nil {
		return corpus.Date{}, err
	}
	if err := mv.notFuture("report.date", d, "báo cáo"); err != nil {
		return corpus.Date{}, err
	}
	e.Report = DocRef{Number: strings.TrimSpace(m.Number), Date: d}
	syncTripReport(e)
	return d, nil
}

func (mv mover) settle() (corpus.Date, error) {
	e := mv.e
	d := mv.docDate()
	if err := mv.after("settlement.date", d, e.Trip.Return, "ngày về", "the return"); err != nil {
		return corpus.Date{}, err
	}
	if err := mv.notFuture("settlement.date", d, "quyết toán"); err != nil {
		return corpus.Date{}, err
	}
	e.Settlement = DocRef{Number: strings.TrimSpace(mv.m.Number), Date: d}
	return d, nil
}

// halt postpones or cancels.
func (mv mover) halt() (corpus.Date, error) {
	if strings.TrimSpace(mv.m.Reason) == "" {
		return corpus.Date{}, fieldErr(mv.e.ID, "reason", "hoãn hay hủy phải nêu lý do", "a reason is required to postpone or cancel")
	}
	mv.e.Reason = strings.TrimSpace(mv.m.Reason)
	return mv.m.On, nil
}

func (mv mover) replan() (corpus.Date, error) {
	mv.e.Reason = ""
	return mv.m.On, nil
}

// syncTripReport keeps the trip file's report date (what check reads) in
// step with the register's.
func syncTripReport(e *Entry) {
	if e.Report.Date.IsZero() {
		return
	}
	if e.Trip.Report == nil {
		e.Trip.Report = &corpus.TripReport{}
	}
	e.Trip.Report.Date = e.Report.Date
	if e.Trip.Report.Decision == "" && e.Decision.Number != "" {
		e.Trip.Report.Decision = e.Decision.Number
		e.Trip.Report.DecisionDate = e.Decision.Date
	}
}

// vnDate writes 31/05/2019.
func vnDate(d corpus.Date) string {
	if d.IsZero() {
		return "?"
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}
