package check

import (
	"fmt"
	"strings"

	"vanthu/corpus"
)

// FromDocuments turns the rules extracted from ingested documents
// (corpus.Document.Rules) into rule sets, one per document that has rules,
// each citing the document's number, date and issuer and each rule's quote.
// Rules whose kind check does not know, or whose numbers make no sense, are
// dropped. See doc.go for how Run weighs them against the shipped set.
func FromDocuments(docs []corpus.Document) []RuleSet {
	var out []RuleSet
	for _, d := range docs {
		if len(d.Rules) == 0 {
			continue
		}
		issuer := strings.TrimSpace(strings.Join(nonEmpty(d.Issuer, d.ParentIssuer), ", "))
		rs := RuleSet{
			ID:     "doc:" + d.ID,
			Origin: "corpus",
			Source: DocRef{Number: d.Number, Type: d.TypeName, Title: d.Title, Date: d.Date, Issuer: issuer,
				DocID: d.ID, Text: d.Source.Source},
		}
		if rs.Source.Issuer == "" {
			rs.Source.Issuer = d.Label()
		}
		rs.National, rs.Jurisdiction = jurisdictionOf(d)
		for _, r := range d.Rules {
			if cr, ok := fromCorpusRule(r); ok {
				rs.Rules = append(rs.Rules, cr)
			}
		}
		if len(rs.Rules) > 0 && rs.Validate() == nil {
			out = append(out, rs)
		}
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// National bodies whose rules on delegations bind every trip: the Politburo
// and Secretariat (Chỉ thị 38-CT/TW), the Government and Prime Minister, the
// National Assembly. Accent-free, lower case.
var nationalIssuers = []string{"bo chinh tri", "ban bi thu", "ban chap hanh trung uong", "chinh phu",
	"thu tuong", "quoc hoi", "trung uong"}

// Words naming the kind of body before the place ("UBND tỉnh Quảng Ninh" →
// "quang ninh"), accent-free, longest first.
var bodyWords = []string{"uy ban nhan dan", "hoi dong nhan dan", "ban thuong vu", "thuong truc", "thanh uy",
	"tinh uy", "thanh pho", "ubnd", "hdnd", "tinh", "tp"}

// jurisdictionOf says whom a document's rules bind: every trip for national
// bodies; else the place its parent body (or itself) governs, or the body's
// own name (a ministry binds its units, Thông tư 25/2025/TT-BGDĐT Điều 3).
func jurisdictionOf(d corpus.Document) (bool, []string) {
	all := corpus.MatchKey(d.ParentIssuer + " " + d.Issuer)
	if n, ok := corpus.ParseNumber(d.Number); ok && (n.Issuer == "TW" || n.Issuer == "CP" || strings.HasSuffix(n.Issuer, "TTg")) {
		return true, nil
	}
	for _, w := range nationalIssuers {
		if strings.HasPrefix(all, w) {
			return true, nil
		}
	}
	body := d.ParentIssuer
	if strings.TrimSpace(body) == "" {
		body = d.Issuer
	}
	k := corpus.MatchKey(body)
	for changed := true; changed; {
		changed = false
		for _, w := range bodyWords {
			if strings.HasPrefix(k, w+" ") {
				k = strings.TrimPrefix(k, w+" ")
				changed = true
			}
		}
	}
	if k == "" {
		return false, nil
	}
	return false, []string{k}
}

func fromCorpusRule(r corpus.Rule) (Rule, bool) {
	out := Rule{Kind: r.Kind, Limit: r.Limit, Unit: r.Unit, Quote: r.Quote, Exception: r.Exception,
		Scope: Scope{Text: vietScope(r.Scope)}}
	if r.Exception != "" {
		// The body the clause names; a generic "cấp có thẩm quyền" is named
		// from the document at check time (authority in eval.go).
		out.Authority = namedAuthority(r.Exception)
	}
	scope := corpus.MatchKey(r.Scope + " " + r.Quote)
	switch r.Kind {
	case corpus.RuleLeadershipShare:
		out.Unit = UnitShare
		out.Scope.Members = "leadership"
	case corpus.RuleAnnualPlanDeadline:
		// ingest/meta encodes "trước ngày 5/10 hằng năm" as 1005, unit "date".
		m, d := int(r.Limit)/100, int(r.Limit)%100
		out.MonthDay = fmt.Sprintf("%02d-%02d", m, d)
		out.Limit = 0
		out.Severity = StatusInfo
	case corpus.RuleTripsPerYear, corpus.RuleKeyOfficials:
		switch {
		case strings.Contains(scope, "chu chot") || strings.Contains(scope, "key"):
			out.Scope.Members = "key-leader"
		case strings.Contains(scope, "lanh dao") || strings.Contains(scope, "leader"):
			out.Scope.Members = "leadership"
		default:
			out.Scope.Members = "all"
		}
	case corpus.RuleMembersPerDelegation, corpus.RuleDaysPerCountry, corpus.RuleCountriesPerTrip,
		corpus.RuleReportDeadline, corpus.RuleDossierLeadTime:
	default:
		return Rule{}, false
	}
	if _, err := out.validate(); err != nil {
		return Rule{}, false
	}
	return out, true
}

// scopeWords turns the short English scope phrases of ingest/meta into the
// Vietnamese a finding shows; phrases the finding already says ("người/đoàn")
// become nothing. Unknown English is dropped rather than shown.
var scopeWords = []struct{ en, vi string }{
	{"key officials of one body in one delegation", "cán bộ chủ chốt của một cơ quan, đơn vị trong cùng một đoàn"},
	{"per country, not counting travel", "chưa kể thời gian đi và về"},
	{"per delegation", ""},
	{"per country", ""},
	{"per trip", ""},
	{"key leaders", "lãnh đạo chủ chốt"},
	{"leaders", "lãnh đạo"},
}

func vietScope(s string) string {
	s = strings.TrimSpace(s)
	head := ""
	if i := strings.Index(s, "headed by "); i >= 0 {
		head = "đoàn do " + strings.TrimSpace(s[i+len("headed by "):]) + " làm trưởng đoàn"
		s = strings.TrimSpace(s[:i])
	}
	out := ""
	matched := s == ""
	for _, w := range scopeWords {
		if s == w.en {
			out, matched = w.vi, true
			break
		}
	}
	if !matched && !isASCII(s) {
		out = s // already Vietnamese
	}
	switch {
	case out == "":
		return head
	case head == "":
		return out
	}
	return out + ", " + head
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// namedAuthority finds the body an exception clause names ("xin ý kiến
// Thường trực Thành ủy quyết định" → "Thường trực Thành ủy"); "" when it
// names only "cấp có thẩm quyền" or nothing recognisable.
func namedAuthority(clause string) string {
	low := strings.ToLower(clause)
	for _, lead := range []string{"xin ý kiến ", "trình ", "báo cáo "} {
		i := strings.Index(low, lead)
		if i < 0 {
			continue
		}
		rest := clause[i+len(lead):]
		lr := strings.ToLower(rest)
		end := len(rest)
		for _, stop := range []string{" xem xét", " quyết định", " cho phép", ",", ".", ";", ")"} {
			if j := strings.Index(lr, stop); j >= 0 && j < end {
				end = j
			}
		}
		name := strings.TrimSpace(rest[:end])
		if name == "" || strings.EqualFold(name, "cấp có thẩm quyền") {
			return ""
		}
		return name
	}
	return ""
}
