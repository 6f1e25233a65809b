package main

// A search node of a cluster (`vanthu serve --nats`): its own bleve index
// kept in step with the cluster's documents and people's decisions about
// them.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"vanthu/cluster"
	"vanthu/corpus"
	"vanthu/corpus/natsstore"
	"vanthu/index"
	"vanthu/review"
)

// serveCluster is `vanthu serve --nats`: a search node whose local index
// follows the cluster's documents, and optionally workers.
func serveCluster(ctx context.Context, e *env, c *common, nf natsFlags, sf serveFlags, workers int, ocr bool) error {
	conn, err := connectNATS(ctx, e, c.data, nf)
	if err != nil {
		return err
	}
	defer conn.Close()
	st, q, err := openCluster(ctx, conn)
	if err != nil {
		return err
	}
	defer st.Close()
	rs, err := review.NewStore(ctx, st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.data, 0o755); err != nil {
		return err
	}
	ix, err := index.Open(index.DefaultConfig(filepath.Join(c.data, indexDir)))
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	defer ix.Close()
	state := filepath.Join(c.data, "nats-index.seq")
	if n, err := ix.Count(); err == nil && n == 0 {
		// An empty index (new node, or one deleted to rebuild) reads the
		// whole feed, whatever sequence an earlier index reached.
		_ = os.Remove(state)
	}
	if err := reindexReviewed(ctx, rs, ix); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	ri := reviewedIndex{rs: rs, ix: ix}
	f := &cluster.Follower{Store: st, Index: ri, State: state, Log: func(err error) {
		fmt.Fprintf(e.stderr, "vanthu serve: %v\n", err)
	}, Records: []string{review.KindCorrection, review.KindWithdrawal}, OnRecord: ri.apply}
	fctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// Whatever ends serve, the follower and the workers stop before the
	// index and the connection close.
	defer func() {
		cancel()
		wg.Wait()
	}()
	wg.Go(func() {
		if err := f.Run(fctx); err != nil {
			fmt.Fprintf(e.stderr, "vanthu serve: following the cluster: %v\n", err)
		}
	})
	if workers > 0 {
		wait, err := startWorkers(fctx, e, st, q, workers, ocr)
		if err != nil {
			return err
		}
		wg.Go(wait)
	}
	a := &app{dir: c.data, store: rs, review: rs, idx: ix, e: e}
	sf.readOnly = true
	sf.wrap = func(h http.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("/", h)
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
			clusterHealth(w, r, st, ix, f, conn)
		})
		return mux
	}
	return serve(ctx, e, a, c.data, sf)
}

// reviewedIndex is a search node's index as the follower feeds it: each
// document with the corrections people made, and withdrawn documents kept
// out, as on one machine. A correction or withdrawal made on the cluster
// (`set`, `rm`, `restore` with --nats, or `migrate --to`) reaches it
// through the follower's feed (apply).
type reviewedIndex struct {
	rs *review.Store
	ix *index.Index
}

// apply takes a person's decision about document id into the node's view
// of the corrections and into its index.
func (r reviewedIndex) apply(ctx context.Context, _, id string) error {
	if err := r.rs.Refresh(ctx, id); err != nil {
		return err
	}
	d, err := r.rs.Inner().Get(ctx, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return r.IndexBatch(ctx, []corpus.Document{d})
}

func (r reviewedIndex) IndexBatch(ctx context.Context, docs []corpus.Document) error {
	keep := make([]corpus.Document, 0, len(docs))
	for _, d := range docs {
		if r.rs.Withdrawn(d.ID) {
			if err := r.ix.Delete(ctx, d.ID); err != nil {
				return err
			}
			continue
		}
		review.Apply(&d, r.rs.Correction(d.ID))
		keep = append(keep, d)
	}
	if len(keep) == 0 {
		return nil
	}
	return r.ix.IndexBatch(ctx, keep)
}

func (r reviewedIndex) Delete(ctx context.Context, id string) error { return r.ix.Delete(ctx, id) }

// reindexReviewed brings every document a person corrected, withdrew or
// restored up to date in a node's index when it starts. The follower's feed
// carries the decisions made after the sequence it resumes from; this
// covers an index built before its node followed them (an older vanthu).
func reindexReviewed(ctx context.Context, rs *review.Store, ix *index.Index) error {
	ids := map[string]bool{}
	for _, kind := range []string{review.KindCorrection, review.KindWithdrawal} {
		err := rs.EachRecord(ctx, kind, func(r corpus.Record) error {
			ids[r.ID] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	ri := reviewedIndex{rs: rs, ix: ix}
	for id := range ids {
		d, err := rs.Inner().Get(ctx, id)
		if errors.Is(err, corpus.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := ri.IndexBatch(ctx, []corpus.Document{d}); err != nil {
			return err
		}
	}
	return nil
}

// clusterHealth is /healthz of a search node: the store's documents, the
// index's, and how far behind the cluster the index is.
func clusterHealth(w http.ResponseWriter, r *http.Request, st *natsstore.Store, ix *index.Index, f *cluster.Follower, conn *natsConn) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	n, err := st.Len(r.Context())
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "error", "error": err.Error()})
		return
	}
	indexed, _ := ix.Count()
	lag, known := f.Lag(r.Context())
	caught, _ := f.CaughtUp(r.Context())
	status := "ok"
	if !caught {
		status = "catching-up"
	}
	out := map[string]any{
		"status": status, "documents": n, "indexed": indexed, "version": version,
		"cluster": map[string]any{
			"server": conn.nc.ConnectedServerName(), "applied": f.Applied(), "caught_up": caught,
			"lag": lag, "lag_known": known,
		},
	}
	_ = json.NewEncoder(w).Encode(out)
}
