package check

import "vanthu/corpus"

// Rule kinds beyond the quantitative ones of corpus (corpus.RuleMembersPerDelegation
// and the rest). They are qualitative rules the seeds state; see doc.go.
const (
	RuleFunding      = "funding-source"       // no business-sponsored trips, no foreign loans (4060-CV/BTCTU mục 3)
	RuleProgramme    = "programme-attached"   // a detailed programme goes with the request (4060-CV/BTCTU mục 4)
	RuleSocialMedia  = "social-media"         // no posting of the delegation's activities (4060-CV/BTCTU mục 5)
	RuleRequiredInfo = "required-information" // not approved without the required information (Quảng Ninh 2018, nguyên tắc 6)
	RuleHostHolidays = "host-holidays"        // avoid the host's holidays and elections (UBND TP.HCM 2019)
	RuleBasis        = "basis"                // a text every trip rests on, cited as a reminder (Chỉ thị 38-CT/TW)
)

// Finding statuses. Only StatusFail makes Report.Failed true.
const (
	StatusPass          = "pass"
	StatusInfo          = "info"           // a reminder the check cannot verify (social media, annual plan)
	StatusWarn          = "warn"           // advice broken, or the trip file lacks what the rule needs
	StatusNeedsApproval = "needs-approval" // allowed only in the exceptional case the rule names, with approval
	StatusFail          = "fail"
)

// Units of Rule.Limit.
const (
	UnitPerson     = "person"
	UnitDay        = "day"         // calendar days
	UnitWorkingDay = "working-day" // Monday to Friday, not a public holiday (calendar.go)
	UnitCountry    = "country"
	UnitTripYear   = "trip/year"
	UnitShare      = "share" // a fraction: 0.5 is one half
	UnitDate       = "date"  // a yearly date, Rule.MonthDay
)

// DocRef names the document a rule set comes from.
type DocRef struct {
	Number string      `json:"number" yaml:"number"` // "4060-CV/BTCTU"; "" for documents without a number
	Type   string      `json:"type,omitempty" yaml:"type,omitempty"`
	Title  string      `json:"title,omitempty" yaml:"title,omitempty"`
	Date   corpus.Date `json:"date" yaml:"date"`
	Issuer string      `json:"issuer" yaml:"issuer"`
	// Text says where the quotes were checked against the document's text.
	Text string `json:"text,omitempty" yaml:"text,omitempty"`
	// DocID is the corpus document id, for rule sets made by FromDocuments.
	DocID string `json:"doc_id,omitempty" yaml:"doc_id,omitempty"`
}

// RuleSet is the rules of one document and whom they bind.
type RuleSet struct {
	ID     string `json:"id" yaml:"id"`
	Source DocRef `json:"source" yaml:"source"`
	// Jurisdiction lists names of the places or bodies the document binds
	// ("Hà Nội", "Bộ Giáo dục và Đào tạo"); a trip is bound when its
	// jurisdiction contains one of them (accents, case and punctuation ignored).
	Jurisdiction []string `json:"jurisdiction,omitempty" yaml:"jurisdiction,omitempty"`
	// National rule sets bind every trip, whatever its jurisdiction.
	National  bool        `json:"national,omitempty" yaml:"national,omitempty"`
	ValidFrom corpus.Date `json:"valid_from" yaml:"valid_from"` // zero: no lower bound
	ValidTo   corpus.Date `json:"valid_to" yaml:"valid_to"`     // zero: still in force
	// Origin is "shipped" for the embedded default set, "corpus" for rule sets
	// drawn from ingested documents.
	Origin string `json:"origin" yaml:"-"`
	Rules  []Rule `json:"rules" yaml:"rules"`
	// Deciders are who decides the trips of this jurisdiction, one per style
	// ("state", "party"): the drafts' defaults when a trip names none.
	Deciders []StyleDecider `json:"deciders,omitempty" yaml:"deciders,omitempty"`
}

// StyleDecider is the deciding body for trips of one style.
type StyleDecider struct {
	Style          string `json:"style" yaml:"style"` // "state" or "party"
	corpus.Decider `yaml:",inline"`
}

