package index

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Sorting by date. bleve's sort by a field reads the field's doc values for
// every match (decoding a chunk per hit): a date-sorted search matching
// 72,000 documents spent most of its time there. As for facets (facets.go),
// vanthu keeps per index snapshot a column mapping each document to its day
// of issue, built once from the date field's postings, and wraps the query so
// that each match's score says its date first and its relevance second:
// bleve then ranks by score, its cheapest order, and the hits come out in
// date order, ties by relevance, documents without a date last, as the field
// sort did (TestDateSortAgreesWithBleve).

// dateColumn maps a snapshot's document numbers to days; 0 is "no date".
type dateColumn struct {
	day []int32 // days since 1970-01-01 + dayOffset
}

// dayOffset keeps every day of years 1–9999 positive, so that 0 can mean
// "no date".
const dayOffset = 1 << 22

// dateCache holds the column of the latest snapshot searched.
type dateCache = snapshotCache[*dateColumn]

func dateColumnOf(ctx context.Context, c *dateCache, r index.IndexReader) (*dateColumn, error) {
	return c.get(r, func() (*dateColumn, error) {
		col := &dateColumn{}
		err := visitPostings(ctx, r, fDate, func(term string) func(uint64) {
			// The date field indexes each value at several precisions;
			// the full one (shift 0) is the value itself.
			pc := numeric.PrefixCoded(term)
			if shift, err := pc.Shift(); err != nil || shift != 0 {
				return nil
			}
			ns, err := pc.Int64()
			if err != nil {
				return nil
			}
			day := int32(math.Floor(float64(ns)/float64(24*time.Hour))) + dayOffset
			return func(n uint64) { col.day = setAt(col.day, n, day) }
		})
		if err != nil {
			return nil, fmt.Errorf("index: date column: %w", err)
		}
		return col, nil
	})
}

// missingDate is the score base of a match without a date: below every day.
const missingDate = -1e9

// dateQuery wraps a query so that its matches score by date (see above).
type dateQuery struct {
	inner query.Query
	cache *dateCache
	desc  bool // newest first
}

func (q *dateQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	col, err := dateColumnOf(ctx, q.cache, r)
	if err != nil {
		return nil, err
	}
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &dateSearcher{Searcher: s, col: col, desc: q.desc}, nil
}

// dateSearcher rewrites the score of every match it returns to
// day + relevance/(relevance+1) (newest first) or −day + the same fraction
// (oldest first): the whole part orders by date, the fraction, below 1,
// breaks ties by relevance, and relevanceOf recovers the relevance.
type dateSearcher struct {
	search.Searcher
	col  *dateColumn
	desc bool
}

func (s *dateSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		s.rescore(dm)
	}
	return dm, err
}

func (s *dateSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		s.rescore(dm)
	}
	return dm, err
}

func (s *dateSearcher) rescore(dm *search.DocumentMatch) {
	dm.Score = dateScore(s.col, dm.IndexInternalID.Value(), dm.Score, s.desc)
}

// dateScore is the score of a match of relevance r on document doc.
func dateScore(col *dateColumn, doc uint64, r float64, desc bool) float64 {
	f := max(r, 0)
	f /= f + 1
	var day int32
	if doc < uint64(len(col.day)) {
		day = col.day[doc]
	}
	switch {
	case day == 0:
		return missingDate + f
	case desc:
		return float64(day) + f
	default:
		return -float64(day) + f
	}
}

// relevanceOf recovers the relevance from a score written by dateSearcher.
func relevanceOf(score float64) float64 {
	f := score - math.Floor(score)
	return f / (1 - f)
}
