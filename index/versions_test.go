package index

import (
	"context"
	"fmt"
	"testing"

	"vanthu/corpus"
)

// TestVersions: the index says which version of each document it holds,
// after a replace (the old version's term does not come back), a delete
// and a rebuild.
func TestVersions(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	sha := func(s string) string { return corpus.SHA256([]byte(s)) }
	var docs []corpus.Document
	for i := range 5 {
		d := corpus.Document{ID: fmt.Sprintf("doc-%d", i), Title: fmt.Sprintf("văn bản %d", i), Text: "đoàn ra nước ngoài"}
		d.Source.SHA256 = sha(d.ID + " v1")
		docs = append(docs, d)
	}
	if err := ix.IndexBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	docs[2].Source.SHA256 = sha("doc-2 v2")
	if err := ix.Index(ctx, docs[2]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "doc-4"); err != nil {
		t.Fatal(err)
	}
	want := func(stage string) {
		t.Helper()
		got, err := ix.Versions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Errorf("%s: %d versions, want 4: %v", stage, len(got), got)
		}
		for _, d := range docs[:4] {
			if !SameVersion(got[d.ID], d.Source.SHA256) {
				t.Errorf("%s: %s indexed at %q, want %s", stage, d.ID, got[d.ID], d.Source.SHA256[:VersionPrefixLen])
			}
		}
	}
	want("after replace and delete")
	each := func(fn func(corpus.Document) error) error {
		for _, d := range docs[:4] {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
	if err := ix.Rebuild(ctx, each, nil); err != nil {
		t.Fatal(err)
	}
	want("after rebuild")
}
