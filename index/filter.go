package index

import (
	"context"

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
