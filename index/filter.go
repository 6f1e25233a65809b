package index

import (
	"context"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// filterQuery restricts a search without taking part in its scores: the
// filters of a search (type, issuer, kind, source, dates) are clauses every
// hit matches alike. As boosted must clauses they added their own terms'
// TF-IDF to every hit and their weight to the query norm (a date range adds
// one term per precision step it covers), which told nothing and could not
// be reproduced outside bleve (evaluate.go).
type filterQuery struct {
	inner query.Query
	key   string // names the filter in filterCache; "" for a single term
}

func (q *filterQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	opts.Score = "none"
	opts.Explain = false
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &unscoredSearcher{Searcher: s}, nil
}

// unscoredSearcher matches what its searcher matches, with score 0 and no
// weight in the query norm.
type unscoredSearcher struct {
	search.Searcher
}

func (s *unscoredSearcher) Weight() float64 { return 0 }

func (s *unscoredSearcher) SetQueryNorm(float64) {}

func (s *unscoredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		dm.Score = 0
	}
	return dm, err
}

func (s *unscoredSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		dm.Score = 0
	}
	return dm, err
}

// Filters that are not a single term (an issuer phrase, a date range) cost
// a bleve search of their own: "issuer=Hà Nội" reads the positions of
// every document whose issuer has those syllables. The same filters come
// back search after search (a clerk narrows to the province's own
// documents and keeps them), so their documents are kept per snapshot, by
// segment, until the index changes.

// filterSets are the documents of recent filters in one snapshot: per key,
// one bitmap per segment (nil: none). The bitmaps are only ever read.
type filterSets struct {
	mu   sync.Mutex
	sets map[string][]*roaring.Bitmap
}

// maxFilterSets bounds the filters kept for one snapshot; the set is
// emptied when full (filters are few and cheap to find again).
const maxFilterSets = 256

type filterCache = snapshotCache[*filterSets]

func (f *filterSets) get(key string) ([]*roaring.Bitmap, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.sets[key]
	return b, ok
}

func (f *filterSets) put(key string, b []*roaring.Bitmap) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sets) >= maxFilterSets {
		clear(f.sets)
	}
	f.sets[key] = b
}
