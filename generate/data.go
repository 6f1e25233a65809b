package generate

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
	"vanthu/templates"
)

// typeCodes are the type abbreviations of Nghị định 30/2020/NĐ-CP, Phụ lục
// III for the kinds that are not a công văn.
var typeCodes = map[string]string{"decision": "QĐ", "report": "BC"}

// fundingText says in Vietnamese who pays, for corpus.Funding.Source codes.
var fundingText = map[string]string{
	"state-budget": "ngân sách nhà nước",
	"unit":         "nguồn kinh phí của cơ quan, đơn vị",
	"host":         "phía mời",
	"business":     "doanh nghiệp",
	"foreign-loan": "nguồn vốn vay nước ngoài",
	"sponsor":      "nhà tài trợ",
	"mixed":        "nhiều nguồn",
}

// data turns the trip into the display values the templates take. now gives
// the year of a blank date.
func data(kind string, t *corpus.Trip) *templates.Data {
	d := &templates.Data{
		Kind:              kind,
		Style:             "state",
		ParentIssuer:      upper(t.ParentIssuer),
		Issuer:            upper(t.Issuer),
		Jurisdiction:      clean(t.Jurisdiction),
		Place:             clean(t.Place),
		Name:              clean(t.Name),
		Nature:            clean(t.Nature),
		Purpose:           clean(t.Purpose),
		Departure:         tm(t.Departure),
		Return:            tm(t.Return),
		Invitation:        clean(t.Invitation),
		Contact:           strings.TrimRight(clean(t.Contact), "."),
		ProgrammeAttached: t.ProgrammeAttached,
		Archive:           archive(t.Archive),
		Signer: templates.Signer{
			Authority: upper(t.Signer.Authority),
			Title:     upper(t.Signer.Title),
			Name:      clean(t.Signer.Name),
		},
	}
	if strings.EqualFold(strings.TrimSpace(t.Style), "party") {
		d.Style, d.Party = "party", true
	}
	if d.Nature == "" {
		d.Nature = "công tác"
	}
	d.IssuerName = issuerName(t)
	d.Competence = competence(d.Signer, d.Issuer)
	d.TypeCode = typeCodes[kind]
	number := 0
	switch kind {
	case "proposal":
		d.TypeCode = clean(t.Register.Type)
		if strings.EqualFold(d.TypeCode, "CV") { // a công văn: the Party system writes CV, the state none
			d.TypeCode = ""
		}
		number = t.Register.Number
		d.Date = tm(t.Date)
	case "report":
		if t.Report != nil {
			d.Date = tm(t.Report.Date)
		}
	}
	d.Number = formatNumber(number, d.TypeCode, clean(t.Register.Code), d.Party)
	if !t.Departure.IsZero() && !t.Return.IsZero() {
		d.Days = int(tm(t.Return).Sub(tm(t.Departure)).Hours()/24+0.5) + 1
	}
	for _, m := range t.Members {
		d.Members = append(d.Members, templates.Member{
			Name: clean(m.Name), Position: clean(m.Position), Unit: clean(m.Unit),
			Head: m.Head, KeyLeader: m.KeyLeader, TripNumber: m.TripsThisYear + 1,
		})
	}
	seen := map[string]bool{}
	for _, s := range t.Itinerary {
		st := templates.Stop{Country: clean(s.Country), City: clean(s.City), Partner: clean(s.Partner), From: tm(s.From), To: tm(s.To)}
		if !s.From.IsZero() && !s.To.IsZero() {
			st.Days = int(st.To.Sub(st.From).Hours()/24+0.5) + 1
		}
		for _, se := range s.Sessions {
			x := templates.Session{Date: tm(se.Date), Time: clean(se.Time), Country: st.Country, City: st.City,
				Place: clean(se.Place), Partner: clean(se.Partner), Content: strings.TrimRight(clean(se.Content), "."), Done: clean(se.Done)}
			if x.Partner == "" {
				x.Partner = st.Partner
			}
			st.Sessions = append(st.Sessions, x)
			d.Sessions = append(d.Sessions, x)
		}
		d.Stops = append(d.Stops, st)
		if st.Country != "" && !seen[st.Country] {
			seen[st.Country] = true
			d.Countries = append(d.Countries, st.Country)
		}
	}
	d.Funding = templates.Funding{Source: clean(t.Funding.Source), Note: clean(t.Funding.Note)}
	d.Funding.SourceText = payerText(t.Funding.Source)
	if d.Funding.SourceText == "" {
		d.Funding.SourceText = "cơ quan, đơn vị"
	}
	d.Funding.Settled = len(t.Funding.Items) > 0
	for _, c := range t.Funding.Items {
		if c.Actual <= 0 {
			d.Funding.Settled = false
		}
		d.Funding.Items = append(d.Funding.Items, templates.Cost{Item: clean(c.Item), Payer: payerText(c.Payer), Planned: c.Planned, Actual: c.Actual})
		d.Funding.Planned += c.Planned
		d.Funding.Actual += c.Actual
	}
	d.Recipients = listItems(t.Recipients)
	d.CC = listItems(t.CC)
	if r := t.Report; r != nil {
		d.Report = &templates.Report{Date: tm(r.Date), Decision: decisionPhrase(clean(r.Decision), tm(r.DecisionDate)), DecisionDate: tm(r.DecisionDate),
			Results: cleanAll(r.Results), Commitments: cleanAll(r.Commitments), Lessons: cleanAll(r.Lessons), Proposals: cleanAll(r.Proposals)}
	}
	return d
}

