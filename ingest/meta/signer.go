package meta

import (
	"regexp"
	"strings"

	"vanthu/corpus"
)

// The signature block (Nghị định 30/2020/NĐ-CP, Điều 13 and Phụ lục I, mục
// 7): an authority prefix when the signer signs for someone else — TM. (on
// behalf of a collective), KT. (deputy for the head), Q. (acting), TL. and
// TUQ. (by delegation); Party documents write T/M, K/T, T/L (Hướng dẫn
// 36-HD/VPTW) — then the title in capitals, then the name. Prefixes nest:
// "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG".

var (
	reAuthority = regexp.MustCompile(`^(TM|KT|Q|TL|TUQ|T/M|K/T|T/L|T/U/Q)\s*[.:]?\s+(\S.*)$`)
	// Military ranks and academic titles printed before a signer's name
	// ("Thượng tướng Nguyễn Trường Thắng", "GS.TS. ..."); Name leaves them out.
	reRank = regexp.MustCompile(`^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:GS|PGS|TS|ThS|BS|KS|NGƯT|NGND)\.?(?:\s*,?\s*(?:TS|ThS|BS)\.?)?)\s+`)
	// a title is letters, spaces, commas and dashes ("PHÓ CHÁNH VĂN PHÒNG");
	// OCR noise ("= BẦỆ: Ã SH CĂN.") is not.
	reTitleChars = regexp.MustCompile(`^[\pL ,\-–]+$`)
	reSignNoise  = regexp.MustCompile(`(?i)^[(\[]?\s*(đã\s+ký|ký|đã\s+ký\s+và\s+đóng\s+dấu|daky|signed)\s*[)\]]?$`)
)

// findSigner reads the signature block near the Nơi nhận line (beside it in
// two-column layouts, under it in one-column text) or, without one, in the
// last lines of the first document in the text.
func (p *Parser) findSigner(t *text, used []bool, ccLine int) (corpus.Signer, corpus.Span) {
	from, to := ccLine-6, ccLine+40
	if ccLine < 0 {
		// No Nơi nhận (laws): the block follows the end of the body, "./."
		// or "Luật này đã được Quốc hội ... thông qua ngày ...", and may be
		// followed by appendices; else it is in the last lines.
		from, to = len(t.lines)-40, len(t.lines)
		if end := bodyEnd(t); end >= 0 {
			from, to = end, end+25
		}
	}
	from = max(from, 0)
	to = min(to, len(t.lines))
	var s corpus.Signer
	var auth, title []string
	start, end := -1, -1
	mark := func(c cell) {
		if start < 0 || c.start < start {
			start = c.start
		}
		end = max(end, c.end)
	}
	for i := from; i < to; i++ {
		if used[i] {
			continue
		}
		for _, c := range t.lines[i].cells {
			x := collapse(t.cellText(c))
			switch {
			case reListItem.MatchString(x) || reNoiNhan.MatchString(x):
				continue
			case reAuthority.MatchString(x) && isCaps(x) && s.Name == "":
				m := reAuthority.FindStringSubmatch(x)
				prefix := m[1]
				if !strings.Contains(prefix, "/") {
					prefix += "."
				}
				auth = append(auth, prefix+" "+readableName(m[2]))
				mark(c)
			case isCaps(x) && reTitleChars.MatchString(x) && len([]rune(x)) <= 60 && !isMottoOrNoise(x) && s.Name == "" && !p.bodyLike(x):
				// the last capitals line before the name is the title
				title = []string{x}
				mark(c)
			case (len(auth) > 0 || len(title) > 0) && s.Name == "" && reSignNoise.MatchString(x):
				continue
			case (len(auth) > 0 || len(title) > 0) && s.Name == "" && isNameLike(stripRank(x)) && fullName(stripRank(x)):
				s.Name = stripRank(x)
				mark(c)
			}
		}
		if s.Name != "" {
			break
		}
	}
	if s.Name == "" && len(title) == 0 && len(auth) == 0 {
		return corpus.Signer{}, corpus.Span{}
	}
	if len(title) > 0 {
		// the last capitals line is the signer's own title; earlier ones
		// wrapped it ("PHÓ CHÁNH VĂN" / "PHÒNG") only if no prefix split them.
		s.Title = readableName(strings.Join(title, " "))
	}
	s.Authority = strings.Join(auth, ", ")
	return s, t.span(start, end)
}

func stripRank(s string) string { return reRank.ReplaceAllString(s, "") }

var reBodyEnd = regexp.MustCompile(`\./\.\s*$|(?i)thông\s+qua\s+ngày\s+\d`)

// bodyEnd returns the line where the body of the document ends, or -1.
func bodyEnd(t *text) int {
	for i := range t.lines {
		if ln := t.lineText(i); mayEndBody(ln) && reBodyEnd.MatchString(ln) {
			return i
		}
	}
	return -1
}

// mayEndBody reports whether reBodyEnd can match ln: it ends with "./."
// and white space, or holds "thông", white space and "qua" in some case
// (hasThongQua). The case-blind regexp, tried from every byte, cost more
// than the rest of the signer's search.
func mayEndBody(ln string) bool {
	return strings.HasSuffix(strings.TrimRight(ln, " \t\n\f\r"), "./.") || hasThongQua(ln)
}

// hasThongQua reports whether s holds "thông", the regexp's \s and "qua"
// in any case, as a (?i) regexp reads them: t, h, n, g, q, u and a in
// either case and "ô" (U+00F4) or "Ô" (U+00D4), found by its first byte.
func hasThongQua(s string) bool {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], 0xc3)
		if j < 0 {
			return false
		}
		p := i + j
		i = p + 1
		if p < 2 || p+4 > len(s) || s[p+1] != 0xb4 && s[p+1] != 0x94 ||
			s[p-2]|0x20 != 't' || s[p-1]|0x20 != 'h' || s[p+2]|0x20 != 'n' || s[p+3]|0x20 != 'g' {
			continue
		}
		k := p + 4
		for k < len(s) && isRegexpSpace(s[k]) {
			k++
		}
		if k > p+4 && k+3 <= len(s) && s[k]|0x20 == 'q' && s[k+1]|0x20 == 'u' && s[k+2]|0x20 == 'a' {
			return true
		}
	}
}

// bodyLike reports whether a capitals line names a body, not a title: the
// issuer's name printed again beside a consolidated text's certification
// ("BỘ NGOẠI GIAO"), or a stamp's organisation.
func (p *Parser) bodyLike(x string) bool {
	if _, ok := p.bodies.lookup(x); ok {
		return true
	}
	k := fold(x) + " "
	for _, h := range []string{"so ", "uy ban ", "van phong ", "hoi dong ", "toa an ", "tong cuc ", "vien kiem sat ", "bo ", "cuc "} {
		if strings.HasPrefix(k, h) && !titleLike(x) && !strings.HasPrefix(k, h+"truong ") {
			return true
		}
	}
	return false
}
