package meta

import (
	"testing"

	"vanthu/corpus"
)

var plausibleCases = []string{
	"13/2012/NĐ-CP", "13/2012/nđ-cp", "5/UBND-VP", "05/UBND-VP", "4060-CV/BTCTU", "1542 -QĐ/TU", "101/2015/QH13", "0/UBND",
	"12/1900/NĐ-CP", "12/2200/NĐ-CP", "12/UBND2-VP", "12/QH13", "12/2015/QH13", "12-QĐ3/TU", "38/CT-TW", "1/1/A",
}

func checkPlausibleCanonical(t *testing.T, s string) {
	t.Helper()
	n, ok := corpus.ParseNumber(s)
	if !ok {
		return
	}
	if got, want := plausibleCanonical(n, s), corpus.IsPlausibleNumber(n.Canonical); got != want {
		t.Errorf("plausibleCanonical(%q) = %v, want %v", s, got, want)
	}
}

func TestPlausibleCanonicalAgrees(t *testing.T) {
	for _, s := range plausibleCases {
		checkPlausibleCanonical(t, s)
	}
}

func FuzzPlausibleCanonical(f *testing.F) {
	for _, s := range plausibleCases {
		f.Add(s)
	}
	f.Fuzz(checkPlausibleCanonical)
}
