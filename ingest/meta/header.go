package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
)

// The header of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục
// I, mục 1–6): top left the parent body and the issuing body in capitals, then
// "Số: 12/UBND-NV" (Party documents: "Số 4060-CV/BTCTU", Hướng dẫn
// 36-HD/VPTW); top right the national motto (Party: "ĐẢNG CỘNG SẢN VIỆT NAM")
// and "Place, ngày D tháng M năm Y"; under the number of a công văn the
// subject "V/v ..."; for other types the type name in capitals and the subject
// centred below it.

var (
	reHeaderNum = regexp.MustCompile(`^(?:(?:Bộ\s+)?[Ll]uật\s+[Ss]ố|(?:ÁN\s+LỆ|Án\s+lệ)\s+(?:SỐ|[Ss]ố)|[Nn]ghị\s+quyết\s+[Ss]ố|Số|SỐ|(?:So|SO)\s*:)\s*(?:[Kk]ý\s+hiệu\s*)?[:.]?\s*(\d{1,6})(.*)$`)
	reNumTail   = regexp.MustCompile(`^\s*([/⁄∕-])\s*((?:\d{4}\s*[/⁄∕]\s*)?\pL[\pL\pN]*(?:\s*[-/⁄∕]\s*\pL[\pL\pN]*)*)`)
	reHeadDate  = regexp.MustCompile(`^(\p{Lu}[\pL.'’ -]{0,40}?)\s*,?\s*(?i:ngày)\s*\d{1,2}\s*(?i:tháng)\s*\d{1,2}\s*(?i:năm)\s*\d{4}`)
	reBareDate  = regexp.MustCompile(`^(?i:ngày)\s*\d{1,2}\s+(?i:tháng)\s+\d{1,2}\s+(?i:năm)\s+\d{4}`)
	rePassed    = regexp.MustCompile(`(?i)thông\s+qua\s+(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})`)
	rePassedAt  = regexp.MustCompile(`^(?:` + rePassed.String() + `)`)
	reVv        = regexp.MustCompile(`^(?:V/[Vv]|Về\s+việc)\b`)
	reSoAnchor  = regexp.MustCompile(`^(?:Số|SỐ)\s*[:.]`)
	reRuleLine  = regexp.MustCompile(`^[-_=*.·\s]+$`)
)

// typeNames lists the type lines of the header, folded, with their code.
var typeNames = func() map[string]string {
	m := map[string]string{}
	for _, t := range corpus.DocTypes() {
		m[corpus.MatchKey(t.Name)] = t.Code
	}
	m["luat"] = "L"
	m["bo luat"] = "L"
	m["hien phap"] = ""
	m["phap lenh"] = ""
	m["lenh"] = ""
	m["quy dinh"] = "QyĐ"
	m["thong tu lien tich"] = "TTLT"
	m["cong dien"] = "CĐ"
	return m
}()

// lawTypes take the subject as part of their name ("Bộ luật Hình sự").
var lawTypes = map[string]bool{"luat": true, "bo luat": true, "hien phap": true, "phap lenh": true}

// header is what the header gave.
type header struct {
	numLine  int // line of the number, -1 when none
	number   corpus.DocNumber
	numSpan  corpus.Span
	numCol   int
	numType  string // type stated before the number ("Luật số:")
	issuer   string
	read     string // the issuer as read, when the table filed it under another spelling
	parent   string
	issSpan  corpus.Span
	parSpan  corpus.Span
	place    string
	date     corpus.Date
	plSpan   corpus.Span
	dateSpan corpus.Span
	typeKey  string // folded type line
	typeCode string
	typeName string
	typeSpan corpus.Span
	typeLine int
	title    string
	tiSpan   corpus.Span
	vv       bool
	motto    bool
	warns    [][2]string // field, why it was left empty or may be wrong
	atEnd    bool        // the number was read at the end (a consolidated text)
	garbled  bool        // OCR ran the motto into the issuer's lines
}