// decisionPhrase names the decision that sent the delegation the way running
// text cites it: "Quyết định số 125/QĐ-SNgV ngày 20/02/2026". A trip file may
// give the number alone or the whole phrase.
func decisionPhrase(dec string, date time.Time) string {
	if dec == "" {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(dec), "quyết định") {
		return dec
	}
	if !date.IsZero() {
		return "Quyết định số " + dec + " ngày " + templates.ShortDate(date)
	}
	return "Quyết định số " + dec
}

// formatNumber writes the số ký hiệu. State (Nghị định 30/2020, Phụ lục I,
// II.3): "05/SNgV-LS" for a công văn, "05/QĐ-SNgV" for a typed document.
// Party (Hướng dẫn 36-HD/VPTW): "4060-CV/BTCTU", "05-QĐ/BTCTU". Numbers under
// 10 take a leading zero; 0 leaves room for the records office to write it.
func formatNumber(n int, typeCode, code string, party bool) string {
	num := "        " // room for a hand-written number
	if n > 0 {
		num = fmt.Sprintf("%02d", n)
	}
	if party {
		tc := typeCode
		if tc == "" {
			tc = "CV"
		}
		if strings.Contains(code, "/") { // already "CV/BTCTU"
			return num + "-" + code
		}
		return num + "-" + tc + "/" + code
	}
	if typeCode == "" || strings.HasPrefix(code, typeCode+"-") {
		return num + "/" + code
	}
	// The typed document carries the issuer's abbreviation, not the drafting
	// unit's: "SNgV-LS" → "QĐ-SNgV".
	issuer, _, _ := strings.Cut(code, "-")
	return num + "/" + typeCode + "-" + issuer
}

// issuerName is the issuer as running text. The trip's name usually reads
// "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh"; the part after "của" is
// the issuer as it is written in sentences (capitals are not derivable from
// the caps header: "Sở Ngoại vụ", "Ủy ban nhân dân").
func issuerName(t *corpus.Trip) string {
	name := clean(t.Name)
	if i := strings.LastIndex(name, " của "); i >= 0 {
		return name[i+len(" của "):]
	}
	is := clean(t.Issuer)
	if is == "" {
		return "Cơ quan"
	}
	// "Đoàn công tác Sở Nông nghiệp và Môi trường Hà Nội": the name holds the
	// issuer as written in sentences.
	if i := strings.Index(strings.ToLower(name), strings.ToLower(is)); i >= 0 && len(strings.ToLower(name)) == len(name) {
		return name[i:]
	}
	lower := strings.ToLower(is)
	r, n := utf8.DecodeRuneInString(lower)
	return string(unicode.ToUpper(r)) + lower[n:]
}

// authorityPrefixes are the signing-authority marks of Nghị định 30/2020,
// Phụ lục I, II.7.b (state) and Hướng dẫn 36-HD/VPTW (Party).
var authorityPrefixes = []string{"TUQ.", "TM.", "KT.", "TL.", "Q.", "T/M", "K/T", "T/L"}

// competence is the "thẩm quyền ban hành" line of a decision: the collective
// when a TM./T/M signs, else the head's title and the body.
func competence(s templates.Signer, issuer string) string {
	a := s.Authority
	for _, p := range authorityPrefixes {
		if rest, ok := strings.CutPrefix(a, p); ok {
			rest = strings.TrimSpace(rest)
			if p == "TM." || p == "T/M" {
				if rest != "" {
					return rest
				}
				return issuer
			}
			if rest == "" {
				rest = s.Title
			}
			return joinNonEmpty(rest, issuer)
		}
	}
	if a != "" {
		return joinNonEmpty(a, issuer)
	}
	return joinNonEmpty(s.Title, issuer)
}

// joinNonEmpty joins a title and a body, merging the words they share:
// "TRƯỞNG BAN" + "BAN TỔ CHỨC" is "TRƯỞNG BAN TỔ CHỨC".
func joinNonEmpty(a, b string) string {
	if a == "" || strings.Contains(a, b) {
		return a
	}
	aw, bw := strings.Fields(a), strings.Fields(b)
	for k := min(len(aw), len(bw)); k > 0; k-- {
		if strings.Join(aw[len(aw)-k:], " ") == strings.Join(bw[:k], " ") {
			return strings.Join(append(aw, bw[k:]...), " ")
		}
	}
	return strings.TrimSpace(a + " " + b)
}

func payerText(code string) string {
	c := clean(code)
	if t, ok := fundingText[strings.ToLower(c)]; ok {
		return t
	}
	return c
}

// archive normalises the "Lưu:" line: the records office first (VT).
func archive(a string) string {
	a = strings.TrimRight(clean(a), ".;")
	a = strings.TrimPrefix(strings.TrimPrefix(a, "Lưu:"), "Lưu")
	a = strings.TrimSpace(a)
	switch {
	case a == "":
		return "VT"
	case strings.HasPrefix(strings.ToUpper(a), "VT"):
		return a
	}
	return "VT, " + a
}

// listItems strips the punctuation the layout adds itself ("- ", ";", ".").
func listItems(xs []string) []string {
	var out []string
	for _, x := range xs {
		x = strings.TrimSpace(strings.TrimPrefix(clean(x), "- "))
		x = strings.TrimRight(x, ";.,")
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func cleanAll(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = clean(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// clean makes outside text safe for the markup: NFC, one line, single
// spaces, and no inline style marks.
func clean(s string) string {
	s = corpus.NFC(s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "**", "*")
	return strings.ReplaceAll(s, "__", "_")
}

func upper(s string) string { return strings.ToUpper(clean(s)) }

func tm(d corpus.Date) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return d.Time()
}
