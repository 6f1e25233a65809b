package generate

import (
	"strings"

	"vanthu/corpus"
	"vanthu/templates"
)

// Notes is what the rules say about a trip's drafts, which the caller takes
// from the rules check (package check, Draft): generate does not read rules
// itself. The zero Notes drafts without them: no report deadline is stated
// and no exception asked for.
type Notes struct {
	// ReportDeadline is the applicable rule's deadline for the report after
	// the trip; nil: the decision asks for the report "theo quy định".
	ReportDeadline *Deadline
	// Exceptions are the rules the trip goes beyond whose exception clause
	// lets an authority allow it: the proposal asks for each.
	Exceptions []Exception
}

// Deadline is a report deadline: Days in calendar days, or working days.
type Deadline struct {
	Days        int
	WorkingDays bool
	Recipients  []string
	Source      string // the rule as cited ("mục 6 Công văn số 4060-CV/BTCTU ...")
}

// Exception is one exception to ask for.
type Exception struct {
	Authority string
	Breach    string // "Đoàn có 9 thành viên, vượt mức tối đa 7 người/đoàn"
	Clause    string // the rule's exception clause, as written
	Source    string
}

// applyNotes puts the rules' notes and the deciding body into the template
// data. The decision is issued by the decider (trip.Decider, else the
// issuer itself), cites the proposal and states the deadline.
func applyNotes(d *templates.Data, kind string, t *corpus.Trip, n Notes) {
	d.Proposal = proposalName(t, d.Party)
	d.Proposer = clean(t.Proposer)
	if d.Proposer == "" {
		d.Proposer = proposerOf(t, d.IssuerName)
	}
	if t.Decider != nil && strings.TrimSpace(t.Decider.Issuer) != "" && !sameBody(t.Decider.Issuer, t.Issuer, t.ParentIssuer) {
		dc := t.Decider
		d.Decider = templates.Decider{ParentIssuer: upper(dc.ParentIssuer), Issuer: upper(dc.Issuer), Name: clean(dc.Name),
			Signer: templates.Signer{Authority: upper(dc.Signer.Authority), Title: upper(dc.Signer.Title), Name: clean(dc.Signer.Name)}}
		if d.Decider.Name == "" {
			d.Decider.Name = d.Decider.Issuer
		}
		if kind == "decision" {
			d.ParentIssuer, d.Issuer = d.Decider.ParentIssuer, d.Decider.Issuer
			d.Signer = d.Decider.Signer
			d.Competence = competence(d.Signer, d.Issuer)
			d.Number = formatNumber(0, "QĐ", clean(dc.Code), d.Party)
			d.Archive = "VT"
		}
	} else {
		d.SelfDecided = true
		d.Decider = templates.Decider{ParentIssuer: d.ParentIssuer, Issuer: d.Issuer, Name: d.IssuerName, Signer: d.Signer}
	}
	if dl := n.ReportDeadline; dl != nil && dl.Days > 0 {
		x := &templates.Deadline{Days: dl.Days, Unit: "ngày", Recipients: listItems(dl.Recipients), Source: clean(dl.Source)}
		if dl.WorkingDays {
			x.Unit = "ngày làm việc"
		}
		d.ReportDeadline = x
	}
	for _, e := range n.Exceptions {
		d.Exceptions = append(d.Exceptions, templates.Exception{Authority: clean(e.Authority),
			Breach: strings.TrimRight(clean(e.Breach), ".;"), Clause: strings.TrimRight(clean(e.Clause), "."), Source: clean(e.Source)})
	}
}

// sameBody reports whether the decider named is the issuer itself.
func sameBody(decider, issuer, parent string) bool {
	k := corpus.MatchKey(decider)
	return k == corpus.MatchKey(issuer) || k == corpus.MatchKey(parent+" "+issuer)
}

// proposalName names the proposal as the decision cites it: "Công văn số
// 215/SNgV-LS ngày 06/4/2026", "Tờ trình số 05/TTr-SNgV ...".
func proposalName(t *corpus.Trip, party bool) string {
	typeCode := clean(t.Register.Type)
	kind := "Công văn"
	if strings.EqualFold(typeCode, "TTr") {
		kind = "Tờ trình"
	}
	if strings.EqualFold(typeCode, "CV") {
		typeCode = ""
	}
	s := kind
	if t.Register.Number > 0 {
		s += " số " + formatNumber(t.Register.Number, typeCode, clean(t.Register.Code), party)
	}
	if !t.Date.IsZero() {
		s += " ngày " + templates.ShortDate(tm(t.Date))
	}
	return s
}

// proposerOf names the proposer from the signer's competence and the
// issuer: "KT. GIÁM ĐỐC" of "Sở Ngoại vụ tỉnh Quảng Ninh" is "Giám đốc Sở
// Ngoại vụ tỉnh Quảng Ninh"; "TRƯỞNG BAN" of "Ban Tổ chức Thành ủy Hà Nội"
// is "Trưởng Ban Tổ chức Thành ủy Hà Nội".
func proposerOf(t *corpus.Trip, issuerName string) string {
	title := clean(t.Signer.Title)
	a := clean(t.Signer.Authority)
	for _, p := range authorityPrefixes {
		if rest, ok := strings.CutPrefix(strings.ToUpper(a), p); ok && p != "TM." && p != "T/M" {
			if rest = strings.TrimSpace(rest); rest != "" {
				title = rest
			}
			break
		}
	}
	if title == "" {
		return issuerName
	}
	tw := strings.Fields(strings.ToLower(title))
	iw := strings.Fields(issuerName)
	// Merge the words the title ends with and the name begins with.
	for k := min(len(tw), len(iw)); k > 0; k-- {
		if strings.EqualFold(strings.Join(tw[len(tw)-k:], " "), strings.Join(iw[:k], " ")) {
			tw = tw[:len(tw)-k]
			break
		}
	}
	out := strings.Join(append(tw, iw...), " ")
	return upperFirstRune(out)
}

func upperFirstRune(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
