package index

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/corpus"
)

func TestReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	docs := loadFixtures(t)
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := ix.Search(context.Background(), Query{Text: "x"}); !errors.Is(err, ErrClosed) {
		t.Errorf("search after close: %v, want ErrClosed", err)
	}
	// A fresh Open, as a new process would do (the analysis components are
	// registered by init in every process that imports the package).
	for _, ro := range []bool{false, true} {
		cfg := DefaultConfig(dir)
		cfg.ReadOnly = ro
		ix2, err := Open(cfg)
		if err != nil {
			t.Fatalf("reopen (read-only %v): %v", ro, err)
		}
		n, _ := ix2.Count()
		if int(n) != len(docs) {
			t.Errorf("count after reopen %d, want %d", n, len(docs))
		}
		r := mustSearch(t, ix2, Query{Text: "chi thi 38"})
		if len(r.Hits) == 0 || r.Hits[0].ID != "ct38-2014" {
			t.Errorf("search after reopen: %v", ids(r))
		}
		if ro {
			if err := ix2.Index(context.Background(), docs[0]); !errors.Is(err, ErrReadOnly) {
				t.Errorf("write on read-only index: %v", err)
			}
		}
		ix2.Close()
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	ix, dir := openTemp(t)
	_ = ix
	for _, ro := range []bool{false, true} {
		cfg := DefaultConfig(dir)
		cfg.ReadOnly = ro
		start := time.Now()
		_, err := Open(cfg)
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second open (read-only %v): %v, want ErrLocked", ro, err)
		}
		if d := time.Since(start); d > cfg.OpenTimeout {
			t.Errorf("second open took %v", d)
		}
		if !strings.Contains(err.Error(), "in use by another vanthu process") {
			t.Errorf("message: %v", err)
		}
	}
}

func TestReadOnlyAbsent(t *testing.T) {
	cfg := DefaultConfig(filepath.Join(t.TempDir(), "none"))
	cfg.ReadOnly = true
	if _, err := Open(cfg); !errors.Is(err, ErrNoIndex) {
		t.Errorf("read-only open of nothing: %v, want ErrNoIndex", err)
	}
	if _, err := Open(Config{}); err == nil {
		t.Error("empty Dir accepted")
	}
}

func TestCorrupt(t *testing.T) {
	for _, c := range []struct {
		name   string
		break_ func(t *testing.T, dir, gen string)
	}{
		{"meta garbage", func(t *testing.T, dir, gen string) {
			os.WriteFile(filepath.Join(dir, gen, "index_meta.json"), []byte("{not json"), 0o644)
		}},
		{"bolt garbage", func(t *testing.T, dir, gen string) {
			os.WriteFile(filepath.Join(dir, gen, "store", "root.bolt"), []byte(strings.Repeat("garbage!", 1000)), 0o644)
		}},
		{"generation missing", func(t *testing.T, dir, gen string) { os.RemoveAll(filepath.Join(dir, gen)) }},
		{"CURRENT garbage", func(t *testing.T, dir, gen string) {
			os.WriteFile(filepath.Join(dir, "CURRENT"), []byte("../../etc"), 0o644)
		}},
		{"old mapping version", func(t *testing.T, dir, gen string) {
			ix, err := Open(DefaultConfig(dir))
			if err != nil {
				t.Fatal(err)
			}
			ix.idx.SetInternal([]byte(internalVersionKey), []byte("vanthu-index-0"))
			ix.Close()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			ix, err := Open(DefaultConfig(dir))
			if err != nil {
				t.Fatal(err)
			}
			ix.IndexBatch(context.Background(), loadFixtures(t)[:3])
			gen := ix.gen
			ix.Close()
			c.break_(t, dir, gen)
			_, err = Open(DefaultConfig(dir))
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("open: %v, want ErrCorrupt", err)
			}
			if got, want := errors.Is(err, ErrVersion), c.name == "old mapping version"; got != want {
				t.Errorf("errors.Is(%v, ErrVersion) = %v, want %v", err, got, want)
			}
			if !strings.Contains(err.Error(), "vanthu reindex") {
				t.Errorf("message does not say the way out: %v", err)
			}
			var oe *OpenError
			if !errors.As(err, &oe) || oe.Dir == "" {
				t.Errorf("not an OpenError naming the directory: %#v", err)
			}
		})
	}
}

