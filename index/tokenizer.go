package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// tokenSyllable is the tokenizer of every text analyzer: a token is a
// maximal run of letters, digits and combining marks, so one Vietnamese
// syllable (or number, or code) is one token, decomposed marks stay inside
// their syllable, and "38-CT/TW" gives 38, CT, TW. It does what bleve's
// unicode (UAX #29) tokenizer does for this text at a fraction of its cost
// (it was the largest single cost of indexing 4 KB documents, see
// docs/benchmarks/index.md); unlike UAX #29 it splits "TP.HCM" and
// "5.000" at the dot, which is what a person searching for "HCM" wants.
const tokenSyllable = "vanthu_syllable"

type syllableTokenizer struct{}

func (syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/5)
	// Tokens come from one slab: one allocation instead of one per token.
	slab := make([]analysis.Token, 0, len(input)/5+1)
	eachSyllable(input, func(start, end int, typ analysis.TokenType) {
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, len(input)/10+16)
		}
		slab = append(slab, analysis.Token{
			Term: input[start:end:end], Start: start, End: end, Position: len(out) + 1, Type: typ,
		})
		out = append(out, &slab[len(slab)-1])
	})
	return out
}

// maxTokenBytes is the longest token indexed; longer runs of letters and
// digits are dropped. No word, number or code of an official document comes
// near it (a syllable is at most 7 letters, a SHA-256 in hex is 64), and one
// 16 MB "word" made bleve spend 2.4 GB, and its segment merges far more, on
// every later start: a term that long is an attack or an accident, never
// something to search for.
const maxTokenBytes = 100

// eachSyllable calls fn with the byte range and type of every token of
// input, in order: the tokenizer's loop, without building tokens (the body's
// one-pass analysis needs only the ranges). Tokens longer than
// maxTokenBytes are skipped.
func eachSyllable(input []byte, fn func(start, end int, typ analysis.TokenType)) {
	start := -1
	typ := analysis.Numeric
	flush := func(end int) {
		if start >= 0 {
			if end-start <= maxTokenBytes {
				fn(start, end, typ)
			}
			start = -1
		}
	}
	for i := 0; i < len(input); {
		c := input[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
				if start < 0 {
					start, typ = i, analysis.AlphaNumeric
				} else {
					typ = analysis.AlphaNumeric
				}
			case '0' <= c && c <= '9':
				if start < 0 {
					start, typ = i, analysis.Numeric
				}
			default:
				flush(i)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRune(input[i:])
		switch {
		case unicode.IsLetter(r):
			if start < 0 {
				start = i
			}
			typ = analysis.AlphaNumeric
		case unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start, typ = i, analysis.AlphaNumeric
			}
		default:
			flush(i)
		}
		i += w
	}
	flush(len(input))
}
