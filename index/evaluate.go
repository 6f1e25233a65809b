package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Evaluating a search on the index segments, term at a time.
//
// bleve answers a query document at a time: every searcher of the query
// tree hands each match up as a DocumentMatch, disjunctions keep heaps of
// them and compare 8-byte ids, and every posting of every term passes
// through two interfaces. vanthu's queries are words found in half the
// corpus (on 100,000 documents "đoàn ra" matches 43,000, and its query has
// seven terms), so that machinery was most of a search's cost: 24 ms on
// average over the web benchmark's mix, where two cores serving 300 searches
// a second leave 6.
//
// For the queries vanthu builds (terms combined by conjunctions,
// disjunctions and boolean clauses), evaluate finds the matches of each
// segment with bitmap operations on the posting lists (the total and the
// facet counts need nothing more), then scores only those matches, one term
// at a time, into arrays, and keeps the best in a heap. The scores are
// bleve's own (TF-IDF with its query norm, coordination factor and boolean
// rules, reproduced below), so the answer is the one bleve gives, hits, order,
// scores and totals (TestEvaluateAgreesWithBleve). Filters that are not a
// single term (an issuer phrase, a date range) are found by bleve's own
// searchers, unscored. A query of a shape buildQuery does not make goes to
// bleve whole.

// planKind is the kind of a node of a compiled query.
type planKind uint8

const (
	pTerm planKind = iota
	pConj
	pDisj
	pBool
	pAll
	pNone
	pFilter // a filterQuery: restricts a conjunction, scores nothing
)

// plan is a query compiled for evaluate: the searcher tree bleve would
// build for it, with bleve's shortcuts applied (a boolean query with only
// must clauses is its conjunction, and so on).
type plan struct {
	kind  planKind
	field string
	term  []byte
	boost float64

	kids []*plan // conjunction, disjunction
	min  int     // disjunction: clauses a match needs (0 and 1 alike)

	must, should, not *plan // boolean; nil when absent

	filter query.Query // pFilter other than a term: bleve finds its documents
	key    string      // and filterCache keeps them under this name

	// Per search.
	df     uint64  // term: documents with the term
	idf    float64 // term
	weight float64 // term, all: bleve's queryWeight
	leaf   int     // term: index into the search's postings lists
}

// errUnsupported says a query has a shape evaluate does not handle.
var errUnsupported = errors.New("index: query shape left to bleve")

// compilePlan turns a query built by buildQuery into a plan, or fails with
// errUnsupported.
func compilePlan(q query.Query) (*plan, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.Field() == "" {
			return nil, errUnsupported
		}
		return &plan{kind: pTerm, field: q.Field(), term: []byte(q.Term), boost: q.Boost()}, nil
	case *filterQuery:
		if t, ok := q.inner.(*query.TermQuery); ok && t.Field() != "" {
			return &plan{kind: pFilter, field: t.Field(), term: []byte(t.Term)}, nil
		}
		return &plan{kind: pFilter, filter: q.inner, key: q.key}, nil
	case *query.MatchAllQuery:
		return &plan{kind: pAll, boost: q.Boost()}, nil
	case *query.MatchNoneQuery:
		return &plan{kind: pNone}, nil
	case *query.ConjunctionQuery:
		return compileKids(pConj, q.Conjuncts, 0)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, errUnsupported
		}
		return compileKids(pDisj, q.Disjuncts, int(q.Min))
	case *query.BooleanQuery:
		if q.Filter != nil {
			return nil, errUnsupported
		}
		sub := func(c query.Query) (*plan, error) {
			if c == nil {
				return nil, nil
			}
			p, err := compilePlan(c)
			if err == nil && p.kind == pFilter {
				return nil, errUnsupported
			}
			if err != nil || p.kind == pNone {
				return nil, err // bleve drops a clause that matches nothing
			}
			return p, nil
		}
		must, err := sub(q.Must)
		if err != nil {
			return nil, err
		}
		should, err := sub(q.Should)
		if err != nil {
			return nil, err
		}
		not, err := sub(q.MustNot)
		if err != nil {
			return nil, err
		}
		switch {
		case must == nil && should == nil && not == nil:
			return &plan{kind: pNone}, nil
		case should == nil && not == nil:
			return must, nil
		case must == nil && not == nil:
			return should, nil
		case must == nil && should == nil:
			must = &plan{kind: pAll, boost: 1}
		}
		if should != nil && should.kind != pDisj {
			return nil, errUnsupported // bleve reads Min() of a disjunction only
		}
		return &plan{kind: pBool, must: must, should: should, not: not}, nil
	}
	return nil, errUnsupported
}

