package index

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	zap "github.com/blevesearch/zapx/v17"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// TestFreshIndexTakesTheFastPath fails when searches on an index built as
// `vanthu reindex` builds it do not go through evaluate on bleve's
// segments: after a bleve or zapx upgrade that changes scorch's snapshot,
// zapx's segment or posting types, or the query shapes compilePlan knows,
// every search would silently fall back to bleve's slower searchers (the
// answers stay right, so no other test notices). When it fails after an
// upgrade, see "Upgrading bleve" in doc.go.
func TestFreshIndexTakesTheFastPath(t *testing.T) {
	g, err := gencorpus.New(gencorpus.Config{Seed: 9, N: 400, TextBytes: 600, CiteOutside: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := openTemp(t)
	ix.results = newResultCache(0)
	ctx := context.Background()
	err = ix.Rebuild(ctx, func(fn func(corpus.Document) error) error {
		for i := range 350 {
			if err := fn(g.Doc(i)); err != nil {
				return err
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Then documents filed after the rebuild: a segment still in memory.
	var more []corpus.Document
	for i := 350; i < 400; i++ {
		more = append(more, g.Doc(i))
	}
	if err := ix.IndexBatch(ctx, more); err != nil {
		t.Fatal(err)
	}

	// The types evaluate reads by assertion are the ones bleve gives.
	idx, err := ix.current()
	if err != nil {
		t.Fatal(err)
	}
	adv, err := idx.Advanced()
	if err != nil {
		ix.mu.RUnlock()
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		ix.mu.RUnlock()
		t.Fatal(err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Errorf("bleve's reader is a %T, not the *scorch.IndexSnapshot evaluate reads", r)
	} else {
		packed := 0
		for _, ss := range snap.Segments() {
			d, err := ss.Segment().Dictionary("text_f")
			if err != nil || d == nil {
				t.Fatalf("segment %T: no text_f dictionary: %v", ss.Segment(), err)
			}
			pl, err := d.PostingsList([]byte("doan"), nil, nil)
			if err != nil || pl == nil {
				continue
			}
			post, err := pl.Iterator(true, true, false, nil).Next()
			if err != nil || post == nil {
				continue
			}
			if _, ok := post.(*zap.Posting); !ok {
				t.Errorf("segment %T gives postings of type %T, not the zapx/v17 *zap.Posting the posting cache and scorer unpack (postcache.go, evalscore.go)", ss.Segment(), post)
			}
			packed++
		}
		if packed == 0 {
			t.Error("no segment holds the term searched: the posting types were not checked")
		}
	}
	r.Close()
	ix.mu.RUnlock()

	// Searches as people type them, with facets, date sort and paging.
	before := ix.paths.segments.Load()
	n := 0
	for _, q := range evalQueries() {
		if _, err := ix.Search(ctx, q); err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		n++
	}
	if got := ix.paths.segments.Load() - before; got != uint64(n) || ix.paths.bleve.Load() != 0 {
		t.Errorf("of %d searches, %d were answered by evaluate on bleve's segments and %d by bleve's searchers; want all by evaluate",
			n, got, ix.paths.bleve.Load())
	}
}
