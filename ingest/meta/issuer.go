package meta

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"vanthu/corpus"
)

// The issuing body and its parent: the capitals lines of the header's left
// column above the number.

// notIssuer lists, folded, the starts of capitals lines in the header that are
// not the issuing body: the motto, gazette running heads and section labels,
// urgency and circulation marks.
var notIssuer = []string{
	"cong hoa xa hoi", "doc lap", "dang cong san", "cong bao", "van ban hop nhat", "phan van ban",
	"xac thuc van ban hop nhat", "hoa toc", "thuong khan", "khan", "mat", "toi mat", "luu hanh noi bo", "du thao", "ban sao",
}

// findIssuer reads the issuing body and its parent.
func (h *header) findIssuer(t *text, used []bool, limit int, tbl *bodyTable) {
	gazette := strings.Contains(t.work, "CÔNG BÁO/Số") || strings.Contains(t.work, "CÔNG BÁO/")
	// Issuing body and parent: the capitals lines of the left column above
	// the number (or above the type line when there is no number).
	stop := h.issuerStop(t, used, limit)
	var bodies [][]part
	for i := 0; i <= stop && i < len(t.lines); i++ {
		if used[i] {
			continue
		}
		cells := t.lines[i].cells
		if len(cells) == 0 {
			continue
		}
		c := cells[0]
		if i == h.numLine || (h.numLine < 0 || h.atEnd) && i == stop {
			break
		}
		s := collapse(t.cellText(c))
		s, garbled := cutMotto(s)
		if garbled {
			h.garbled, h.motto = true, true
		}
		k := fold(s)
		if mottoOrNoise(s, k) { // s is collapsed: k is fold(collapse(s))
			if strings.HasPrefix(k, "cong hoa xa hoi") || strings.HasPrefix(k, "dang cong san") || strings.HasPrefix(k, "doc lap") {
				h.motto = true
			}
			continue
		}
		if !isCaps(s) || len([]rune(s)) > 80 {
			if h.numLine < 0 && len(bodies) > 0 && (len([]rune(s)) >= 60 || reVv.MatchString(s) || reKinhGui.MatchString(s)) {
				break // the subject or the body has begun
			}
			continue
		}
		if _, isType := typeNames[corpus.MatchKey(s)]; isType {
			if h.numLine < 0 {
				break
			}
			continue
		}
		if gazette && strings.Contains(s, " - ") {
			continue // Công báo section label "CHỦ TỊCH NƯỚC - QUỐC HỘI"
		}
		pr := part{s, c.start, c.end}
		if len(bodies) > 0 && continues(k) {
			bodies[len(bodies)-1] = append(bodies[len(bodies)-1], pr)
		} else {
			bodies = append(bodies, []part{pr})
		}
	}
	join := func(ps []part) (string, corpus.Span) {
		var ss []string
		for _, x := range ps {
			ss = append(ss, x.text)
		}
		return readableName(strings.Join(ss, " ")), t.span(ps[0].start, ps[len(ps)-1].end)
	}
	bodies = orgBodies(bodies)
	if n := len(bodies); n > 0 {
		h.issuer, h.issSpan = join(bodies[n-1])
		if n > 1 {
			h.parent, h.parSpan = join(bodies[n-2])
			h.issuer = qualify(h.issuer, h.parent, tbl)
		}
		h.fileIssuer(tbl)
	}
	h.doubtIssuer(tbl)
}

// doubtIssuer leaves empty an issuer the table does not know that does not
// start like a body's name, or that OCR ran the motto into: a guess filed as
// the issuer would hide the document from the right body's filter.
func (h *header) doubtIssuer(tbl *bodyTable) {
	if h.issuer == "" || h.read != "" {
		return
	}
	if _, ok := tbl.lookup(h.issuer); ok {
		return
	}
	if orgLike(fold(h.issuer)) && !h.garbled {
		return
	}
	h.warns = append(h.warns, [2]string{"issuer", fmt.Sprintf("the issuing body could not be read cleanly (read as %q): check it against the original", h.issuer)})
	h.issuer, h.issSpan, h.parent, h.parSpan = "", corpus.Span{}, "", corpus.Span{}
}

// mottoStarts are the national motto's words, folded: OCR that lost the gap
// between the header's columns runs them into the issuer's line, misspelt
// ("AN DAN CỌNG HOA XA HỌI CHU NGHIA VIIIT NAM").
var mottoStarts = []string{"cong hoa xa hoi", "xa hoi chu nghia", "chu nghia viet nam", "doc lap tu do", "dang cong san"}

// cutMotto cuts the motto's words off a header line; garbled is true when
// they were found misspelt inside it (the line itself is then doubtful).
func cutMotto(s string) (string, bool) {
	k := fold(s)
	for _, m := range mottoStarts {
		i := strings.Index(k, m)
		if i <= 0 {
			continue
		}
		// fold keeps one rune per rune of the NFC text: cut at the same
		// rune count
		n := utf8.RuneCountInString(k[:i])
		r := []rune(s)
		if n > len(r) {
			return s, false
		}
		return strings.TrimSpace(string(r[:n])), true
	}
	return s, false
}