// compileKids compiles a conjunction or disjunction. Filters may only
// restrict a conjunction that also scores.
func compileKids(kind planKind, qs []query.Query, min int) (*plan, error) {
	if len(qs) == 0 {
		return &plan{kind: pNone}, nil
	}
	p := &plan{kind: kind, min: min}
	scoring := 0
	for _, c := range qs {
		k, err := compilePlan(c)
		if err != nil {
			return nil, err
		}
		if k.kind == pFilter && kind != pConj {
			return nil, errUnsupported
		}
		if k.kind != pFilter {
			scoring++
		}
		p.kids = append(p.kids, k)
	}
	if scoring == 0 {
		return nil, errUnsupported
	}
	return p, nil
}

// walk calls fn for p and every node under it.
func (p *plan) walk(fn func(*plan)) {
	if p == nil {
		return
	}
	fn(p)
	for _, k := range p.kids {
		k.walk(fn)
	}
	p.must.walk(fn)
	p.should.walk(fn)
	p.not.walk(fn)
}

// sumOfSquaredWeights is bleve's Weight() of the searcher for p; a must-not
// clause does not count.
func (p *plan) sumOfSquaredWeights() float64 {
	switch p.kind {
	case pTerm:
		w := p.boost * p.idf
		return w * w
	case pAll:
		return p.boost * p.boost
	case pConj, pDisj:
		var s float64
		for _, k := range p.kids {
			s += k.sumOfSquaredWeights()
		}
		return s
	case pBool:
		var s float64
		if p.must != nil {
			s += p.must.sumOfSquaredWeights()
		}
		if p.should != nil {
			s += p.should.sumOfSquaredWeights()
		}
		return s
	}
	return 0
}

// setQueryNorm gives every scoring node its queryWeight as bleve's
// top-level composite searcher does; a lone term or match-all at the top
// keeps queryWeight 1.
func (p *plan) setQueryNorm() {
	norm := 0.0
	if p.kind == pConj || p.kind == pDisj || p.kind == pBool {
		norm = 1 / math.Sqrt(p.sumOfSquaredWeights())
	}
	var set func(*plan)
	set = func(n *plan) {
		if n == nil {
			return
		}
		switch n.kind {
		case pTerm:
			n.weight = 1
			if norm != 0 {
				n.weight = n.boost * n.idf * norm
			}
		case pAll:
			n.weight = 1
			if norm != 0 {
				n.weight = n.boost * norm
			}
		}
		for _, k := range n.kids {
			set(k)
		}
		set(n.must)
		set(n.should) // not n.not: bleve never scores it
	}
	set(p)
}

// evalRequest is what Search asks of evaluate.
type evalRequest struct {
	plan    *plan
	size    int // offset + limit
	byDate  bool
	desc    bool
	dates   *dateCache
	fc      *facetCounts // nil: no facets
	facets  *facetCache
	cache   *postingsCache
	filters *filterCache
}

// scored is one candidate hit.
type scored struct {
	score float64
	doc   uint64 // snapshot document number
}

// segState is one segment of the snapshot being searched.
type segState struct {
	ss     *scorch.SegmentSnapshot
	base   uint64
	lists  []segment.PostingsList // per term leaf; nil: term absent
	bitmap map[*plan]*roaring.Bitmap
	cache  *postingsCache // nil: read every list from the segment
	dense  bool           // scores are indexed by document number (evaluate)
}