func (p *Parser) parseHeader(t *text, used []bool) header {
	h := header{numLine: -1, typeLine: -1}
	limit := min(len(t.lines), p.cfg.HeaderLines)
	h.findNumber(t, used, 0, limit)
	// A consolidated text carries its number, date and signer at its end,
	// beside "XÁC THỰC VĂN BẢN HỢP NHẤT" (Pháp lệnh Hợp nhất văn bản quy
	// phạm pháp luật, Điều 6).
	if v := certLine(t); v >= 0 && (h.numLine < 0 || h.numLine >= v-3) {
		if h.numLine < 0 {
			h.findNumber(t, used, max(0, v-3), min(len(t.lines), v+5))
		}
		if h.numLine >= 0 {
			h.atEnd = true
			h.findPlaceDate(t, used, max(0, v-3), min(len(t.lines), v+5))
		}
	}
	h.findPlaceDate(t, used, 0, limit)
	h.findIssuer(t, used, limit, p.bodies)
	h.certBody(t, p.bodies)
	h.place = p.bodies.place(h.place)
	h.findType(t, used, limit)
	h.adoptedBy(t, p.bodies)
	return h
}

// findNumber reads "Số: 12/UBND-NV" (and "Luật số", "Nghị quyết số").
func (h *header) findNumber(t *text, used []bool, from, limit int) {
	for i := from; i < limit && h.numLine < 0; i++ {
		if used[i] {
			continue
		}
		cells := t.lines[i].cells
		for ci, c := range cells {
			s := t.cellText(c)
			m := reHeaderNum.FindStringSubmatchIndex(s)
			if m == nil {
				continue
			}
			digits := s[m[2]:m[3]]
			rest := s[m[4]:m[5]]
			end := c.start + m[4]
			var raw string
			if tm := reNumTail.FindStringSubmatchIndex(rest); tm != nil {
				raw = digits + rest[tm[2]:tm[3]] + rest[tm[4]:tm[5]]
				end = c.start + m[4] + tm[1]
			} else if strings.TrimSpace(rest) == "" {
				// "Số: 542" ... "/TB-UBND": the code sits in another cell
				// or a later line (pdftotext without -layout, DOMAIN.md).
				raw, end = findNumTail(t, i, ci, digits)
			}
			if raw == "" {
				continue
			}
			n, ok := corpus.ParseNumber(slashes.Replace(raw))
			if !ok || !corpus.IsPlausibleNumber(n.Canonical) {
				continue
			}
			// Nothing but a date may follow the number in its cell: "Luật số
			// 63/2020/QH14 ngày 18 tháng 6 năm 2020 của Quốc hội sửa đổi ..."
			// is a sentence of a consolidated text, not a header.
			var date corpus.Date
			var dateSpan corpus.Span
			if end < c.end {
				after := strings.TrimLeft(t.work[end:c.end], " ,")
				off := c.end - len(after)
				if d, k, ok := ParseDate(after); ok {
					date, dateSpan = d, t.span(off, off+k)
					after = after[k:]
				}
				// "Số: 1188/SNgV-LS — V/v tăng cường ..." (one line on portals):
				// the subject may follow.
				if rest := strings.TrimLeft(after, " —–-:"); len(strings.Trim(after, " .,;:")) > 0 && !reVv.MatchString(rest) {
					continue
				}
			}
			h.number, h.numLine, h.numCol = n, i, c.col
			h.numSpan = t.span(c.start, end)
			h.date, h.dateSpan = date, dateSpan
			if strings.Contains(fold(s[:m[2]]), "luat") {
				h.numType = "L" // "Luật số: 100/2015/QH13"
			}
			break
		}
	}

}

// findPlaceDate reads "Place, ngày D tháng M năm Y", else a date beside the
// number, else a law's "thông qua ngày".
func (h *header) findPlaceDate(t *text, used []bool, from, limit int) {
	if !h.date.IsZero() && h.place != "" {
		return
	}
	for i := from; i < limit; i++ {
		if used[i] {
			continue
		}
		for _, c := range t.lines[i].cells {
			s := t.cellText(c)
			if m := findHeadDate(s); m != nil {
				place := strings.TrimSpace(s[m[2]:m[3]])
				if isMottoOrNoise(place) || !plausiblePlace(place, s[m[3]:]) {
					continue
				}
				after := s[m[3]:]
				after = strings.TrimLeft(after, " ,")
				d, k, ok := ParseDate(after)
				if !ok {
					continue
				}
				off := c.start + (len(s) - len(after))
				h.place, h.plSpan = place, t.span(c.start+m[2], c.start+m[2]+len(place))
				h.date, h.dateSpan = d, t.span(off, off+k)
				return
			}
		}
	}
	if h.date.IsZero() && h.numLine >= 0 {
		// A date without a place, beside or under the number.
		for i := max(0, h.numLine-2); i < limit && i <= h.numLine+2; i++ {
			if used[i] {
				continue
			}
			for _, c := range t.lines[i].cells {
				s := t.cellText(c)
				if reBareDate.MatchString(s) && len(collapse(s)) < 40 && !strings.HasSuffix(s, ".") {
					if d, k, ok := ParseDate(s); ok {
						h.date, h.dateSpan = d, t.span(c.start, c.start+k)
						return
					}
				}
			}
		}
	}
	if h.date.IsZero() {
		// Laws carry their date at the end: "Luật này đã được Quốc hội ...
		// thông qua ngày 20 tháng 6 năm 2012."
		if m := findPassed(t.work); m != nil {
			if d, k, ok := ParseDate(t.work[m[2]:m[3]]); ok {
				h.date, h.dateSpan = d, t.span(m[2], m[2]+k)
			}
		}
	}

}

