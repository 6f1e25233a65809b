package index

import (
	"fmt"
	"reflect"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// TestFacetsAgreeWithBleve compares the column-counted facets with bleve's
// own facet builders on a generated corpus indexed in several batches, with
// documents replaced and deleted, so that the index has several segments,
// deleted documents, and a snapshot that changes between searches.
func TestFacetsAgreeWithBleve(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 400
	}
	ix, docs := generatedIndex(t, gencorpus.Config{Seed: 7, N: n, TextBytes: 600, CiteOutside: 0.3}, 250, nil)
	queries := []Query{
		{Facets: true},
		{Text: "đoàn ra", Facets: true},
		{Text: "doan ra", Facets: true},
		{Text: `"báo cáo kết quả"`, Facets: true, Limit: 3, Offset: 2},
		{Text: "hợp tác", Facets: true, Type: "QĐ"},
		{Text: "không có chữ này xyzzy", Facets: true},
	}
	compare := func(stage string) {
		t.Helper()
		for _, q := range queries {
			ix.tune.bleveFacets = false
			got := mustSearch(t, ix, q)
			ix.tune.bleveFacets = true
			want := mustSearch(t, ix, q)
			ix.tune.bleveFacets = false
			if got.Total != want.Total {
				t.Errorf("%s: %q: total %d, bleve %d", stage, q.Text, got.Total, want.Total)
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("%s: %q: facets\n got %v\nwant %v", stage, q.Text, got.Facets, want.Facets)
			}
			// Ties (every hit of the query without words) go by
			// document number, which scorch's merges may change
			// between the two searches.
			sameHits(t, fmt.Sprintf("%s: %q", stage, q.Text), q, got.Hits, want.Hits)
		}
	}
	compare("fresh")
	// Replace some documents (new issuer) and delete others: the snapshot
	// changes and the columns must follow.
	replaceAndDelete(t, ix, docs, 0, 7, func(d *corpus.Document) { d.Issuer = "Sở Ngoại vụ tỉnh Thử Nghiệm" }, 3, 11)
	compare("after updates")
}
