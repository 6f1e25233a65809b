package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DocNumber is a parsed "số ký hiệu".
//
// State documents write number/[year/]TYPE-ISSUER ("155/2020/NĐ-CP",
// "11/TB-UBND") or, for a công văn, number/ISSUER-UNIT ("507/UBND-KGVX");
// Party documents write number-TYPE/ISSUER ("4060-CV/BTCTU", "38-CT/TW").
type DocNumber struct {
	Raw       string `json:"raw,omitempty"`
	Canonical string `json:"canonical"`        // display form: "155/2020/NĐ-CP", "4060-CV/BTCTU", "05/UBND-VP"
	Key       string `json:"key"`              // comparison form: "155-2020-ND-CP"; equal keys mean the same number
	Num       int    `json:"num"`              // the running number
	Year      int    `json:"year,omitempty"`   // the year segment of legal normative documents
	Type      string `json:"type,omitempty"`   // type code from the number ("NĐ", "CV", "CT"); "" when the number does not say
	Issuer    string `json:"issuer,omitempty"` // issuer code part ("CP", "BTCTU", "UBND-KGVX")
	Party     bool   `json:"party,omitempty"`  // Party form (number-TYPE/ISSUER)
}

// DocType is one entry of the type table.
type DocType struct {
	Code string // as written in numbers: "QĐ", "TTr"
	Name string // "Quyết định", "Tờ trình"
}

// docTypes lists the type abbreviations of Nghị định 30/2020/NĐ-CP Phụ lục III,
// the legal normative types used in numbers, and the Party types of Hướng dẫn
// 36-HD/VPTW. Công văn has no code in the state system (its number carries the
// issuer's code); the Party system writes CV.
var docTypes = []DocType{
	{"NQ", "Nghị quyết"}, {"QĐ", "Quyết định"}, {"CT", "Chỉ thị"}, {"QC", "Quy chế"},
	{"QyĐ", "Quy định"}, {"QĐi", "Quy định"}, {"TC", "Thông cáo"}, {"TB", "Thông báo"},
	{"HD", "Hướng dẫn"}, {"CTr", "Chương trình"}, {"KH", "Kế hoạch"}, {"PA", "Phương án"},
	{"ĐA", "Đề án"}, {"DA", "Dự án"}, {"BC", "Báo cáo"}, {"BB", "Biên bản"},
	{"TTr", "Tờ trình"}, {"HĐ", "Hợp đồng"}, {"CĐ", "Công điện"}, {"BGN", "Bản ghi nhớ"},
	{"BTT", "Bản thỏa thuận"}, {"GUQ", "Giấy ủy quyền"}, {"GM", "Giấy mời"},
	{"GGT", "Giấy giới thiệu"}, {"GNP", "Giấy nghỉ phép"}, {"PG", "Phiếu gửi"},
	{"PC", "Phiếu chuyển"}, {"PB", "Phiếu báo"}, {"SY", "Bản sao y"}, {"TrS", "Bản trích sao"},
	{"SL", "Bản sao lục"}, {"CV", "Công văn"}, {"KL", "Kết luận"}, {"NĐ", "Nghị định"},
	{"TT", "Thông tư"}, {"TTLT", "Thông tư liên tịch"}, {"VBHN", "Văn bản hợp nhất"},
	{"L", "Luật"}, {"AL", "Án lệ"}, {"QH", "Luật"},
}

// knownCodes restores the official spelling of codes typed in lower case or
// without đ ("nd" → "NĐ", "qd-ttg" → "QĐ-TTg"). Ambiguous folds (ĐA/DA) keep
// what was typed.
var knownCodes = func() map[string]string {
	m := map[string]string{}
	add := func(code string) {
		k := strings.ToUpper(Fold(code))
		if prev, ok := m[k]; ok && prev != code {
			m[k] = "" // ambiguous
			return
		}
		m[k] = code
	}
	for _, t := range docTypes {
		add(t.Code)
	}
	for _, c := range []string{"TTg", "CP", "TW", "UBND", "HĐND", "BGDĐT", "BNG", "BNV", "BTC", "BCA", "BQP",
		"VPCP", "VPQH", "QH", "BCT", "BKHĐT", "BTTTT", "BLĐTBXH", "VPTW", "TU", "TƯ", "BCĐ", "SNV", "SNgV"} {
		add(c)
	}
	return m
}()

// TypeName returns the full name of a type code ("QĐ" → "Quyết định"), matching
// without regard to case or đ; "" when unknown.
func TypeName(code string) string {
	if code == "" {
		return ""
	}
	return typeNameByKey[strings.ToUpper(Fold(code))]
}

// typeNameByKey maps each code of docTypes, upper case without đ, to the
// name of its first entry.
var typeNameByKey = func() map[string]string {
	m := map[string]string{}
	for _, t := range docTypes {
		if k := strings.ToUpper(Fold(t.Code)); m[k] == "" {
			m[k] = t.Name
		}
	}
	return m
}()

