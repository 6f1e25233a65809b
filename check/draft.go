package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
)

// DraftNotes is what the rules say about a trip's drafts: who decides and
// issues the decision, the report deadline the decision states, the
// exceptions the proposal must ask for, and the findings to warn about
// before signing.
type DraftNotes struct {
	Decider corpus.Decider `json:"decider"`
	// DeciderFrom says where Decider came from: "trip" (the trip names it),
	// "rules:<id>" (the jurisdiction's rule set), "derived" (the body above
	// the issuer, parent_issuer), or "issuer" (no body above: it decides).
	DeciderFrom string `json:"decider_from"`
	// ReportDeadline is the applicable report-deadline rule; nil when no
	// applicable rule sets one.
	ReportDeadline *Deadline `json:"report_deadline,omitempty"`
	// Exceptions are the broken rules whose exception clause lets the named
	// authority allow the trip: the proposal asks for each.
	Exceptions []ExceptionRequest `json:"exceptions,omitempty"`
	// Failures are the findings that fail or need approval.
	Failures []Finding `json:"failures,omitempty"`
}

// Deadline is a report deadline as a rule states it.
type Deadline struct {
	Days       int      `json:"days"`
	Unit       string   `json:"unit"` // UnitDay or UnitWorkingDay
	Recipients []string `json:"recipients,omitempty"`
	Citation   Citation `json:"citation"`
}

// UnitText is the deadline's unit in Vietnamese: "ngày" or "ngày làm việc".
func (d Deadline) UnitText() string { return unitName(d.Unit) }

// ExceptionRequest is one exception the proposal asks the authority for.
type ExceptionRequest struct {
	Authority string   `json:"authority"`
	Breach    string   `json:"breach"`    // what the trip does beyond the rule, in Vietnamese
	Exception string   `json:"exception"` // the rule's exception clause, as written
	Citation  Citation `json:"citation"`
}

// Draft checks the trip and says what its drafts need (see DraftNotes).
func (c *Checker) Draft(t corpus.Trip, opts Options) (Report, DraftNotes) {
	rep := c.Check(t, opts)
	sets := c.cfg.Rules
	if opts.Rules != nil {
		sets = opts.Rules
	}
	applied := Select(t, sets, opts.CorpusRules)
	n := DraftNotes{}
	n.Decider, n.DeciderFrom = decider(t, sets)
	for _, a := range applied {
		if a.Rule.Kind == corpus.RuleReportDeadline && n.ReportDeadline == nil {
			n.ReportDeadline = &Deadline{Days: int(a.Rule.Limit), Unit: a.Rule.Unit, Recipients: a.Rule.Recipients, Citation: cite(a.Set, a.Rule)}
		}
	}
	for _, f := range rep.Violations() {
		n.Failures = append(n.Failures, f)
		if f.Exception != "" && f.Authority != "" {
			n.Exceptions = append(n.Exceptions, ExceptionRequest{Authority: f.Authority, Breach: f.Breach, Exception: f.Exception, Citation: f.Citation})
		}
	}
	return rep, n
}

// Draft is Checker.Draft with the shipped data, or what opts replaces.
func Draft(t corpus.Trip, opts Options) (Report, DraftNotes) {
	c, err := New(Config{Rules: opts.Rules, HostHolidays: opts.HostHolidays, ExtraDaysOff: opts.ExtraDaysOff})
	if err != nil {
		return Run(t, opts), DraftNotes{DeciderFrom: "issuer"}
	}
	return c.Draft(t, opts)
}

// Decider returns who decides the trip: the trip's own Decider, else the
// one the jurisdiction's rule set names for the trip's style, else the body
// above the issuer (parent_issuer: for a Sở, the provincial People's
// Committee; for a Ban of the Thành ủy, its Standing Board), else the issuer
// itself. The second result says which (see DraftNotes.DeciderFrom).
func Decider(t corpus.Trip, sets []RuleSet) (corpus.Decider, string) {
	return decider(t, sets)
}

