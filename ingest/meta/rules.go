package meta

import (
	"regexp"
	"strconv"
	"strings"

	"vanthu/corpus"
)

// Quantitative rules on delegations abroad, as the provinces and ministries
// state them (DOMAIN.md, "The rules on delegations found in the seeds"; Thông
// tư 25/2025/TT-BGDĐT, Điều 6, 9, 10, 12). Each pattern is matched inside one
// clause (a sentence cut at ";"), and checked against its sentence for the
// words that say what the number limits.

const num = `(\d{1,3})(?:\s*\([^)]{1,20}\))?` // "05 (năm)"

type rulePattern struct {
	kind string
	need []string // folded words one of which the clause must hold before the regexp is tried
	re   *regexp.Regexp
	// accept checks the clause and sentence (folded: no diacritics, lower
	// case) and returns the limit, unit and scope.
	accept func(m []string, clause, sentence string) (limit float64, unit, scope string, ok bool)
}

func atof(s string) float64 { v, _ := strconv.Atoi(s); return float64(v) }

// firstNum is the first submatch made of digits: the limit, whichever
// alternative of a pattern matched.
func firstNum(m []string) float64 {
	for _, g := range m[1:] {
		if g != "" && strings.Trim(g, "0123456789") == "" {
			return atof(g)
		}
	}
	return 0
}

func dayUnit(m string) string {
	if strings.Contains(fold(m), "lam viec") {
		return "working-day"
	}
	return "day"
}

