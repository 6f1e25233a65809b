package register

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"vanthu/corpus"
)

// RecordKind is the corpus.Record kind of the register's trips.
const RecordKind = "trip"

// Status is where a trip stands in its lifecycle (see doc.go).
type Status string

// The statuses of a trip.
const (
	Planned    Status = "planned"    // in the annual plan (kế hoạch đoàn ra)
	Proposed   Status = "proposed"   // the request is sent (công văn đề nghị / tờ trình)
	Approved   Status = "approved"   // the decision sending the delegation is signed
	Refused    Status = "refused"    // the competent body said no
	Travelling Status = "travelling" // the delegation has left
	Returned   Status = "returned"   // back in Vietnam; the report is due
	Reported   Status = "reported"   // the report is sent
	Settled    Status = "settled"    // the financial settlement is done
	Postponed  Status = "postponed"  // put off, with a reason
	Cancelled  Status = "cancelled"  // will not take place, with a reason
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{Planned, Proposed, Approved, Refused, Travelling, Returned, Reported, Settled, Postponed, Cancelled}
}

var statusNames = map[Status]string{
	Planned: "trong kế hoạch", Proposed: "đã đề nghị", Approved: "đã có quyết định cử đoàn",
	Refused: "không được duyệt", Travelling: "đang đi công tác", Returned: "đã về nước",
	Reported: "đã báo cáo", Settled: "đã quyết toán", Postponed: "hoãn", Cancelled: "hủy",
}

// Name is the status in Vietnamese, for people.
func (s Status) Name() string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusNames[s]; return ok }

// went reports whether a trip in this status is (or will be) a delegation
// that goes: everything but postponed, cancelled and refused.
func (s Status) went() bool { return s != Postponed && s != Cancelled && s != Refused }

// ParseStatus reads a status by its code ("approved") or its Vietnamese name
// ("đã duyệt", "da bao cao"), ignoring case and diacritics.
func ParseStatus(s string) (Status, error) {
	k := corpus.MatchKey(s)
	for _, st := range Statuses() {
		if k == string(st) || k == corpus.MatchKey(st.Name()) {
			return st, nil
		}
	}
	if st, ok := statusAliases[k]; ok {
		return st, nil
	}
	return "", fmt.Errorf("%w: trạng thái %q không có (unknown status; known: %s)", ErrInvalid, s, statusList())
}

var statusAliases = map[string]Status{
	"ke hoach": Planned, "du kien": Planned, "de nghi": Proposed, "da trinh": Proposed,
	"da duyet": Approved, "duyet": Approved, "da cu doan": Approved, "tu choi": Refused,
	"dang di": Travelling, "da ve": Returned, "ve nuoc": Returned, "bao cao": Reported,
	"quyet toan": Settled, "tam hoan": Postponed, "huy bo": Cancelled, "da huy": Cancelled,
}

func statusList() string {
	var ss []string
	for _, s := range Statuses() {
		ss = append(ss, string(s))
	}
	return strings.Join(ss, ", ")
}

// DocRef is a document of the trip's file: the request, the decision, the
// report or the settlement, by its number, date and (for a decision) the
// body that signed it.
type DocRef struct {
	Number string      `json:"number,omitempty"`
	Date   corpus.Date `json:"date"`
	Body   string      `json:"body,omitempty"` // the approving body of a decision ("UBND tỉnh Quảng Ninh")
}

// IsZero reports whether nothing is known of the document.
func (d DocRef) IsZero() bool { return d.Number == "" && d.Date.IsZero() && d.Body == "" }

// Change is one step of a trip's status history.
type Change struct {
	From   Status      `json:"from,omitempty"` // "" for the first
	To     Status      `json:"to"`
	On     corpus.Date `json:"on"`   // the day it happened (the decision's date, the return...)
	Time   time.Time   `json:"time"` // when it was recorded
	Author string      `json:"author,omitempty"`
	Note   string      `json:"note,omitempty"`
}

