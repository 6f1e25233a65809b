package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// loadFixtures reads testdata/docs.json: short, realistic documents written
// by hand (directives, công văn, news about đoàn ra / đoàn vào).
func loadFixtures(t testing.TB) []corpus.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []corpus.Document
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatalf("testdata/docs.json: %v", err)
	}
	return docs
}

// openTemp opens a fresh index in a temporary directory and closes it at the
// end of the test.
func openTemp(t testing.TB) (*Index, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, dir
}

// fixtureIndex is openTemp with the fixtures indexed.
func fixtureIndex(t testing.TB) (*Index, []corpus.Document) {
	t.Helper()
	ix, _ := openTemp(t)
	docs := loadFixtures(t)
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return ix, docs
}

func mustSearch(t testing.TB, ix *Index, q Query) Result {
	t.Helper()
	r, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return r
}

// generatedIndex indexes the documents of cfg, each changed by edit when
// given, in batches of batch (so that the index has several segments), in
// an index that keeps no answers (every search really runs).
func generatedIndex(t testing.TB, cfg gencorpus.Config, batch int, edit func(i int, d *corpus.Document)) (*Index, []corpus.Document) {
	t.Helper()
	g, err := gencorpus.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := openTemp(t)
	ix.results = newResultCache(0)
	docs := make([]corpus.Document, 0, cfg.N)
	for i := 0; i < cfg.N; i++ {
		d := g.Doc(i)
		if edit != nil {
			edit(i, &d)
		}
		docs = append(docs, d)
	}
	for i := 0; i < cfg.N; i += batch {
		if err := ix.IndexBatch(context.Background(), docs[i:min(i+batch, cfg.N)]); err != nil {
			t.Fatal(err)
		}
	}
	return ix, docs
}

// replaceAndDelete indexes again every step-th document from first,
// changed by edit, then deletes every delStep-th from delFirst: the index
// then has replaced and deleted documents and a new snapshot.
func replaceAndDelete(t testing.TB, ix *Index, docs []corpus.Document, first, step int, edit func(*corpus.Document), delFirst, delStep int) {
	t.Helper()
	ctx := context.Background()
	var changed []corpus.Document
	for i := first; i < len(docs); i += step {
		d := docs[i]
		edit(&d)
		changed = append(changed, d)
	}
	if err := ix.IndexBatch(ctx, changed); err != nil {
		t.Fatal(err)
	}
	for i := delFirst; i < len(docs); i += delStep {
		if err := ix.Delete(ctx, docs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
}