// has reports whether the folded text k contains any of the folded words.
func has(k string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// tripContext reports whether a sentence is about delegations or trips
// abroad (and not, say, the "Ủy ban Công tác về các tổ chức phi chính phủ
// nước ngoài" of Thông tư 13/2025/TT-BNG).
func tripContext(s string) bool {
	return has(s, "doan ra", "doan di", "doan cong tac", "cu doan", "di cong tac", "cong tac nuoc ngoai",
		"chuyen di", "chuyen cong tac", "ra nuoc ngoai", "di nuoc ngoai")
}

var rulePatterns = []rulePattern{
	{corpus.RuleMembersPerDelegation, []string{"nguoi", "thanh vien"}, regexp.MustCompile(`(?i)(?:không\s+quá|tối\s+đa)\s+` + num + `\s*(?:người|thành\s+viên)`),
		func(m []string, c, s string) (float64, string, string, bool) {
			return firstNum(m), "person", "per delegation", has(c, "doan")
		}},
	{corpus.RuleDaysPerCountry, []string{"nuoc", "quoc gia"}, regexp.MustCompile(`(?i)(?:(?:mỗi\s+nước|một\s+nước|mỗi\s+quốc\s+gia|một\s+quốc\s+gia)[^;]{0,60}?không\s+quá\s+` + num + `\s*ngày(\s+làm\s+việc)?` +
		`|không\s+quá\s+` + num + `\s*ngày(\s+làm\s+việc)?\s*(?:/|tại\s+mỗi|ở\s+mỗi|cho\s+mỗi|mỗi)\s*(?:nước|quốc\s+gia))`),
		func(m []string, c, s string) (float64, string, string, bool) {
			scope := "per country"
			if has(c, "chua ke", "khong tinh", "khong ke") {
				scope = "per country, not counting travel"
			}
			return firstNum(m), dayUnit(m[0]), scope, true
		}},
	{corpus.RuleCountriesPerTrip, []string{"nuoc"}, regexp.MustCompile(`(?i)(?:không\s+đi\s+quá|đi\s+không\s+quá|không\s+quá)\s+` + num + `\s*nước`),
		func(m []string, c, s string) (float64, string, string, bool) {
			return firstNum(m), "country", "per trip", true
		}},
	{corpus.RuleTripsPerYear, []string{"lan", "chuyen"}, regexp.MustCompile(`(?i)(?:quá\s+` + num + `\s*(?:lần|chuyến)\s*(?:/\s*năm|trong\s+(?:một\s+)?năm|mỗi\s+năm|một\s+năm)` +
		`|(?:mỗi|một|trong\s+một)\s+năm[^;.]{0,60}?không\s+quá\s+` + num + `\s*(?:lần|chuyến))`),
		func(m []string, c, s string) (float64, string, string, bool) {
			scope := ""
			switch {
			case has(c, "chu chot"):
				scope = "key leaders"
			case has(c, "lanh dao"):
				scope = "leaders"
			}
			return firstNum(m), "trip/year", scope, true
		}},
	{corpus.RuleKeyOfficials, []string{"bo tri", "khong cu"}, regexp.MustCompile(`(?i)không\s+(?:bố\s+trí|cử)\s+` + num + `\s*(?:cán\s+bộ\s+chủ\s+chốt|lãnh\s+đạo)`),
		func(m []string, c, s string) (float64, string, string, bool) {
			// "không bố trí 02 cán bộ chủ chốt ... cùng tham gia một đoàn":
			// at most one per delegation.
			n := firstNum(m)
			if n < 1 {
				return 0, "", "", false
			}
			return n - 1, "person", "key officials of one body in one delegation", true
		}},
	{corpus.RuleLeadershipShare, []string{"/"}, regexp.MustCompile(`(?i)không\s+quá\s+(\d+)\s*/\s*(\d+)\s*(?:tập\s+thể\s+lãnh\s+đạo|số\s+lãnh\s+đạo|lãnh\s+đạo)`),
		func(m []string, c, s string) (float64, string, string, bool) {
			a, b := atof(m[1]), atof(m[2])
			if b == 0 || a > b {
				return 0, "", "", false
			}
			return a / b, "fraction", "leadership collective of one body in one delegation", true
		}},
	{corpus.RuleReportDeadline, []string{"bao cao"}, regexp.MustCompile(`(?i)(?:chậm\s+nhất(?:\s+là)?(?:\s+trong)?|trong\s+(?:vòng|thời\s+gian|thời\s+hạn)|trong)\s+` + num + `\s*ngày(\s+làm\s+việc)?`),
		func(m []string, c, s string) (float64, string, string, bool) {
			ok := has(c, "bao cao") && !has(c, "quyet toan") && has(s, "ket thuc chuyen", "ket thuc doan", "ket thuc dot", "sau chuyen", "ve nuoc")
			return firstNum(m), dayUnit(m[0]), "after the trip", ok
		}},
	{corpus.RuleDossierLeadTime, []string{"it nhat", "toi thieu", "cham nhat"}, regexp.MustCompile(`(?i)(?:ít\s+nhất|tối\s+thiểu|chậm\s+nhất)\s+(?:là\s+)?` + num + `\s*ngày(\s+làm\s+việc)?`),
		func(m []string, c, s string) (float64, string, string, bool) {
			ok := has(c, "ho so", "van ban de nghi", "to trinh") && has(c, "truoc") && !has(c, "bao cao ket qua", "ket thuc") && tripContext(s)
			return firstNum(m), dayUnit(m[0]), "before departure", ok
		}},
	// Encoded as month*100 + day ("trước ngày 5/10 hằng năm" → 1005) with
	// unit "date": a yearly deadline has no year.
	{corpus.RuleAnnualPlanDeadline, []string{"truoc ngay"}, regexp.MustCompile(`(?i)trước\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:hằng|hàng|mỗi)\s+năm`),
		func(m []string, c, s string) (float64, string, string, bool) {
			d, mo := atof(m[1]), atof(m[2])
			if _, ok := corpus.NewDate(2000, int(mo), int(d)); !ok {
				return 0, "", "", false
			}
			return mo*100 + d, "date", "each year", has(s, "ke hoach") && has(s, "doi ngoai", "doan", "nuoc ngoai")
		}},
}

// ruleScans run the regexps of rulePatterns, each only where a match can
// start (the case-blind patterns have no literal prefix for the regexp
// package to look for).
var ruleScans = func() []*startScan {
	out := make([]*startScan, len(rulePatterns))
	for i, p := range rulePatterns {
		out[i] = newStartScan(p.re)
	}
	return out
}()

// reHead finds who heads the delegation a limit is for: "đối với đoàn do
// cấp trưởng làm trưởng đoàn", "Đoàn do Chủ tịch UBND tỉnh làm trưởng đoàn".
var reHead = regexp.MustCompile(`(?i)đoàn\s+do\s+([^,;.():]{2,80}?)\s+(?:làm\s+)?trưởng\s+đoàn`)

func headOf(clause string) string {
	if m := reHead.FindStringSubmatch(clause); m != nil {
		return collapse(m[1])
	}
	return ""
}

var (
	reException = regexp.MustCompile(`(?i)(?:trừ\s+trường\s+hợp|(?:trong\s+)?trường\s+hợp\s+(?:thật|thực\s+sự)\s+cần\s+thiết)[^.;()]*(?:\([^)]*\)[^.;()]*)*`)
	reExcStart  = regexp.MustCompile(`(?i)^(?:trừ\s+trường\s+hợp|(?:trong\s+)?trường\s+hợp\s+(?:thật|thực\s+sự)\s+cần\s+thiết)`)
	reListMark  = regexp.MustCompile(`^(?:\d{1,2}\s*[.)-]|[a-zđ]\)|[-+•])\s*`)
)

// mayStartListMark reports whether a match of reListMark can start with
// the byte c: a digit, a to z, "-", "+", or the first byte of "đ" (C4 91)
// or "•" (E2 80 A2). Most lines start with none of them.
func mayStartListMark(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '-' || c == '+' || c == 0xC4 || c == 0xE2
}

// sentence is a byte range of the text; para numbers the paragraph it is in.
type sentence struct {
	start, end int
	para       int
}

// sentences cuts the text at ".", "!", "?" followed by a space or line end, at
// blank lines and at lines that start a list item.
func sentences(w string) []sentence {
	var out []sentence
	para := 0
	start := 0
	flush := func(end int) {
		for start < end && (w[start] == ' ' || w[start] == '\n') {
			start++
		}
		if end > start {
			out = append(out, sentence{start, end, para})
		}
		start = end
	}
	for i := 0; i < len(w); i++ {
		switch c := w[i]; c {
		case '.', '!', '?':
			if i+1 == len(w) || w[i+1] == ' ' || w[i+1] == '\n' {
				flush(i + 1)
			}
		case '\n':
			j := i + 1
			for j < len(w) && w[j] == ' ' {
				j++
			}
			if j < len(w) && w[j] == '\n' {
				flush(i)
				para++
				continue
			}
			if j < len(w) && mayStartListMark(w[j]) && reListMark.MatchString(w[j:min(len(w), j+4)]) {
				flush(i)
				para++
			}
		}
	}
	flush(len(w))
	return out
}

// findRules extracts the quantitative rules, one per kind, limit, unit and
// scope, with the sentence they come from and the exception clause when the
// same or the next sentence of the paragraph states one.
func findRules(t *text) []corpus.Rule {
	w := t.work
	sents := sentences(w)
	var out []corpus.Rule
	seen := map[string]bool{}
	for si, s := range sents {
		// Every pattern states its limit in ASCII digits (\d): a sentence
		// without one holds no rule, and most sentences of a text have none.
		if !hasDigit(w[s.start:s.end]) {
			continue
		}
		fs := fold(w[s.start:s.end])
		if !has(fs, "khong", "it nhat", "toi thieu", "cham nhat", "truoc ngay", "trong", "toi da") {
			continue
		}
		// clauses
		cs := s.start
		for cs < s.end {
			ce := clauseEnd(w, cs, s.end)
			clause := w[cs:ce]
			if !hasDigit(clause) {
				cs = ce + 1
				continue
			}
			fc := fs // a sentence of one clause is folded once
			if cs != s.start || ce != s.end {
				fc = fold(clause)
			}
			for k, p := range rulePatterns {
				if !has(fc, p.need...) {
					continue
				}
				for _, mi := range ruleScans[k].FindAllStringSubmatchIndex(clause) {
					m := make([]string, len(mi)/2)
					for k := range m {
						if mi[2*k] >= 0 {
							m[k] = clause[mi[2*k]:mi[2*k+1]]
						}
					}
					limit, unit, scope, ok := p.accept(m, fc, fs)
					if !ok {
						continue
					}
					if head := headOf(clause); head != "" && p.kind == corpus.RuleMembersPerDelegation {
						// Limits differ by who leads (Đà Nẵng 101/UBND-SNV:
						// 10, 7 or 5 members): keep who, as written.
						scope += " headed by " + head
					}
					key := p.kind + "|" + strconv.FormatFloat(limit, 'g', -1, 64) + "|" + unit + "|" + scope
					if seen[key] {
						continue
					}
					seen[key] = true
					r := corpus.Rule{Kind: p.kind, Limit: limit, Unit: unit, Scope: scope}
					qs, qe := s.start, s.end
					if qe-qs > 300 {
						qs, qe = cs, ce
					}
					qs = skipListMark(w, qs, qe)
					r.Quote = t.quote(qs, qe)
					r.Span = t.span(qs, qe)
					r.Exception = exception(t, sents, si, cs+mi[0])
					out = append(out, r)
				}
			}
			cs = ce + 1
		}
	}
	return out
}

// hasDigit reports whether s holds an ASCII digit, what \d matches.
func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

func skipListMark(w string, s, e int) int {
	for s < e && (w[s] == ' ' || w[s] == '\n') {
		s++
	}
	if m := reListMark.FindStringIndex(w[s:e]); m != nil && m[1] < e-s {
		s += m[1]
	}
	return s
}

// exception finds "trừ trường hợp ..." after the rule in its sentence, or a
// next sentence of the same paragraph that starts with it.
func exception(t *text, sents []sentence, si, from int) string {
	s := sents[si]
	if m := reException.FindStringIndex(t.work[from:s.end]); m != nil {
		return strings.TrimRight(t.quote(from+m[0], from+m[1]), " ,")
	}
	if si+1 < len(sents) && sents[si+1].para == s.para {
		n := sents[si+1]
		if reExcStart.MatchString(t.work[n.start:n.end]) {
			return t.quote(n.start, n.end)
		}
	}
	return ""
}

// clauseEnd returns the end of the clause starting at cs: the next ";" outside
// parentheses, or the end of the sentence.
func clauseEnd(w string, cs, end int) int {
	depth := 0
	for i := cs; i < end; i++ {
		switch w[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ';':
			if depth == 0 {
				return i
			}
		}
	}
	return end
}