// findType reads the type line and the subject under it, or the "V/v"
// subject of a công văn.
func (h *header) findType(t *text, used []bool, limit int) {
	// Type line, subject, or the "V/v" subject of a công văn.
	from := h.numLine + 1
	if h.numLine < 0 || h.atEnd {
		from = 0 // a consolidated text: its type line heads it
	}
	if h.number.Issuer == "AL" && h.numLine >= 0 {
		// "ÁN LỆ SỐ 27/2019/AL" / "Về ...": the number is the type line
		h.title, h.tiSpan = collectSubjectBelow(t, h.numLine+1)
		return
	}
	if h.numLine >= 0 {
		// a subject on the number's own line, after the number
		ln := t.lines[h.numLine]
		if end := h.numSpan.Offset + h.numSpan.Len; end < ln.end {
			rest := t.work[end:ln.end]
			if k := strings.Index(rest, "V/"); k >= 0 && strings.Trim(rest[:k], " —–-:.,") == "" && reVv.MatchString(rest[k:]) {
				st := end + k
				h.vv = true
				h.title, h.tiSpan = collapse(t.work[st:ln.end]), t.span(st, ln.end)
			}
		}
	}
	for i := from; i < limit && i < from+30 && h.title == ""; i++ {
		if used[i] || t.blank(i) {
			continue
		}
		for _, c := range t.lines[i].cells {
			s := collapse(t.cellText(c))
			if reVv.MatchString(s) && h.title == "" && h.typeLine < 0 {
				h.vv = true
				h.title, h.tiSpan = collectSubject(t, i, c, true)
				break
			}
			if !isCaps(s) {
				continue
			}
			key := corpus.MatchKey(s)
			code, ok := typeNames[key]
			if c2, k2, ok2 := typeOf(key); !ok && ok2 {
				code, ok, key = c2, true, k2
				s = strings.Join(strings.Fields(s)[:len(strings.Fields(k2))], " ")
			}
			if !ok || h.typeLine >= 0 {
				continue
			}
			h.typeKey, h.typeCode, h.typeLine = key, code, i
			h.typeName = capFirst(strings.ToLower(s))
			h.typeSpan = t.span(c.start, c.end)
			if i+1 < len(t.lines) {
				subj, sp := collectSubjectBelow(t, i+1)
				if subj != "" {
					if lawTypes[key] {
						if isCaps(subj) {
							subj = sentenceCase(subj)
						}
						if key == "hien phap" {
							// "Hiến pháp nước Cộng hòa ..."
							subj = lowerFirst(subj)
						}
						subj = h.typeName + " " + subj
					}
					h.title, h.tiSpan = subj, sp
				}
			}
			break
		}
		if h.typeLine >= 0 || h.title != "" {
			break
		}
	}
}

// findNumTail looks for the "/TB-UBND" part of a number whose digits stand
// alone: in a later cell of the same line, then in the next lines.
func findNumTail(t *text, line, cellIdx int, digits string) (string, int) {
	try := func(c cell) (string, int, bool) {
		s := t.cellText(c)
		m := reNumTail.FindStringSubmatchIndex(s)
		if m == nil || m[2] != 0 && strings.TrimSpace(s[:m[2]]) != "" {
			return "", 0, false
		}
		return digits + s[m[2]:m[3]] + s[m[4]:m[5]], c.start + m[1], true
	}
	cells := t.lines[line].cells
	for _, c := range cells[cellIdx+1:] {
		if raw, end, ok := try(c); ok {
			return raw, end
		}
	}
	for j := line + 1; j < len(t.lines) && j <= line+8; j++ {
		for _, c := range t.lines[j].cells {
			if raw, end, ok := try(c); ok {
				return raw, end
			}
		}
	}
	return "", 0
}

