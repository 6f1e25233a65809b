package pdftext

import (
	"strings"
	"unicode"

	"vanthu/corpus"
)

// normalizeWS is the comparison form of an extraction: NFC, every run of
// white space (line breaks, form feeds, tabs) one space.
func normalizeWS(s string) []rune {
	return []rune(strings.Join(strings.FieldsFunc(corpus.NFC(s), unicode.IsSpace), " "))
}

// agreement is the character-level similarity 2·LCS/(|a|+|b|) of two texts
// after whitespace normalisation: 1 when equal, 0 when nothing is shared. The
// LCS comes from the edit distance D (insertions and deletions only) found by
// Myers' O((N+M)·D) algorithm: LCS = (N+M-D)/2.
func agreement(a, b string) float64 {
	x, y := normalizeWS(a), normalizeWS(b)
	n, m := len(x), len(y)
	if n+m == 0 {
		return 1
	}
	d := editDistance(x, y)
	return 1 - float64(d)/float64(n+m)
}

// editDistance is Myers' greedy shortest-edit-script length (E. Myers, "An
// O(ND) Difference Algorithm and Its Variations", 1986).
func editDistance(a, b []rune) int {
	n, m := len(a), len(b)
	maxD := n + m
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return d
			}
		}
	}
	return maxD
}
