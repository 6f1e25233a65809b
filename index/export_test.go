package index

import "strings"

// RestorationOf restores texts, cut into pieces of at most 12 words at
// punctuation and folded, with ix's statistics and the shipped model, and
// counts the word syllables restored as written (for the external tests).
func RestorationOf(ix *Index, texts []string) (right, syllables int, err error) {
	var pieces []alqacQuestion
	for _, text := range texts {
		for _, s := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".;:\n", r) }) {
			for w := strings.Fields(s); len(w) > 0; w = w[min(12, len(w)):] {
				pieces = append(pieces, alqacQuestion{Text: strings.Join(w[:min(12, len(w))], " ")})
			}
		}
	}
	sc, err := restorationScore(ix, pieces)
	return sc.Right, sc.Syllables, err
}
