package corpus

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The definitions ParseNumber, TypeName, TypeCode and MatchKey were written with,
// which their faster forms must keep.
var (
	segSplit = regexp.MustCompile(`\s*([-/])\s*`)
	numShape = regexp.MustCompile(`^(\d{1,6})\s*([/-])\s*(?:(\d{4})\s*/\s*)?(\pL[\pL\pN]*(?:\s*[-/]\s*\pL[\pL\pN]*)*)\s*[.,;:)]*$`)
)

func typeNameRef(code string) string {
	if code == "" {
		return ""
	}
	k := strings.ToUpper(Fold(code))
	for _, t := range docTypes {
		if strings.ToUpper(Fold(t.Code)) == k {
			return t.Name
		}
	}
	return ""
}

func typeCodeRef(name string) string {
	k := MatchKey(name)
	switch k {
	case "cong van":
		return "CV"
	case "quy dinh":
		return "QyĐ"
	case "luat", "bo luat":
		return "L"
	}
	for _, t := range docTypes {
		if MatchKey(t.Name) == k {
			return t.Code
		}
	}
	return ""
}

func checkNumberShortcuts(t *testing.T, s string) {
	t.Helper()
	parts, seps := splitSegs(s)
	var wantSeps []string
	for _, m := range segSplit.FindAllStringSubmatch(s, -1) {
		wantSeps = append(wantSeps, m[1])
	}
	if want := segSplit.Split(s, -1); !slices.Equal(parts, want) || !slices.Equal(seps, wantSeps) {
		t.Errorf("splitSegs(%q) = %q %q, want %q %q", s, parts, seps, want, wantSeps)
	}
	m, ok := matchNumShape(s)
	if want := numShape.FindStringSubmatch(s); !slices.Equal(m, want) || ok != (want != nil) {
		t.Errorf("matchNumShape(%q) = %q %v, want %q", s, m, ok, want)
	}
	if !mayHaveNumPrefix(s) && numPrefix.MatchString(s) {
		t.Errorf("numPrefix matches %q, which mayHaveNumPrefix turns away", s)
	}
	if got, want := TypeName(s), typeNameRef(s); got != want {
		t.Errorf("TypeName(%q) = %q, want %q", s, got, want)
	}
	if got, want := TypeCode(s), typeCodeRef(s); got != want {
		t.Errorf("TypeCode(%q) = %q, want %q", s, got, want)
	}
}

var numberShortcutCases = []string{
	"", " ", "-", "/", " - ", "NĐ-CP", "NĐ - CP", "CV/BTCTU", "QĐ -TTg/ x", "a\t-\n/ b", "--", "a- -b", " -a", "a- ",
	"\xff-\xfe", "UBND-KGVX", "Số: 155 /2020/NĐ-CP", "số 12", "SỐ KÝ HIỆU: 1", "ſố 3", "\fso: 4", "\vSố 5", "\u00a0số 6",
	"x số", "ĐA", "DA", "đa", "qđ", "QyĐ", "QĐi", "qh", "cv", "Quy định", "quy dinh", "Luật", "Bộ luật", "Thông tư liên tịch",
	"Chỉ thị", "CHỈ THỊ", "Đề án", "Dự án", "Án lệ", "Văn bản hợp nhất", "Công văn",
	"155/2020/NĐ-CP", "155 / 2020 / NĐ - CP", "1234567/A", "123456/A", "12/20201/A", "12/2020 /A", "12/2020A/B", "12/2020/",
	"12-CV/TU.", "12-CV/TU .;)", "12-CV/TU. ", "12/A1-B2", "12/A-", "12/A- 1", "12/Ⅻ", "12/A٣-ⅫB", "12/\xff", "12/A\xff",
	"１2/A", "12//A", "12/-A", "12 \t/\nA", "0/A)", "12/A:)", "12/2020/QH13", "12/2020/1", "5-2020/A", "12\f-\fA",
}

func TestNumberShortcutsAgree(t *testing.T) {
	cases := slices.Clone(numberShortcutCases)
	for _, d := range docTypes {
		cases = append(cases, d.Code, d.Name, strings.ToLower(d.Code), strings.ToUpper(d.Name), Fold(d.Name))
	}
	for k, c := range knownCodes {
		cases = append(cases, k, c)
	}
	for _, s := range cases {
		checkNumberShortcuts(t, s)
	}
}

func FuzzNumberShortcuts(f *testing.F) {
	for _, s := range numberShortcutCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkNumberShortcuts(t, s) })
}

// matchKeyRef is MatchKey as first written.
func matchKeyRef(s string) string {
	s = strings.ToLower(Fold(NormalizeTone(s)))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

var matchKeyCases = []string{
	"", "hoà", "HOÀ", "khoẻ", "thuỷ", "quý", "hoàn", "Hoà Bình", "hoặ", "oạ̀", "ho\u0300a", "hoa\u0300", "Uỷ ban", "UỶ BAN", "Ủy ban",
	"Ǣ", "oǢ", "\xffhoà", "Đoàn", "ĐOÀN", "thuở", "khuya", "oà-oẻ uỵ", "Ào", "o\u0323a", "е\u0308", "Å", "\u212b", "oà\u2019s",
}

func TestMatchKeyAgrees(t *testing.T) {
	for _, s := range matchKeyCases {
		if got, want := MatchKey(s), matchKeyRef(s); got != want {
			t.Errorf("MatchKey(%q) = %q, want %q", s, got, want)
		}
	}
	// every pair of Latin letters after o, O, u or U in any form, where
	// NormalizeTone moves marks, at the end of a word or not
	var letters, firsts []rune
	for r := rune('A'); r <= 0x1EFF; r++ {
		if r > 0x24F && r < 0x1E00 || !unicode.IsLetter(r) {
			continue
		}
		letters = append(letters, r)
		if b := FoldRune(r); b == 'o' || b == 'O' || b == 'u' || b == 'U' {
			firsts = append(firsts, r)
		}
	}
	for _, a := range firsts {
		for _, b := range letters {
			for _, s := range []string{string(a) + string(b), "q" + string(a) + string(b) + "n", "h" + string(a) + string(b) + " x"} {
				if got, want := MatchKey(s), matchKeyRef(s); got != want {
					t.Fatalf("MatchKey(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

func FuzzMatchKey(f *testing.F) {
	for _, s := range matchKeyCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := MatchKey(s), matchKeyRef(s); got != want {
			t.Errorf("MatchKey(%q) = %q, want %q", s, got, want)
		}
	})
}
