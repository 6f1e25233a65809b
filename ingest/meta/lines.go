package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
)

// text is the input prepared for matching. work has exactly the bytes of the
// input except that every byte of a space-like rune (no-break space, form
// feed, carriage return, tab, the Unicode spaces U+2000–U+200A, U+202F,
// U+3000) is an ASCII space, so every offset found in work is an offset in the
// input and spans never need translating.
type text struct {
	orig  string
	work  string
	lines []line
}

// line is one line of the input: its byte range and its cells. A cell is a run
// of text separated from the next by three or more spaces: `pdftotext -layout`
// puts the two header columns (issuing body | national motto) and the
// Nơi nhận | signature columns on the same line, separated by wide gaps.
type line struct {
	start, end int // byte range in the input, without the newline
	cells      []cell
}

type cell struct {
	start, end int // byte range in the input, trimmed
	col        int // column in runes from the start of the line
}

func newText(s string) *text {
	t := &text{orig: s, work: spaceOut(s)}
	pos := 0
	for pos <= len(t.work) {
		nl := strings.IndexByte(t.work[pos:], '\n')
		end := len(t.work)
		if nl >= 0 {
			end = pos + nl
		}
		cells := splitCells(t.work, pos, end)
		if len(t.lines) < headerSplitLines {
			cells = splitHeaderCells(t.work, cells)
		}
		if ln := t.work[pos:end]; (strings.Contains(ln, ". ") || strings.Contains(ln, "/")) && mayStartAuthority(ln) {
			cells = splitAt(t.work, cells, reAuthorityStart)
		}
		if strings.Contains(t.work[pos:end], " XÁC THỰC") {
			cells = splitAt(t.work, cells, reCertStart)
		}
		if strings.Contains(t.work[pos:end], ": ") {
			cells = splitAt(t.work, cells, reStampLabelStart)
		}
		cells = splitTitleTail(t.work, cells)
		t.lines = append(t.lines, line{start: pos, end: end, cells: cells})
		if nl < 0 {
			break
		}
		pos = end + 1
	}
	return t
}

// headerSplitLines is how many lines from the top may hold two header columns
// run together.
const headerSplitLines = 80

// reColumnStart finds, inside one cell, where the right header column starts
// when OCR (tesseract) or a text layer without layout joined the two columns
// with a single space: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
// "TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc". reNumberThenPlace finds the
// place and date after a number on the same line: "Số: 12/UBND-NV Quảng
// Ngãi, ngày 04 tháng 02 năm 2025".
var (
	reColumnStart     = regexp.MustCompile(` (?:CỘNG H(?:ÒA|OÀ|OA) XÃ HỘI|Độc [lL]ập|ĐẢNG C[ỘÔ]NG SẢN)`)
	rePlaceDateInside = regexp.MustCompile(`\S( \p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}*){0,3}, ?ngày\s*\d{1,2}\s*tháng)`)
	reNumberThenPlace = regexp.MustCompile(`^(?:Số|SỐ).*?( \p{Lu}\p{Ll}\pL*(?: \p{Lu}\p{Ll}*){0,3},? ngày\s*\d)`)
)

// The header regexps run on every cell of the first lines, which for a
// text without a header (a law article, a news item) are whole paragraphs.
// Each is tried only when the cell holds the words it needs, which a
// substring search finds many times faster; the results are the
// regexps' own.

func findColumnStart(s string) []int {
	if !strings.Contains(s, " CỘNG H") && !strings.Contains(s, " Độc ") && !strings.Contains(s, " ĐẢNG C") {
		return nil
	}
	return reColumnStart.FindStringIndex(s)
}

func findNumberThenPlace(s string) []int {
	if !(strings.HasPrefix(s, "Số") || strings.HasPrefix(s, "SỐ")) || !strings.Contains(s, "ngày") {
		return nil
	}
	return reNumberThenPlace.FindStringSubmatchIndex(s)
}

func findPlaceDateInside(s string) []int {
	if !hasCommaNgayDigit(s) {
		return nil
	}
	return rePlaceDateInside.FindStringSubmatchIndex(s)
}

// hasCommaNgayDigit reports whether s holds ", ?ngày\s*\d", which every
// match of rePlaceDateInside holds: body sentences with "ngày" in a letter's
// first lines seldom do.
func hasCommaNgayDigit(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "ngày")
		if j < 0 {
			return false
		}
		p := i + j
		i = p + len("ngày")
		if !(p >= 1 && s[p-1] == ',' || p >= 2 && s[p-1] == ' ' && s[p-2] == ',') {
			continue
		}
		k := i
		for k < len(s) && isRegexpSpace(s[k]) {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			return true
		}
	}
}

// findHeadDate is reHeadDate.FindStringSubmatchIndex(s).
func findHeadDate(s string) []int {
	if !mayHoldNgay(s) {
		return nil
	}
	return reHeadDate.FindStringSubmatchIndex(s)
}

