package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrConflict is returned by PutRecord when the record's current version is
// not the one the caller read (compare-and-set): someone else changed it.
var ErrConflict = errors.New("corpus: record changed since it was read")

// Record is one version of a record that people keep in vanthu besides
// documents: a trip of the register, a correction of a document's metadata,
// a rule set, an account. Records are versioned like documents: every change
// is a new version saying who made it, when and why, and earlier versions
// stay readable. Views (the register, the review queue) are rebuilt from the
// records alone.
type Record struct {
	Kind    string          `json:"kind"`    // "trip", "correction", "ruleset", ...: a short lower-case word
	ID      string          `json:"id"`      // stable within the kind
	Version int             `json:"version"` // 1 for the first; filled in by the store
	Author  string          `json:"author"`  // who made this version ("" for the system)
	Time    time.Time       `json:"time"`    // when; given by the caller (an injected clock)
	Note    string          `json:"note,omitempty"`
	Data    json.RawMessage `json:"data"`   // the record itself, as JSON
	SHA256  string          `json:"sha256"` // of Data; filled in by the store
}

// RecordStore keeps versioned records. Writes are idempotent and keyed by
// content: putting the data the current version already holds stores
// nothing and returns that version. Implementations are safe for concurrent
// use, and a version is visible only once it is durable.
type RecordStore interface {
	// PutRecord stores r.Data as the next version of (r.Kind, r.ID). When
	// expect is 0 or more, the record's current version must be expect (0:
	// the record must not exist yet), else ErrConflict; -1 skips the check.
	// It reports whether a new version was written.
	PutRecord(ctx context.Context, r Record, expect int) (Record, bool, error)
	// GetRecord returns the current version of a record, or ErrNotFound.
	GetRecord(ctx context.Context, kind, id string) (Record, error)
	// RecordVersions returns every version of a record, oldest first, or
	// ErrNotFound.
	RecordVersions(ctx context.Context, kind, id string) ([]Record, error)
	// EachRecord calls fn with the current version of every record of a
	// kind, in id order, until fn returns an error.
	EachRecord(ctx context.Context, kind string, fn func(Record) error) error
}

// PrepareRecord checks r and fills in its hash, as every RecordStore does
// before writing: the kind is a lower-case word, the id non-empty, the data
// valid JSON. The data is compacted so that the same content in another
// layout is the same version.
func PrepareRecord(r Record) (Record, error) {
	if !validKind(r.Kind) {
		return r, fmt.Errorf("%w: record kind %q (want a lower-case word)", ErrInvalid, r.Kind)
	}
	if strings.TrimSpace(r.ID) == "" || len(r.ID) > 512 {
		return r, fmt.Errorf("%w: %s record with an empty or overlong id", ErrInvalid, r.Kind)
	}
	var buf strings.Builder
	if !json.Valid(r.Data) {
		return r, fmt.Errorf("%w: %s record %q: data is not JSON", ErrInvalid, r.Kind, r.ID)
	}
	if err := compactJSON(&buf, r.Data); err != nil {
		return r, fmt.Errorf("%w: %s record %q: %v", ErrInvalid, r.Kind, r.ID, err)
	}
	r.Data = json.RawMessage(buf.String())
	r.SHA256 = SHA256(r.Data)
	if r.Time.IsZero() {
		return r, fmt.Errorf("%w: %s record %q has no time", ErrInvalid, r.Kind, r.ID)
	}
	r.Time = r.Time.UTC()
	return r, nil
}

func validKind(k string) bool {
	if k == "" || len(k) > 32 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || c == '-' || '0' <= c && c <= '9' && i > 0) {
			return false
		}
	}
	return true
}

func compactJSON(b *strings.Builder, data []byte) error {
	var v any
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return err
	}
	out, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b.Write(out)
	return nil
}
