package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"unicode"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// variedQueries draws perClass distinct queries of each class of
// loadQueries from the generated documents the server holds: runs of one
// to three syllables of a document's title or text (half of them typed
// without diacritics), a pasted run of five to seven, quoted pairs and
// triples, numbers in the spellings people type, the same runs with facets,
// a date order or a filter. Its queries share the corpus's vocabulary as
// real searches do, but almost never repeat one another, so that answers
// kept by the server are seldom asked for again: what the search costs
// shows, not what a cache of answers does.
func variedQueries(ctx context.Context, docs, perClass int) (map[string][]string, error) {
	cfg := gencorpus.DefaultConfig()
	cfg.N = docs
	g, err := gencorpus.New(cfg)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(2026, 11))
	out := map[string][]string{}
	seen := map[string]bool{}
	add := func(class string, v url.Values) {
		q := v.Encode()
		if !seen[q] {
			seen[q] = true
			out[class] = append(out[class], q)
		}
	}
	for tries := 0; tries < perClass*20; tries++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		full := true
		for _, c := range []string{"word", "phrase", "number", "faceted", "filtered"} {
			if len(out[c]) < perClass {
				full = false
			}
		}
		if full {
			break
		}
		d := g.Doc(r.IntN(docs))
		words := syllables(d.Title)
		if r.IntN(2) == 0 {
			words = syllables(d.Text)
		}
		run := func(lo, hi int) string {
			n := lo + r.IntN(hi-lo+1)
			if len(words) < n {
				return ""
			}
			i := r.IntN(len(words) - n + 1)
			s := strings.Join(words[i:i+n], " ")
			if r.IntN(2) == 0 {
				s = corpus.Fold(s)
			}
			return s
		}
		if len(out["word"]) < perClass {
			w := run(1, 3)
			if r.IntN(5) == 0 {
				w = run(5, 7) // a question pasted whole
			}
			if w != "" {
				add("word", url.Values{"q": {w}})
			}
		}
		if w := run(2, 3); w != "" && len(out["phrase"]) < perClass {
			add("phrase", url.Values{"q": {`"` + w + `"`}})
		}
		if d.Number != "" && len(out["number"]) < perClass {
			n := d.Number
			switch r.IntN(3) {
			case 1:
				n = strings.ToLower(n)
			case 2:
				if p, ok := corpus.ParseNumber(d.Number); ok {
					n = fmt.Sprintf("%s %d", corpus.Fold(strings.ToLower(d.TypeName)), p.Num)
				}
			}
			add("number", url.Values{"q": {n}})
		}
		if w := run(1, 3); w != "" && len(out["faceted"]) < perClass {
			v := url.Values{"q": {w}}
			if r.IntN(2) == 0 {
				v.Set("sort", "-date")
			} else {
				v.Set("limit", "20")
			}
			add("faceted", v)
		}
		if w := run(1, 3); w != "" && len(out["filtered"]) < perClass {
			v := url.Values{"q": {w}}
			switch r.IntN(3) {
			case 0:
				v.Set("type", d.Type)
			case 1:
				v.Set("from", fmt.Sprint(d.Date.Year-2))
				v.Set("to", fmt.Sprint(d.Date.Year+1))
			default:
				if iw := syllables(d.Issuer); len(iw) >= 2 {
					v.Set("issuer", strings.Join(iw[len(iw)-2:], " "))
				}
			}
			add("filtered", v)
		}
	}
	for c, qs := range out {
		if len(qs) < perClass {
			return nil, fmt.Errorf("bench load: only %d distinct %s queries could be drawn from %d documents", len(qs), c, docs)
		}
	}
	return out, nil
}

// syllables splits s into its words, dropping punctuation.
func syllables(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
