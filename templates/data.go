package templates

import "time"

// Data is what every body template executes against: one trip, already turned
// into display values by the caller (package generate), so that the templates
// hold wording only. Dates are time.Time (zero when absent) and are formatted
// in the templates with the functions listed in funcs.go.
type Data struct {
	Kind  string // "proposal", "decision", "report"
	Style string // "state" (Nghị định 30/2020/NĐ-CP) or "party" (Hướng dẫn 36-HD/VPTW)
	Party bool   // Style == "party"

	ParentIssuer string // "UBND TỈNH QUẢNG NINH"
	Issuer       string // "SỞ NGOẠI VỤ"
	IssuerName   string // the issuer as running text: "Sở Ngoại vụ tỉnh Quảng Ninh"
	Jurisdiction string // "UBND tỉnh Quảng Ninh"
	// Competence is the "thẩm quyền ban hành" line of a decision:
	// "GIÁM ĐỐC SỞ NGOẠI VỤ", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH".
	Competence string

	Number   string    // the number as printed after "Số:" ("05/SNgV-LS"; blank number: "      /SNgV-LS")
	TypeCode string    // "TTr", "QĐ", "BC"; "" for a công văn
	Place    string    // "Hạ Long"
	Date     time.Time // date of this document

	Name      string // "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh"
	Nature    string // "làm việc"
	Purpose   string
	Members   []Member
	Stops     []Stop
	Sessions  []Session // every session of every stop, in order
	Countries []string  // in itinerary order, without repeats
	Departure time.Time
	Return    time.Time
	Days      int // calendar days from departure to return, both included

	Funding           Funding
	Invitation        string
	Contact           string
	ProgrammeAttached bool

	Recipients []string // Kính gửi
	CC         []string // Nơi nhận, without "Như trên" and "Lưu"
	Archive    string   // "VT, NV" part of "Lưu: VT, NV."
	Signer     Signer

	Report *Report // nil before the trip

	// Decider is the body that decides the trip and issues the decision;
	// SelfDecided is true when that is the issuer itself (no body above).
	Decider     Decider
	SelfDecided bool
	// Proposer is who proposes the trip, as running text ("Giám đốc Sở
	// Ngoại vụ tỉnh Quảng Ninh"); Proposal names the proposal as the
	// decision cites it ("Công văn số 215/SNgV-LS ngày 06/4/2026").
	Proposer string
	Proposal string
	// ReportDeadline is the applicable rule's deadline for the report after
	// the trip; nil when no applicable rule sets one.
	ReportDeadline *Deadline
	// Exceptions are the rules the trip goes beyond that allow an exception
	// with approval: the proposal asks the named authority for each.
	Exceptions []Exception
}

// Decider is the deciding body of a trip.
type Decider struct {
	ParentIssuer string // header line above the body ("" for most)
	Issuer       string // "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"
	Name         string // "Ủy ban nhân dân tỉnh Quảng Ninh"
	Signer       Signer
}

// Deadline is a report deadline as the applicable rule states it.
type Deadline struct {
	Days       int
	Unit       string   // "ngày" or "ngày làm việc"
	Recipients []string // to whom the report goes, as the rule says
	Source     string   // the rule, as cited: "mục 6 Công văn số 4060-CV/BTCTU ngày 31/5/2019 của Ban Tổ chức Thành ủy Hà Nội"
}

// Exception is one exception the proposal asks for.
type Exception struct {
	Authority string // who may allow it
	Breach    string // what the trip does beyond the rule
	Clause    string // the rule's exception clause, as written
	Source    string // the rule, as cited
}

// Member of the delegation.
type Member struct {
	Name       string
	Position   string
	Unit       string
	Head       bool
	KeyLeader  bool
	TripNumber int // which trip abroad this year this one is for the member (1 = first)
}

// Stop is the part of the trip spent in one country.
type Stop struct {
	Country  string
	City     string
	Partner  string
	From     time.Time
	To       time.Time
	Days     int // working days there, From..To inclusive
	Sessions []Session
}

// Session is one working session of the programme.
type Session struct {
	Date    time.Time
	Time    string
	Country string
	City    string
	Place   string
	Partner string
	Content string
	Done    string // after the trip: what was carried out
}

// Funding says who pays.
type Funding struct {
	Source     string // "state-budget", "unit", "host", ...
	SourceText string // the same in Vietnamese: "ngân sách nhà nước"
	Note       string
	Items      []Cost
	Planned    float64 // sum of Items' Planned, VND
	Actual     float64 // sum of Items' Actual, VND
	// Settled is true when every item has its actual cost: only then is
	// Actual the trip's cost and comparable with Planned. Until then the
	// report says "chưa quyết toán", never 0 đồng.
	Settled bool
}

// Cost is one cost line.
type Cost struct {
	Item    string
	Payer   string
	Planned float64
	Actual  float64 // 0 when not yet known
}

// Signer is the signature block: Authority is the first line when the signer
// signs for someone else ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "T/M BAN
// THƯỜNG VỤ"), Title the signer's own title, Name the name.
type Signer struct {
	Authority string
	Title     string
	Name      string
}

// Report is what the post-trip report states.
type Report struct {
	Date         time.Time
	Decision     string // the decision that sent the delegation, as cited: "Quyết định số 125/QĐ-SNgV ngày 20/02/2026"
	DecisionDate time.Time
	Results      []string
	Commitments  []string
	Lessons      []string
	Proposals    []string
}