// continues reports whether a capitals line continues the name on the lines
// above ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI") instead of naming a new body
// ("THÀNH ỦY HÀ NỘI" / "BAN TỔ CHỨC").
func continues(k string) bool {
	for _, w := range []string{"tinh ", "thanh pho ", "tp ", "tp. ", "huyen ", "quan ", "xa ", "phuong ", "thi xa ", "thi tran ", "va ", "- "} {
		if strings.HasPrefix(k, w) {
			return true
		}
	}
	return false
}

func isMottoOrNoise(s string) bool { return mottoOrNoise(s, fold(collapse(s))) }

// mottoOrNoise is isMottoOrNoise(s) given k = fold(collapse(s)).
func mottoOrNoise(s, k string) bool {
	if k == "" || reRuleLine.MatchString(s) {
		return true
	}
	for _, p := range notIssuer {
		// k is p, or starts with p and a space or a slash
		if strings.HasPrefix(k, p) && (len(k) == len(p) || k[len(p)] == ' ' || k[len(p)] == '/') {
			return true
		}
	}
	return false
}

// qualify returns the issuer's name as used in running text: a body whose
// name alone names no jurisdiction ("Ban Tổ chức", "Sở Ngoại vụ") is followed
// by its parent ("Ban Tổ chức Thành ủy Hà Nội"); under an Ủy ban nhân dân only
// the area is added ("Sở Ngoại vụ tỉnh Quảng Ngãi"), as Phụ lục II writes it.
func qualify(body, parent string, tbl *bodyTable) string {
	if tbl.namedAlone(body) {
		return body // "Cục Thuế" under "Bộ Tài chính"
	}
	kb := fold(body)
	for _, w := range append(append([]string{}, adminUnits...), append(partyCommittees, "trung uong", "quoc hoi", "chinh phu")...) {
		if strings.Contains(" "+kb+" ", " "+w+" ") {
			return body
		}
	}
	kp := fold(parent)
	if strings.HasPrefix(kp, "uy ban nhan dan ") || strings.HasPrefix(kp, "hoi dong nhan dan ") {
		if !strings.HasPrefix(kb, "van phong") {
			for _, w := range adminUnits {
				if strings.HasSuffix(kp, " "+w) {
					return body // "UBND TỈNH" with no name: nothing to add
				}
				if i := strings.Index(kp, " "+w+" "); i >= 0 {
					// the folded form has the same word count: cut by words
					n := len(strings.Fields(kp[:i]))
					return body + " " + strings.Join(strings.Fields(parent)[n:], " ")
				}
			}
		}
	}
	return body + " " + parent
}

// orgLike reports whether a folded name starts with the word for a kind of
// body, a Party committee or one of the bodies named alone (Quốc hội).
func orgLike(k string) bool {
	for _, lists := range [][]string{heads, partyCommittees, properKeys, {"ubnd", "hdnd", "cong ty", "tong cong ty", "dang bo", "chi bo", "bch", "tap doan"}} {
		for _, h := range lists {
			if k == h || strings.HasPrefix(k, h+" ") {
				return true
			}
		}
	}
	return false
}

// part is one capitals line of an issuer's name.
type part struct {
	text       string
	start, end int
}

// issuerStop returns the line that ends the issuer's block: the number's,
// else the "Số" line when OCR lost the digits ("Số: /UBND-KTTH").
func (h *header) issuerStop(t *text, used []bool, limit int) int {
	stop := h.numLine
	if h.atEnd {
		// a consolidated text: the body heads the text above its type
		// line, and is printed again beside the certification
		for i := 0; i < min(limit, stop); i++ {
			if c := t.lines[i].cells; len(c) > 0 {
				if _, ok := typeNames[corpus.MatchKey(t.cellText(c[0]))]; ok {
					return i
				}
			}
		}
	}
	if stop < 0 {
		// No number could be read (OCR lost the digits: "Số: /UBND-KTTH"):
		// the "Số" line still ends the issuer's block.
		stop = min(limit, 30)
		for i := 0; i < stop; i++ {
			if c := t.lines[i].cells; !used[i] && len(c) > 0 && reSoAnchor.MatchString(t.cellText(c[0])) {
				stop = i
				break
			}
		}
	}
	return stop
}

// orgBodies keeps the bodies whose name starts like an organisation's; OCR
// of the signing stamp's image and stray capitals are dropped.
func orgBodies(bodies [][]part) [][]part {
	if len(bodies) <= 1 {
		return bodies
	}
	var orgs [][]part
	for _, b := range bodies {
		if orgLike(fold(b[0].text)) {
			orgs = append(orgs, b)
		}
	}
	if len(orgs) > 0 {
		return orgs
	}
	return bodies[len(bodies)-1:]
}