// TypeCode returns the code of a full type name ("Chỉ thị" → "CT"), matching
// without regard to case or diacritics; "" when unknown.
func TypeCode(name string) string {
	k := MatchKey(name)
	switch k {
	case "cong van":
		return "CV"
	case "quy dinh":
		return "QyĐ"
	case "luat", "bo luat":
		return "L"
	}
	return typeCodeByKey[k]
}

// typeCodeByKey maps the MatchKey of each name of docTypes to the code of
// its first entry.
var typeCodeByKey = func() map[string]string {
	m := map[string]string{}
	for _, t := range docTypes {
		if k := MatchKey(t.Name); m[k] == "" {
			m[k] = t.Code
		}
	}
	return m
}()

// DocTypes returns a copy of the type table.
func DocTypes() []DocType { return append([]DocType(nil), docTypes...) }

func isTypeCode(seg string) bool { return TypeName(seg) != "" && !strings.EqualFold(seg, "QH") }

var (
	numPrefix = regexp.MustCompile(`(?i)^\s*(?:s[ốoồổ]\s*(?:k[ýy]\s*hi[ệe]u)?\s*[:.]?\s*)`)
	lawCode   = regexp.MustCompile(`^(?i:QH)\d+$`)
)

// ParseNumber parses a document number in any of the spellings seen in real
// texts: "Số: 155 /2020/NĐ-CP", "155/2020/nd-cp", "Số 4060-CV/BTCTU",
// "1542 -QĐ/TU", "162- KH/TU", "38/CT-TW". It reports false when s is not a
// number of that grammar.
func ParseNumber(s string) (DocNumber, bool) {
	raw := strings.TrimSpace(NFC(s))
	t := raw
	if mayHaveNumPrefix(raw) {
		t = numPrefix.ReplaceAllString(raw, "")
	}
	t = strings.Join(strings.Fields(t), " ")
	m, ok := matchNumShape(t)
	if !ok {
		return DocNumber{}, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return DocNumber{}, false
	}
	d := DocNumber{Raw: raw, Num: n}
	if m[3] != "" {
		d.Year, _ = strconv.Atoi(m[3])
		if d.Year < 1000 {
			// "0001" is no year: treating it as one would print a
			// canonical form ("…/1/…") that no longer parses.
			return DocNumber{}, false
		}
	}
	parts, seps := splitSegs(m[4])
	for i, p := range parts {
		parts[i] = canonCode(p)
	}
	d.Party = m[2] == "-" && d.Year == 0
	switch {
	case d.Party:
		d.Type = parts[0]
		d.Issuer = strings.Join(parts[1:], "-")
	case len(parts) == 1 && lawCode.MatchString(parts[0]):
		d.Issuer = parts[0]
	case isTypeCode(parts[0]) && len(parts) > 1:
		d.Type = parts[0]
		d.Issuer = strings.Join(parts[1:], "-")
	default:
		// number/ISSUER-UNIT: a công văn (Nghị định 30/2020, Phụ lục III: the
		// only type without its own code).
		d.Type = "CV"
		d.Issuer = strings.Join(parts, "-")
	}
	var b strings.Builder
	b.WriteString(pad2(n))
	sep := m[2]
	if d.Year != 0 {
		// number/year/CODES: the year stands between slashes however the
		// first separator was typed ("5-2020/A" → "05/2020/A"), or the
		// canonical form would not parse again.
		b.WriteString("/" + strconv.Itoa(d.Year))
		sep = "/"
	}
	b.WriteString(sep)
	for i, p := range parts {
		if i > 0 {
			b.WriteString(seps[i-1])
		}
		b.WriteString(p)
	}
	d.Canonical = b.String()
	key := []string{strconv.Itoa(n)}
	if d.Year != 0 {
		key = append(key, strconv.Itoa(d.Year))
	}
	for _, p := range parts {
		key = append(key, strings.ToUpper(Fold(p)))
	}
	d.Key = strings.Join(key, "-")
	return d, true
}