// mayHoldNgay reports whether s holds "ngày" in any mix of cases, as
// (?i:ngày) matches it: n, g, à (U+00E0, C3 A0) or À (U+00C0, C3 80), y.
func mayHoldNgay(s string) bool {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], 0xC3)
		if j < 0 {
			return false
		}
		j += i
		if j >= 2 && j+2 < len(s) && (s[j+1] == 0xA0 || s[j+1] == 0x80) &&
			s[j+2]|0x20 == 'y' && s[j-1]|0x20 == 'g' && s[j-2]|0x20 == 'n' {
			return true
		}
		i = j + 1
	}
	return false
}

// reAuthorityStart finds a signature block's authority line run into the
// Nơi nhận column by OCR: "Nơi nhận: TL. CHỦ TỊCH", "- Như trên; KT. CHÁNH
// VĂN PHÒNG".
var reAuthorityStart = regexp.MustCompile(` (?:(?:TM|KT|TL|TUQ)\.|(?:T/M|K/T|T/L)\.?) ?\p{Lu}\p{Lu}`)

// authorityMarks are the starts one of which every match of
// reAuthorityStart begins with.
var authorityMarks = []string{" TM.", " KT.", " TL.", " TUQ.", " T/M", " K/T", " T/L"}

// mayStartAuthority reports whether reAuthorityStart can match in s: the
// regexp is tried from every space of a line, and most lines of a text
// hold none of its marks.
func mayStartAuthority(s string) bool {
	for _, m := range authorityMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// reStampLabelStart finds an e-signature stamp's label run into the Nơi
// nhận column by OCR: "- Giám đốc Sở; Người ký: Sở Ngoại vụ".
var reStampLabelStart = regexp.MustCompile(` (?:Người ký|Ký bởi|Cơ quan|Thời gian ký|Ngày ký|Email):`)

// reTitleTail finds a signer's title in capitals run into the end of a Nơi
// nhận item by OCR ("- Như trên; PHÓ GIÁM ĐỐC"), and a title after the date
// or the number of a consolidated text's certification ("... năm 2024 THỨ
// TRƯỞNG", "Số: 23/VBHN-VPQH CHỦ NHIỆM").
var reTitleTail = regexp.MustCompile(`(?:[;,.):]|năm \d{4}|/[\pL\pN-]+) ((?:\p{Lu}+ )*\p{Lu}{2,})$`)

// splitTitleTail cuts such a title into a cell of its own.
func splitTitleTail(w string, cells []cell) []cell {
	var out []cell // allocated only when a cell is cut
	for k, c := range cells {
		if r, _ := utf8.DecodeLastRuneInString(w[c.start:c.end]); !unicode.IsUpper(r) {
			if out != nil {
				out = append(out, c) // a title ends in a capital: most cells are not looked at
			}
			continue
		}
		m := reTitleTail.FindStringSubmatchIndex(w[c.start:c.end])
		if m == nil || !isCaps(w[c.start+m[2]:c.end]) || isCaps(w[c.start:c.start+m[2]]) || !titleLike(w[c.start+m[2]:c.end]) {
			if out != nil {
				out = append(out, c)
			}
			continue
		}
		if out == nil {
			out = append([]cell(nil), cells[:k]...)
		}
		at := c.start + m[2]
		out = append(out, cell{start: c.start, end: at - 1, col: c.col},
			cell{start: at, end: c.end, col: c.col + utf8.RuneCountInString(w[c.start:at])})
	}
	if out == nil {
		return cells
	}
	return out
}

// titleStarts are the first words of signers' titles, folded.
var titleStarts = []string{"pho ", "chu tich", "chu nhiem", "giam doc", "bo truong", "thu truong", "chanh ",
	"bi thu", "cuc truong", "vu truong", "truong ", "tong giam doc", "thu tuong", "vien truong", "tong cuc truong"}

// titleLike reports whether s starts like a signer's title.
func titleLike(s string) bool {
	k := fold(s) + " "
	for _, p := range titleStarts {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// reCertStart finds the certification of a consolidated text run into the
// issuer's column: "BỘ NGOẠI GIAO XÁC THỰC VĂN BẢN HỢP NHẤT".
var reCertStart = regexp.MustCompile(` XÁC THỰC VĂN BẢN`)

// splitAt cuts cells before every match of re (which starts with a space).
func splitAt(w string, cells []cell, re *regexp.Regexp) []cell {
	var out []cell
	for _, c := range cells {
		for {
			m := re.FindStringIndex(w[c.start:c.end])
			if m == nil || m[0] == 0 {
				break
			}
			at := c.start + m[0]
			out = append(out, cell{start: c.start, end: at, col: c.col})
			c = cell{start: at + 1, end: c.end, col: c.col + utf8.RuneCountInString(w[c.start:at+1])}
		}
		out = append(out, c)
	}
	return out
}

// splitHeaderCells cuts cells at the start of a right header column.
func splitHeaderCells(w string, cells []cell) []cell {
	var out []cell
	for _, c := range cells {
		for {
			s := w[c.start:c.end]
			at := -1
			if m := findColumnStart(s); m != nil && m[0] > 0 && !strings.HasSuffix(fold(s[:m[0]]), "nuoc") {
				at = m[0] // but not "NƯỚC CỘNG HÒA XÃ HỘI ..." (the Hiến pháp's subject)
			} else if m := findNumberThenPlace(s); m != nil {
				at = m[2]
			} else if m := findPlaceDateInside(s); m != nil && !reHeadDate.MatchString(s) {
				at = m[2] // "-UBND Gia Lai, ngày 05 ...": OCR lost the number's start
			}
			if at <= 0 {
				break
			}
			out = append(out, cell{start: c.start, end: c.start + at, col: c.col})
			cut := c.start + at + 1
			c = cell{start: cut, end: c.end, col: c.col + utf8.RuneCountInString(w[c.start:cut])}
		}
		out = append(out, c)
	}
	return out
}

// spaceOut replaces every byte of a space-like rune by an ASCII space.
func spaceOut(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\n' && (r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0xA0 || r == 0x202F || r == 0x3000 || (r >= 0x2000 && r <= 0x200B)) {
			if b == nil {
				b = []byte(s)
			}
			for j := 0; j < n; j++ {
				b[i+j] = ' '
			}
		}
		i += n
	}
	if b == nil {
		return s
	}
	return string(b)
}

func splitCells(w string, start, end int) []cell {
	var cells []cell
	i := start
	col := 0
	for i < end {
		// skip spaces
		for i < end && w[i] == ' ' {
			i++
			col++
		}
		if i >= end {
			break
		}
		c := cell{start: i, col: col}
		gap := 0
		j := i
		last := i
		for j < end {
			if w[j] == ' ' {
				gap++
				if gap >= 3 {
					break
				}
				j++
				col++
				continue
			}
			gap = 0
			_, n := utf8.DecodeRuneInString(w[j:])
			j += n
			col++
			last = j
		}
		c.end = last
		cells = append(cells, c)
		i = j
	}
	return cells
}

func (t *text) lineText(i int) string  { return t.work[t.lines[i].start:t.lines[i].end] }
func (t *text) cellText(c cell) string { return t.work[c.start:c.end] }

// lineOf returns the 0-based index of the line holding byte offset off.
func (t *text) lineOf(off int) int {
	lo, hi := 0, len(t.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.lines[mid].start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// span returns the Span of the byte range [start,end) of the input.
func (t *text) span(start, end int) corpus.Span {
	if start < 0 {
		start = 0
	}
	if end > len(t.orig) {
		end = len(t.orig)
	}
	if end < start {
		end = start
	}
	return corpus.Span{Line: t.lineOf(start) + 1, Offset: start, Len: end - start}
}

// quote returns the input between start and end with runs of white space
// (line breaks of wrapped text included) collapsed to one space.
func (t *text) quote(start, end int) string {
	return collapse(t.work[start:end])
}

// collapse returns s with its runs of white space (unicode.IsSpace) made
// one space and trimmed; s itself, without allocating, when it is so
// already, as most lines are.
func collapse(s string) string {
	if isCollapsed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// isCollapsed reports whether collapse(s) is s: no space at either end,
// single ASCII spaces between words, no other white space.
func isCollapsed(s string) bool {
	if s == "" {
		return true
	}
	prevSpace := true // a leading space is not collapsed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] != 0 {
				if c != ' ' || prevSpace {
					return false
				}
				prevSpace = true
			} else {
				prevSpace = false
			}
			i++
			continue
		}
		// White space above ASCII is U+0085, U+00A0 (C2 85, C2 A0),
		// U+1680 and U+2000 to U+3000 (led by E1, E2, E3): only the
		// runes those bytes start are read. A lead byte is never inside
		// another rune, and the bytes of the others are neither space nor
		// ASCII, so stepping one byte reads what decoding would.
		switch c {
		case 0xC2:
			if i+1 < len(s) && (s[i+1] == 0x85 || s[i+1] == 0xA0) {
				return false
			}
		case 0xE1, 0xE2, 0xE3:
			if r, _ := utf8.DecodeRuneInString(s[i:]); (r == 0x1680 || r >= 0x2000) && unicode.IsSpace(r) {
				return false
			}
		}
		prevSpace = false
		i++
	}
	return !prevSpace
}

// blank reports whether line i holds nothing but spaces.
func (t *text) blank(i int) bool { return len(t.lines[i].cells) == 0 }

// isCaps reports whether s has at least two letters and no lower-case letter:
// the headers (issuing body, type line, signer title) are set in capitals
// (Nghị định 30/2020/NĐ-CP, Phụ lục I).
func isCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// isNameLike reports whether s looks like a person's name: two to six words,
// each a capitalised syllable of letters only ("Vũ Đức Bảo", "Phùng Tô Long").
func isNameLike(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) {
			return false
		}
		for i, r := range rs {
			if !unicode.IsLetter(r) {
				return false
			}
			if i > 0 && unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// fold is the comparison form of a short string: diacritics removed, lower
// case (corpus.Fold keeps case; đ → d).
func fold(s string) string { return corpus.FoldLower(s) }