func eachOf(docs []corpus.Document) func(fn func(corpus.Document) error) error {
	return func(fn func(corpus.Document) error) error {
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestRebuild(t *testing.T) {
	ix, dir := openTemp(t)
	docs := loadFixtures(t)
	ctx := context.Background()
	if err := ix.IndexBatch(ctx, docs[:5]); err != nil {
		t.Fatal(err)
	}
	oldGen := ix.gen
	var progress []int
	ix.cfg.BatchSize = 7
	if err := ix.Rebuild(ctx, eachOf(docs), func(n int) { progress = append(progress, n) }); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); int(n) != len(docs) {
		t.Errorf("count after rebuild %d, want %d", n, len(docs))
	}
	if len(progress) == 0 || progress[len(progress)-1] != len(docs) {
		t.Errorf("progress %v", progress)
	}
	if cur, _ := readCurrent(dir); cur == oldGen || cur != ix.gen {
		t.Errorf("CURRENT %s, old %s, in use %s", cur, oldGen, ix.gen)
	}
	if _, err := os.Stat(filepath.Join(dir, oldGen)); !os.IsNotExist(err) {
		t.Errorf("old generation %s not removed: %v", oldGen, err)
	}
	r := mustSearch(t, ix, Query{Text: "chi thi 38"})
	if len(r.Hits) == 0 || r.Hits[0].ID != "ct38-2014" {
		t.Errorf("search after rebuild: %v", ids(r))
	}
	// Batches of 7 reuse the frequency maps of earlier batches (release):
	// the rebuilt index answers as one built document by document does.
	ref, _ := openTemp(t)
	for _, d := range docs {
		if err := ref.Index(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"đoàn ra nước ngoài", "cong tac", `"công tác"`, "hộ chiếu", "chi thi 38", "tỉnh ủy -đoàn"} {
		got, want := mustSearch(t, ix, Query{Text: q, Limit: 100}), mustSearch(t, ref, Query{Text: q, Limit: 100})
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
			t.Errorf("%q after rebuild: %d hits %v, built one by one: %d %v", q, got.Total, ids(got), want.Total, ids(want))
			continue
		}
		score := map[string]float64{}
		for _, h := range want.Hits {
			score[h.ID] = h.Score
		}
		for _, h := range got.Hits {
			if s, ok := score[h.ID]; !ok || math.Abs(s-h.Score) > 1e-9 {
				t.Errorf("%q after rebuild: %s scores %g, built one by one %g (found %v)", q, h.ID, h.Score, s, ok)
			}
		}
	}

	// A failing rebuild leaves the index as it was.
	gen := ix.gen
	boom := errors.New("store read failed")
	err := ix.Rebuild(ctx, func(fn func(corpus.Document) error) error {
		fn(docs[0])
		return boom
	}, nil)
	if !errors.Is(err, boom) {
		t.Errorf("failed rebuild: %v", err)
	}
	if ix.gen != gen {
		t.Errorf("generation changed after a failed rebuild")
	}
	if n, _ := ix.Count(); int(n) != len(docs) {
		t.Errorf("count after failed rebuild %d", n)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.IsDir() && e.Name() != gen {
			t.Errorf("leftover %s", e.Name())
		}
	}
	// Cancelled rebuild.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.Rebuild(cctx, eachOf(docs), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled rebuild: %v", err)
	}
	// Reopen picks the rebuilt generation.
	ix.Close()
	ix2, err := Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if n, _ := ix2.Count(); int(n) != len(docs) {
		t.Errorf("count after reopen %d", n)
	}
}

