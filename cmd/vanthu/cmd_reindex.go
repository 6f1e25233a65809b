package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/review"
)

func init() {
	register(command{"reindex", "rebuild the search index from the corpus alone", runReindex})
}

func runReindex(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "reindex", "[--data DIR]")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if sharedApp(ctx) == nil {
		if _, err := os.Stat(filepath.Join(c.data, corpusDir)); err != nil {
			return usagef("no corpus in %s (chưa có kho văn bản): ingest documents first (`vanthu ingest PATH`) or try `vanthu demo`", c.data)
		}
		// A running server rebuilds its own index, and keeps answering
		// searches from the old one until the new one is complete.
		if err := forward(ctx, e, c.data, append([]string{"reindex"}, args...)); !errors.Is(err, errNoHolder) {
			return err
		}
	}
	// The writer's lock: an ingest writing meanwhile would index into the
	// generation about to be replaced (or hold the index, which is not
	// damage): reindex waits for it to finish.
	a, err := openApp(ctx, e, c.data, appOptions{write: true, index: forwardedHere(ctx), command: "reindex", wait: true})
	if err != nil {
		return err
	}
	defer a.Close()
	var n int
	var took time.Duration
	if a.shared {
		start := time.Now()
		if n, err = rebuildInto(ctx, e, a.store, a.idx); err != nil {
			return err
		}
		took = time.Since(start)
	} else if n, took, err = rebuildIndex(ctx, e, a.store, filepath.Join(c.data, indexDir)); err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"documents": n, "seconds": took.Seconds()})
	}
	fmt.Fprintf(e.stdout, "reindex: %d documents indexed in %.1fs\n", n, took.Seconds())
	return nil
}

// rebuildIndex builds a fresh index from the store and swaps it in. An index
// that cannot even be opened (corrupt) is moved aside first, since it is only
// a view of the corpus.
func rebuildIndex(ctx context.Context, e *env, st corpus.Store, dir string) (int, time.Duration, error) {
	start := time.Now()
	total, _ := st.Len(ctx)
	ix, err := index.Open(index.DefaultConfig(dir))
	if errors.Is(err, index.ErrVersion) {
		// Built by another version of vanthu: nothing in it is lost, the
		// new one is built from the corpus.
		fmt.Fprintf(e.stderr, "reindex: the index was built by another version of vanthu (chỉ mục của phiên bản cũ); rebuilding it from the corpus\n")
		if rerr := os.RemoveAll(dir); rerr != nil {
			return 0, 0, fmt.Errorf("remove the old index %s: %w", dir, rerr)
		}
		ix, err = index.Open(index.DefaultConfig(dir))
	}
	if errors.Is(err, index.ErrLocked) {
		// Held by another process, not damaged: never move a live index
		// aside (its holder would keep writing to the moved files and the
		// documents it indexes would vanish from search).
		holder := "another vanthu process"
		if n, ok := readWriterNote(filepath.Dir(dir)); ok {
			holder = n.String()
		}
		return 0, 0, fmt.Errorf("the search index %s is in use by %s (chỉ mục đang được dùng): stop it, then run `vanthu reindex` again; nothing was changed: %w", dir, holder, err)
	}
	if err != nil {
		aside := fmt.Sprintf("%s.broken-%d", dir, time.Now().Unix())
		if rerr := renameIfExists(dir, aside); rerr != nil {
			return 0, 0, fmt.Errorf("index unusable (%v) and cannot be moved aside: %w", err, rerr)
		}
		fmt.Fprintf(e.stderr, "reindex: the old index could not be opened (%v); moved to %s\n", err, aside)
		if ix, err = index.Open(index.DefaultConfig(dir)); err != nil {
			return 0, 0, err
		}
	}
	defer ix.Close()
	n, err := rebuildInto(ctx, e, st, ix)
	if err != nil {
		return n, 0, err
	}
	return total, time.Since(start), nil
}

// rebuildInto rebuilds an open index from the store, with progress on
// stderr; searches of ix go on meanwhile, from the generation it replaces.
func rebuildInto(ctx context.Context, e *env, st corpus.Store, ix *index.Index) (int, error) {
	total, _ := st.Len(ctx)
	last := time.Now()
	count := 0
	each := func(fn func(corpus.Document) error) error { return st.Each(ctx, fn) }
	err := withRebuildGC(func() error {
		return ix.Rebuild(ctx, each, func(n int) {
			count = n
			if time.Since(last) > time.Second {
				last = time.Now()
				fmt.Fprintf(e.stderr, "reindex: %d/%d documents\n", n, total)
			}
		})
	})
	if err != nil {
		return count, err
	}
	return total, nil
}

// forwardedHere: a forwarded reindex uses the server's open index; a reindex of
// its own opens the index itself (rebuildIndex), after the writer's lock.
func forwardedHere(ctx context.Context) bool { return sharedApp(ctx) != nil }

// catchUpIndex makes the index hold what the store holds, by id and
// version: documents a killed writer stored but did not index, or whose
// indexing failed. Withdrawn documents are not searched for, and documents
// go to the index as corrected (rs, the review view of fs). An index that
// records no versions at all (built by an older vanthu) is rebuilt instead,
// which is quicker than indexing every document again one batch at a time.
func catchUpIndex(ctx context.Context, e *env, rs *review.Store, fs *filestore.Store, ix *index.Index) error {
	g, err := compareIndex(ctx, rs, fs, ix)
	if err != nil {
		return err
	}
	todo := append(g.Missing, g.Stale...)
	if len(todo) == 0 {
		return nil
	}
	if n, cerr := ix.Count(); cerr == nil && g.Indexed == 0 && n > 0 {
		fmt.Fprintf(e.stderr, "vanthu: the search index predates version tracking; rebuilding it from the corpus (%d documents)\n", g.Stored)
		each := func(fn func(corpus.Document) error) error { return rs.Each(ctx, fn) }
		if err := withRebuildGC(func() error { return ix.Rebuild(ctx, each, nil) }); err != nil {
			return fmt.Errorf("rebuilding the search index: %w (run `vanthu reindex`)", err)
		}
		return nil
	}
	fmt.Fprintf(e.stderr, "vanthu: the search index lacks %d stored document(s) (%s); indexing them now\n", len(todo), sampleIDs(todo, 3))
	n, err := ingest.IndexIDs(ctx, rs, ix, todo, nil)
	if err != nil {
		return fmt.Errorf("indexed %d of %d documents the search index lacked: %w (run `vanthu reindex`)", n, len(todo), err)
	}
	return nil
}

// compareIndex compares the documents searchable by right (stored, not
// withdrawn) with what the index holds, by id and version.
func compareIndex(ctx context.Context, rs *review.Store, fs *filestore.Store, ix *index.Index) (ingest.Gap, error) {
	heads, err := fs.Heads(ctx)
	if err != nil {
		return ingest.Gap{}, fmt.Errorf("comparing the corpus with the search index: %w", err)
	}
	for id := range heads {
		if rs != nil && rs.Withdrawn(id) {
			delete(heads, id)
		}
	}
	indexed, err := ix.Versions(ctx)
	if err != nil {
		return ingest.Gap{}, fmt.Errorf("comparing the corpus with the search index: %w", err)
	}
	return ingest.Diff(heads, indexed), nil
}

// sampleIDs names the first n ids, and how many more there are.
func sampleIDs(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:n], ", "), len(ids)-n)
}
