package natsstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"vanthu/corpus"
)

func recordCurKey(kind, id string) string { return "rc." + enc(kind) + "." + enc(id) }

// RecordKeyPrefix is the subject tail, in the bucket's stream, of the keys
// naming the current version of each record of a kind: a change of any such
// record is one message on $KV.<name>.<prefix><base64url id>.
func RecordKeyPrefix(kind string) string { return "rc." + enc(kind) + "." }

// RecordKey decodes the kind and id of a key of the bucket naming a
// record's current version ("rc.<kind>.<id>", both base64url).
func RecordKey(key string) (kind, id string, ok bool) {
	rest, found := strings.CutPrefix(key, "rc.")
	if !found {
		return "", "", false
	}
	k, i, found := strings.Cut(rest, ".")
	if !found {
		return "", "", false
	}
	if kind, ok = dec(k); !ok {
		return "", "", false
	}
	if id, ok = dec(i); !ok {
		return "", "", false
	}
	return kind, id, true
}
func recordVerKey(kind, id string, n int) string {
	return "rv." + enc(kind) + "." + enc(id) + "." + strconv.Itoa(n)
}

// current returns a record's current version and the revision of its rc key
// (zero values when there is none).
func (s *Store) current(ctx context.Context, kind, id string) (corpus.Record, uint64, error) {
	e, err := s.kv.Get(ctx, recordCurKey(kind, id))
	if notFound(err) {
		return corpus.Record{}, 0, nil
	}
	if err != nil {
		return corpus.Record{}, 0, err
	}
	var r corpus.Record
	if err := json.Unmarshal(e.Value(), &r); err != nil {
		return corpus.Record{}, 0, fmt.Errorf("decode %s %q: %w", kind, id, err)
	}
	return r, e.Revision(), nil
}

// PutRecord implements corpus.RecordStore.
func (s *Store) PutRecord(ctx context.Context, r corpus.Record, expect int) (corpus.Record, bool, error) {
	if err := s.check(ctx, "put "+r.Kind+" "+r.ID); err != nil {
		return r, false, err
	}
	r, err := corpus.PrepareRecord(r)
	if err != nil {
		return r, false, fmt.Errorf("natsstore: %w", err)
	}
	for {
		if err := ctx.Err(); err != nil {
			return r, false, fmt.Errorf("natsstore: put %s %q: %w", r.Kind, r.ID, err)
		}
		cur, rev, err := s.current(ctx, r.Kind, r.ID)
		if err != nil {
			return r, false, fmt.Errorf("natsstore: put %s %q: %w", r.Kind, r.ID, err)
		}
		if expect >= 0 && expect != cur.Version {
			return r, false, fmt.Errorf("natsstore: %s %q is at version %d, not %d: %w", r.Kind, r.ID, cur.Version, expect, corpus.ErrConflict)
		}
		if cur.Version > 0 && cur.SHA256 == r.SHA256 {
			return cur, false, nil
		}
		r.Version = cur.Version + 1
		value, err := json.Marshal(r)
		if err != nil {
			return r, false, err
		}
		// Creating version n is the commit: only one writer can.
		if _, err := s.kv.Create(ctx, recordVerKey(r.Kind, r.ID, r.Version), value); err != nil {
			if !conflict(err) {
				return r, false, fmt.Errorf("natsstore: put %s %q: %w", r.Kind, r.ID, err)
			}
			if err := s.rollForward(ctx, r.Kind, r.ID, r.Version, rev); err != nil {
				return r, false, err
			}
			continue
		}
		if err := s.setCurrent(ctx, r.Kind, r.ID, value, rev); err != nil {
			return r, false, err
		}
		return r, true, nil
	}
}