func decider(t corpus.Trip, sets []RuleSet) (corpus.Decider, string) {
	if t.Decider != nil && strings.TrimSpace(t.Decider.Issuer) != "" {
		return *t.Decider, "trip"
	}
	style := "state"
	if strings.EqualFold(strings.TrimSpace(t.Style), "party") {
		style = "party"
	}
	for _, rs := range sets {
		if rs.National || !binds(rs, t) {
			continue
		}
		for _, d := range rs.Deciders {
			if d.Style == style {
				return d.Decider, "rules:" + rs.ID
			}
		}
	}
	parent := strings.Join(strings.Fields(strings.ToUpper(corpus.NFC(t.ParentIssuer))), " ")
	if parent == "" {
		return corpus.Decider{Issuer: strings.ToUpper(strings.TrimSpace(t.Issuer)), Name: "", Code: "", Signer: t.Signer}, "issuer"
	}
	d := corpus.Decider{Issuer: parent}
	words := strings.Fields(parent)
	switch {
	case style == "party":
		// "THÀNH ỦY HÀ NỘI": the Standing Board decides, the Thành ủy issues.
		d.Name = "Ban Thường vụ " + nameOf(parent, t.Jurisdiction)
		d.Code = partyCode(words)
		d.Signer = corpus.Signer{Authority: "T/M BAN THƯỜNG VỤ", Title: "PHÓ BÍ THƯ"}
	case words[0] == "UBND" || strings.HasPrefix(parent, "ỦY BAN NHÂN DÂN") || strings.HasPrefix(parent, "UỶ BAN NHÂN DÂN"):
		place := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(parent, "UBND"), "ỦY BAN NHÂN DÂN"), "UỶ BAN NHÂN DÂN")
		place = strings.TrimSpace(place)
		d.Issuer = "ỦY BAN NHÂN DÂN " + place
		d.Name = "Ủy ban nhân dân " + placeName(place)
		d.Code = "UBND"
		d.Signer = corpus.Signer{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH"}
	default:
		d.Name = nameOf(parent, t.Jurisdiction)
		d.Code = initials(words)
		if words[0] == "BỘ" {
			d.Signer = corpus.Signer{Authority: "KT. BỘ TRƯỞNG", Title: "THỨ TRƯỞNG"}
		}
	}
	return d, "derived"
}

// nameOf writes a header in capitals as running text: the trip's
// jurisdiction when it names the same body (it is written by a person, with
// the right capitals), else each word capitalised but "và".
func nameOf(upper, jurisdiction string) string {
	if j := strings.TrimSpace(jurisdiction); j != "" && corpus.MatchKey(j) == corpus.MatchKey(upper) {
		return j
	}
	var out []string
	for i, w := range strings.Fields(strings.ToLower(upper)) {
		if w == "và" && i > 0 {
			out = append(out, w)
			continue
		}
		out = append(out, capFirst(w))
	}
	return strings.Join(out, " ")
}

// placeName writes "TỈNH QUẢNG NINH" as "tỉnh Quảng Ninh", "THÀNH PHỐ HÀ
// NỘI" as "thành phố Hà Nội".
func placeName(p string) string {
	lw := strings.Fields(strings.ToLower(p))
	var out []string
	for i, w := range lw {
		switch {
		case i == 0 && (w == "tỉnh" || w == "huyện" || w == "xã" || w == "phường"):
			out = append(out, w)
		case i == 0 && w == "tp" || i == 0 && w == "tp.":
			out = append(out, "thành phố")
		case i == 0 && w == "thành" && len(lw) > 1 && lw[1] == "phố":
			out = append(out, w)
		case i == 1 && w == "phố" && lw[0] == "thành":
			out = append(out, w)
		default:
			out = append(out, capFirst(w))
		}
	}
	return strings.Join(out, " ")
}

func capFirst(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// initials abbreviates a body's name the usual way: the first letter of each
// word but "và" ("BỘ GIÁO DỤC VÀ ĐÀO TẠO" → "BGDĐT").
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if w == "VÀ" || w == "-" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// partyCode is the code of a Party committee's numbers: "TU" for a Tỉnh ủy
// or Thành ủy, "HU" for a Huyện ủy, else the initials.
func partyCode(words []string) string {
	if len(words) >= 2 {
		switch words[0] + " " + words[1] {
		case "TỈNH ỦY", "THÀNH ỦY", "TỈNH UỶ", "THÀNH UỶ":
			return "TU"
		case "HUYỆN ỦY", "QUẬN ỦY", "HUYỆN UỶ", "QUẬN UỶ":
			return "HU"
		}
	}
	return initials(words)
}
