package index

import (
	"strings"
	"unicode"
)

// userQuery is the free text as the user wrote it, split into the parts of
// vanthu's own small syntax: words, "exact phrases", -exclusions (a word or a
// phrase). Nothing else is special: bleve's query-string syntax (+, :, ^, ~,
// field names) is never exposed, so no input can be a syntax error.
type userQuery struct {
	Words    []string // free words, as written (still to be analysed)
	Phrases  []string // "exact phrases"
	NotWords []string // -word
	NotPhr   []string // -"phrase"
}

// parseUserQuery splits s. An unterminated quote runs to the end; a lone "-"
// is ignored; quotes may be straight or curly (“ ” from word processors).
func parseUserQuery(s string) userQuery {
	var q userQuery
	rs := []rune(s)
	isQuote := func(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }
	i := 0
	for i < len(rs) {
		r := rs[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		neg := false
		// "1542 -QĐ/TU" is a number typed with a space, not an exclusion.
		afterNumber := len(q.Words) > 0 && isDigits(q.Words[len(q.Words)-1])
		if r == '-' && !afterNumber && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '-' {
			neg = true
			i++
			r = rs[i]
		}
		if isQuote(r) {
			j := i + 1
			for j < len(rs) && !isQuote(rs[j]) {
				j++
			}
			ph := strings.TrimSpace(string(rs[i+1 : min(j, len(rs))]))
			if ph != "" {
				if neg {
					q.NotPhr = append(q.NotPhr, ph)
				} else {
					q.Phrases = append(q.Phrases, ph)
				}
			}
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !isQuote(rs[j]) {
			j++
		}
		w := string(rs[i:j])
		i = j
		if strings.Trim(w, "-") == "" {
			continue
		}
		if neg {
			q.NotWords = append(q.NotWords, w)
		} else {
			q.Words = append(q.Words, w)
		}
	}
	return q
}

// positive returns the words and phrases joined, for number detection.
func (q userQuery) positive() string {
	return strings.Join(append(append([]string(nil), q.Words...), q.Phrases...), " ")
}
