package meta

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
)

// Citations are written "<Type> số <number>[,] ngày <date> của <issuer>"
// ("Chỉ thị số 38-CT/TW, ngày 21/7/2014 của Bộ Chính trị", "Nghị định số
// 37/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ"), laws with their
// name between type and number ("Luật Hải quan số 54/2014/QH13"), and
// provincial rules by a short number alone ("Quy chế 01 của Tỉnh ủy").

var (
	// number shapes: with year (30/2020/NĐ-CP), Party (38-CT/TW, 1542 -QĐ/TU,
	// 162- KH/TU) and state (202/BTTTT-KHTC, 2269/QĐ-TTg, 31/VBHN-VPQH).
	reCiteNum = regexp.MustCompile(`(\d{1,6})\s*(?:/\s*\d{4}\s*/\s*\p{Lu}[\pL\pN]*(?:\s*-\s*\p{Lu}[\pL\pN]*)*` +
		`|-\s*\p{Lu}[\pL]*\s*/\s*\p{Lu}[\pL\pN]*(?:-\p{Lu}[\pL\pN]*)*` +
		`|/\s*\p{Lu}[\pL\pN]*(?:\s*-\s*\p{Lu}[\pL\pN]*)+)`)
	reCiteNumAt = regexp.MustCompile(`^(?:` + reCiteNum.String() + `)`)
	typeWords   = `Chỉ thị|Quyết định|Kế hoạch|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Công văn|Thông báo|Bộ luật|Luật|Hướng dẫn|Quy chế|Quy định|Báo cáo|Tờ trình|Kết luận|Pháp lệnh|Công điện|Chương trình|Văn bản hợp nhất|Văn bản|Đề án|Công điện`
	reTypeBack  = regexp.MustCompile(`(?i)(` + typeWords + `)(\s+(?:số\s*)?:?\s*)$`)
	reLawBack   = regexp.MustCompile(`(Bộ luật|Luật)((?:\s+[\pL,]+){1,24}?\s+số\s*:?\s*)$`)
	shortTypes  = []string{"Quy chế", "Chỉ thị", "Quyết định", "Kế hoạch", "Nghị quyết", "Công văn", "Thông báo", "Nghị định", "Thông tư", "Quy định"}
	reShortRef  = regexp.MustCompile(`^(Quy chế|Chỉ thị|Quyết định|Kế hoạch|Nghị quyết|Công văn|Thông báo|Nghị định|Thông tư|Quy định)\s+(?:số\s+)?(\d{1,4})`)
	reCiteDate  = regexp.MustCompile(`^\s*,?\s*(?:(?i:ban\s+hành\s+)?(?i:ngày)\s+)?`)
	reCiteOf    = regexp.MustCompile(`^\s*,?\s*của\s+`)
	// "của <issuer> tại " just before the cited type word
	reIssuerBefore = regexp.MustCompile(`của\s+(\p{Lu}[^,;.()]{2,120}?)\s+tại\s+$`)
)

// issuerStop are the lower-case words that end an issuer's name after "của".
var issuerStop = map[string]bool{
	"về": true, "quy": true, "ban": true, "phê": true, "sửa": true, "hướng": true, "tăng": true, "thực": true,
	"được": true, "có": true, "đã": true, "thì": true, "nhằm": true, "đối": true, "trong": true, "tại": true,
	"theo": true, "việc": true, "gửi": true, "cho": true, "để": true, "ngày": true, "số": true, "từ": true,
	"với": true, "là": true, "này": true, "kèm": true, "hoặc": true, "mời": true, "đề": true, "triển": true,
	"phát": true, "chỉ": true, "yêu": true, "công": true, "bổ": true, "thay": true,
	"ngoài": true, "nêu": true, "hợp": true, "quản": true,
}

