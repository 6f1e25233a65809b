package index

import (
	"context"
	"strings"
	"testing"

	"vanthu/corpus"
)

// Analysis must never change the stored text: terms are lower-cased on a
// copy, the original keeps its case ("UBND", "Ban Thường vụ").
func TestStoredTextKeepsCase(t *testing.T) {
	ix, _ := openTemp(t)
	d := corpus.Document{ID: "c1", Kind: corpus.KindNews, Title: "ABC Title", Text: "UBND Tỉnh ABC Ban Thường vụ HOÀ"}
	if err := ix.Index(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	r := mustSearch(t, ix, Query{Text: "ubnd"})
	if len(r.Hits) != 1 || r.Hits[0].Title != "ABC Title" || !strings.Contains(r.Hits[0].Snippet, "<mark>UBND</mark> Tỉnh ABC Ban") {
		t.Errorf("hits %+v", r.Hits)
	}
}

func TestNeedsTone(t *testing.T) {
	for s, want := range map[string]bool{"hoà": true, "khoẻ": true, "thuỷ": true, "đoàn": false, "hoàn": false, "hòa": false, "toà": true, "ban": false} {
		if got := needsTone(s); got != want {
			t.Errorf("needsTone(%q) = %v", s, got)
		}
	}
	if got := normText("Hoà"); got != "hòa" {
		t.Errorf("normText(Hoà) = %q", got)
	}
}
