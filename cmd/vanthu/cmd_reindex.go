package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"vanthu/corpus"
	"vanthu/index"
)

func init() {
	register(command{"reindex", "rebuild the search index from the corpus alone", runReindex})
}

func runReindex(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "reindex", "[--data DIR]")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, e, c.data, appOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
	n, took, err := rebuildIndex(ctx, e, a.store, filepath.Join(c.data, indexDir))
	if err != nil {
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
	last := time.Now()
	count := 0
	each := func(fn func(corpus.Document) error) error { return st.Each(ctx, fn) }
	err = withRebuildGC(func() error {
		return ix.Rebuild(ctx, each, func(n int) {
			count = n
			if time.Since(last) > time.Second {
				last = time.Now()
				fmt.Fprintf(e.stderr, "reindex: %d/%d documents\n", n, total)
			}
		})
	})
	if err != nil {
		return count, 0, err
	}
	return total, time.Since(start), nil
}
