package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"vanthu/corpus"
)

// VersionIndexer is an Indexer that can say which version of each document
// it holds and take documents in batches: what CatchUp and CompareIndex need.
type VersionIndexer interface {
	Indexer
	IndexBatch(ctx context.Context, docs []corpus.Document) error
	// Versions maps every indexed document's id to a prefix (at least 16
	// hex digits) of the sha256 of the version it was indexed from.
	Versions(ctx context.Context) (map[string]string, error)
}

// headLister is a Store that can list every document's current version
// without reading the documents (filestore keeps it in memory).
type headLister interface {
	Heads(ctx context.Context) (map[string]string, error)
}

// Gap is how a search index differs from the store it is a view of.
type Gap struct {
	Stored  int      // documents in the store
	Indexed int      // documents the index holds a version of
	Missing []string // stored, not in the index
	Stale   []string // stored, an older version in the index
	Extra   []string // in the index, not in the store
}

// OK reports whether the index holds exactly the store's current versions.
func (g Gap) OK() bool { return len(g.Missing)+len(g.Stale)+len(g.Extra) == 0 }

// CompareIndex compares the store's documents (by id and current version)
// with what the index holds.
func CompareIndex(ctx context.Context, st corpus.Store, ix VersionIndexer) (Gap, error) {
	heads, err := storeHeads(ctx, st)
	if err != nil {
		return Gap{}, fmt.Errorf("ingest: compare index: %w", err)
	}
	indexed, err := ix.Versions(ctx)
	if err != nil {
		return Gap{}, fmt.Errorf("ingest: compare index: %w", err)
	}
	return Diff(heads, indexed), nil
}

// Diff compares heads (id → sha256 of the current version, as the store
// holds them) with indexed (id → a prefix of the sha256 indexed).
func Diff(heads, indexed map[string]string) Gap {
	g := Gap{Stored: len(heads), Indexed: len(indexed)}
	for id, sha := range heads {
		v, ok := indexed[id]
		switch {
		case !ok:
			g.Missing = append(g.Missing, id)
		case v == "" || !strings.HasPrefix(sha, v):
			g.Stale = append(g.Stale, id)
		}
	}
	for id := range indexed {
		if _, ok := heads[id]; !ok {
			g.Extra = append(g.Extra, id)
		}
	}
	slices.Sort(g.Missing)
	slices.Sort(g.Stale)
	slices.Sort(g.Extra)
	return g
}

func storeHeads(ctx context.Context, st corpus.Store) (map[string]string, error) {
	if h, ok := st.(headLister); ok {
		return h.Heads(ctx)
	}
	heads := map[string]string{}
	err := st.Each(ctx, func(d corpus.Document) error {
		heads[d.ID] = d.Source.SHA256
		return nil
	})
	return heads, err
}

// catchUpBatch is the number of documents read from the store and handed
// to the index at once by CatchUp.
const catchUpBatch = 1000

// CatchUp indexes what the store holds but the index lacks (documents
// missing, or indexed at an older version): the documents a process stored
// and then died before indexing (kill -9, power cut), or whose indexing
// failed. It returns how many it indexed. Documents only the index has are
// left alone (CompareIndex reports them; a rebuild removes them). progress,
// when not nil, is called after every batch.
func (p *Pipeline) CatchUp(ctx context.Context, progress func(done, total int)) (int, error) {
	ix, ok := p.cfg.Indexer.(VersionIndexer)
	if !ok {
		return 0, nil
	}
	g, err := CompareIndex(ctx, p.cfg.Store, ix)
	if err != nil {
		return 0, err
	}
	return IndexIDs(ctx, p.cfg.Store, ix, append(g.Missing, g.Stale...), progress)
}

// IndexIDs reads the documents ids from the store and indexes them in
// batches. A document gone from the store meanwhile is skipped.
func IndexIDs(ctx context.Context, st corpus.Store, ix VersionIndexer, ids []string, progress func(done, total int)) (int, error) {
	done := 0
	batch := make([]corpus.Document, 0, min(len(ids), catchUpBatch))
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ix.IndexBatch(ctx, batch); err != nil {
			return fmt.Errorf("ingest: index %d documents the index lacked: %w", len(batch), err)
		}
		done += len(batch)
		batch = batch[:0]
		if progress != nil {
			progress(done, len(ids))
		}
		return nil
	}
	for _, id := range ids {
		d, err := st.Get(ctx, id)
		if errors.Is(err, corpus.ErrNotFound) {
			continue
		}
		if err != nil {
			return done, fmt.Errorf("ingest: index what the index lacks: %w", err)
		}
		batch = append(batch, d)
		if len(batch) == catchUpBatch {
			if err := flush(); err != nil {
				return done, err
			}
		}
	}
	return done, flush()
}
