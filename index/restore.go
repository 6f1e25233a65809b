package index

import (
	"math"
	"sort"
)

// Diacritic restoration for accent-free queries.
//
// Users type "doan ra nuoc ngoai"; folding alone matches it, but folding
// loses meaning ("ban" is bàn, bán, bản or ban), so an accent-free query
// ranks worse than the accented one. A published study on Vietnamese legal
// retrieval (DOMAIN.md, "Vietnamese text pitfalls") recovered almost all of
// the loss by restoring diacritics from syllable-bigram statistics first.
// The statistics here are the corpus's own: how often each spelling of a
// syllable and of a pair of adjacent syllables occurs in the indexed texts
// and titles (restorestats.go). A Viterbi pass picks the likeliest spelling
// of the whole query. The restored words are added to the query as exact matches;
// the folded clauses stay, so a wrong restoration costs rank, never recall.
//
// A corpus of laws restores as laws read; so the counts of a shipped model of administrative Vietnamese
// (restoremodel.go) are added to them, syllable by syllable and pair by pair.
// Where a syllable has another spelling whose best reading of the query is
// nearly as likely (restoreClose), both are searched.

const (
	restoreMaxCands = 8 // spellings kept per syllable
	// restoreLambda weighs the pair statistics against the single
	// syllables', which only break ties and stand in for unseen pairs.
	// Syllables restored as written, 0.8 → 0.99: ALQAC's folded questions
	// 91.8% → 95.0%, the seed directives from the law articles' statistics
	// 77.3% → 83.1% (TestALQAC, TestRestorationOutOfDomain). With the
	// shipped model (restoremodel.go), which knows many more pairs, 0.99 →
	// 0.999: ALQAC 95.1 → 95.8%, the seeds from the model alone 94.3 →
	// 95.1% (0.9 loses 4–5 points, 0.9999 gains nothing more).
	restoreLambda = 0.999
)

type cand struct {
	word  string
	count float64
}

// restoreClose is how much less likely than the best reading of a syllable
// another may be and still be searched too: "when two readings are close,
// search both" (a factor of 4 in the probability of the whole query).
const restoreClose = 1.3862943611198906 // ln 4

// restore returns the likeliest accented spelling of each accent-free
// syllable in words (same length; a syllable without statistics stays as is).
func restore(st *restoreStats, words []string) []string {
	best, _ := restoreReadings(st, words)
	return best
}

// restoreReadings is restore with, for each syllable, the other spellings
// whose best reading of the whole query is within restoreClose of the best
// one (nil when there is none).
func restoreReadings(st *restoreStats, words []string) (best []string, alts [][]string) {
	if len(words) == 0 {
		return nil, nil
	}
	model := restoreModel()
	cands := make([][]cand, len(words))
	for i, w := range words {
		if !isWordTerm([]byte(w)) {
			cands[i] = []cand{{w, 1}}
			continue
		}
		cs := mergeCands(st.cands(w), model.uni[w])
		if len(cs) == 0 {
			cs = []cand{{w, 1}}
		}
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].count != cs[b].count {
				return cs[a].count > cs[b].count
			}
			return cs[a].word < cs[b].word
		})
		if len(cs) > restoreMaxCands {
			cs = cs[:restoreMaxCands]
		}
		cands[i] = cs
	}
	// Pair counts for adjacent syllables: the corpus's and the model's.
	pairs := make([]map[string]float64, len(words))
	for i := 0; i+1 < len(words); i++ {
		if len(cands[i]) == 1 && len(cands[i+1]) == 1 {
			continue
		}
		m := make(map[string]float64)
		for _, a := range cands[i] {
			for _, b := range cands[i+1] {
				p := a.word + " " + b.word
				if n := st.pairCount(p) + model.pair[p]; n > 0 {
					m[p] = n
				}
			}
		}
		pairs[i] = m
	}
	// Viterbi: log P(e1) + Σ log P(e(i+1) | e(i)), the transition an
	// interpolation of the pair frequency and the syllable's own frequency;
	// forward for the best reading, backward for the best reading through
	// each spelling of each syllable.
	uni := func(i, k int) float64 {
		total := 0.0
		for _, c := range cands[i] {
			total += c.count
		}
		return cands[i][k].count / total
	}
	trans := func(i, j, k int) float64 { // log P(cands[i][k] | cands[i-1][j])
		pu := uni(i, k)
		pb := 0.0
		if m := pairs[i-1]; m != nil {
			pb = m[cands[i-1][j].word+" "+cands[i][k].word] / cands[i-1][j].count
		}
		return math.Log(restoreLambda*math.Min(pb, 1) + (1-restoreLambda)*pu)
	}
	n := len(words)
	fwd := make([][]float64, n)
	back := make([][]int, n)
	for i := range words {
		fwd[i] = make([]float64, len(cands[i]))
		back[i] = make([]int, len(cands[i]))
		for k := range cands[i] {
			if i == 0 {
				fwd[i][k] = math.Log(uni(i, k))
				continue
			}
			bestS, arg := math.Inf(-1), 0
			for j := range cands[i-1] {
				if s := fwd[i-1][j] + trans(i, j, k); s > bestS {
					bestS, arg = s, j
				}
			}
			fwd[i][k], back[i][k] = bestS, arg
		}
	}
	bwd := make([][]float64, n)
	bwd[n-1] = make([]float64, len(cands[n-1]))
	for i := n - 2; i >= 0; i-- {
		bwd[i] = make([]float64, len(cands[i]))
		for j := range cands[i] {
			bestS := math.Inf(-1)
			for k := range cands[i+1] {
				bestS = max(bestS, trans(i+1, j, k)+bwd[i+1][k])
			}
			bwd[i][j] = bestS
		}
	}
	best = make([]string, n)
	k := 0
	for j := range fwd[n-1] {
		if fwd[n-1][j] > fwd[n-1][k] {
			k = j
		}
	}
	top := fwd[n-1][k]
	for i := n - 1; i >= 0; i-- {
		best[i] = cands[i][k].word
		k = back[i][k]
	}
	alts = make([][]string, n)
	for i := range cands {
		for j, c := range cands[i] {
			if c.word != best[i] && fwd[i][j]+bwd[i][j] >= top-restoreClose {
				alts[i] = append(alts[i], c.word)
			}
		}
	}
	return best, alts
}

// mergeCands adds the model's counts to the corpus's, spelling by spelling.
func mergeCands(corpusCands, modelCands []cand) []cand {
	if len(modelCands) == 0 {
		return corpusCands
	}
	out := append([]cand(nil), corpusCands...)
	for _, m := range modelCands {
		found := false
		for i := range out {
			if out[i].word == m.word {
				out[i].count += m.count
				found = true
				break
			}
		}
		if !found {
			out = append(out, m)
		}
	}
	return out
}
