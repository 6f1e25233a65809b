package filestore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"vanthu/corpus"
)

var _ corpus.RecordStore = (*Store)(nil)

// recordsDir holds the records people keep besides documents:
// records/<kind>/<escaped id>/<version, 8 digits>.json, one file per
// version, each a whole corpus.Record, written once and never modified.
const recordsDir = "records"

func (s *Store) recordDir(kind, id string) string {
	return filepath.Join(s.dir, recordsDir, kind, strings.TrimSuffix(docFileName(id), metaExt))
}

func versionName(v int) string { return fmt.Sprintf("%08d%s", v, metaExt) }

// PutRecord implements corpus.RecordStore. The version file is written
// atomically and durably (temp file, fsync, rename, directory fsync) before
// PutRecord returns, so an acknowledged version survives kill -9.
func (s *Store) PutRecord(ctx context.Context, r corpus.Record, expect int) (corpus.Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return r, false, fmt.Errorf("filestore: put %s %q: %w", r.Kind, r.ID, err)
	}
	if s.readOnly {
		return r, false, fmt.Errorf("filestore: put %s %q in %s: %w", r.Kind, r.ID, s.dir, ErrReadOnly)
	}
	r, err := corpus.PrepareRecord(r)
	if err != nil {
		return r, false, fmt.Errorf("filestore: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.isClosed() {
		return r, false, ErrClosed
	}
	dir := s.recordDir(r.Kind, r.ID)
	versions, err := s.recordVersionNumbers(dir)
	if err != nil {
		return r, false, err
	}
	cur := 0
	if n := len(versions); n > 0 {
		cur = versions[n-1]
	}
	if expect >= 0 && expect != cur {
		return r, false, fmt.Errorf("filestore: %s %q is at version %d, not %d: %w", r.Kind, r.ID, cur, expect, corpus.ErrConflict)
	}
	if cur > 0 {
		last, err := s.readRecord(filepath.Join(dir, versionName(cur)))
		if err != nil {
			return r, false, err
		}
		if last.SHA256 == r.SHA256 {
			return last, false, nil
		}
	}
	r.Version = cur + 1
	data, err := json.Marshal(r)
	if err != nil {
		return r, false, fmt.Errorf("filestore: encode %s %q: %w", r.Kind, r.ID, err)
	}
	if cur == 0 {
		if err := s.mkdirAllDurable(dir); err != nil {
			return r, false, err
		}
	}
	if err := s.writeAtomic(dir, versionName(r.Version), data); err != nil {
		return r, false, err
	}
	return r, true, nil
}

// mkdirAllDurable creates dir and its missing parents durably.
func (s *Store) mkdirAllDurable(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := s.mkdirAllDurable(parent); err != nil {
			return err
		}
	}
	return s.mkdirDurable(dir)
}

// recordVersionNumbers lists the versions stored in a record's directory,
// ascending; temp files a crash left are ignored.
func (s *Store) recordVersionNumbers(dir string) ([]int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("filestore: list %s: %w", s.rel(dir), err)
	}
	var vs []int
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, metaExt) || strings.HasPrefix(name, tmpPrefix) {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSuffix(name, metaExt))
		if err != nil || v < 1 {
			continue
		}
		vs = append(vs, v)
	}
	sort.Ints(vs)
	return vs, nil
}

func (s *Store) readRecord(path string) (corpus.Record, error) {
	var r corpus.Record
	b, err := os.ReadFile(path)
	if err != nil {
		return r, fmt.Errorf("filestore: read %s: %w", s.rel(path), err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("filestore: decode %s: %v: %w", s.rel(path), err, ErrCorrupt)
	}
	return r, nil
}

// GetRecord implements corpus.RecordStore.
func (s *Store) GetRecord(ctx context.Context, kind, id string) (corpus.Record, error) {
	if err := ctx.Err(); err != nil {
		return corpus.Record{}, err
	}
	if s.isClosed() {
		return corpus.Record{}, ErrClosed
	}
	dir := s.recordDir(kind, id)
	vs, err := s.recordVersionNumbers(dir)
	if err != nil {
		return corpus.Record{}, err
	}
	if len(vs) == 0 {
		return corpus.Record{}, fmt.Errorf("filestore: %s %q: %w", kind, id, corpus.ErrNotFound)
	}
	return s.readRecord(filepath.Join(dir, versionName(vs[len(vs)-1])))
}

// RecordVersions implements corpus.RecordStore.
func (s *Store) RecordVersions(ctx context.Context, kind, id string) ([]corpus.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.isClosed() {
		return nil, ErrClosed
	}
	dir := s.recordDir(kind, id)
	vs, err := s.recordVersionNumbers(dir)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("filestore: %s %q: %w", kind, id, corpus.ErrNotFound)
	}
	out := make([]corpus.Record, 0, len(vs))
	for _, v := range vs {
		r, err := s.readRecord(filepath.Join(dir, versionName(v)))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// EachRecord implements corpus.RecordStore.
func (s *Store) EachRecord(ctx context.Context, kind string, fn func(corpus.Record) error) error {
	if s.isClosed() {
		return ErrClosed
	}
	kdir := filepath.Join(s.dir, recordsDir, kind)
	entries, err := os.ReadDir(kdir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("filestore: list %s: %w", s.rel(kdir), err)
	}
	var cur []corpus.Record
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(kdir, e.Name())
		vs, err := s.recordVersionNumbers(dir)
		if err != nil {
			return err
		}
		if len(vs) == 0 {
			continue // a directory a crash left before its first version
		}
		r, err := s.readRecord(filepath.Join(dir, versionName(vs[len(vs)-1])))
		if err != nil {
			return err
		}
		cur = append(cur, r)
	}
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
