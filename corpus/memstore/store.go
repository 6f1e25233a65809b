package memstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"vanthu/corpus"
)

// ErrClosed is returned by every method called after Close.
var ErrClosed = errors.New("memstore: store is closed")

var _ corpus.Store = (*Store)(nil)

// Store is a corpus.Store in memory. The zero value is not usable; call New.
type Store struct {
	now func() time.Time

	mu        sync.RWMutex
	closed    bool
	docs      map[string]*corpus.Document   // id → current view, text included
	originals map[string][]byte             // sha256 → bytes
	texts     map[string]string             // sha256 → text extracted from that version
	owner     map[string]string             // sha256 → first document stored with it
	byNumber  map[string][]string           // number key → ids
	records   map[recordKey][]corpus.Record // every version, oldest first
}

// New returns an empty store.
func New() *Store {
	return &Store{
		now:       time.Now,
		docs:      map[string]*corpus.Document{},
		originals: map[string][]byte{},
		texts:     map[string]string{},
		owner:     map[string]string{},
		byNumber:  map[string][]string{},
	}
}

// Put implements corpus.Store.
func (s *Store) Put(ctx context.Context, original []byte, doc corpus.Document) (corpus.PutResult, error) {
	if err := ctx.Err(); err != nil {
		return corpus.PutResult{}, fmt.Errorf("memstore: put %q: %w", doc.Label(), err)
	}
	doc, err := corpus.PreparePut(original, doc.Clone(), s.now())
	if err != nil {
		return corpus.PutResult{}, fmt.Errorf("memstore: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return corpus.PutResult{}, ErrClosed
	}
	prev := s.docs[doc.ID]
	next, status := corpus.MergeVersion(prev, doc)
	if status == corpus.PutUnchanged {
		return corpus.PutResult{ID: next.ID, Status: status, Document: next.Clone()}, nil
	}
	sha := doc.Source.SHA256
	if _, ok := s.originals[sha]; !ok {
		s.originals[sha] = bytes.Clone(original)
	}
	s.texts[sha] = doc.Text
	if _, ok := s.owner[sha]; !ok {
		s.owner[sha] = doc.ID
	}
	if prev != nil && prev.NumberKey != next.NumberKey {
		s.unindexNumber(prev.NumberKey, prev.ID)
	}
	if next.NumberKey != "" && (prev == nil || prev.NumberKey != next.NumberKey) {
		s.byNumber[next.NumberKey] = append(s.byNumber[next.NumberKey], next.ID)
	}
	stored := next.Clone()
	s.docs[next.ID] = &stored
	return corpus.PutResult{ID: next.ID, Status: status, Document: next.Clone()}, nil
}

func (s *Store) unindexNumber(key, id string) {
	ids := slices.DeleteFunc(s.byNumber[key], func(x string) bool { return x == id })
	if len(ids) == 0 {
		delete(s.byNumber, key)
		return
	}
	s.byNumber[key] = ids
}

// Get implements corpus.Store.
func (s *Store) Get(ctx context.Context, id string) (corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return corpus.Document{}, fmt.Errorf("memstore: get %q: %w", id, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return corpus.Document{}, ErrClosed
	}
	d, ok := s.docs[id]
	if !ok {
		return corpus.Document{}, fmt.Errorf("memstore: document %q: %w", id, corpus.ErrNotFound)
	}
	return d.Clone(), nil
}

// FindNumber implements corpus.Store. Newest first means latest date of issue
// first; documents of the same date come in id order.
func (s *Store) FindNumber(ctx context.Context, number string) ([]corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: find %q: %w", number, err)
	}
	key := corpus.LookupKey(number)
	if key == "" {
		return nil, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, ErrClosed
	}
	var out []corpus.Document
	for _, id := range s.byNumber[key] {
		out = append(out, s.docs[id].Clone())
	}
	corpus.SortNewestFirst(out)
	return out, nil
}

// HasOriginal implements corpus.Store.
func (s *Store) HasOriginal(ctx context.Context, sha string) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, fmt.Errorf("memstore: has original %q: %w", sha, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return "", false, ErrClosed
	}
	id, ok := s.owner[strings.ToLower(sha)]
	return id, ok, nil
}

// Original implements corpus.Store.
func (s *Store) Original(ctx context.Context, sha string) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: original %q: %w", sha, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, ErrClosed
	}
	b, ok := s.originals[strings.ToLower(sha)]
	if !ok {
		return nil, fmt.Errorf("memstore: original %q: %w", sha, corpus.ErrNotFound)
	}
	// The stored slice is never written again, so a reader over it is safe.
	return io.NopCloser(bytes.NewReader(b)), nil
}

// VersionText implements corpus.Store.
func (s *Store) VersionText(ctx context.Context, sha string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("memstore: version text %q: %w", sha, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return "", ErrClosed
	}
	t, ok := s.texts[strings.ToLower(sha)]
	if !ok {
		return "", fmt.Errorf("memstore: version text %q: %w", sha, corpus.ErrNotFound)
	}
	return t, nil
}

// Each implements corpus.Store. It walks a snapshot of the ids taken when it
// starts, so fn may call Put; documents stored meanwhile may or may not be seen.
func (s *Store) Each(ctx context.Context, fn func(corpus.Document) error) error {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		ids = append(ids, id)
	}
	s.mu.RUnlock()
	slices.Sort(ids)
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("memstore: each: %w", err)
		}
		d, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Len implements corpus.Store.
func (s *Store) Len(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("memstore: len: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, ErrClosed
	}
	return len(s.docs), nil
}

// Close releases the memory. Closing twice is not an error.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.docs, s.originals, s.texts, s.owner, s.byNumber = nil, nil, nil, nil, nil
	return nil
}
