package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"vanthu/corpus"
)

// A call's batches are built at the same time; a document given twice in
// one call must still end as the last of it, whichever batch finishes first.
func TestIndexBatchLastOfEachWins(t *testing.T) {
	cfg := DefaultConfig(filepath.Join(t.TempDir(), "index"))
	cfg.BatchSize = 3 // many small batches at once
	ix, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []corpus.Document
	for i := range 20 {
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("doc-%02d", i), Title: "bản nháp", Text: "công văn về đoàn ra"})
	}
	// doc-00 again at the end, changed: it lands in another batch.
	docs = append(docs, corpus.Document{ID: "doc-00", Title: "bản chính thức", Text: "công văn về đoàn vào"})
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != 20 {
		t.Fatalf("count = %d, %v; want 20", n, err)
	}
	r := mustSearch(t, ix, Query{Text: "đoàn vào"})
	if len(r.Hits) != 1 || r.Hits[0].ID != "doc-00" || r.Hits[0].Title != "bản chính thức" {
		t.Fatalf("hits for the changed document: %+v", r.Hits)
	}
	if r := mustSearch(t, ix, Query{Text: "đoàn ra", Limit: 50}); len(r.Hits) != 19 {
		t.Fatalf("%d hits for the others, want 19", len(r.Hits))
	}
}

func TestBatchParts(t *testing.T) {
	docs := make([]*corpus.Document, 1001)
	for _, c := range []struct{ n, size, parts, first int }{
		{0, 500, 0, 0}, {1, 500, 1, 1}, {500, 500, 1, 500}, {1000, 500, 2, 500}, {1001, 500, 3, 334},
	} {
		p := batchParts(docs[:c.n], c.size)
		total := 0
		for _, x := range p {
			total += len(x)
			if len(x) > c.size {
				t.Errorf("%d docs at %d: a part of %d", c.n, c.size, len(x))
			}
		}
		if len(p) != c.parts || total != c.n || (c.parts > 0 && len(p[0]) != c.first) {
			t.Errorf("%d docs at %d: %d parts (first %v), %d docs; want %d parts, first %d", c.n, c.size, len(p), len(p), total, c.parts, c.first)
		}
	}
}

func TestLastOfEach(t *testing.T) {
	docs := []corpus.Document{{ID: "a", Title: "1"}, {ID: "b"}, {ID: "a", Title: "2"}, {ID: "c"}, {ID: "b", Title: "3"}}
	var got []string
	for _, d := range lastOfEach(docs) {
		got = append(got, d.ID+d.Title)
	}
	if fmt.Sprint(got) != "[a2 c b3]" {
		t.Fatalf("lastOfEach = %v, want [a2 c b3]", got)
	}
}
