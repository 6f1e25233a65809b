package ingest

import (
	"context"
	"fmt"
	"sync"

	"vanthu/corpus"
)

// BatchTarget is an index that takes documents in batches.
type BatchTarget interface {
	IndexBatch(ctx context.Context, docs []corpus.Document) error
	Delete(ctx context.Context, id string) error
}

// BatchIndexer hands the documents an ingest stores to its target in
// batches, on a goroutine of its own, so documents are read and stored
// while earlier ones are indexed: a search index builds one segment per
// batch, and a batch per document costs far more than the document
// (segments to write, fsync and merge). Whenever the goroutine is free it
// takes what has gathered, at least MinBatch documents (fewer only when
// flushing) and at most MaxBatch; the indexing thus starts with the first
// documents and keeps pace with the store, instead of waiting for a full
// batch. Index returns before the document is indexed (it waits only
// while two full batches are waiting, so memory stays bounded); Flush
// waits for all of it. The store stays the source of truth: documents
// stored but not yet indexed when the process dies are indexed by the next
// writer (CatchUp). Safe for concurrent use.
type BatchIndexer struct {
	next     BatchTarget
	min, max int

	mu       sync.Mutex
	cond     *sync.Cond
	pending  []corpus.Document
	appended uint64 // documents ever given to Index
	indexed  uint64 // documents whose batch is done (indexed or failed)
	flushers int    // Flush calls waiting
	closed   bool
	err      error // first error of a batch since the last Flush
	failed   int   // documents in failed batches since the last Flush
	done     chan struct{}
}

// NewBatchIndexer starts a BatchIndexer handing next batches of min to
// max documents. Close it before closing next.
func NewBatchIndexer(next BatchTarget, min, max int) *BatchIndexer {
	max = maxInt(max, 1)
	min = maxInt(1, minInt(min, max))
	b := &BatchIndexer{next: next, min: min, max: max, done: make(chan struct{})}
	b.cond = sync.NewCond(&b.mu)
	go b.run()
	return b
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func (b *BatchIndexer) run() {
	defer close(b.done)
	b.mu.Lock()
	for {
		for !(len(b.pending) >= b.min || (len(b.pending) > 0 && (b.flushers > 0 || b.closed))) {
			if b.closed {
				b.mu.Unlock()
				return
			}
			b.cond.Wait()
		}
		n := minInt(len(b.pending), b.max)
		batch := b.pending[:n:n]
		b.pending = b.pending[n:]
		b.cond.Broadcast() // room for Index calls waiting
		b.mu.Unlock()
		// The documents were stored with the ingest's context; indexing
		// them must not be cut short by it (a Ctrl+C after they were stored).
		err := b.next.IndexBatch(context.Background(), batch)
		b.mu.Lock()
		if err != nil {
			if b.err == nil {
				b.err = err
			}
			b.failed += len(batch)
		}
		b.indexed += uint64(len(batch))
		b.cond.Broadcast()
	}
}

// Index implements Indexer: it queues d and returns.
func (b *BatchIndexer) Index(ctx context.Context, d corpus.Document) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.pending) >= 2*b.max && !b.closed {
		b.cond.Wait() // the index sets the pace
	}
	if b.closed {
		return fmt.Errorf("ingest: index %s: batch indexer closed", d.ID)
	}
	b.pending = append(b.pending, d)
	b.appended++
	if len(b.pending) >= b.min {
		b.cond.Broadcast()
	}
	return nil
}

// Delete removes a document after what was queued before is indexed.
func (b *BatchIndexer) Delete(ctx context.Context, id string) error {
	if err := b.Flush(ctx); err != nil {
		return err
	}
	return b.next.Delete(ctx, id)
}

// Flush waits until every document queued before it is indexed, and
// reports the batches that failed since the last Flush.
func (b *BatchIndexer) Flush(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	target := b.appended
	b.flushers++
	b.cond.Broadcast()
	for b.indexed < target && !(b.closed && len(b.pending) == 0) {
		b.cond.Wait()
	}
	b.flushers--
	err, n := b.err, b.failed
	b.err, b.failed = nil, 0
	if err != nil {
		return &IndexError{Documents: n, Err: err}
	}
	return nil
}

// Close flushes and stops the goroutine.
func (b *BatchIndexer) Close() error {
	err := b.Flush(context.Background())
	b.mu.Lock()
	b.closed = true
	b.cond.Broadcast()
	b.mu.Unlock()
	<-b.done
	return err
}

// IndexError says documents were stored but not indexed.
type IndexError struct {
	Documents int
	Err       error
}

func (e *IndexError) Error() string {
	return fmt.Sprintf("ingest: %d stored document(s) not indexed: %v", e.Documents, e.Err)
}

func (e *IndexError) Unwrap() error { return e.Err }
