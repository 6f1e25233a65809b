package natsstore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/nats-io/nats.go/jetstream"

	"vanthu/corpus"
)

// Get implements corpus.Store.
func (s *Store) Get(ctx context.Context, id string) (corpus.Document, error) {
	if err := s.check(ctx, "get "+id); err != nil {
		return corpus.Document{}, err
	}
	if id == "" {
		return corpus.Document{}, fmt.Errorf("natsstore: document %q: %w", id, corpus.ErrNotFound)
	}
	d, _, err := s.getDoc(ctx, id)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("natsstore: get %q: %w", id, err)
	}
	if d == nil {
		return corpus.Document{}, fmt.Errorf("natsstore: document %q: %w", id, corpus.ErrNotFound)
	}
	return *d, nil
}

// keys lists the keys matching filter (NATS wildcards). It asks the
// stream's leader for the subjects it holds rather than reading the keys
// through a consumer: on a cluster, a consumer may read a replica that has
// not yet seen the latest writes. A deleted key still has its delete marker
// and is listed; callers read each key and skip what is gone.
func (s *Store) keys(ctx context.Context, filter string) ([]string, error) {
	info, err := s.stream.Info(ctx, jetstream.WithSubjectFilter(s.subjectPrefix+filter))
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(info.State.Subjects))
	for subj := range info.State.Subjects {
		out = append(out, strings.TrimPrefix(subj, s.subjectPrefix))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// FindNumber implements corpus.Store.
func (s *Store) FindNumber(ctx context.Context, number string) ([]corpus.Document, error) {
	if err := s.check(ctx, "find "+number); err != nil {
		return nil, err
	}
	key := corpus.LookupKey(number)
	if key == "" {
		return nil, nil
	}
	prefix := "n." + enc(key) + "."
	ks, err := s.keys(ctx, prefix+"*")
	if err != nil {
		return nil, fmt.Errorf("natsstore: find %q: %w", number, err)
	}
	var out []corpus.Document
	for _, k := range ks {
		id, ok := dec(strings.TrimPrefix(k, prefix))
		if !ok {
			continue
		}
		d, _, err := s.getDoc(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("natsstore: find %q: %w", number, err)
		}
		// An index key written ahead of its document, or left behind by a
		// number that changed, names a document that does not carry the key.
		if d != nil && d.NumberKey == key {
			out = append(out, *d)
		}
	}
	corpus.SortNewestFirst(out)
	return out, nil
}

// HasOriginal implements corpus.Store.
func (s *Store) HasOriginal(ctx context.Context, sha string) (string, bool, error) {
	if err := s.check(ctx, "has original "+sha); err != nil {
		return "", false, err
	}
	sha = strings.ToLower(sha)
	if !validSHA(sha) {
		return "", false, nil
	}
	e, err := s.kv.Get(ctx, ownerKey(sha))
	if notFound(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("natsstore: has original %s: %w", sha, err)
	}
	return string(e.Value()), true, nil
}

// Original implements corpus.Store.
func (s *Store) Original(ctx context.Context, sha string) (io.ReadCloser, error) {
	if err := s.check(ctx, "original "+sha); err != nil {
		return nil, err
	}
	sha = strings.ToLower(sha)
	if !validSHA(sha) {
		return nil, fmt.Errorf("natsstore: original %q: %w", sha, corpus.ErrNotFound)
	}
	b, err := s.obj.GetBytes(ctx, "o/"+sha)
	if notFound(err) {
		return nil, fmt.Errorf("natsstore: original %q: %w", sha, corpus.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("natsstore: original %s: %w", sha, err)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// VersionText implements corpus.Store.
func (s *Store) VersionText(ctx context.Context, sha string) (string, error) {
	if err := s.check(ctx, "version text "+sha); err != nil {
		return "", err
	}
	sha = strings.ToLower(sha)
	if !validSHA(sha) {
		return "", fmt.Errorf("natsstore: version text %q: %w", sha, corpus.ErrNotFound)
	}
	e, err := s.kv.Get(ctx, versionTextKey(sha))
	if notFound(err) {
		return "", fmt.Errorf("natsstore: version text %q: %w", sha, corpus.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("natsstore: version text %s: %w", sha, err)
	}
	th := string(e.Value())
	if th == "" {
		return "", nil
	}
	b, err := s.obj.GetBytes(ctx, "t/"+th)
	if err != nil {
		return "", fmt.Errorf("natsstore: version text %s: %w", sha, err)
	}
	return string(b), nil
}

// IDs returns the ids of every document, sorted.
func (s *Store) IDs(ctx context.Context) ([]string, error) {
	ks, err := s.keys(ctx, DocKeyPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("natsstore: list documents: %w", err)
	}
	ids := make([]string, 0, len(ks))
	for _, k := range ks {
		if id, ok := DocID(k); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// Each implements corpus.Store. It walks the ids listed when it starts, so fn
// may call Put; documents stored meanwhile may or may not be seen.
func (s *Store) Each(ctx context.Context, fn func(corpus.Document) error) error {
	if err := s.check(ctx, "each"); err != nil {
		return err
	}
	ids, err := s.IDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("natsstore: each: %w", err)
		}
		d, _, err := s.getDoc(ctx, id)
		if err != nil {
			return fmt.Errorf("natsstore: each: %w", err)
		}
		if d == nil {
			continue
		}
		if err := fn(*d); err != nil {
			return err
		}
	}
	return nil
}

// Len implements corpus.Store.
func (s *Store) Len(ctx context.Context) (int, error) {
	if err := s.check(ctx, "len"); err != nil {
		return 0, err
	}
	ids, err := s.IDs(ctx)
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}

// PutOriginal stores original bytes ahead of their document (a job queued
// for a worker names them by sha256) and returns their sha256. Until a
// document is stored with them, HasOriginal does not report them.
func (s *Store) PutOriginal(ctx context.Context, original []byte) (string, error) {
	if err := s.check(ctx, "put original"); err != nil {
		return "", err
	}
	if err := s.checkSize(original, "original"); err != nil {
		return "", err
	}
	sha := corpus.SHA256(original)
	if err := s.putBlob(ctx, "o/"+sha, original); err != nil {
		return "", fmt.Errorf("natsstore: put original %s: %w", sha, err)
	}
	return sha, nil
}

func (s *Store) checkSize(original []byte, what string) error {
	if int64(len(original)) > s.cfg.MaxOriginal {
		return fmt.Errorf("natsstore: %s: %w: %d MB, more than the %d MB the cluster keeps in one object",
			what, corpus.ErrInvalid, len(original)>>20, s.cfg.MaxOriginal>>20)
	}
	return nil
}
