package audit

import (
	"context"
	"errors"
	"fmt"

	"vanthu/corpus"
)

// Backend is what Store wraps: documents and records (filestore.Store is
// one).
type Backend interface {
	corpus.Store
	corpus.RecordStore
}

// Store passes everything to its Backend and appends an entry to the log
// for every document and record it writes. Reads are untouched.
type Store struct {
	Backend
	Log *Log
}

var (
	_ corpus.Store       = (*Store)(nil)
	_ corpus.RecordStore = (*Store)(nil)
)

// Put stores a document and logs it unless it was already stored as is.
func (s *Store) Put(ctx context.Context, original []byte, doc corpus.Document) (corpus.PutResult, error) {
	res, err := s.Backend.Put(ctx, original, doc)
	if err != nil || res.Status == corpus.PutUnchanged {
		return res, err
	}
	e := Entry{Action: ActionDocument, Kind: "document", ID: res.ID, Status: string(res.Status),
		After: res.Document.Source.SHA256, Note: res.Document.Label()}
	if vs := res.Document.Versions; res.Status == corpus.PutNewVersion && len(vs) > 1 {
		e.Before = vs[len(vs)-2].SHA256
	}
	if _, err := s.Log.Append(ctx, e); err != nil {
		return res, fmt.Errorf("document %s stored but not logged: %w", res.ID, err)
	}
	return res, nil
}

// PutRecord stores a record and logs its new version.
func (s *Store) PutRecord(ctx context.Context, r corpus.Record, expect int) (corpus.Record, bool, error) {
	var before string
	if old, err := s.Backend.GetRecord(ctx, r.Kind, r.ID); err == nil {
		before = old.SHA256
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return r, false, err
	}
	out, written, err := s.Backend.PutRecord(ctx, r, expect)
	if err != nil || !written {
		return out, written, err
	}
	e := Entry{Action: ActionRecord, Kind: out.Kind, ID: out.ID, Version: out.Version, Before: before, After: out.SHA256, Note: out.Note}
	if ActorFrom(ctx) == "" {
		e.Actor = out.Author
	}
	if _, err := s.Log.Append(ctx, e); err != nil {
		return out, true, fmt.Errorf("%s %s stored but not logged: %w", out.Kind, out.ID, err)
	}
	return out, true, nil
}

// ErrNoPurge is returned by Purge when the backend cannot delete documents.
var ErrNoPurge = errors.New("audit: the store cannot purge documents")

// Purge deletes a document filed by mistake, when the backend can, and
// logs the deletion with the hash of the version removed.
func (s *Store) Purge(ctx context.Context, id string) error {
	p, ok := s.Backend.(interface {
		Purge(ctx context.Context, id string) error
	})
	if !ok {
		return ErrNoPurge
	}
	var before string
	if d, err := s.Backend.Get(ctx, id); err == nil {
		before = d.Source.SHA256
	}
	if err := p.Purge(ctx, id); err != nil {
		return err
	}
	if _, err := s.Log.Append(ctx, Entry{Action: ActionPurge, Kind: "document", ID: id, Before: before}); err != nil {
		return fmt.Errorf("document %s purged but not logged: %w", id, err)
	}
	return nil
}
