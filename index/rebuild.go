package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"

	"vanthu/corpus"
)

// Rebuild builds a fresh index from each (a corpus.Store's Each, adapted by
// the caller: func(fn) error { return store.Each(ctx, fn) }) in a new
// generation directory beside the current one, then switches CURRENT to it
// atomically and removes the old generation. Searches keep using the old
// generation until the switch; if anything fails the old one stays in use.
// progress, when not nil, is called with the number of documents indexed so
// far after every batch. Index and Delete wait while a Rebuild runs.
func (ix *Index) Rebuild(ctx context.Context, each func(fn func(corpus.Document) error) error, progress func(n int)) (err error) {
	defer recoverErr("rebuild", &err)
	if ix.cfg.ReadOnly {
		return ErrReadOnly
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.RLock()
	if ix.closed {
		ix.mu.RUnlock()
		return ErrClosed
	}
	oldGen := ix.gen
	ix.mu.RUnlock()

	// Remove what an interrupted rebuild left behind.
	for _, p := range staleGenerations(ix.cfg.Dir, oldGen) {
		_ = os.RemoveAll(p)
	}
	gen := genName(genNumber(oldGen) + 1)
	path := filepath.Join(ix.cfg.Dir, gen)
	fresh, err := ix.newBleve(path, true)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			if fresh != nil {
				fresh.Close()
			}
			os.RemoveAll(path)
		}
	}()

	stats := newRestoreStats()
	n, persisted, err := ix.bulkLoad(ctx, fresh, path, each, progress, stats)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("index: rebuild cancelled after %d documents: %w", n, err)
		}
		return fmt.Errorf("index: rebuild after %d documents: %w", n, err)
	}
	// Make the bulk-loaded index durable, then reopen it in normal (safe
	// batch) mode: close waits for nothing, so persistence is checked first.
	select {
	case err := <-persisted:
		if err != nil {
			return fmt.Errorf("index: rebuild %s: persist: %w", path, err)
		}
	case <-ctx.Done():
		return fmt.Errorf("index: rebuild %s: %w", path, ctx.Err())
	}
	if ix.bulkStats != nil {
		ix.bulkStats(fresh.StatsMap())
	}
	if err := fresh.Close(); err != nil {
		return fmt.Errorf("index: rebuild %s: close: %w", path, err)
	}
	if err := saveRestoreStats(path, stats); err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	fresh, err = ix.openGen(gen)
	if err != nil {
		fresh = nil
		return fmt.Errorf("index: rebuild: reopen: %w", err)
	}
	if err := writeCurrent(ix.cfg.Dir, gen); err != nil {
		return err
	}
	ok = true
	return ix.swapIn(fresh, stats, gen, oldGen)
}

// bulkLoad indexes every document of each into fresh, a new generation
// opened for bulk loading at path. It returns the number of documents and a
// channel that receives the result of persisting the last batch (after
// which all of them are on disk). The documents' spellings are counted into
// stats.
func (ix *Index) bulkLoad(ctx context.Context, fresh bleve.Index, path string, each func(fn func(corpus.Document) error) error, progress func(n int), stats *restoreStats) (n int, persisted chan error, err error) {
	// Batches go to bulkWorkers goroutines, so the next batch is filled
	// (documents mapped to fields) while bleve indexes the previous one.
	// progress counts documents handed to bleve. Once bleve has built a
	// batch's segment, its documents' frequency maps go back for reuse.
	type bulkBatch struct {
		*bleve.Batch
		bodies []*bodyAnalysis
	}
	batches := make(chan bulkBatch)
	var wg sync.WaitGroup
	var failed atomic.Pointer[error]
	for w := 0; w < bulkWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bb := range batches {
				if failed.Load() != nil {
					continue
				}
				if err := batchSafe(fresh, bb.Batch); err != nil {
					err = fmt.Errorf("index: rebuild %s: batch: %w", path, err)
					failed.CompareAndSwap(nil, &err)
					continue
				}
				for _, body := range bb.bodies {
					body.release()
				}
			}
		}()
	}
	b := bulkBatch{Batch: fresh.NewBatch()}
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if p := failed.Load(); p != nil {
			return *p
		}
		select {
		case batches <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		b = bulkBatch{Batch: fresh.NewBatch()}
		if progress != nil {
			progress(n)
		}
		return nil
	}
	err = each(func(d corpus.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.ID == "" {
			return fmt.Errorf("index: rebuild: document %q has no id: %w", d.Label(), corpus.ErrInvalid)
		}
		doc, err := ix.bleveDocument(&d, stats)
		if err == nil {
			err = b.IndexAdvanced(doc)
			b.bodies = append(b.bodies, bodyOf(doc))
		}
		if err != nil {
			return fmt.Errorf("index: rebuild: document %s: %w", d.ID, err)
		}
		n++
		if b.Size() >= ix.cfg.BatchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	close(batches)
	wg.Wait()
	if p := failed.Load(); err == nil && p != nil {
		err = *p
	}
	persisted = make(chan error, 1)
	if err == nil {
		// The last batch, sent after every other one was introduced, carries
		// the mapping version and a callback run once it is on disk:
		// persistence is in order, so every earlier batch of this
		// unsafe-batch bulk load is on disk too.
		last := fresh.NewBatch()
		last.SetInternal([]byte(internalVersionKey), []byte(MappingVersion))
		last.SetPersistedCallback(func(err error) { persisted <- err })
		if err = batchSafe(fresh, last); err != nil {
			err = fmt.Errorf("index: rebuild %s: batch: %w", path, err)
		}
	}
	return n, persisted, err
}

// swapIn makes the generation gen, opened as fresh with its restoration
// statistics, the one searched and removes the old one.
func (ix *Index) swapIn(fresh bleve.Index, stats *restoreStats, gen, oldGen string) error {
	ix.mu.Lock()
	if ix.closed {
		// Closed while rebuilding: CURRENT already names the new generation,
		// which is complete; the old one is removed by the next Rebuild.
		ix.mu.Unlock()
		fresh.Close()
		return ErrClosed
	}
	old := ix.idx
	ix.idx, ix.gen, ix.stats = fresh, gen, stats
	ix.results.invalidate()
	ix.mu.Unlock()
	if old != nil {
		if err := old.Close(); err != nil {
			return fmt.Errorf("index: rebuild: close old generation %s: %w", oldGen, err)
		}
	}
	if err := os.RemoveAll(filepath.Join(ix.cfg.Dir, oldGen)); err != nil {
		return fmt.Errorf("index: rebuild: remove old generation %s: %w", oldGen, err)
	}
	return nil
}

// bulkWorkers is the number of batches in flight during Rebuild. bleve
// builds a batch's segment on the goroutine that calls Batch, on one core:
// with one batch in flight that was the critical path (100,000 documents:
// 583 docs/s with one, 745 with two; the peak heap doubles, to 1.7 GB).
const bulkWorkers = 2

// batchSafe runs one batch, turning a panic inside bleve into an error (it
// runs on a goroutine of ours, where recoverErr in Rebuild cannot reach).
func batchSafe(idx bleve.Index, b *bleve.Batch) (err error) {
	defer recoverErr("batch", &err)
	return idx.Batch(b)
}
