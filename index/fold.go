package index

import (
	"unicode"

	"vanthu/corpus"
)

// foldTable is corpus.FoldRune precomputed for the Latin ranges Vietnamese
// uses (U+0000–U+1EFF): an array read without locks by every analysis
// goroutine. It is filled once when the package loads and never written after.
var foldTable = func() *[0x1F00]rune {
	var t [0x1F00]rune
	for r := range t {
		t[r] = corpus.FoldRune(rune(r))
	}
	return &t
}()

// foldRune returns the base letter of r, or 0 for a combining mark to drop.
func foldRune(r rune) rune {
	if r >= 0 && r < rune(len(foldTable)) {
		return foldTable[r]
	}
	return corpus.FoldRune(r)
}

// toLower lower-cases one rune with a fast path for ASCII.
func toLower(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}
