package corpus

import (
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Đoàn ra", "CỘNG HOÀ", "hoa\u0300", "Số: 155 /2020/NĐ-CP", "\xff\xfe", "thuỷ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NFC(s)
		if !utf8.ValidString(n) || NFC(n) != n {
			t.Fatalf("NFC not idempotent on %q", s)
		}
		if f1 := Fold(n); Fold(f1) != f1 {
			t.Fatalf("Fold not idempotent on %q", s)
		}
		if t1 := NormalizeTone(s); NormalizeTone(t1) != t1 {
			t.Fatalf("NormalizeTone not idempotent on %q: %q → %q", s, t1, NormalizeTone(t1))
		}
		if k := MatchKey(s); MatchKey(k) != k {
			t.Fatalf("MatchKey not idempotent on %q", s)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"155/2020/NĐ-CP", "Số 4060-CV/BTCTU", "1542 -QĐ/TU", "162- KH/TU", "5/UBND-VP", "101/2015/QH13"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseNumber(s)
		if !ok {
			return
		}
		// The canonical form parses to itself: normalisation is idempotent.
		e, ok := ParseNumber(d.Canonical)
		if !ok {
			t.Fatalf("canonical %q of %q does not parse", d.Canonical, s)
		}
		if e.Canonical != d.Canonical || e.Key != d.Key {
			t.Fatalf("not idempotent: %q → %q/%q → %q/%q", s, d.Canonical, d.Key, e.Canonical, e.Key)
		}
	})
}
