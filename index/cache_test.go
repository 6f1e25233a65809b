package index

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"vanthu/corpus"
)

func TestResultCache(t *testing.T) {
	ctx := context.Background()
	ix, docs := fixtureIndex(t)
	q := Query{Text: "đoàn ra", Facets: true}
	first := mustSearch(t, ix, q)
	if first.Cached || first.Total == 0 {
		t.Fatalf("first search: cached %v, total %d", first.Cached, first.Total)
	}
	again := mustSearch(t, ix, q)
	if !again.Cached || again.Total != first.Total || len(again.Hits) != len(first.Hits) || again.Hits[0].ID != first.Hits[0].ID {
		t.Fatalf("second search: cached %v, total %d (first %d)", again.Cached, again.Total, first.Total)
	}
	// A caller changing its copy does not change the kept answer.
	again.Hits[0].ID = "changed"
	again.Facets[FacetType] = nil
	third := mustSearch(t, ix, q)
	if third.Hits[0].ID != first.Hits[0].ID || len(third.Facets[FacetType]) == 0 {
		t.Fatal("the cached answer was changed through a returned copy")
	}
	// Another page is another search.
	if r := mustSearch(t, ix, Query{Text: "đoàn ra", Facets: true, Offset: 1}); r.Cached {
		t.Error("offset 1 answered from the cache of offset 0")
	}

	// A new matching document is found at once.
	d := docs[0]
	d.ID, d.Number, d.NumberKey = "cache-test-new", "999/CT-TEST", corpus.NumberKey("999/CT-TEST")
	d.Text = "Về việc quản lý đoàn ra năm 2030."
	if err := ix.Index(ctx, d); err != nil {
		t.Fatal(err)
	}
	after := mustSearch(t, ix, q)
	if after.Cached || after.Total != first.Total+1 {
		t.Fatalf("after indexing: cached %v, total %d, want %d", after.Cached, after.Total, first.Total+1)
	}
	if err := ix.Delete(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if r := mustSearch(t, ix, q); r.Cached || r.Total != first.Total {
		t.Fatalf("after delete: cached %v, total %d, want %d", r.Cached, r.Total, first.Total)
	}
	// Rebuild is a change too.
	mustSearch(t, ix, q)
	if err := ix.Rebuild(ctx, func(fn func(corpus.Document) error) error {
		for _, d := range docs[1:] {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	if r := mustSearch(t, ix, q); r.Cached {
		t.Fatal("answer kept across Rebuild")
	}
}

// TestResultCacheConcurrent searches while documents come and go: every
// answer must agree with the index as it was at some moment (a count
// between the lowest and highest possible), and -race must stay quiet.
func TestResultCacheConcurrent(t *testing.T) {
	ctx := context.Background()
	ix, docs := fixtureIndex(t)
	q := Query{Text: "đoàn ra"}
	base := mustSearch(t, ix, q).Total
	const extra = 20
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < extra; i++ {
			d := docs[0]
			d.ID = fmt.Sprintf("cache-conc-%d", i)
			d.Number, d.NumberKey = fmt.Sprintf("%d/CT-CONC", 900+i), corpus.NumberKey(fmt.Sprintf("%d/CT-CONC", 900+i))
			d.Text = "Quản lý đoàn ra."
			if err := ix.Index(ctx, d); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				r, err := ix.Search(ctx, q)
				if err != nil {
					t.Error(err)
					return
				}
				if r.Total < base || r.Total > base+extra {
					t.Errorf("total %d outside [%d, %d]", r.Total, base, base+extra)
				}
			}
		}()
	}
	wg.Wait()
	if r := mustSearch(t, ix, q); r.Total != base+extra {
		t.Fatalf("after all writes: total %d (cached %v), want %d", r.Total, r.Cached, base+extra)
	}
}
