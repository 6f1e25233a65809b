package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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
	counts []uint64               // per term leaf: its live documents here
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
	segs, err := openSegments(snap, leaves, req.cache)
	if err != nil {
		return nil, 0, false, err
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

// openSegments reads, for each segment of the snapshot, the posting list
// and document count of every term leaf, and adds the counts up into the
// leaves' document frequencies.
func openSegments(snap *scorch.IndexSnapshot, leaves []*plan, cache *postingsCache) ([]*segState, error) {
	var err error
	segs := make([]*segState, 0, len(snap.Segments()))
	var base uint64
	for _, ss := range snap.Segments() {
		st := &segState{ss: ss, base: base, lists: make([]segment.PostingsList, len(leaves)), counts: make([]uint64, len(leaves)), bitmap: map[*plan]*roaring.Bitmap{}, cache: cache}
		base += ss.Segment().Count()
		segs = append(segs, st)
		dicts := map[string]segment.TermDictionary{}
		for i, n := range leaves {
			d, seen := dicts[n.field]
			if !seen {
				if d, err = ss.Segment().Dictionary(n.field); err != nil {
					return nil, fmt.Errorf("index: evaluate: field %s: %w", n.field, err)
				}
				dicts[n.field] = d
			}
			if d == nil {
				continue
			}
			pl, err := d.PostingsList(n.term, ss.Deleted(), nil)
			if err != nil {
				return nil, fmt.Errorf("index: evaluate: %s:%s: %w", n.field, n.term, err)
			}
			if pl != nil {
				st.lists[i], st.counts[i] = pl, pl.Count()
				n.df += st.counts[i]
			}
		}
	}
	return segs, nil
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
		bs, empty, err := st.kidMatches(p.kids, true)
		if err != nil {
			return nil, err
		}
		if !empty {
			b = combine(bs, roaring.FastAnd)
		}
	case pDisj:
		bs, _, err := st.kidMatches(p.kids, false)
		if err != nil {
			return nil, err
		}
		b = combine(bs, roaring.FastOr)
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

// kidMatches returns the non-empty matches of kids; empty says one of them
// matched nothing, and with stopAtEmpty the rest are then not looked at (a
// conjunction).
func (st *segState) kidMatches(kids []*plan, stopAtEmpty bool) (bs []*roaring.Bitmap, empty bool, err error) {
	for _, k := range kids {
		kb, err := st.match(k)
		if err != nil {
			return nil, false, err
		}
		if kb == nil || kb.IsEmpty() {
			if stopAtEmpty {
				return nil, true, nil
			}
			empty = true
			continue
		}
		bs = append(bs, kb)
	}
	return bs, empty, nil
}

// combine is op over bs without copying a single bitmap; nil for none.
func combine(bs []*roaring.Bitmap, op func(...*roaring.Bitmap) *roaring.Bitmap) *roaring.Bitmap {
	switch len(bs) {
	case 0:
		return nil
	case 1:
		return bs[0]
	}
	return op(bs...)
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