// rollForward makes rc point at version n, which another writer committed
// (and may have died before pointing rc at).
func (s *Store) rollForward(ctx context.Context, kind, id string, n int, rev uint64) error {
	e, err := s.kv.Get(ctx, recordVerKey(kind, id, n))
	if notFound(err) {
		return nil // not readable yet: the caller reads again
	}
	if err != nil {
		return fmt.Errorf("natsstore: %s %q version %d: %w", kind, id, n, err)
	}
	return s.setCurrent(ctx, kind, id, e.Value(), rev)
}

// setCurrent writes rc unless someone moved it since revision rev (they
// wrote the same committed version, or a later one).
func (s *Store) setCurrent(ctx context.Context, kind, id string, value []byte, rev uint64) error {
	var err error
	if rev == 0 {
		_, err = s.kv.Create(ctx, recordCurKey(kind, id), value)
	} else {
		_, err = s.kv.Update(ctx, recordCurKey(kind, id), value, rev)
	}
	if err != nil && !conflict(err) {
		return fmt.Errorf("natsstore: %s %q: %w", kind, id, err)
	}
	return nil
}

// GetRecord implements corpus.RecordStore.
func (s *Store) GetRecord(ctx context.Context, kind, id string) (corpus.Record, error) {
	if err := s.check(ctx, "get "+kind+" "+id); err != nil {
		return corpus.Record{}, err
	}
	cur, _, err := s.current(ctx, kind, id)
	if err != nil {
		return corpus.Record{}, fmt.Errorf("natsstore: %s %q: %w", kind, id, err)
	}
	if cur.Version == 0 {
		return corpus.Record{}, fmt.Errorf("natsstore: %s %q: %w", kind, id, corpus.ErrNotFound)
	}
	return cur, nil
}

// RecordVersions implements corpus.RecordStore.
func (s *Store) RecordVersions(ctx context.Context, kind, id string) ([]corpus.Record, error) {
	cur, err := s.GetRecord(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	out := make([]corpus.Record, 0, cur.Version)
	for n := 1; n < cur.Version; n++ {
		e, err := s.kv.Get(ctx, recordVerKey(kind, id, n))
		if err != nil {
			return nil, fmt.Errorf("natsstore: %s %q version %d: %w", kind, id, n, err)
		}
		var r corpus.Record
		if err := json.Unmarshal(e.Value(), &r); err != nil {
			return nil, fmt.Errorf("natsstore: %s %q version %d: %w", kind, id, n, err)
		}
		out = append(out, r)
	}
	return append(out, cur), nil
}

// EachRecord implements corpus.RecordStore.
func (s *Store) EachRecord(ctx context.Context, kind string, fn func(corpus.Record) error) error {
	if err := s.check(ctx, "each "+kind); err != nil {
		return err
	}
	prefix := "rc." + enc(kind) + "."
	ks, err := s.keys(ctx, prefix+"*")
	if err != nil {
		return fmt.Errorf("natsstore: each %s: %w", kind, err)
	}
	var ids []string
	for _, k := range ks {
		if id, ok := dec(strings.TrimPrefix(k, prefix)); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		cur, _, err := s.current(ctx, kind, id)
		if err != nil {
			return fmt.Errorf("natsstore: each %s: %w", kind, err)
		}
		if cur.Version == 0 {
			continue
		}
		if err := fn(cur); err != nil {
			return err
		}
	}
	return nil
}

// RecordKinds returns the kinds of the records stored, sorted.
func (s *Store) RecordKinds(ctx context.Context) ([]string, error) {
	if err := s.check(ctx, "record kinds"); err != nil {
		return nil, err
	}
	ks, err := s.keys(ctx, "rc.*.*")
	if err != nil {
		return nil, fmt.Errorf("natsstore: record kinds: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, k := range ks {
		parts := strings.Split(k, ".")
		if len(parts) != 3 {
			continue
		}
		if kind, ok := dec(parts[1]); ok && !seen[kind] {
			seen[kind] = true
			out = append(out, kind)
		}
	}
	slices.Sort(out)
	return out, nil
}
