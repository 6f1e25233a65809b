package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"vanthu/corpus"
)

// Indexer is the search index as the desk keeps it current (*index.Index
// is one).
type Indexer interface {
	Index(ctx context.Context, doc corpus.Document) error
	Delete(ctx context.Context, id string) error
}

// Purger is a store that can delete a document with the originals no other
// document shares (corpus/filestore and corpus/memstore are).
type Purger interface {
	Purge(ctx context.Context, id string) error
}

// ErrNotIndexed says a decision was stored but the search index could not
// be updated (it is rebuilt from the store by `vanthu reindex`).
var ErrNotIndexed = errors.New("review: stored, but the search index was not updated")

// Desk is where people's decisions about documents are made: corrections,
// "đã kiểm tra", withdrawal, restoration, purge. Each is stored as a record
// version naming its author and time, and the index is updated at once.
type Desk struct {
	Store *Store
	Index Indexer          // optional: nil leaves the index to `vanthu reindex`
	Now   func() time.Time // the clock (time.Now when nil)
}

func (k *Desk) now() time.Time {
	if k.Now != nil {
		return k.Now()
	}
	return time.Now()
}

// Set stores a correction of some fields of a document (name → value; an
// empty value says the field is empty) as a new version of its correction
// record, and updates the index. It returns the corrected view.
func (k *Desk) Set(ctx context.Context, id string, fields map[string]string, author, note string) (corpus.Document, error) {
	if len(fields) == 0 {
		return corpus.Document{}, &FieldError{Reason: "no field given (e.g. number=12/UBND-NV)"}
	}
	norm := map[string]string{}
	for name, v := range fields {
		nv, err := normalizeField(strings.ToLower(strings.TrimSpace(name)), v)
		if err != nil {
			return corpus.Document{}, err
		}
		norm[strings.ToLower(strings.TrimSpace(name))] = nv
	}
	return k.update(ctx, id, author, note, func(c *Correction, _ corpus.Document) {
		if c.Fields == nil {
			c.Fields = map[string]string{}
		}
		maps.Copy(c.Fields, norm)
	})
}

// MarkReviewed records that a person checked the document as it now is
// ("đã kiểm tra"): it leaves the review queue until a new original arrives.
func (k *Desk) MarkReviewed(ctx context.Context, id, author, note string) (corpus.Document, error) {
	return k.update(ctx, id, author, note, func(c *Correction, d corpus.Document) {
		c.Reviewed = reviewedKey(d)
	})
}

func (k *Desk) update(ctx context.Context, id, author, note string, change func(*Correction, corpus.Document)) (corpus.Document, error) {
	d, err := k.Store.inner.Get(ctx, id)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("review: document %s: %w", id, err)
	}
	id = d.ID
	// Compare-and-set: two people correcting at once both keep their
	// fields; the second one's write is retried on the first one's record.
	for attempt := 0; ; attempt++ {
		var c Correction
		cur := 0
		if r, err := k.Store.inner.GetRecord(ctx, KindCorrection, id); err == nil {
			if err := json.Unmarshal(r.Data, &c); err != nil {
				return d, fmt.Errorf("review: correction of %s: %w", id, err)
			}
			cur = r.Version
		} else if !errors.Is(err, corpus.ErrNotFound) {
			return d, fmt.Errorf("review: correction of %s: %w", id, err)
		}
		c.Fields = maps.Clone(c.Fields)
		change(&c, d)
		data, err := json.Marshal(c)
		if err != nil {
			return d, err
		}
		_, _, err = k.Store.inner.PutRecord(ctx, corpus.Record{Kind: KindCorrection, ID: id, Author: author, Time: k.now(), Note: note, Data: data}, cur)
		if errors.Is(err, corpus.ErrConflict) && attempt < 3 {
			continue
		}
		if err != nil {
			return d, fmt.Errorf("review: store the correction of %s: %w", id, err)
		}
		k.Store.mu.Lock()
		k.Store.setCorrection(id, c)
		k.Store.mu.Unlock()
		break
	}
	v := k.Store.view(d)
	k.Store.changed(id, &v)
	if k.Store.Withdrawn(id) {
		return v, nil
	}
	return v, k.reindex(ctx, v)
}

func (k *Desk) reindex(ctx context.Context, d corpus.Document) error {
	if k.Index == nil {
		return nil
	}
	if err := k.Index.Index(ctx, d); err != nil {
		return fmt.Errorf("%w (%v): run `vanthu reindex`", ErrNotIndexed, err)
	}
	return nil
}

// Withdraw takes a document out of search and every view built from the
// store's documents (Each); its original and metadata stay, and Restore
// brings it back.
func (k *Desk) Withdraw(ctx context.Context, id, author, reason string) (corpus.Document, error) {
	return k.setWithdrawal(ctx, id, author, reason, true)
}