// collectSubject joins the subject line at cell c of line i with the lines
// that continue it (same column, up to a blank line or the Kính gửi line).
func collectSubject(t *text, i int, c cell, vv bool) (string, corpus.Span) {
	parts := []string{t.cellText(c)}
	start, end := c.start, c.end
	for j := i + 1; j < len(t.lines) && j <= i+10; j++ {
		if t.blank(j) {
			break
		}
		nc := t.lines[j].cells[0]
		s, stop := subjectLine(collapse(t.cellText(nc)), true)
		if nc.col > c.col+8 || s == "" || stopsSubject(s) || len(strings.Join(parts, " ")) > 400 {
			break
		}
		parts = append(parts, s)
		end = nc.end
		if stop {
			break
		}
	}
	return collapse(strings.Join(parts, " ")), t.span(start, end)
}

// subjectLine returns the part of a line of a scan's subject that is the
// subject's: the words before a receiving stamp's ("... ĐẾN | Chuyển:"),
// after the stamp's noise at its start; stop is true when a stamp ended it.
func subjectLine(s string, cont bool) (string, bool) {
	stop := false
	if m := reStampWords.FindStringIndex(s); m != nil {
		s, stop = strings.TrimSpace(s[:m[0]]), true
	}
	if !cont {
		if m := reSubjectStart.FindStringIndex(s); m != nil && m[0] > 0 {
			if h, k := dropNoiseHead(s[:m[0]]); k > 0 || h == "" {
				s = s[m[0]:] // "-TRUNG TÂM CÔNG 810 & ... Về việc ..."
			}
		}
	}
	s, _ = dropNoiseHead(s)
	return trimNoiseTail(s), stop
}

// collectSubjectBelow reads the subject under a type line.
func collectSubjectBelow(t *text, from int) (string, corpus.Span) {
	var parts []string
	start, end := -1, -1
	for j := from; j < len(t.lines) && j < from+8; j++ {
		if t.blank(j) {
			if start >= 0 {
				break
			}
			continue
		}
		c := t.lines[j].cells[0]
		s, stop := subjectLine(collapse(t.cellText(c)), start >= 0)
		if reRuleLine.MatchString(s) {
			if start >= 0 {
				break
			}
			continue
		}
		if s == "" || stopsSubject(s) || len(strings.Join(parts, " ")) > 400 {
			break
		}
		if len(parts) > 0 && reCitesDoc.MatchString(s) && !endsOpen(parts[len(parts)-1]) {
			break // the text begins by citing the documents it consolidates
		}
		if len(parts) > 0 && isCaps(parts[0]) != isCaps(s) && !(isCaps(parts[0]) && startsLower(s)) {
			// a subject set in capitals ends where the capitals end (but
			// for a line in small letters continuing it: "KẾT LUẬN CỦA BAN
			// THƯỜNG VỤ" / "về chủ trương ..."); a subject in running case
			// ends at a capitals line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..."
			// above the căn cứ of a Quyết định)
			break
		}
		if start < 0 {
			start = c.start
		}
		parts = append(parts, s)
		end = c.end
		if stop {
			break
		}
	}
	if start < 0 {
		return "", corpus.Span{}
	}
	return collapse(strings.Join(parts, " ")), t.span(start, end)
}

// bodyOpeners start the first paragraph of a document, never its subject;
// weakOpeners too, but a subject's wrapped line may start with them in small
// letters ("... của các đơn vị" / "trong tỉnh"), so they end it only with a
// capital.
var (
	bodyOpeners = []string{"can cu", "kinh gui", "dieu ", "phan thu", "noi nhan", "so:", "loi noi dau", "(tiep theo"}
	weakOpeners = []string{"thuc hien", "theo ", "xet ", "trong ", "de ", "nham ", "ngay ", "thoi gian"}
)

var reChapter = regexp.MustCompile(`^(?i:chương|mục|phần)\s+[IVXLC\d]+\b`)

