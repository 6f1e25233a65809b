package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fast path of NFC must never keep a text that NFC would change: every
// rune it accepts is normal alone, is a starter (nothing reorders it), and
// stays as it is after any other accepted rune or an ASCII letter (nothing
// composes with it).
func TestPrecomposedOnlyAgreesWithNorm(t *testing.T) {
	var stable []rune
	for r := rune(0x80); r <= 0x2FFF; r++ {
		if !isStableRune(r) {
			continue
		}
		s := string(r)
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%U %q is accepted as stable but NFC changes it", r, s)
		}
		if ccc := norm.NFC.PropertiesString(s).CCC(); ccc != 0 {
			t.Errorf("%U %q is accepted as stable but has combining class %d", r, s, ccc)
		}
		stable = append(stable, r)
	}
	before := append([]rune(nil), stable...)
	for c := rune(0x20); c < 0x7f; c++ {
		before = append(before, c)
	}
	for _, a := range before {
		for _, b := range stable {
			if s := string([]rune{a, b}); !norm.NFC.IsNormalString(s) {
				t.Fatalf("%U %U: %q is accepted as NFC but is not", a, b, s)
			}
		}
	}
}

func TestNFC(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Đoàn ra nước ngoài – “công tác”…", "Đoàn ra nước ngoài – “công tác”…"},
		{"Đoa\u0300n", "Đoàn"},               // decomposed grave accent
		{"ngu\u031Bo\u031B\u0300i", "người"}, // horn and grave as marks
		{"A\u212B", "A\u00C5"},               // Angstrom sign: a singleton
		{"ok\xffend", "ok\uFFFDend"},         // invalid byte
		{"\u00C5\u0301", norm.NFC.String("\u00C5\u0301")},
	}
	for _, c := range cases {
		got := NFC(c.in)
		if got != c.want {
			t.Errorf("NFC(%q) = %q, want %q", c.in, got, c.want)
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Errorf("NFC(%q) = %q is not valid NFC", c.in, got)
		}
	}
}

// FuzzNFC holds the fast path to the library: any text, NFC or not, comes
// out as norm.NFC would make it.
func FuzzNFC(f *testing.F) {
	for _, s := range []string{"Đoàn ra", "Đoa\u0300n", "A\u212B", "ok\xffend", "“…”\u2000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
		if got := NFC(s); got != want {
			t.Fatalf("NFC(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkNFC(b *testing.B) {
	s := ""
	for len(s) < 4096 {
		s += "Về việc cử đoàn cán bộ đi công tác nước ngoài theo Quy định số 09-QĐ/TW – “đoàn ra”… "
	}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = NFC(s)
	}
}

// FoldRune's table must give what the rules it was built from give.
func TestFoldRuneTable(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if got, want := FoldRune(r), foldRuneSlow(r); got != want {
			t.Fatalf("FoldRune(%U) = %U, want %U", r, got, want)
		}
	}
	for _, r := range []rune{0x20AB, 0xFE20, 0x1F600, utf8.RuneError, unicode.MaxRune} {
		if got, want := FoldRune(r), foldRuneSlow(r); got != want {
			t.Fatalf("FoldRune(%U) = %U, want %U", r, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Quyết định cử đoàn cán bộ đi công tác nước ngoài của Ủy ban nhân dân tỉnh Quảng Ngãi"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Fold(s)
	}
}

// FoldLower must give what its definition gives, for every input.
func foldLowerRef(s string) string { return strings.ToLower(Fold(s)) }

var foldLowerCases = []string{
	"", "a", "Số: 12/UBND-NV Quảng Ngãi, ngày 04 tháng 02 năm 2025", "ĐẢNG CỘNG SẢN", "Đà Nẵng",
	"Hoà\u0300", "a\xffb", "\xc3", "ÀÁẠẢÃ ĐđÐð İ K Ω ǅ", "nước ngoài\r\n", "x\u200by",
}

func TestFoldLowerAgreesWithDefinition(t *testing.T) {
	for _, s := range foldLowerCases {
		if got, want := FoldLower(s), foldLowerRef(s); got != want {
			t.Errorf("FoldLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFoldLower(f *testing.F) {
	for _, s := range foldLowerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FoldLower(s), foldLowerRef(s); got != want {
			t.Errorf("FoldLower(%q) = %q, want %q", s, got, want)
		}
	})
}
