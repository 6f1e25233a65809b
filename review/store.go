package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"vanthu/corpus"
)

// Backend is what Store wraps: a document store that also keeps records
// (corpus/filestore and corpus/memstore are both).
type Backend interface {
	corpus.Store
	corpus.RecordStore
}

// Store is a corpus.Store showing documents as people corrected them: the
// current correction applied over the extracted metadata, withdrawn documents
// left out of Each and Len (Get still returns them, for their page and for
// restoring). It passes everything else through; writes of records go
// through Desk, which keeps Store's view of them current.
type Store struct {
	inner Backend

	mu        sync.RWMutex
	corr      map[string]Correction // document id → current correction
	withdrawn map[string]bool
	byNumber  map[string][]string // corrected number key → ids

	queue queueCache
}

var _ corpus.Store = (*Store)(nil)

// NewStore reads the current correction and withdrawal records of inner and
// returns the corrected view of it.
func NewStore(ctx context.Context, inner Backend) (*Store, error) {
	s := &Store{inner: inner, corr: map[string]Correction{}, withdrawn: map[string]bool{}, byNumber: map[string][]string{}}
	err := inner.EachRecord(ctx, KindCorrection, func(r corpus.Record) error {
		var c Correction
		if err := json.Unmarshal(r.Data, &c); err != nil {
			return fmt.Errorf("review: correction of %s, version %d: %w", r.ID, r.Version, err)
		}
		s.setCorrection(r.ID, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = inner.EachRecord(ctx, KindWithdrawal, func(r corpus.Record) error {
		var w Withdrawal
		if err := json.Unmarshal(r.Data, &w); err != nil {
			return fmt.Errorf("review: withdrawal of %s, version %d: %w", r.ID, r.Version, err)
		}
		if w.Withdrawn {
			s.withdrawn[r.ID] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Refresh reads the current correction and withdrawal of one document
// again from the records: another process changed them (a clerk on another
// machine of a cluster), and this view must show what they hold now.
func (s *Store) Refresh(ctx context.Context, id string) error {
	var c Correction
	hasC := false
	r, err := s.inner.GetRecord(ctx, KindCorrection, id)
	switch {
	case err == nil:
		if err := json.Unmarshal(r.Data, &c); err != nil {
			return fmt.Errorf("review: correction of %s, version %d: %w", id, r.Version, err)
		}
		hasC = true
	case !errors.Is(err, corpus.ErrNotFound):
		return err
	}
	withdrawn := false
	r, err = s.inner.GetRecord(ctx, KindWithdrawal, id)
	switch {
	case err == nil:
		var w Withdrawal
		if err := json.Unmarshal(r.Data, &w); err != nil {
			return fmt.Errorf("review: withdrawal of %s, version %d: %w", id, r.Version, err)
		}
		withdrawn = w.Withdrawn
	case !errors.Is(err, corpus.ErrNotFound):
		return err
	}
	s.mu.Lock()
	if hasC {
		s.setCorrection(id, c)
	}
	s.mu.Unlock()
	s.setWithdrawn(id, withdrawn)
	s.refresh(ctx, id)
	return nil
}

// Inner returns the wrapped store (the extracted metadata, uncorrected).
func (s *Store) Inner() Backend { return s.inner }

// setCorrection records c as the current correction of id; s.mu is held
// or s is not shared yet.
func (s *Store) setCorrection(id string, c Correction) {
	if old, ok := s.corr[id]; ok {
		if k := corpus.NumberKey(old.Fields["number"]); k != "" {
			ids := s.byNumber[k]
			for i, v := range ids {
				if v == id {
					ids = append(ids[:i:i], ids[i+1:]...)
					break
				}
			}
			if len(ids) == 0 {
				delete(s.byNumber, k)
			} else {
				s.byNumber[k] = ids
			}
		}
	}
	s.corr[id] = c
	if k := corpus.NumberKey(c.Fields["number"]); k != "" {
		s.byNumber[k] = append(s.byNumber[k], id)
	}
}

func (s *Store) setWithdrawn(id string, w bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w {
		s.withdrawn[id] = true
	} else {
		delete(s.withdrawn, id)
	}
}

// Correction returns the current correction of a document (zero if none).
func (s *Store) Correction(id string) Correction {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.corr[id]
}

// CorrectedIssuers returns the issuers people set on documents, each once
// and sorted: the metadata parser files a later scan's misspelling of one
// of them under the name a person wrote (meta.Config.Bodies).
func (s *Store) CorrectedIssuers() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	seen := map[string]bool{}
	var out []string
	for _, c := range s.corr {
		if v := strings.TrimSpace(c.Fields["issuer"]); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// Withdrawn reports whether a document is withdrawn.
func (s *Store) Withdrawn(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.withdrawn[id]
}

func (s *Store) view(d corpus.Document) corpus.Document {
	s.mu.RLock()
	c, ok := s.corr[d.ID]
	s.mu.RUnlock()
	if ok {
		Apply(&d, c)
	}
	return d
}

// Put implements corpus.Store: the extracted document is stored as it is,
// and the view returned has the corrections applied.
func (s *Store) Put(ctx context.Context, original []byte, doc corpus.Document) (corpus.PutResult, error) {
	pr, err := s.inner.Put(ctx, original, doc)
	if err != nil {
		return pr, err
	}
	pr.Document = s.view(pr.Document)
	if pr.Status != corpus.PutUnchanged {
		d := pr.Document
		s.changed(d.ID, &d)
	}
	return pr, nil
}

// Get implements corpus.Store; withdrawn documents are returned too.
func (s *Store) Get(ctx context.Context, id string) (corpus.Document, error) {
	d, err := s.inner.Get(ctx, id)
	if err != nil {
		return d, err
	}
	return s.view(d), nil
}

// FindNumber implements corpus.Store: the documents whose number, as
// corrected, has the key of number. A document whose number a person
// corrected is found by the corrected number only; withdrawn documents are
// not found (FindWithdrawn finds them, to restore them).
func (s *Store) FindNumber(ctx context.Context, number string) ([]corpus.Document, error) {
	all, err := s.findNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, d := range all {
		if !s.Withdrawn(d.ID) {
			out = append(out, d)
		}
	}
	return out, nil
}

// FindWithdrawn returns the withdrawn documents whose number, as
// corrected, has the key of number.
func (s *Store) FindWithdrawn(ctx context.Context, number string) ([]corpus.Document, error) {
	all, err := s.findNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	var out []corpus.Document
	for _, d := range all {
		if s.Withdrawn(d.ID) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (s *Store) findNumber(ctx context.Context, number string) ([]corpus.Document, error) {
	key := corpus.LookupKey(number)
	found, err := s.inner.FindNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	var out []corpus.Document
	seen := map[string]bool{}
	for _, d := range found {
		v := s.view(d)
		if v.NumberKey == key || corpus.LookupKey(v.Number) == key {
			out = append(out, v)
			seen[d.ID] = true
		}
	}
	s.mu.RLock()
	ids := append([]string(nil), s.byNumber[key]...)
	s.mu.RUnlock()
	for _, id := range ids {
		if seen[id] {
			continue
		}
		d, err := s.Get(ctx, id)
		if errors.Is(err, corpus.ErrNotFound) {
			continue // purged
		}
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	corpus.SortNewestFirst(out)
	return out, nil
}

// HasOriginal implements corpus.Store.
func (s *Store) HasOriginal(ctx context.Context, sha string) (string, bool, error) {
	return s.inner.HasOriginal(ctx, sha)
}

// Original implements corpus.Store.
func (s *Store) Original(ctx context.Context, sha string) (io.ReadCloser, error) {
	return s.inner.Original(ctx, sha)
}

// VersionText implements corpus.Store.
func (s *Store) VersionText(ctx context.Context, sha string) (string, error) {
	return s.inner.VersionText(ctx, sha)
}

// Each implements corpus.Store: every document that is not withdrawn, as
// corrected.
func (s *Store) Each(ctx context.Context, fn func(corpus.Document) error) error {
	return s.inner.Each(ctx, func(d corpus.Document) error {
		if s.Withdrawn(d.ID) {
			return nil
		}
		return fn(s.view(d))
	})
}

// EachWithdrawn calls fn for every withdrawn document still stored.
func (s *Store) EachWithdrawn(ctx context.Context, fn func(corpus.Document) error) error {
	s.mu.RLock()
	ids := make([]string, 0, len(s.withdrawn))
	for id := range s.withdrawn {
		ids = append(ids, id)
	}
	s.mu.RUnlock()
	sort.Strings(ids)
	for _, id := range ids {
		d, err := s.Get(ctx, id)
		if errors.Is(err, corpus.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Len implements corpus.Store: the documents Each visits.
func (s *Store) Len(ctx context.Context) (int, error) {
	n, err := s.inner.Len(ctx)
	if err != nil {
		return n, err
	}
	s.mu.RLock()
	ids := make([]string, 0, len(s.withdrawn))
	for id := range s.withdrawn {
		ids = append(ids, id)
	}
	s.mu.RUnlock()
	for _, id := range ids {
		if _, err := s.inner.Get(ctx, id); err == nil {
			n--
		}
	}
	return n, nil
}

// Close implements corpus.Store; it closes the wrapped store.
func (s *Store) Close() error { return s.inner.Close() }

// The record methods pass through, so that Store can stand wherever a
// Backend is wanted (the register keeps its trips there too).

// PutRecord implements corpus.RecordStore.
func (s *Store) PutRecord(ctx context.Context, r corpus.Record, expect int) (corpus.Record, bool, error) {
	return s.inner.PutRecord(ctx, r, expect)
}

// GetRecord implements corpus.RecordStore.
func (s *Store) GetRecord(ctx context.Context, kind, id string) (corpus.Record, error) {
	return s.inner.GetRecord(ctx, kind, id)
}

// RecordVersions implements corpus.RecordStore.
func (s *Store) RecordVersions(ctx context.Context, kind, id string) ([]corpus.Record, error) {
	return s.inner.RecordVersions(ctx, kind, id)
}

// EachRecord implements corpus.RecordStore.
func (s *Store) EachRecord(ctx context.Context, kind string, fn func(corpus.Record) error) error {
	return s.inner.EachRecord(ctx, kind, fn)
}

// GuardedIndex is the index as ingest feeds it: documents reach Next with
// their corrections applied, and a withdrawn document that arrives again
// (a re-ingest of its file) is kept out of it.
type GuardedIndex struct {
	Store *Store
	Next  Indexer
}

// Index implements ingest.Indexer.
func (g GuardedIndex) Index(ctx context.Context, d corpus.Document) error {
	if g.Store.Withdrawn(d.ID) {
		return g.Next.Delete(ctx, d.ID)
	}
	return g.Next.Index(ctx, g.Store.view(d))
}
