package index

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// snippetBytes is the length of a snippet in bytes of source text.
const snippetBytes = 240

type span struct{ start, end int }

// matchSpans finds the words of the stored text that the query asked for,
// by tokenizing the text again with the index's own tokenizer (a few
// microseconds for one hit) instead of keeping term vectors in the index: a
// word is marked when it has the query's spelling (hl.exact) or, for a
// syllable typed without diacritics, any spelling (hl.fold).
func matchSpans(text string, hl highlightTerms) []span {
	var out []span
	if len(hl.exact)+len(hl.fold) == 0 {
		return nil
	}
	// The tokenizer's loop and the body analysis's normalisation into two
	// scratch buffers: no token or term is allocated (a 4 KB text has ~900
	// syllables, and a page of hits is ten texts).
	var w, f []byte
	b := []byte(text)
	eachSyllable(b, func(start, end int, _ analysis.TokenType) {
		w = normAppend(w[:0], b[start:end])
		if hl.exact[string(w)] {
			out = append(out, span{start, end})
			return
		}
		f = appendFold(f[:0], w)
		if hl.fold[string(f)] {
			out = append(out, span{start, end})
		}
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end > out[j].end
	})
	merged := out[:0]
	for _, s := range out {
		if k := len(merged); k > 0 && s.start <= merged[k-1].end {
			merged[k-1].end = max(merged[k-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// snippet returns about n bytes of text around the densest cluster of
// matches, HTML-escaped, with <mark> around each match. Everything from the
// document is escaped (a <script> in the text comes back as &lt;script&gt;),
// so the result is safe to put in a page as is.
func snippet(text string, spans []span, n int) string {
	if text == "" {
		return ""
	}
	start := 0
	if len(spans) > 0 {
		best, bestCount := 0, -1
		for i := range spans {
			ws := max(spans[i].start-n/4, 0)
			c := 0
			for j := i; j < len(spans) && spans[j].end <= ws+n; j++ {
				c++
			}
			if c > bestCount {
				best, bestCount = i, c
			}
		}
		start = max(spans[best].start-n/4, 0)
	}
	start = wordStart(text, start)
	end := wordEnd(text, min(start+n, len(text)))
	if end <= start {
		// A window shorter than its first word: cut inside the word, on a
		// rune boundary (found by the fuzzer, testdata/fuzz/FuzzSnippet).
		end = min(start+max(n, 1), len(text))
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, s := range spans {
		if s.end <= start || s.start < pos {
			continue
		}
		if s.start >= end {
			break
		}
		b.WriteString(escapeCollapse(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(escapeCollapse(text[s.start:min(s.end, end)]))
		b.WriteString("</mark>")
		pos = min(s.end, end)
	}
	if pos < end {
		b.WriteString(escapeCollapse(text[pos:end]))
	}
	if end < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

// wordStart moves i forward to the start of a word (never splitting a rune
// or a syllable), unless i is 0.
func wordStart(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	for j := i; j < len(text) && j < i+40; {
		r, w := utf8.DecodeRuneInString(text[j:])
		if unicode.IsSpace(r) {
			return j + w
		}
		j += w
	}
	return i
}

// wordEnd moves i back to the end of a word.
func wordEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	for j := i; j > 0 && j > i-40; {
		r, w := utf8.DecodeLastRuneInString(text[:j])
		if unicode.IsSpace(r) {
			return j - w
		}
		j -= w
	}
	return i
}

// escapeCollapse HTML-escapes s and turns runs of white space (line breaks
// of the extracted text) into one space.
func escapeCollapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return html.EscapeString(b.String())
}