// Rule is one rule of a document, with the sentence it comes from.
type Rule struct {
	Kind     string  `json:"kind" yaml:"kind"`
	Limit    float64 `json:"limit" yaml:"limit"`
	Unit     string  `json:"unit" yaml:"unit"`
	MonthDay string  `json:"month_day,omitempty" yaml:"month_day,omitempty"` // UnitDate: "10-05" is 5 October
	Scope    Scope   `json:"scope" yaml:"scope"`
	// Severity of a breach: StatusFail (default), StatusWarn or StatusInfo.
	Severity string `json:"severity,omitempty" yaml:"severity,omitempty"`
	// ExceptionLimit is the ceiling of the exceptional case the rule allows
	// itself ("không quá 05 ngày" for large events, TT 25/2025 Điều 6.2.c):
	// between Limit and ExceptionLimit the finding is StatusNeedsApproval.
	ExceptionLimit float64 `json:"exception_limit,omitempty" yaml:"exception_limit,omitempty"`
	// Forbidden lists funding sources the rule excludes (RuleFunding).
	Forbidden []string `json:"forbidden,omitempty" yaml:"forbidden,omitempty"`
	// Recipients are the bodies a report goes to (RuleReportDeadline).
	Recipients []string `json:"recipients,omitempty" yaml:"recipients,omitempty"`
	Item       string   `json:"item" yaml:"item"`   // "mục 1", "Điều 6 khoản 2 điểm b"
	Quote      string   `json:"quote" yaml:"quote"` // the sentence, exactly as written
	// Exception is the clause allowing the limit to be exceeded with approval,
	// as written; Authority is who may approve it.
	Exception string `json:"exception,omitempty" yaml:"exception,omitempty"`
	Authority string `json:"authority,omitempty" yaml:"authority,omitempty"`
}

// Scope narrows whom a rule binds.
type Scope struct {
	// HeadRanks: the rule applies only when the head's rank is one of these
	// (Đà Nẵng 101/UBND-SNV: 10, 7 or 5 members by who leads).
	HeadRanks []string `json:"head_ranks,omitempty" yaml:"head_ranks,omitempty"`
	// Members says whom a per-person rule counts: "all", "key-leader"
	// (cán bộ chủ chốt) or "leadership" (lãnh đạo đơn vị, member of the
	// leadership collective). Default "all".
	Members string `json:"members,omitempty" yaml:"members,omitempty"`
	Text    string `json:"text,omitempty" yaml:"text,omitempty"` // who it binds, as stated
}

// Citation is where a finding's rule comes from.
type Citation struct {
	Type   string      `json:"type,omitempty"` // the document's type: "Công văn", "Thông tư"
	Number string      `json:"number"`
	Date   corpus.Date `json:"date"`
	Issuer string      `json:"issuer"`
	Item   string      `json:"item,omitempty"`
	Quote  string      `json:"quote"`
	DocID  string      `json:"doc_id,omitempty"`
	Origin string      `json:"origin"` // "shipped" or "corpus"
}

// Finding is the outcome of one rule for one trip.
type Finding struct {
	RuleKind  string      `json:"rule_kind"`
	Status    string      `json:"status"`
	Message   string      `json:"message"`    // Vietnamese, with the numbers
	MessageEN string      `json:"message_en"` // English
	Value     float64     `json:"value"`      // what the trip has (members, days, ...)
	Limit     float64     `json:"limit"`
	Unit      string      `json:"unit"`
	Due       corpus.Date `json:"due"` // deadlines: the date computed; zero otherwise
	Citation  Citation    `json:"citation"`
	Authority string      `json:"authority,omitempty"` // who may approve an exception
	// Exception is the rule's exception clause, as written, when the
	// finding breaks a rule that has one; Breach is the message without
	// the sentence naming the authority (for the proposal's request).
	Exception string `json:"exception,omitempty"`
	Breach    string `json:"breach,omitempty"`
}

// Report is the result of checking one trip.
type Report struct {
	Trip         string      `json:"trip"`
	Jurisdiction string      `json:"jurisdiction"`
	Today        corpus.Date `json:"today"`
	Status       string      `json:"status"`  // the worst finding: fail, needs-approval, warn, else pass
	Sources      []string    `json:"sources"` // the rule sets applied: "4060-CV/BTCTU (31/05/2019)"
	// OwnRules is true when a rule set of the trip's own jurisdiction
	// applied, not only the national layer; without one Notice says so and
	// the CLI exits 3.
	OwnRules bool      `json:"own_rules"`
	Notice   string    `json:"notice,omitempty"`
	Findings []Finding `json:"findings"`
}

// Failed reports whether any rule failed (the CLI exits 1).
func (r Report) Failed() bool {
	for _, f := range r.Findings {
		if f.Status == StatusFail {
			return true
		}
	}
	return false
}

// Violations returns the findings that fail or need approval.
func (r Report) Violations() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Status == StatusFail || f.Status == StatusNeedsApproval {
			out = append(out, f)
		}
	}
	return out
}
