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
	id := e.ID
	on := m.On
	docDate := func() corpus.Date {
		if !m.Date.IsZero() {
			return m.Date
		}
		if !on.IsZero() {
			return on
		}
		return today
	}
	after := func(field string, d, min corpus.Date, vi, en string) error {
		if !min.IsZero() && d.Before(min) {
			return fieldErr(id, field, fmt.Sprintf("ngày %s trước %s (%s)", vnDate(d), vi, vnDate(min)),
				fmt.Sprintf("%s is before %s (%s)", d, en, min))
		}
		return nil
	}
	notFuture := func(field string, d corpus.Date, vi string) error {
		if today.Before(d) {
			return fieldErr(id, field, fmt.Sprintf("ngày %s chưa đến (hôm nay %s): không ghi %s trước", vnDate(d), vnDate(today), vi),
				fmt.Sprintf("%s is after today (%s)", d, today))
		}
		return nil
	}
	switch m.To {
	case Proposed:
		if strings.TrimSpace(m.Number) == "" {
			return fieldErr(id, "request.number", "thiếu số công văn đề nghị", "the request's number is required")
		}
		d := docDate()
		if !e.Trip.Departure.IsZero() && e.Trip.Departure.Before(d) {
			return fieldErr(id, "request.date", fmt.Sprintf("công văn đề nghị ngày %s sau ngày đi %s", vnDate(d), vnDate(e.Trip.Departure)),
				fmt.Sprintf("the request of %s is after the departure %s", d, e.Trip.Departure))
		}
		e.Request = DocRef{Number: strings.TrimSpace(m.Number), Date: d}
		e.Decision, e.Reason = DocRef{}, ""
		on = d
	case Approved:
		if strings.TrimSpace(m.Number) == "" {
			return fieldErr(id, "decision.number", "thiếu số quyết định cử đoàn", "the decision's number is required")
		}
		if strings.TrimSpace(m.Body) == "" {
			return fieldErr(id, "decision.body", "thiếu cơ quan ra quyết định (cấp có thẩm quyền)", "the approving body is required")
		}
		d := docDate()
		if err := after("decision.date", d, e.Request.Date, "ngày công văn đề nghị", "the request"); err != nil {
			return err
		}
		e.Decision = DocRef{Number: strings.TrimSpace(m.Number), Date: d, Body: strings.TrimSpace(m.Body)}
		on = d
	case Refused:
		d := docDate()
		if err := after("decision.date", d, e.Request.Date, "ngày công văn đề nghị", "the request"); err != nil {
			return err
		}
		if strings.TrimSpace(m.Reason) == "" && strings.TrimSpace(m.Number) == "" {
			return fieldErr(id, "reason", "thiếu lý do (hoặc số văn bản) không duyệt", "a reason or the refusal's number is required")
		}
		e.Decision = DocRef{Number: strings.TrimSpace(m.Number), Date: d, Body: strings.TrimSpace(m.Body)}
		e.Reason = strings.TrimSpace(m.Reason)
		on = d
	case Travelling:
		if on.IsZero() {
			on = e.Trip.Departure
		}
		if on.IsZero() {
			return fieldErr(id, "trip.departure", "thiếu ngày đi", "the departure date is required")
		}
		if err := after("trip.departure", on, e.Decision.Date, "ngày quyết định cử đoàn", "the decision"); err != nil {
			return err
		}
		if err := notFuture("trip.departure", on, "đoàn đã đi"); err != nil {
			return err
		}
		e.Trip.Departure = on
	case Returned:
		if on.IsZero() {
			on = e.Trip.Return
		}
		if on.IsZero() {
			return fieldErr(id, "trip.return", "thiếu ngày về", "the return date is required")
		}
		if err := after("trip.return", on, e.Trip.Departure, "ngày đi", "the departure"); err != nil {
			return err
		}
		if err := notFuture("trip.return", on, "đoàn đã về"); err != nil {
			return err
		}
		e.Trip.Return = on
	case Reported:
		if strings.TrimSpace(m.Number) == "" {
			return fieldErr(id, "report.number", "thiếu số báo cáo kết quả chuyến công tác", "the report's number is required")
		}
		d := docDate()
		if err := after("report.date", d, e.Trip.Return, "ngày về", "the return"); err != nil {
			return err
		}
		if err := notFuture("report.date", d, "báo cáo"); err != nil {
			return err
		}
		e.Report = DocRef{Number: strings.TrimSpace(m.Number), Date: d}
		syncTripReport(e)
		on = d
	case Settled:
		d := docDate()
		if err := after("settlement.date", d, e.Trip.Return, "ngày về", "the return"); err != nil {
			return err
		}
		if err := notFuture("settlement.date", d, "quyết toán"); err != nil {
			return err
		}
		e.Settlement = DocRef{Number: strings.TrimSpace(m.Number), Date: d}
		on = d
	case Postponed, Cancelled:
		if strings.TrimSpace(m.Reason) == "" {
			return fieldErr(id, "reason", "hoãn hay hủy phải nêu lý do", "a reason is required to postpone or cancel")
		}
		e.Reason = strings.TrimSpace(m.Reason)
	case Planned:
		e.Reason = ""
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