// findCitations lists the documents the text cites, one entry per cited
// document (the mention that states the most: date and issuer), in order of
// first mention. self is the key of the document's own number.
func findCitations(t *text, self string) []corpus.Citation {
	var out []corpus.Citation
	index := map[string]int{}
	add := func(c corpus.Citation, key string) {
		if i, ok := index[key]; ok {
			if richness(c) > richness(out[i]) {
				out[i] = c
			}
			return
		}
		index[key] = len(out)
		out = append(out, c)
	}
	w := t.work
	for _, m := range numberCandidates(w) {
		s, e := m[0], m[1]
		if s > 0 {
			if r, _ := utf8.DecodeLastRuneInString(w[:s]); unicode.IsDigit(r) || r == '/' || r == '.' || r == '-' || unicode.IsLetter(r) {
				continue
			}
		}
		if e < len(w) {
			if r, _ := utf8.DecodeRuneInString(w[e:]); r == '/' {
				continue
			}
		}
		n, ok := corpus.ParseNumber(w[s:e])
		if !ok || !plausibleCanonical(n, w[s:e]) || n.Key == self {
			continue
		}
		c := corpus.Citation{Number: n.Canonical, Key: n.Key, Type: n.Type}
		qs := s
		back := w[max(0, s-160):s]
		if tm := findTypeBack(back); tm != nil {
			qs = s - len(back) + tm[0]
			if c.Type == "" || c.Type == "CV" {
				if code := corpus.TypeCode(back[tm[2]:tm[3]]); code != "" {
					c.Type = code
				}
			}
		} else if lm := reLawBack.FindStringSubmatchIndex(back); lm != nil && !strings.ContainsAny(back[lm[4]:lm[5]], ".;") {
			qs = s - len(back) + lm[0]
			if c.Type == "" {
				c.Type = "L"
			}
		}
		qe := citeTail(t, e, &c)
		if c.Issuer == "" {
			// "Theo đề nghị của Bộ Thông tin và Truyền thông tại Công văn
			// số 202/BTTTT-KHTC": the issuer stated before the citation.
			if bm := reIssuerBefore.FindStringSubmatchIndex(w[max(0, qs-200):qs]); bm != nil {
				base := max(0, qs-200)
				if name, _ := issuerAt(w, base+bm[2]); name != "" && base+bm[2]+len(name) <= qs {
					c.Issuer = name
				}
			}
		}
		c.Quote = t.quote(qs, qe)
		c.Span = t.span(qs, qe)
		add(c, n.Key)
	}
	for _, m := range shortRefs(w) {
		s, e := m[0], m[1]
		if r, _ := utf8.DecodeRuneInString(w[e:]); e < len(w) && (unicode.IsDigit(r) || unicode.IsLetter(r) || r == '.' && e+1 < len(w) && w[e+1] >= '0' && w[e+1] <= '9') {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w[e:], " ")); r == '/' || r == '-' {
			continue // a full number, read above
		}
		digits := w[m[4]:m[5]]
		if v, _ := strconv.Atoi(digits); len(digits) == 4 && v >= 1900 && v <= 2100 {
			continue // a year: "Kế hoạch 2018"
		}
		code := corpus.TypeCode(w[m[2]:m[3]])
		c := corpus.Citation{Type: code}
		qe := citeTail(t, e, &c)
		c.Quote = t.quote(s, qe)
		c.Span = t.span(s, qe)
		add(c, "short:"+code+":"+strings.TrimLeft(digits, "0"))
	}
	return out
}

// plausibleCanonical is corpus.IsPlausibleNumber(n.Canonical) for the n
// that corpus.ParseNumber(written) returned: when the number was written
// in its canonical form, parsing it again would give n again.
func plausibleCanonical(n corpus.DocNumber, written string) bool {
	if n.Canonical == written {
		return n.IsPlausible()
	}
	return corpus.IsPlausibleNumber(n.Canonical)
}

func richness(c corpus.Citation) int {
	n := 0
	if !c.Date.IsZero() {
		n += 2
	}
	if c.Issuer != "" {
		n++
	}
	return n
}

// citeTail reads ", ngày <date>" and "của <issuer>" after a cited number and
// returns where the citation ends.
func citeTail(t *text, e int, c *corpus.Citation) int {
	w := t.work
	end := e
	if m := reCiteDate.FindStringIndex(w[e:]); m != nil {
		rest := w[e+m[1]:]
		if d, k, ok := ParseDate(rest); ok {
			c.Date = d
			end = e + m[1] + k
		}
	}
	if m := reCiteOf.FindStringIndex(w[end:]); m != nil {
		is := end + m[1]
		name, ie := issuerAt(w, is)
		if name != "" {
			c.Issuer = name
			end = ie
		}
	}
	return end
}

