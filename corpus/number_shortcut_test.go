package corpus

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The definitions ParseNumber, TypeName and TypeCode were written with,
// which their faster forms must keep.
var segSplit = regexp.MustCompile(`\s*([-/])\s*`)

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
