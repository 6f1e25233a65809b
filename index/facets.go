package index

import (
	"cmp"
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Facet counts without bleve's facet builders.
//
// bleve counts a terms facet by decoding the doc values of every hit (a
// snappy chunk per 1,024 documents and field, then a map update per term):
// on 100,000 documents where a word matches 81,000, four facets cost more
// than the query itself (docs/benchmarks/index.md). The facet fields are
// single-valued keywords with a few dozen values, so vanthu keeps, per index
// snapshot, one column per field mapping each document to the ordinal of its
// value, built once from the fields' posting lists; the query is wrapped so
// that every match the collector pulls bumps one counter per field. The
// ranking, paging and stored fields still come from bleve's own collector:
// only the counting moved.

// facetField is one facet's name, index field and number of terms returned.
type facetField struct {
	name, field string
	size        int
}

var facetFields = []facetField{
	{FacetType, fType, 20},
	{FacetIssuer, fIssuer, 20},
	{FacetYear, fYear, 30},
	{FacetSource, fSource, 20},
}

// facetColumn maps a snapshot's document numbers to term ordinals of one
// field; ordinal 0 is "no value".
type facetColumn struct {
	terms []string // ordinal-1 → term
	ord   []uint32 // document number → ordinal
}

// facetColumns are the columns of one snapshot of the index.
type facetColumns struct {
	cols []facetColumn
}

// facetCache holds the columns of the latest snapshot searched.
type facetCache = snapshotCache[*facetColumns]

// facetColumnsOf returns the columns for r, building them when r is a
// snapshot not seen before (after every index change: one pass over each
// facet field's postings, ~400,000 postings for 100,000 documents).
func facetColumnsOf(ctx context.Context, c *facetCache, r index.IndexReader) (*facetColumns, error) {
	return c.get(r, func() (*facetColumns, error) {
		fc := &facetColumns{}
		for _, f := range facetFields {
			var col facetColumn
			err := visitPostings(ctx, r, f.field, func(term string) func(uint64) {
				col.terms = append(col.terms, term)
				ord := uint32(len(col.terms))
				return func(n uint64) { col.ord = setAt(col.ord, n, ord) }
			})
			if err != nil {
				return nil, err
			}
			fc.cols = append(fc.cols, col)
		}
		return fc, nil
	})
}

// facetCounts accumulates the counts of one search.
type facetCounts struct {
	cols   *facetColumns
	counts [][]uint64 // per field, per ordinal
}

// init readies fc to count over cols.
func (fc *facetCounts) init(cols *facetColumns) {
	fc.cols = cols
	fc.counts = make([][]uint64, len(cols.cols))
	for i, col := range cols.cols {
		fc.counts[i] = make([]uint64, len(col.terms)+1)
	}
}

func (fc *facetCounts) add(n uint64) {
	for i, col := range fc.cols.cols {
		o := uint32(0)
		if n < uint64(len(col.ord)) {
			o = col.ord[n]
		}
		fc.counts[i][o]++
	}
}

// result turns the counts into the facets of a Result, ordered as bleve
// orders terms facets: count descending, then term.
func (fc *facetCounts) result() map[string][]FacetTerm {
	out := map[string][]FacetTerm{}
	for i, f := range facetFields {
		terms := []FacetTerm{}
		if fc.cols != nil {
			col := fc.cols.cols[i]
			for o, n := range fc.counts[i][1:] {
				if n > 0 {
					terms = append(terms, FacetTerm{Term: col.terms[o], Count: int(n)})
				}
			}
		}
		slices.SortFunc(terms, func(a, b FacetTerm) int {
			if c := cmp.Compare(b.Count, a.Count); c != 0 {
				return c
			}
			return cmp.Compare(a.Term, b.Term)
		})
		if len(terms) > f.size {
			terms = terms[:f.size]
		}
		out[f.name] = terms
	}
	return out
}

// facetQuery wraps a query so that the matches bleve's collector pulls are
// counted into fc.
type facetQuery struct {
	inner query.Query
	cache *facetCache
	fc    *facetCounts
}

func (q *facetQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	cols, err := facetColumnsOf(ctx, q.cache, r)
	if err != nil {
		return nil, err
	}
	q.fc.init(cols)
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &countingSearcher{Searcher: s, fc: q.fc}, nil
}

// countingSearcher counts every match it returns. The collector only calls
// Next on the top searcher, so Advance needs no counting of its own; it is
// counted anyway, so that a collector that skips ahead still counts what it
// is given.
type countingSearcher struct {
	search.Searcher
	fc *facetCounts
}

func (s *countingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		s.fc.add(dm.IndexInternalID.Value())
	}
	return dm, err
}

func (s *countingSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		s.fc.add(dm.IndexInternalID.Value())
	}
	return dm, err
}