// shortRefs finds "Quy chế 01"-style mentions: each type word found with
// strings.Index, then reShortRef anchored there. The submatch indexes are
// offsets in w.
func shortRefs(w string) [][]int {
	var out [][]int
	for _, word := range shortTypes {
		for from := 0; ; {
			i := strings.Index(w[from:], word)
			if i < 0 {
				break
			}
			i += from
			from = i + len(word)
			if i > 0 {
				if r, _ := utf8.DecodeLastRuneInString(w[:i]); unicode.IsLetter(r) {
					continue
				}
			}
			win := w[i:min(len(w), i+40)]
			if !mayShortRef(win, len(word)) {
				continue
			}
			m := reShortRef.FindStringSubmatchIndex(win)
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// numberCandidates finds the cited numbers: a run of digits followed (after
// optional spaces) by "/" or "-" is tried against reCiteNum anchored there.
// Scanning for that shape first is several times faster than running the
// unanchored expression over the whole text.
func numberCandidates(w string) [][2]int {
	var out [][2]int
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' || i > 0 && w[i-1] >= '0' && w[i-1] <= '9' {
			continue
		}
		j := i
		for j < len(w) && w[j] >= '0' && w[j] <= '9' {
			j++
		}
		k := j
		for k < len(w) && w[k] == ' ' {
			k++
		}
		if k >= len(w) || w[k] != '/' && w[k] != '-' {
			i = j - 1
			continue
		}
		win := w[i:min(len(w), i+120)]
		if !mayCiteNum(w, k) {
			i = j - 1
			continue
		}
		if loc := reCiteNumAt.FindStringIndex(win); loc != nil {
			out = append(out, [2]int{i, i + loc[1]})
			i += loc[1] - 1
			continue
		}
		i = j - 1
	}
	return out
}

// mayShortRef reports whether reShortRef can match win, which starts with
// a type word of n bytes: no type word starts another, so the word must be
// followed by white space, then "số" or a digit.
func mayShortRef(win string, n int) bool {
	j := n
	for j < len(win) && isRegexpSpace(win[j]) {
		j++
	}
	return j > n && j < len(win) && (win[j] == 's' || win[j] >= '0' && win[j] <= '9')
}

// mayCiteNum reports whether reCiteNum can match from the digits before
// w[k], the "/" or "-" after them: after it and white space, every
// shape goes on with a capital, or after "/" with the four digits of a
// year and "/". Dates ("15/10/2020") and ranges ("1-2 ngày") stop here.
func mayCiteNum(w string, k int) bool {
	sep := w[k]
	k++
	for k < len(w) && isRegexpSpace(w[k]) {
		k++
	}
	if k >= len(w) {
		return false
	}
	if sep == '/' && w[k] >= '0' && w[k] <= '9' {
		d := k
		for d < len(w) && d-k < 4 && w[d] >= '0' && w[d] <= '9' {
			d++
		}
		if d-k < 4 {
			return false
		}
		for d < len(w) && isRegexpSpace(w[d]) {
			d++
		}
		return d < len(w) && w[d] == '/'
	}
	r, _ := utf8.DecodeRuneInString(w[k:])
	return unicode.IsUpper(r)
}

// nameTail are lower-case syllables that end an organisation's name
// ("Tỉnh ủy", "Chính phủ", "Bộ Chính trị", "Ban thường vụ").
var nameTail = map[string]bool{"ủy": true, "uỷ": true, "phủ": true, "trị": true, "thư": true, "vụ": true, "dân": true,
	"hội": true, "tạo": true, "tế": true, "nước": true, "tịch": true, "trưởng": true}

// issuerAt reads an issuer's name starting at byte i: capitalised words and
// the lower-case words inside names ("Ban thường vụ Tỉnh ủy", "Bộ Giáo dục và
// Đào tạo", "Ủy ban nhân dân tỉnh Quảng Ngãi"), up to punctuation or a verb.
func issuerAt(w string, i int) (string, int) {
	if r, _ := utf8.DecodeRuneInString(w[i:]); !unicode.IsUpper(r) {
		return "", i
	}
	type word struct {
		s      string
		end    int
		capped bool
	}
	var ws []word
	pos := i
	for pos < len(w) && len(ws) < 14 {
		j := pos
		for j < len(w) && (w[j] == ' ' || w[j] == '\n') {
			j++
		}
		k := j
		for k < len(w) {
			r, n := utf8.DecodeRuneInString(w[k:])
			if r == '.' && k+1 < len(w) && w[k+1] >= 'A' && w[k+1] <= 'Z' {
				k += n // "TP.HCM"
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			k += n
		}
		if k == j {
			break
		}
		s := w[j:k]
		r, _ := utf8.DecodeRuneInString(s)
		if unicode.IsLower(r) && issuerStop[s] && (s != "ban" || strings.HasPrefix(strings.TrimLeft(w[k:], " \n"), "hành")) {
			break // "ban" starts "ban hành" but is also part of "Ủy ban"
		}
		ws = append(ws, word{s, k, unicode.IsUpper(r) || unicode.IsDigit(r)})
		pos = k
		if k < len(w) && w[k] != ' ' && w[k] != '\n' {
			break // punctuation ends the name
		}
	}
	// A name's words start with a capital, each but the first syllable of a
	// word in lower case ("Ủy ban Dân tộc", "Bộ Thông tin và Truyền thông"):
	// trailing lower-case words are dropped unless they follow a capital.
	for n := len(ws); n > 0 && !ws[n-1].capped && !nameTail[ws[n-1].s] && (n == 1 || !ws[n-2].capped); n = len(ws) {
		ws = ws[:n-1]
	}
	if len(ws) == 0 {
		return "", i
	}
	end := ws[len(ws)-1].end
	return collapse(w[i:end]), end
}

// findTypeBack is reTypeBack.FindStringSubmatchIndex(back), without the
// regexp: it would be tried from every byte of back, each time with every
// type word. A match's type word can only end where typeBackEnd says (what
// follows it is white space, "số", a colon and white space), so each type
// word is compared backwards from there, rune by rune as (?i) compares (the
// same simple case-folding orbit), and the leftmost start found is the
// match the regexp reports.
func findTypeBack(back string) []int {
	end, ok := typeBackEnd(back)
	if !ok || end >= len(back) || !isRegexpSpace(back[end]) {
		// the pattern's \s+ follows the type word at once
		return nil
	}
	start := -1
	for _, w := range typeWordList {
		if s, ok := foldSuffix(back[:end], w); ok && (start < 0 || s < start) {
			start = s
		}
	}
	if start < 0 {
		return nil
	}
	return []int{start, len(back), start, end, end, len(back)}
}

// isRegexpSpace reports whether c is in the regexp's \s.
func isRegexpSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// typeWordList is typeWords split into its words.
var typeWordList = strings.Split(typeWords, "|")

// foldSuffix reports whether s ends with w under simple case folding, rune
// for rune, and where in s that suffix starts.
func foldSuffix(s, w string) (int, bool) {
	i := len(s)
	for j := len(w); j > 0; {
		wr, wn := utf8.DecodeLastRuneInString(w[:j])
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if n == 0 || r == utf8.RuneError || !foldEq(r, wr) {
			return 0, false
		}
		i -= n
		j -= wn
	}
	return i, true
}

// foldEq reports whether r is in the simple case-folding orbit of w, as a
// (?i) literal w matches r.
func foldEq(r, w rune) bool {
	if r == w {
		return true
	}
	if r < utf8.RuneSelf && w < utf8.RuneSelf {
		// the ASCII letters' orbits hold one ASCII rune of the other case
		// ('K' and 'S' have others, outside ASCII)
		return r|0x20 == w|0x20 && r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	for f := unicode.SimpleFold(w); f != w; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// typeBackEnd returns where the type word of a match of reTypeBack in s
// would end, and false when s cannot hold a match: what follows the type
// word (white space, then "số", a colon and white space as the pattern
// allows) is taken off the end, and what is left must end with the last
// letter of a type word.
func typeBackEnd(s string) (int, bool) {
	end := len(s)
	skipWS := func() bool {
		n := end
		for end > 0 && isRegexpSpace(s[end-1]) {
			end--
		}
		return end < n
	}
	ws := skipWS()
	if end > 0 && s[end-1] == ':' {
		end--
		ws = skipWS() || ws
	}
	if r, n := utf8.DecodeLastRuneInString(s[:end]); r == 'ố' || r == 'Ố' {
		if p, m := utf8.DecodeLastRuneInString(s[:end-n]); p == 's' || p == 'S' || p == 'ſ' {
			end -= n + m
			ws = skipWS() || ws
		}
	}
	if !ws {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:end])
	return end, typeWordLast[r]
}

// typeWordLast holds the last letter of each type word in every case
// (?i) matches: its whole simple case-folding orbit.
var typeWordLast = func() map[rune]bool {
	m := map[rune]bool{}
	for _, w := range strings.Split(typeWords, "|") {
		r, _ := utf8.DecodeLastRuneInString(w)
		for f := r; ; {
			m[f] = true
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	return m
}()