// Restore brings a withdrawn document back.
func (k *Desk) Restore(ctx context.Context, id, author, reason string) (corpus.Document, error) {
	return k.setWithdrawal(ctx, id, author, reason, false)
}

func (k *Desk) setWithdrawal(ctx context.Context, id, author, reason string, withdrawn bool) (corpus.Document, error) {
	d, err := k.Store.Get(ctx, id)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("review: document %s: %w", id, err)
	}
	data, _ := json.Marshal(Withdrawal{Withdrawn: withdrawn, Reason: reason})
	if _, _, err := k.Store.inner.PutRecord(ctx, corpus.Record{Kind: KindWithdrawal, ID: d.ID, Author: author, Time: k.now(), Note: reason, Data: data}, -1); err != nil {
		return d, fmt.Errorf("review: store the withdrawal of %s: %w", d.ID, err)
	}
	k.Store.setWithdrawn(d.ID, withdrawn)
	if withdrawn {
		k.Store.changed(d.ID, nil)
	} else {
		k.Store.changed(d.ID, &d)
	}
	if k.Index == nil {
		return d, nil
	}
	if withdrawn {
		if err := k.Index.Delete(ctx, d.ID); err != nil {
			return d, fmt.Errorf("%w (%v): run `vanthu reindex`", ErrNotIndexed, err)
		}
		return d, nil
	}
	return d, k.reindex(ctx, d)
}

// PurgeLog is the data of a purge record: what was removed, so the log says
// what the document was after it is gone.
type PurgeLog struct {
	Number   string           `json:"number,omitempty"`
	Title    string           `json:"title,omitempty"`
	Issuer   string           `json:"issuer,omitempty"`
	Date     string           `json:"date,omitempty"`
	Versions []corpus.Version `json:"versions"`
}

// Purge deletes a document filed by mistake, with its originals (those no
// other document shares). confirm must repeat the document's id: a purge
// cannot be undone. The purge is logged first as a "purge" record naming
// the author, the time and the reason.
func (k *Desk) Purge(ctx context.Context, id, confirm, author, reason string) (corpus.Document, error) {
	d, err := k.Store.Get(ctx, id)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("review: document %s: %w", id, err)
	}
	if strings.TrimSpace(confirm) != d.ID {
		return d, fmt.Errorf("%w: type the document id %s to confirm (got %q)", ErrConfirm, d.ID, confirm)
	}
	p, ok := k.Store.inner.(Purger)
	if !ok {
		return d, ErrUnsupported
	}
	data, _ := json.Marshal(PurgeLog{Number: d.Number, Title: d.Title, Issuer: d.Issuer, Date: d.Date.String(), Versions: d.Versions})
	if _, _, err := k.Store.inner.PutRecord(ctx, corpus.Record{Kind: KindPurge, ID: d.ID, Author: author, Time: k.now(), Note: reason, Data: data}, -1); err != nil {
		return d, fmt.Errorf("review: log the purge of %s: %w", d.ID, err)
	}
	if err := p.Purge(ctx, d.ID); err != nil {
		return d, fmt.Errorf("review: purge %s: %w", d.ID, err)
	}
	k.Store.setWithdrawn(d.ID, false)
	k.Store.changed(d.ID, nil)
	if k.Index != nil {
		if err := k.Index.Delete(ctx, d.ID); err != nil {
			return d, fmt.Errorf("%w (%v): run `vanthu reindex`", ErrNotIndexed, err)
		}
	}
	return d, nil
}

// History returns the versions of a document's correction record, oldest
// first, each with the fields it changed.
func (k *Desk) History(ctx context.Context, id string) ([]Change, error) {
	rs, err := k.Store.inner.RecordVersions(ctx, KindCorrection, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Change
	var prev Correction
	for _, r := range rs {
		var c Correction
		if err := json.Unmarshal(r.Data, &c); err != nil {
			return nil, fmt.Errorf("review: correction of %s, version %d: %w", id, r.Version, err)
		}
		ch := Change{Version: r.Version, Author: r.Author, Time: r.Time, Note: r.Note, Reviewed: c.Reviewed != "" && c.Reviewed != prev.Reviewed}
		for name, v := range c.Fields {
			if pv, ok := prev.Fields[name]; !ok || pv != v {
				if ch.Fields == nil {
					ch.Fields = map[string]string{}
				}
				ch.Fields[name] = v
			}
		}
		out = append(out, ch)
		prev = c
	}
	return out, nil
}

// Purges returns the purge log, oldest first.
func (k *Desk) Purges(ctx context.Context) ([]corpus.Record, error) {
	var out []corpus.Record
	err := k.Store.inner.EachRecord(ctx, KindPurge, func(r corpus.Record) error {
		out = append(out, r)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out, err
}
