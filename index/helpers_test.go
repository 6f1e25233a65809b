package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"vanthu/corpus"
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