// endsOpen reports whether a subject's line ends with a word that needs
// the next line ("... một số điều của" / "Quyết định số 2269/QĐ-TTg").
func endsOpen(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return false
	}
	switch fold(ws[len(ws)-1]) {
	case "cua", "ve", "tai", "theo", "va", "voi", "cho", "so", "thuc", "hien", "nam", "tu", "den":
		return true
	}
	return false
}

// reCitesDoc starts a sentence about another document ("Thông tư số
// 04/2020/TT-BNG ngày ..." under a consolidated text's subject).
var reCitesDoc = regexp.MustCompile(`^(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh|Chỉ thị)\s[^,.;]{0,60}?[Ss]ố\s*\d`)

func stopsSubject(s string) bool {
	if reChapter.MatchString(s) {
		return true
	}
	k := fold(s)
	for _, o := range bodyOpeners {
		if strings.HasPrefix(k, o) {
			return true
		}
	}
	for _, o := range weakOpeners {
		if strings.HasPrefix(k, o) && !startsLower(s) {
			return true
		}
	}
	return isMottoOrNoise(s) && !reRuleLine.MatchString(s)
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// notPlace are words that start a sentence about a day, not a place name
// ("Vào ngày 9 tháng 1 năm 2018").
var notPlace = map[string]bool{"vao": true, "trong": true, "tu": true, "den": true, "sang": true, "chieu": true,
	"toi": true, "hom": true, "cung": true, "ngay": true, "theo": true, "tai": true, "truoc": true, "sau": true}

// plausiblePlace checks the place of "Place, ngày ...": a place without the
// comma must be in title case ("Hà Nội ngày 09 ..." from OCR).
func plausiblePlace(place, after string) bool {
	ws := strings.Fields(place)
	if len(ws) == 0 || notPlace[fold(ws[0])] {
		return false
	}
	if strings.HasPrefix(strings.TrimSpace(after), ",") {
		return true
	}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// properInText are phrases kept with their capitals when a subject printed in
// capitals is put in sentence case (Nghị định 30/2020/NĐ-CP, Phụ lục II).
var properInText = [][2]string{
	{"cộng hòa xã hội chủ nghĩa việt nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
	{"cộng hoà xã hội chủ nghĩa việt nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
	{"việt nam", "Việt Nam"}, {"quốc hội", "Quốc hội"}, {"chính phủ", "Chính phủ"},
	{"ủy ban nhân dân", "Ủy ban nhân dân"}, {"hội đồng nhân dân", "Hội đồng nhân dân"},
}

// sentenceCase lowers a subject printed in capitals, keeping the first
// letter, the proper names above and the first word of a law's name after
// "luật" ("... của Luật Điều ước quốc tế").
func sentenceCase(s string) string {
	low := strings.ToLower(s)
	for _, p := range properInText {
		low = strings.ReplaceAll(low, p[0], p[1])
	}
	ws := strings.Fields(low)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "luật" && (i == 0 || ws[i-1] != "pháp") && ws[i+1] != "này" {
			if i > 0 && ws[i-1] == "bộ" {
				ws[i-1] = "Bộ"
			} else {
				ws[i] = "Luật"
			}
			ws[i+1] = capFirst(ws[i+1])
		}
	}
	if len(ws) > 0 {
		ws[0] = capFirst(ws[0])
	}
	return strings.Join(ws, " ")
}

// findPassed is rePassed.FindStringSubmatchIndex(w), without running the
// case-blind regexp from every byte of a whole law: a match starts with
// "thông" in any case, whose "ô" (U+00F4) or "Ô" (U+00D4) is found by its
// bytes, and the regexp is tried, anchored, only there.
func findPassed(w string) []int {
	for i := 0; ; {
		j := strings.IndexByte(w[i:], 0xc3)
		if j < 0 {
			return nil
		}
		p := i + j // "ô" or "Ô" would be w[p:p+2], "th" before it, "ng" after
		i = p + 1
		if p < 2 || p+4 > len(w) || w[p+1] != 0xb4 && w[p+1] != 0x94 ||
			w[p-2]|0x20 != 't' || w[p-1]|0x20 != 'h' || w[p+2]|0x20 != 'n' || w[p+3]|0x20 != 'g' {
			continue
		}
		if m := rePassedAt.FindStringSubmatchIndex(w[p-2:]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += p - 2
				}
			}
			return m
		}
	}
}
