package index

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"vanthu/corpus"
)

// Names of the custom analysis components. bleve resolves analyzers by name
// from a process-wide registry when an index is opened, so an index written
// with these names can only be reopened by a process that registered them:
// that is why registration happens in init (the package's one global, and it
// is immutable after init).
const (
	filterNorm   = "vanthu_norm"   // NFC + tone placement + lower case
	filterFold   = "vanthu_fold"   // diacritics folded (đ→d), offsets unchanged
	filterBigram = "vanthu_bigram" // adjacent syllable pairs "công tác"
)

func init() {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("index: register analysis component: %v", err))
		}
	}
	must(registry.RegisterTokenizer(tokenSyllable, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return syllableTokenizer{}, nil
	}))
	must(registry.RegisterTokenFilter(filterNorm, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return normFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(filterFold, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(filterBigram, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return bigramFilter{}, nil
	}))
}

// normTerm lower-cases a syllable and puts its tone mark in one place, so
// "Hoà", "hòa" and "HOÀ" index alike. Text reaching the analyzers is already
// NFC (documentFields normalises it), so only the cheap parts run per token.
func normTerm(term []byte) []byte {
	ascii := true
	for _, c := range term {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		// Copy before changing: the term may share the field's bytes
		// (bleve's own filters copy on write too).
		copied := false
		for i, c := range term {
			if 'A' <= c && c <= 'Z' {
				if !copied {
					term = append([]byte(nil), term...)
					copied = true
				}
				term[i] = c + 'a' - 'A'
			}
		}
		return term
	}
	// Most syllables are lower case already and need no tone move: leave
	// them as they are (no allocation).
	upper := false
	for _, r := range string(term) {
		if r != toLower(r) {
			upper = true
			break
		}
	}
	if !upper && !needsToneBytes(term) {
		return term
	}
	s := string(term)
	if upper {
		s = lowerString(s)
	}
	if needsTone(s) {
		s = corpus.NormalizeTone(s)
	}
	return []byte(s)
}

// normAppend appends the normalised term to dst (see normTerm).
func normAppend(dst, term []byte) []byte { return append(dst, normTerm(term)...) }

// normText applies normTerm to a query word.
func normText(s string) string { return string(normTerm([]byte(corpus.NFC(s)))) }

func lowerString(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, toLower(r))
	}
	return string(b)
}

// needsToneBytes reports whether a syllable may carry the old tone placement
// on a final oa, oe, uy ("hoà", "khoẻ", "thuỷ"): the only case
// corpus.NormalizeTone changes, and it is costly, so it runs on those alone.
// "đoàn", "hoàn" (the pair not at the end) are left alone, as NormalizeTone
// would leave them.
func needsToneBytes(b []byte) bool {
	var prev rune
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		f := foldRune(r)
		if r != f && ((prev == 'o' && (f == 'a' || f == 'e')) || (prev == 'u' && f == 'y')) {
			if len(b) == 0 {
				return true
			}
			if next, _ := utf8.DecodeRune(b); !unicode.IsLetter(next) {
				return true
			}
		}
		prev = toLower(r)
	}
	return false
}

func needsTone(s string) bool { return needsToneBytes([]byte(s)) }

type normFilter struct{}

func (normFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = normTerm(t.Term)
	}
	return in
}

type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = foldBytes(t.Term)
	}
	return in
}

// foldBytes folds a term in place when it is ASCII already, else into a new
// slice. Only Term changes: Start and End still point into the original text,
// so highlights of folded matches land on the accented words.
func foldBytes(term []byte) []byte {
	for _, c := range term {
		if c >= 0x80 {
			return appendFold(make([]byte, 0, len(term)), term)
		}
	}
	return term
}

// appendFold appends the folded term to dst.
func appendFold(dst, term []byte) []byte {
	for i := 0; i < len(term); {
		if c := term[i]; c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(term[i:])
		i += n
		if f := foldRune(r); f != 0 {
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst
}

// foldString folds a query word the way foldFilter folds indexed terms.
func foldString(s string) string { return string(foldBytes([]byte(s))) }

// bigramFilter replaces the stream by pairs of adjacent syllables joined by a
// space. A pair spans a gap (punctuation, a line break) only when the tokens
// are adjacent in position, which the tokenizer guarantees for words.
type bigramFilter struct{}

func (bigramFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	if len(in) < 2 {
		return in[:0]
	}
	// Tokens and their bytes come from two slabs: two allocations for a
	// document instead of two per pair (allocation was a tenth of the
	// indexing CPU, docs/benchmarks/index.md).
	n := 0
	for _, t := range in {
		n += 2*len(t.Term) + 1
	}
	buf := make([]byte, 0, n)
	slab := make([]analysis.Token, len(in)-1)
	out := make(analysis.TokenStream, len(in)-1)
	for i := 0; i+1 < len(in); i++ {
		a, b := in[i], in[i+1]
		s := len(buf)
		buf = append(append(append(buf, a.Term...), ' '), b.Term...)
		slab[i] = analysis.Token{
			Start: a.Start, End: b.End, Term: buf[s:len(buf):len(buf)], Position: a.Position, Type: analysis.Shingle,
		}
		out[i] = &slab[i]
	}
	return out
}

// isWordTerm reports whether a term is made of letters only (syllables carry
// the diacritics worth restoring; numbers and codes do not).
func isWordTerm(term []byte) bool {
	if len(term) == 0 || len(term) > 24 {
		return false
	}
	for _, c := range term {
		if c < 0x80 && !('a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}
