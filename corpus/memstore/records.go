package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"vanthu/corpus"
)

var _ corpus.RecordStore = (*Store)(nil)

type recordKey struct{ kind, id string }

// PutRecord implements corpus.RecordStore.
func (s *Store) PutRecord(ctx context.Context, r corpus.Record, expect int) (corpus.Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return r, false, fmt.Errorf("memstore: put %s %q: %w", r.Kind, r.ID, err)
	}
	r, err := corpus.PrepareRecord(r)
	if err != nil {
		return r, false, fmt.Errorf("memstore: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return r, false, ErrClosed
	}
	if s.records == nil {
		s.records = map[recordKey][]corpus.Record{}
	}
	k := recordKey{r.Kind, r.ID}
	vs := s.records[k]
	if expect >= 0 && expect != len(vs) {
		return r, false, fmt.Errorf("memstore: %s %q is at version %d, not %d: %w", r.Kind, r.ID, len(vs), expect, corpus.ErrConflict)
	}
	if n := len(vs); n > 0 && vs[n-1].SHA256 == r.SHA256 {
		return cloneRecord(vs[n-1]), false, nil
	}
	r.Version = len(vs) + 1
	s.records[k] = append(vs, cloneRecord(r))
	return r, true, nil
}

// GetRecord implements corpus.RecordStore.
func (s *Store) GetRecord(ctx context.Context, kind, id string) (corpus.Record, error) {
	vs, err := s.RecordVersions(ctx, kind, id)
	if err != nil {
		return corpus.Record{}, err
	}
	return vs[len(vs)-1], nil
}

// RecordVersions implements corpus.RecordStore.
func (s *Store) RecordVersions(ctx context.Context, kind, id string) ([]corpus.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, ErrClosed
	}
	vs := s.records[recordKey{kind, id}]
	if len(vs) == 0 {
		return nil, fmt.Errorf("memstore: %s %q: %w", kind, id, corpus.ErrNotFound)
	}
	out := make([]corpus.Record, len(vs))
	for i, v := range vs {
		out[i] = cloneRecord(v)
	}
	return out, nil
}

// EachRecord implements corpus.RecordStore.
func (s *Store) EachRecord(ctx context.Context, kind string, fn func(corpus.Record) error) error {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	var cur []corpus.Record
	for k, vs := range s.records {
		if k.kind == kind && len(vs) > 0 {
			cur = append(cur, cloneRecord(vs[len(vs)-1]))
		}
	}
	s.mu.RUnlock()
	sort.Slice(cur, func(i, j int) bool { return cur[i].ID < cur[j].ID })
	for _, r := range cur {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func cloneRecord(r corpus.Record) corpus.Record {
	r.Data = slices.Clone(r.Data)
	return r
}