func TestDelete(t *testing.T) {
	ix, _ := fixtureIndex(t)
	ctx := context.Background()
	if err := ix.Delete(ctx, "ct38-2014"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "no-such-id"); err != nil {
		t.Errorf("delete of absent id: %v", err)
	}
	r := mustSearch(t, ix, Query{Text: "38-CT/TW"})
	if slices.Contains(ids(r), "ct38-2014") {
		t.Error("deleted document still found")
	}
	// Re-indexing the same id replaces, never duplicates.
	d := loadFixtures(t)[1]
	d.Title = "Tiêu đề mới"
	ix.Index(ctx, d)
	ix.Index(ctx, d)
	r = mustSearch(t, ix, Query{Text: "4060-CV/BTCTU"})
	n := 0
	for _, h := range r.Hits {
		if h.ID == d.ID {
			n++
			if h.Title != "Tiêu đề mới" {
				t.Errorf("title not replaced: %q", h.Title)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d copies of %s", n, d.ID)
	}
	if err := ix.Index(ctx, corpus.Document{Text: "no id"}); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("document without id: %v", err)
	}
}

func TestCites(t *testing.T) {
	ix, _ := fixtureIndex(t)
	ctx := context.Background()
	r, err := ix.Cites(ctx, "4060 cv btctu")
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != "4060-CV/BTCTU" && r.Key != "4060-CV-BTCTU" {
		t.Errorf("head: %+v", r)
	}
	got := map[string]Citation{}
	for _, c := range r.Citations {
		got[c.Key] = c
	}
	if c := got["38-CT-TW"]; !c.Resolved || !slices.Equal(c.IDs, []string{"ct38-2014"}) || c.From.ID != "cv4060-2019" {
		t.Errorf("38-CT/TW: %+v", c)
	}
	if c := got["1542-QD-TU"]; !c.Resolved || !slices.Equal(c.IDs, []string{"qd1542-2016"}) {
		t.Errorf("1542-QĐ/TU: %+v", c)
	}
	if c, ok := got["15-QD-TW"]; !ok || c.Resolved || len(c.IDs) != 0 {
		t.Errorf("15-QĐ/TW should be unresolved: %+v", c)
	}
	by, err := ix.CitedBy(ctx, "38/CT-TW")
	if err != nil {
		t.Fatal(err)
	}
	var from []string
	for _, c := range by.Citations {
		from = append(from, c.From.ID)
		if !c.Resolved || c.Quote == "" {
			t.Errorf("cited-by edge: %+v", c)
		}
	}
	slices.Sort(from)
	if want := []string{"ct30-qn-2014", "cv101-dn-2025", "cv4060-2019", "qd1542-2016"}; !slices.Equal(from, want) {
		t.Errorf("cited by %v, want %v", from, want)
	}
	// A number cited but not indexed: CitedBy works, Documents is empty.
	by, err = ix.CitedBy(ctx, "126/2024/NĐ-CP")
	if err != nil || len(by.Documents) != 0 || len(by.Citations) != 1 || by.Citations[0].Resolved {
		t.Errorf("cited-by of an unindexed number: %+v %v", by, err)
	}
	if _, err := ix.Cites(ctx, "999-CT/TW"); !errors.Is(err, ErrNotFound) {
		t.Errorf("cites of unknown number: %v", err)
	}
	if _, err := ix.Cites(ctx, "not a number"); err == nil {
		t.Error("cites of non-number accepted")
	}
}

func TestConcurrentUse(t *testing.T) {
	ix, docs := fixtureIndex(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				if g%2 == 0 {
					d := docs[(g+i)%len(docs)]
					if err := ix.Index(ctx, d); err != nil {
						t.Error(err)
					}
				} else if _, err := ix.Search(ctx, Query{Text: "doan ra nuoc ngoai", Facets: true}); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := ix.Rebuild(ctx, eachOf(docs), nil); err != nil {
			t.Error(err)
		}
	}()
	wg.Wait()
}

// TestIndexAfterRebuildPersists: a document indexed after a Rebuild, in
// this process or the next, is on disk when the index is closed. Rebuild
// creates its generation with unsafe batches; before the open forced them
// off again, bleve kept them for the generation's whole life, and a
// document ingested after `vanthu reindex` was gone at the next open.
func TestIndexAfterRebuildPersists(t *testing.T) {
	ctx := context.Background()
	docs := loadFixtures(t)
	ix, dir := openTemp(t)
	if err := ix.Rebuild(ctx, eachOf(docs[:len(docs)-2]), nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.IndexBatch(ctx, docs[len(docs)-2:len(docs)-1]); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err := Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.IndexBatch(ctx, docs[len(docs)-1:]); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != uint64(len(docs)) {
		t.Errorf("after reopening: %d documents, want %d", n, len(docs))
	}
}
