package index

import (
	"fmt"
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/scorer"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Scoring the matches of one segment, term at a time (evaluate.go).

// score writes into out (one entry per document of docs: the matches m of
// the segment in order, or, dense, every document number) the score p
// gives each; 0 is "p does not match".
// Every score of a match is positive: idf, boosts and norms are.
func (st *segState) score(p *plan, m *roaring.Bitmap, docs []uint32, out []float64) error {
	switch p.kind {
	case pTerm:
		clear(out)
		return st.addTerm(p, m, docs, out, nil)
	case pAll:
		for j := range out {
			out[j] = p.weight // bleve's ConstantScorer: 1 × queryWeight
		}
		return nil
	case pNone:
		clear(out)
		return nil
	case pConj:
		tmp := getFloats(len(out))
		defer putFloats(tmp)
		first := true
		for _, k := range p.kids {
			if k.kind == pFilter {
				continue
			}
			dst := tmp
			if first {
				dst = out
			}
			if err := st.score(k, m, docs, dst); err != nil {
				return err
			}
			if first {
				first = false
				continue
			}
			for j, s := range tmp {
				if out[j] > 0 && s > 0 {
					out[j] += s
				} else {
					out[j] = 0
				}
			}
		}
		for _, k := range p.kids {
			if k.kind != pFilter {
				continue
			}
			fb, err := st.match(k)
			if err != nil {
				return err
			}
			for j, d := range docs {
				if out[j] > 0 && (fb == nil || !fb.Contains(d)) {
					out[j] = 0
				}
			}
		}
		return nil
	case pDisj:
		clear(out)
		cnt := getCounts(len(out))
		defer putCounts(cnt)
		tmp := getFloats(len(out))
		defer putFloats(tmp)
		for _, k := range p.kids {
			if k.kind == pTerm {
				if err := st.addTerm(k, m, docs, out, cnt); err != nil {
					return err
				}
				continue
			}
			if err := st.score(k, m, docs, tmp); err != nil {
				return err
			}
			for j, s := range tmp {
				if s > 0 {
					out[j] += s
					cnt[j]++
				}
			}
		}
		// bleve's coordination factor, matched/total, one division per
		// count rather than per document.
		coord := make([]float64, len(p.kids)+1)
		for c := max(p.min, 1); c < len(coord); c++ {
			coord[c] = float64(c) / float64(len(p.kids))
		}
		for j, c := range cnt {
			out[j] *= coord[c]
		}
		return nil
	case pBool:
		if p.must != nil {
			if err := st.score(p.must, m, docs, out); err != nil {
				return err
			}
			if p.should != nil {
				tmp := getFloats(len(out))
				defer putFloats(tmp)
				if err := st.score(p.should, m, docs, tmp); err != nil {
					return err
				}
				for j, s := range tmp {
					switch {
					case out[j] == 0:
					case s > 0:
						out[j] += s
					case p.should.min > 0:
						out[j] = 0
					}
				}
			}
		} else if err := st.score(p.should, m, docs, out); err != nil {
			return err
		}
		return st.clearNot(p.not, docs, out)
	}
	return nil
}

// clearNot zeroes the scores of documents that match not.
func (st *segState) clearNot(not *plan, docs []uint32, out []float64) error {
	if not == nil {
		return nil
	}
	nb, err := st.match(not)
	if err != nil || nb == nil || nb.IsEmpty() {
		return err
	}
	for j, d := range docs {
		if out[j] > 0 && nb.Contains(d) {
			out[j] = 0
		}
	}
	return nil
}

// addTerm adds the score of term leaf p at each document of docs that has
// the term to out (and counts it in cnt when given). The posting list is
// read only at the documents of m.
func (st *segState) addTerm(p *plan, m *roaring.Bitmap, docs []uint32, out []float64, cnt []uint16) error {
	pl := st.lists[p.leaf]
	if pl == nil {
		return nil
	}
	if st.cache != nil && st.counts[p.leaf] >= st.cache.min {
		d, err := st.decoded(p)
		if err != nil {
			return err
		}
		if !d.unpacked {
			addDecoded(p, d, docs, out, cnt, st.dense)
			return nil
		}
	}
	it := pl.Iterator(true, true, false, nil)
	if opt, ok := it.(segment.OptimizablePostingsIterator); ok && !st.dense {
		// When the matches are a small part of the list, zap can read the
		// list at the matches only, skipping the frequencies of whole
		// chunks; otherwise reading it all is cheaper (zap's "clean" path
		// walks one bitmap instead of two).
		if _, hit1 := opt.DocNum1Hit(); !hit1 {
			if actual := opt.ActualBitmap(); actual != nil {
				if both := actual.AndCardinality(m); both < actual.GetCardinality()/2 {
					opt.ReplaceActual(roaring.And(actual, m))
				}
			}
		}
	}
	j := 0
	for {
		post, err := it.Next()
		if err != nil {
			return fmt.Errorf("index: evaluate: %s:%s: %w", p.field, p.term, err)
		}
		if post == nil {
			return nil
		}
		d := uint32(post.Number())
		if st.dense {
			j = int(d)
		} else {
			for j < len(docs) && docs[j] < d {
				j++
			}
			if j == len(docs) {
				return nil
			}
			if docs[j] != d {
				continue
			}
		}
		s := impact(post) * p.idf
		if p.weight != 1.0 {
			s = s * p.weight
		}
		out[j] += s
		if cnt != nil {
			cnt[j]++
		}
	}
}

// impact is sqrt(tf) × norm of a posting: bleve's TermQueryScorer computes
// tf × norm × idf, left to right, then × queryWeight.
func impact(post segment.Posting) float64 {
	tf := tfOf(post.Frequency())
	var norm float64
	if zp, ok := post.(*zap.Posting); ok {
		norm = normOf(zp.NormUint64())
	} else {
		norm = post.Norm()
	}
	return tf * norm
}

// normOf is the norm zap's Posting.Norm() computes from a field length,
// from a table for the usual lengths.
func normOf(length uint64) float64 {
	if length < uint64(len(normTable)) {
		return normTable[length]
	}
	return float64(float32(1.0 / math.Sqrt(float64(length))))
}

// normTable holds the norms zap computes for field lengths below 8,192
// (a zap posting stores the length, and Norm() takes a square root and a
// division on every call):
// float32(1/sqrt(length)), as zap rounds it.
var normTable = func() []float64 {
	t := make([]float64, 8192)
	for n := range t {
		t[n] = float64(float32(1.0 / math.Sqrt(float64(n))))
	}
	return t
}()

// tfOf is sqrt(frequency) as bleve's TermQueryScorer takes it: from
// bleve's own table for small frequencies.
func tfOf(freq uint64) float64 {
	if freq < scorer.MaxSqrtCache {
		return scorer.SqrtCache[freq]
	}
	return math.Sqrt(float64(freq))
}

// identity returns the numbers 0 to n-1 (shared; never written to).
func identity(n int) []uint32 {
	identityMu.Lock()
	defer identityMu.Unlock()
	for len(identityNums) < n {
		identityNums = append(identityNums, uint32(len(identityNums)))
	}
	return identityNums[:n:n]
}

var (
	identityMu   sync.Mutex
	identityNums []uint32
)

// The score and count arrays of a search are reused across searches: a
// word in half of 100,000 documents needs several arrays of 50,000 entries.
var floatPool, countPool sync.Pool

func getFloats(n int) []float64 {
	if v, _ := floatPool.Get().(*[]float64); v != nil && cap(*v) >= n {
		return (*v)[:n]
	}
	return make([]float64, n)
}

func putFloats(s []float64) { floatPool.Put(&s) }

func getCounts(n int) []uint16 {
	if v, _ := countPool.Get().(*[]uint16); v != nil && cap(*v) >= n {
		s := (*v)[:n]
		clear(s)
		return s
	}
	return make([]uint16, n)
}

func putCounts(s []uint16) { countPool.Put(&s) }
