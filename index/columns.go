package index

import (
	"context"
	"fmt"
	"slices"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Columns per index snapshot: the facet columns (facets.go) and the date
// column (datesort.go) map each document number of a snapshot to a value,
// built once from a field's postings and kept until the index changes.

// snapshotCache keeps a value built from the latest snapshot searched.
// scorch hands out the same snapshot (the same IndexReader) until the index
// changes, so the reader's identity says when to build again.
type snapshotCache[T any] struct {
	mu     sync.Mutex
	reader index.IndexReader
	val    T
}

func (c *snapshotCache[T]) get(r index.IndexReader, build func() (T, error)) (T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != nil && c.reader == r {
		return c.val, nil
	}
	v, err := build()
	if err != nil {
		var zero T
		return zero, err
	}
	c.reader, c.val = r, v
	return v, nil
}

// visitPostings walks the dictionary of field; for each term, each returns
// the function to call with every document number that has the term, or nil
// to skip the term.
func visitPostings(ctx context.Context, r index.IndexReader, field string, each func(term string) func(doc uint64)) error {
	dict, err := r.FieldDict(field)
	if err != nil {
		return fmt.Errorf("index: column %s: %w", field, err)
	}
	defer dict.Close()
	var tfd index.TermFieldDoc
	for {
		e, err := dict.Next()
		if err != nil {
			return fmt.Errorf("index: column %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		set := each(e.Term)
		if set == nil {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), field, false, false, false)
		if err != nil {
			return fmt.Errorf("index: column %s %q: %w", field, e.Term, err)
		}
		for {
			d, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return fmt.Errorf("index: column %s %q: %w", field, e.Term, err)
			}
			if d == nil {
				break
			}
			set(d.ID.Value())
		}
		tfr.Close()
	}
}

// setAt sets s[n] = v, growing s as needed.
func setAt[T any](s []T, n uint64, v T) []T {
	if n >= uint64(len(s)) {
		s = slices.Grow(s, int(n)+1-len(s))[:n+1]
	}
	s[n] = v
	return s
}