// evaluate runs req on idx's current snapshot. ok is false when the index
// is not one evaluate can read (bleve then answers).
func evaluate(ctx context.Context, idx bleve.Index, req evalRequest) (hits []*search.DocumentMatch, total uint64, ok bool, err error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, 0, false, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, false, err
	}
	defer r.Close()
	snap, isSnap := r.(*scorch.IndexSnapshot)
	if !isSnap {
		return nil, 0, false, nil
	}
	var dates *dateColumn
	if req.byDate {
		if dates, err = dateColumnOf(ctx, req.dates, r); err != nil {
			return nil, 0, false, err
		}
	}
	if req.fc != nil {
		cols, err := facetColumnsOf(ctx, req.facets, r)
		if err != nil {
			return nil, 0, false, err
		}
		req.fc.init(cols)
	}
	docTotal, err := r.DocCount()
	if err != nil {
		return nil, 0, false, err
	}

	// The term leaves, their posting lists per segment and document counts.
	var leaves []*plan
	req.plan.walk(func(n *plan) {
		if n.kind == pTerm || n.kind == pFilter && n.filter == nil {
			n.leaf = len(leaves)
			leaves = append(leaves, n)
		}
	})
	segs := make([]*segState, 0, len(snap.Segments()))
	var base uint64
	for _, ss := range snap.Segments() {
		st := &segState{ss: ss, base: base, lists: make([]segment.PostingsList, len(leaves)), bitmap: map[*plan]*roaring.Bitmap{}, cache: req.cache}
		base += ss.Segment().Count()
		segs = append(segs, st)
		dicts := map[string]segment.TermDictionary{}
		for i, n := range leaves {
			d, seen := dicts[n.field]
			if !seen {
				if d, err = ss.Segment().Dictionary(n.field); err != nil {
					return nil, 0, false, fmt.Errorf("index: evaluate: field %s: %w", n.field, err)
				}
				dicts[n.field] = d
			}
			if d == nil {
				continue
			}
			pl, err := d.PostingsList(n.term, ss.Deleted(), nil)
			if err != nil {
				return nil, 0, false, fmt.Errorf("index: evaluate: %s:%s: %w", n.field, n.term, err)
			}
			if pl != nil {
				st.lists[i] = pl
				n.df += pl.Count()
			}
		}
	}
	for _, n := range leaves {
		n.idf = 1.0 + math.Log(float64(docTotal)/float64(n.df+1.0))
	}
	if err := filterDocs(ctx, r, idx, req.plan, segs, req.filters); err != nil {
		return nil, 0, false, err
	}
	req.plan.setQueryNorm()

	top := newTopHeap(req.size)
	for _, st := range segs {
		if err := ctx.Err(); err != nil {
			return nil, 0, false, err
		}
		m, err := st.match(req.plan)
		if err != nil {
			return nil, 0, false, err
		}
		if m == nil || m.IsEmpty() {
			continue
		}
		docs := m.ToArray()
		total += uint64(len(docs))
		if req.fc != nil {
			for _, d := range docs {
				req.fc.add(st.base + uint64(d))
			}
		}
		if req.size == 0 {
			continue
		}
		// Scores go to one entry per match, or, when the matches are a
		// good part of the segment, to one entry per document: postings
		// then land at their own number, without a merge against the
		// matches (TestEvaluateAgreesWithBleve covers both).
		at := docs
		if n := st.ss.Segment().Count(); uint64(len(docs)) >= n/4 {
			st.dense = true
			at = identity(int(n))
		}
		scores := getFloats(len(at))
		if err := st.score(req.plan, m, at, scores); err != nil {
			return nil, 0, false, err
		}
		for j, d := range docs {
			if st.dense {
				j = int(d)
			}
			g := st.base + uint64(d)
			s := scores[j]
			if req.byDate {
				s = dateScore(dates, g, s, req.desc)
			}
			top.offer(scored{score: s, doc: g})
		}
		putFloats(scores)
	}
	best := top.sorted()
	hits = make([]*search.DocumentMatch, 0, len(best))
	for _, b := range best {
		dm, err := loadHit(segs, b)
		if err != nil {
			return nil, 0, false, err
		}
		hits = append(hits, dm)
	}
	return hits, total, true, nil
}

