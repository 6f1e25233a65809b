package index

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"vanthu/corpus"
)

// Diacritic restoration for accent-free queries.
//
// Users type "doan ra nuoc ngoai"; folding alone matches it, but folding
// loses meaning ("ban" is bàn, bán, bản or ban), so an accent-free query
// ranks worse than the accented one. A published study on Vietnamese legal
// retrieval (DOMAIN.md, "Vietnamese text pitfalls") recovered almost all of
// the loss by restoring diacritics from syllable-bigram statistics first.
// The statistics here are the corpus's own: the restore field indexes
// "folded|exact" for every syllable and syllable pair, so a dictionary prefix
// walk ("nuoc ngoai|") lists the accented spellings of a pair with their
// document frequencies. A Viterbi pass picks the likeliest spelling of the
// whole query. The restored words are added to the query as exact matches;
// the folded clauses stay, so a wrong restoration costs rank, never recall.

const (
	restoreMaxCands = 8 // spellings kept per syllable
	// restoreLambda weighs the pair statistics against the single
	// syllables', which only break ties and stand in for unseen pairs.
	// Syllables restored as written, 0.8 → 0.99: ALQAC's folded questions
	// 91.8% → 95.0%, the seed directives from the law articles' statistics
	// 77.3% → 83.1% (TestALQAC, TestRestorationOutOfDomain).
	restoreLambda = 0.99
)

type cand struct {
	word  string
	count float64
}

// restore returns the likeliest accented spelling of each accent-free
// syllable in words (same length; a syllable without statistics stays as is).
func restore(idx bleve.Index, words []string) ([]string, error) {
	if len(words) == 0 {
		return nil, nil
	}
	cands := make([][]cand, len(words))
	for i, w := range words {
		if !isWordTerm([]byte(w)) {
			cands[i] = []cand{{w, 1}}
			continue
		}
		cs, err := dictCands(idx, w+"|", false)
		if err != nil {
			return nil, err
		}
		if len(cs) == 0 {
			cs = []cand{{w, 1}}
		}
		sort.Slice(cs, func(a, b int) bool { return cs[a].count > cs[b].count })
		if len(cs) > restoreMaxCands {
			cs = cs[:restoreMaxCands]
		}
		cands[i] = cs
	}
	// Pair counts for adjacent syllables.
	pairs := make([]map[string]float64, len(words))
	for i := 0; i+1 < len(words); i++ {
		if len(cands[i]) == 1 && len(cands[i+1]) == 1 {
			continue
		}
		cs, err := dictCands(idx, words[i]+" "+words[i+1]+"|", true)
		if err != nil {
			return nil, err
		}
		m := make(map[string]float64, len(cs))
		for _, c := range cs {
			m[c.word] = c.count
		}
		pairs[i] = m
	}
	// Viterbi: log P(e1) + Σ log P(e(i+1) | e(i)), the transition an
	// interpolation of the pair frequency and the syllable's own frequency.
	uni := func(i, k int) float64 {
		total := 0.0
		for _, c := range cands[i] {
			total += c.count
		}
		return cands[i][k].count / total
	}
	score := make([][]float64, len(words))
	back := make([][]int, len(words))
	for i := range words {
		score[i] = make([]float64, len(cands[i]))
		back[i] = make([]int, len(cands[i]))
		for k := range cands[i] {
			pu := uni(i, k)
			if i == 0 {
				score[i][k] = math.Log(pu)
				continue
			}
			best, arg := math.Inf(-1), 0
			for j := range cands[i-1] {
				pb := 0.0
				if m := pairs[i-1]; m != nil {
					pb = m[cands[i-1][j].word+" "+cands[i][k].word] / cands[i-1][j].count
				}
				p := restoreLambda*math.Min(pb, 1) + (1-restoreLambda)*pu
				if s := score[i-1][j] + math.Log(p); s > best {
					best, arg = s, j
				}
			}
			score[i][k], back[i][k] = best, arg
		}
	}
	out := make([]string, len(words))
	last := len(words) - 1
	k := 0
	for j := range score[last] {
		if score[last][j] > score[last][k] {
			k = j
		}
	}
	for i := last; i >= 0; i-- {
		out[i] = cands[i][k].word
		k = back[i][k]
	}
	return out, nil
}

// dictCands lists the exact spellings stored under prefix "folded|" in the
// restore field with their document frequencies. pair says whether the
// entries are syllable pairs (else single syllables: "a|..." must not pick
// up "a b|...", which the "|" right after the prefix already rules out).
func dictCands(idx bleve.Index, prefix string, pair bool) (out []cand, err error) {
	defer recoverErr("restore", &err)
	d, err := idx.FieldDictPrefix(fRestore, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("index: restore %q: %w", prefix, err)
	}
	defer d.Close()
	for {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("index: restore %q: %w", prefix, err)
		}
		if e == nil {
			break
		}
		w := e.Term[len(prefix):]
		if strings.Contains(w, " ") != pair || corpus.Fold(w) != prefix[:len(prefix)-1] && !pair {
			continue
		}
		out = append(out, cand{w, float64(e.Count)})
	}
	return out, nil
}