// matchNumShape is the match of
// ^(\d{1,6})\s*([/-])\s*(?:(\d{4})\s*/\s*)?(\pL[\pL\pN]*(?:\s*[-/]\s*\pL[\pL\pN]*)*)\s*[.,;:)]*$
// in t with its submatches (numShape in the tests), without the regexp,
// which backtracks over every number cited: the digits, the separator, the
// year and the codes ("UBND-KGVX"), each as the pattern reads them. The
// pattern has one way to match: each repeat, greedy, can only stop where
// what follows cannot go on (a letter or digit, white space then "-" or "/").
func matchNumShape(t string) ([]string, bool) {
	i := 0
	for i < len(t) && isASCIIDigit(t[i]) {
		i++
	}
	if i == 0 || i > 6 {
		return nil, false
	}
	num := t[:i]
	i = skipRegexpSpace(t, i)
	if i >= len(t) || t[i] != '/' && t[i] != '-' {
		return nil, false
	}
	sep := t[i : i+1]
	i = skipRegexpSpace(t, i+1)
	year := ""
	if j := i + 4; j <= len(t) && isASCIIDigit(t[i]) && isASCIIDigit(t[i+1]) && isASCIIDigit(t[i+2]) && isASCIIDigit(t[i+3]) {
		if k := skipRegexpSpace(t, j); k < len(t) && t[k] == '/' {
			year = t[i:j]
			i = skipRegexpSpace(t, k+1)
		}
	}
	cs := i
	if r, n := utf8.DecodeRuneInString(t[i:]); n == 0 || !unicode.IsLetter(r) {
		return nil, false
	} else {
		i = skipLetterNumber(t, i+n)
	}
	for {
		k := skipRegexpSpace(t, i)
		if k >= len(t) || t[k] != '-' && t[k] != '/' {
			break
		}
		k = skipRegexpSpace(t, k+1)
		r, n := utf8.DecodeRuneInString(t[k:])
		if n == 0 || !unicode.IsLetter(r) {
			break
		}
		i = skipLetterNumber(t, k+n)
	}
	codes := t[cs:i]
	i = skipRegexpSpace(t, i)
	for i < len(t) && strings.IndexByte(".,;:)", t[i]) >= 0 {
		i++
	}
	if i != len(t) {
		return nil, false
	}
	return []string{t, num, sep, year, codes}, true
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipRegexpSpace returns the position after the run of the regexp's \s
// at i.
func skipRegexpSpace(t string, i int) int {
	for i < len(t) && isRegexpSpace(t[i]) {
		i++
	}
	return i
}

// skipLetterNumber returns the position after the run of [\pL\pN] at i.
func skipLetterNumber(t string, i int) int {
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			break
		}
		i += n
	}
	return i
}

// mayHaveNumPrefix reports whether numPrefix can match s: after the
// regexp's \s, its first letter is s in some case (ſ included).
func mayHaveNumPrefix(s string) bool {
	i := skipRegexpSpace(s, 0)
	return i < len(s) && (s[i] == 's' || s[i] == 'S' || strings.HasPrefix(s[i:], "ſ"))
}

// isRegexpSpace reports whether c is in the regexp's \s.
func isRegexpSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// splitSegs is segSplit.Split(s, -1) with the separator of each match of
// segSplit (its submatch): a separator is "-" or "/" with the white space
// around it.
func splitSegs(s string) (parts, seps []string) {
	beg := 0
	for i := 0; i < len(s); {
		j := skipRegexpSpace(s, i)
		if j < len(s) && (s[j] == '-' || s[j] == '/') {
			parts = append(parts, s[beg:i])
			seps = append(seps, s[j:j+1])
			beg = skipRegexpSpace(s, j+1)
			i = beg
			continue
		}
		i = max(j, i+1)
	}
	return append(parts, s[beg:]), seps
}

// pad2 zero-pads numbers under 10, as official numbers are written
// (Nghị định 30/2020/NĐ-CP, Phụ lục I: "Số: 05/...").
func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func canonCode(seg string) string {
	if c := knownCodes[strings.ToUpper(Fold(seg))]; c != "" {
		return c
	}
	return strings.ToUpper(seg)
}

// NumberKey returns the comparison key of a number in any spelling, or "" when
// s does not parse. Two spellings name the same number when their keys are equal.
func NumberKey(s string) string {
	d, ok := ParseNumber(s)
	if !ok {
		return ""
	}
	return d.Key
}

// CanonicalNumber returns the display form of a number, or s trimmed when it
// does not parse.
func CanonicalNumber(s string) string {
	d, ok := ParseNumber(s)
	if !ok {
		return strings.TrimSpace(s)
	}
	return d.Canonical
}

// IsPlausibleNumber reports whether a string read by OCR has the shape of a
// document number (used to flag implausible OCR output).
func IsPlausibleNumber(s string) bool {
	d, ok := ParseNumber(s)
	return ok && d.IsPlausible()
}

// IsPlausible reports whether a number ParseNumber returned has the shape
// of a document number: IsPlausibleNumber(s) is d.IsPlausible() for the d
// that ParseNumber(s) returns with true.
func (d DocNumber) IsPlausible() bool {
	if d.Num == 0 {
		return false
	}
	if d.Year != 0 && (d.Year < 1945 || d.Year > 2100) {
		return false
	}
	for _, r := range d.Issuer + d.Type {
		if unicode.IsDigit(r) && !lawCode.MatchString(d.Issuer) {
			return false
		}
	}
	return true
}
