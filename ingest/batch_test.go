package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"vanthu/corpus"
	"vanthu/ingest"
)

// batchRecorder records the batches it is given; fail makes IndexBatch fail.
type batchRecorder struct {
	mu      sync.Mutex
	batches [][]string
	fail    bool
	deleted []string
}

func (r *batchRecorder) IndexBatch(_ context.Context, docs []corpus.Document) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	r.batches = append(r.batches, ids)
	if r.fail {
		return errors.New("disk full")
	}
	return nil
}

func (r *batchRecorder) Delete(_ context.Context, id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deleted = append(r.deleted, id)
	return nil
}

// TestBatchIndexer: documents reach the target in the order given, in
// batches of at most max, all of them by the end of Flush; a failed batch
// is reported by Flush with its size; Delete comes after what was queued.
func TestBatchIndexer(t *testing.T) {
	ctx := context.Background()
	r := &batchRecorder{}
	b := ingest.NewBatchIndexer(r, 3, 10)
	for i := range 95 {
		if err := b.Index(ctx, corpus.Document{ID: fmt.Sprintf("d%03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	n := 0
	for _, batch := range r.batches {
		if len(batch) > 10 || len(batch) == 0 {
			t.Errorf("batch of %d", len(batch))
		}
		for _, id := range batch {
			if id != fmt.Sprintf("d%03d", n) {
				t.Fatalf("document %d arrived as %s", n, id)
			}
			n++
		}
	}
	r.fail = true
	r.mu.Unlock()
	if n != 95 {
		t.Fatalf("%d of 95 indexed after Flush", n)
	}
	b.Index(ctx, corpus.Document{ID: "x1"})
	b.Index(ctx, corpus.Document{ID: "x2"})
	var ie *ingest.IndexError
	if err := b.Flush(ctx); !errors.As(err, &ie) || ie.Documents != 2 {
		t.Fatalf("Flush after a failed batch: %v", err)
	}
	r.mu.Lock()
	r.fail = false
	r.mu.Unlock()
	b.Index(ctx, corpus.Document{ID: "y"})
	if err := b.Delete(ctx, "y"); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	last := r.batches[len(r.batches)-1]
	if last[len(last)-1] != "y" || len(r.deleted) != 1 {
		t.Errorf("delete before the queued document: %v %v", r.batches, r.deleted)
	}
	r.mu.Unlock()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}