// match returns the documents of the segment that match p (deleted ones
// excluded); nil is none. The bitmaps of terms belong to the segment: they
// are only ever read.
func (st *segState) match(p *plan) (*roaring.Bitmap, error) {
	if b, ok := st.bitmap[p]; ok {
		return b, nil
	}
	var b *roaring.Bitmap
	switch p.kind {
	case pTerm:
		b = termBitmap(st.lists[p.leaf])
	case pAll:
		b = roaring.New()
		b.AddRange(0, st.ss.Segment().Count())
		if del := st.ss.Deleted(); del != nil {
			b.AndNot(del)
		}
	case pNone:
	case pFilter: // a term (the others are found by filterDocs)
		b = termBitmap(st.lists[p.leaf])
	case pConj:
		var bs []*roaring.Bitmap
		for _, k := range p.kids {
			kb, err := st.match(k)
			if err != nil {
				return nil, err
			}
			if kb == nil || kb.IsEmpty() {
				bs = nil
				break
			}
			bs = append(bs, kb)
		}
		if len(bs) == 1 {
			b = bs[0]
		} else if len(bs) > 1 {
			b = roaring.FastAnd(bs...)
		}
	case pDisj:
		var bs []*roaring.Bitmap
		for _, k := range p.kids {
			kb, err := st.match(k)
			if err != nil {
				return nil, err
			}
			if kb != nil && !kb.IsEmpty() {
				bs = append(bs, kb)
			}
		}
		if len(bs) == 1 {
			b = bs[0]
		} else if len(bs) > 1 {
			b = roaring.FastOr(bs...)
		}
	case pBool:
		var err error
		if p.must != nil {
			if b, err = st.match(p.must); err != nil {
				return nil, err
			}
			if b != nil && p.should != nil && p.should.min > 0 {
				sb, err := st.match(p.should)
				if err != nil {
					return nil, err
				}
				if sb == nil {
					b = nil
				} else {
					b = roaring.And(b, sb)
				}
			}
		} else if b, err = st.match(p.should); err != nil {
			return nil, err
		}
		if b != nil && p.not != nil {
			nb, err := st.match(p.not)
			if err != nil {
				return nil, err
			}
			if nb != nil && !nb.IsEmpty() {
				b = roaring.AndNot(b, nb)
			}
		}
	}
	st.bitmap[p] = b
	return b, nil
}

// filterDocs finds the documents of every filter of p that is not a single
// term (an issuer phrase, a date range) with bleve's own searcher, unscored,
// and files them by segment; cache keeps them for the snapshot (filter.go).
func filterDocs(ctx context.Context, r index.IndexReader, idx bleve.Index, p *plan, segs []*segState, cache *filterCache) error {
	var sets *filterSets
	if cache != nil {
		var err error
		sets, err = cache.get(r, func() (*filterSets, error) {
			return &filterSets{sets: map[string][]*roaring.Bitmap{}}, nil
		})
		if err != nil {
			return err
		}
	}
	var err error
	p.walk(func(n *plan) {
		if err != nil || n.kind != pFilter || n.filter == nil {
			return
		}
		if sets != nil && n.key != "" {
			if bs, ok := sets.get(n.key); ok && len(bs) == len(segs) {
				for i, st := range segs {
					st.bitmap[n] = bs[i]
				}
				return
			}
		}
		var bs []*roaring.Bitmap
		if bs, err = filterSearch(ctx, r, idx, n.filter, segs); err != nil {
			return
		}
		for i, st := range segs {
			st.bitmap[n] = bs[i]
		}
		if sets != nil && n.key != "" {
			sets.put(n.key, bs)
		}
	})
	if err != nil {
		return fmt.Errorf("index: evaluate: filter: %w", err)
	}
	return nil
}