// Entry is one trip of the register: the trip file plus what the register
// keeps about it. Its JSON is the record's data; field names are part of the
// contract (`vanthu trips show --json`, the web API).
type Entry struct {
	ID     string `json:"id"`
	Unit   string `json:"unit"` // the owning unit ("Sở Ngoại vụ tỉnh Quảng Ninh")
	Status Status `json:"status"`
	InPlan bool   `json:"in_plan"` // in the approved annual plan (Phụ lục III, cột 9)
	// Funding is the source as the unit writes it ("Ngân sách tỉnh", "Phía
	// bạn chi trả"); Trip.Funding.Source holds the code check uses.
	Funding    string   `json:"funding,omitempty"`
	Request    DocRef   `json:"request"`    // proposed: the request letter
	Decision   DocRef   `json:"decision"`   // approved or refused: the decision
	Report     DocRef   `json:"report"`     // reported: the report (Phụ lục II)
	Settlement DocRef   `json:"settlement"` // settled: the settlement
	Reason     string   `json:"reason,omitempty"`
	Notes      string   `json:"notes,omitempty"`
	Documents  []string `json:"documents,omitempty"` // corpus ids of documents about this trip
	// Estimate is the planned cost in USD for the annual plan (Phụ lục IV);
	// nil when not given.
	Estimate *Estimate   `json:"estimate,omitempty"`
	History  []Change    `json:"history"`
	Trip     corpus.Trip `json:"trip"`
}

// Estimate is a trip's planned cost in the annual plan, in USD (Phụ lục IV,
// columns 7-9).
type Estimate struct {
	Travel  float64 `json:"travel"`  // phương tiện đi lại
	Lodging float64 `json:"lodging"` // tiền ăn, ở
	Other   float64 `json:"other"`   // khác
}

// Total is the sum of the columns (Phụ lục IV, cột 10).
func (e Estimate) Total() float64 { return e.Travel + e.Lodging + e.Other }

// Head returns the head of the delegation: the member marked head, else the
// first.
func (e *Entry) Head() corpus.Member {
	for _, m := range e.Trip.Members {
		if m.Head {
			return m
		}
	}
	if len(e.Trip.Members) > 0 {
		return e.Trip.Members[0]
	}
	return corpus.Member{}
}

// Countries returns the trip's countries in itinerary order, each once, as
// written.
func (e *Entry) Countries() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range e.Trip.Itinerary {
		k := corpus.MatchKey(s.Country)
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, s.Country)
		}
	}
	return out
}

// Errors. Match with errors.Is; the typed errors below carry the trip and
// the field.
var (
	// ErrInvalid: a field is missing or wrong (FieldError).
	ErrInvalid = errors.New("register: invalid trip")
	// ErrTransition: the move is impossible from the trip's status
	// (TransitionError).
	ErrTransition = errors.New("register: impossible status change")
	// ErrNotFound: no trip with that id.
	ErrNotFound = errors.New("register: no such trip")
	// ErrConflict: the trip changed since it was read (corpus.ErrConflict).
	ErrConflict = corpus.ErrConflict
)

// FieldError names the trip (its id, or the row of an import) and the field
// that is missing or wrong, in Vietnamese and English.
type FieldError struct {
	Trip      string `json:"trip"`
	Field     string `json:"field"`
	Message   string `json:"message"`    // Vietnamese
	MessageEN string `json:"message_en"` // English
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("register: trip %s: %s: %s (%s)", e.Trip, e.Field, e.Message, e.MessageEN)
}

func (e *FieldError) Unwrap() error { return ErrInvalid }

func fieldErr(trip, field, vi, en string) *FieldError {
	return &FieldError{Trip: trip, Field: field, Message: vi, MessageEN: en}
}

// TransitionError is a status change the lifecycle does not allow.
type TransitionError struct {
	Trip string `json:"trip"`
	From Status `json:"from"`
	To   Status `json:"to"`
	Why  string `json:"why"` // Vietnamese
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("register: trip %s: status: không chuyển được từ %q sang %q: %s (cannot move from %s to %s)",
		e.Trip, e.From.Name(), e.To.Name(), e.Why, e.From, e.To)
}

func (e *TransitionError) Unwrap() error { return ErrTransition }