// filterSearch returns the documents of q, one bitmap per segment (nil:
// none).
func filterSearch(ctx context.Context, r index.IndexReader, idx bleve.Index, q query.Query, segs []*segState) ([]*roaring.Bitmap, error) {
	s, err := q.Searcher(ctx, r, idx.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	bs := make([]*roaring.Bitmap, len(segs))
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	for {
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return bs, err
		}
		g := dm.IndexInternalID.Value()
		if i := sort.Search(len(segs), func(i int) bool { return segs[i].base > g }) - 1; i >= 0 {
			if bs[i] == nil {
				bs[i] = roaring.New()
			}
			bs[i].Add(uint32(g - segs[i].base))
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

// termBitmap is the live documents of a posting list, nil when none.
func termBitmap(pl segment.PostingsList) *roaring.Bitmap {
	if pl == nil {
		return nil
	}
	it := pl.Iterator(false, false, false, nil)
	opt, ok := it.(segment.OptimizablePostingsIterator)
	if !ok {
		// Not zap: collect the documents one by one.
		b := roaring.New()
		for p, err := it.Next(); err == nil && p != nil; p, err = it.Next() {
			b.Add(uint32(p.Number()))
		}
		return b
	}
	if n, ok := opt.DocNum1Hit(); ok {
		return roaring.BitmapOf(uint32(n))
	}
	return opt.ActualBitmap()
}

// score writes into out (one entry per document of docs, the matches m of
// the segment in order) the score p gives each; 0 is "p does not match".
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
	if st.cache != nil && pl.Count() >= st.cache.min {
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
	freq := post.Frequency()
	var tf float64
	if freq < uint64(len(sqrtTable)) {
		tf = sqrtTable[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
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

// decoded returns the term's whole posting list in this segment from the
// cache, decoding it on a miss (postcache.go).
func (st *segState) decoded(p *plan) (*decodedPostings, error) {
	k := postingsKey{seg: st.ss.Segment(), field: p.field, term: string(p.term)}
	if d := st.cache.get(k); d != nil {
		return d, nil
	}
	dict, err := st.ss.Segment().Dictionary(p.field)
	if err != nil {
		return nil, fmt.Errorf("index: evaluate: field %s: %w", p.field, err)
	}
	pl, err := dict.PostingsList(p.term, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("index: evaluate: %s:%s: %w", p.field, p.term, err)
	}
	n := pl.Count()
	d := &decodedPostings{key: k, tf: make([]uint8, 0, n), ln: make([]uint16, 0, n)}
	it := pl.Iterator(true, true, false, nil)
	if opt, ok := it.(segment.OptimizablePostingsIterator); ok {
		if doc, hit1 := opt.DocNum1Hit(); hit1 {
			d.docs = roaring.BitmapOf(uint32(doc))
		} else if actual := opt.ActualBitmap(); actual != nil {
			d.docs = actual.Clone() // the segment's is read from its file
		}
	}
	var docs []uint32
	for {
		post, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("index: evaluate: %s:%s: %w", p.field, p.term, err)
		}
		if post == nil {
			break
		}
		zp, ok := post.(*zap.Posting)
		if !ok || zp.NormUint64() > 0xffff {
			d = &decodedPostings{key: k, unpacked: true}
			break
		}
		if d.docs == nil {
			docs = append(docs, uint32(post.Number()))
		}
		tf := zp.Frequency()
		if tf >= 255 {
			if d.big == nil {
				d.big = map[uint32]uint32{}
			}
			d.big[uint32(len(d.tf))] = uint32(min(tf, math.MaxUint32))
			tf = 255
		}
		d.tf = append(d.tf, uint8(tf))
		d.ln = append(d.ln, uint16(zp.NormUint64()))
	}
	if !d.unpacked && d.docs == nil {
		d.docs = roaring.BitmapOf(docs...)
	}
	if !d.unpacked && d.docs.GetCardinality() != uint64(len(d.tf)) {
		return nil, fmt.Errorf("index: evaluate: %s:%s: %d documents for %d postings", p.field, p.term, d.docs.GetCardinality(), len(d.tf))
	}
	st.cache.put(d)
	return d, nil
}

// addDecoded is addTerm on a decoded list: a merge of two sorted arrays,
// or, when the matches are much fewer than the postings, a search for each
// match.
func addDecoded(p *plan, d *decodedPostings, docs []uint32, out []float64, cnt []uint16, dense bool) {
	add := func(i, j int) {
		s := d.impact(i) * p.idf
		if p.weight != 1.0 {
			s = s * p.weight
		}
		out[j] += s
		if cnt != nil {
			cnt[j]++
		}
	}
	if !dense && uint64(len(docs))*16 < d.docs.GetCardinality() {
		for j, doc := range docs {
			if d.docs.Contains(doc) {
				add(int(d.docs.Rank(doc))-1, j)
			}
		}
		return
	}
	var buf [256]uint32
	it := d.docs.ManyIterator()
	i, j := 0, 0
	for {
		n := it.NextMany(buf[:])
		if n == 0 {
			return
		}
		for _, doc := range buf[:n] {
			if dense {
				add(i, int(doc))
				i++
				continue
			}
			for j < len(docs) && docs[j] < doc {
				j++
			}
			if j == len(docs) {
				return
			}
			if docs[j] == doc {
				add(i, j)
			}
			i++
		}
	}
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

var sqrtTable = func() []float64 {
	t := make([]float64, 64)
	for i := range t {
		t[i] = math.Sqrt(float64(i))
	}
	return t
}()

// loadHit reads the id and stored fields of one hit.
func loadHit(segs []*segState, b scored) (*search.DocumentMatch, error) {
	var st *segState
	for _, s := range segs {
		if b.doc >= s.base {
			st = s
		}
	}
	local := b.doc - st.base
	id, err := st.ss.DocID(local)
	if err != nil {
		return nil, fmt.Errorf("index: evaluate: document %d: %w", b.doc, err)
	}
	dm := &search.DocumentMatch{ID: string(id), Score: b.score, Fields: map[string]interface{}{}}
	err = st.ss.VisitDocument(local, func(field string, typ byte, value []byte, _ []uint64) bool {
		if typ != 't' || !wantStored(field) {
			return true
		}
		v := string(value)
		switch prev := dm.Fields[field].(type) {
		case nil:
			dm.Fields[field] = v
		case string:
			dm.Fields[field] = []interface{}{prev, v}
		case []interface{}:
			dm.Fields[field] = append(prev, v)
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("index: evaluate: document %s: %w", id, err)
	}
	return dm, nil
}

func wantStored(field string) bool {
	for _, f := range storedFields {
		if f == field {
			return true
		}
	}
	return false
}

// topHeap keeps the best n candidates: higher score first, then the lower
// document number, as bleve's collector orders ties.
type topHeap struct {
	n    int
	heap []scored // min-heap: the worst kept candidate at 0
}

func newTopHeap(n int) *topHeap { return &topHeap{n: n, heap: make([]scored, 0, n)} }

// worse says a ranks below b.
func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

func (h *topHeap) offer(c scored) {
	if h.n == 0 {
		return
	}
	if len(h.heap) < h.n {
		h.heap = append(h.heap, c)
		for i := len(h.heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if !worse(h.heap[i], h.heap[parent]) {
				break
			}
			h.heap[i], h.heap[parent] = h.heap[parent], h.heap[i]
			i = parent
		}
		return
	}
	if !worse(h.heap[0], c) {
		return
	}
	h.heap[0] = c
	for i := 0; ; {
		l, small := 2*i+1, i
		if l < len(h.heap) && worse(h.heap[l], h.heap[small]) {
			small = l
		}
		if r := l + 1; r < len(h.heap) && worse(h.heap[r], h.heap[small]) {
			small = r
		}
		if small == i {
			return
		}
		h.heap[i], h.heap[small] = h.heap[small], h.heap[i]
		i = small
	}
}

// sorted returns the candidates best first.
func (h *topHeap) sorted() []scored {
	out := slices.Clone(h.heap)
	slices.SortFunc(out, func(a, b scored) int {
		switch {
		case worse(a, b):
			return 1
		case worse(b, a):
			return -1
		}
		return 0
	})
	return out
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
