package main

import (
	"context"
	"os"
	"sync"

	"vanthu/ingest"
)

// How an ingest of many documents keeps every core and the disk busy:
// one goroutine reads the inputs in order (files, and the lines of .jsonl
// records files), `workers` goroutines extract and parse them (Prepare:
// the work that takes a core), and every prepared document is stored on
// its own goroutine (Commit: the work that waits for the disk), so the
// store commits many documents per group of fsyncs (filestore's group
// commit). Results are printed in input order, each once its document is
// durable. What is in flight is bounded, in documents and in bytes, so
// memory stays flat however many documents there are.
const (
	ingestWindow      = 2048      // documents read but not yet printed
	ingestWindowBytes = 256 << 20 // bytes of those documents' originals
)

// ingestItem is one input: a file, or one line of a records file.
type ingestItem struct {
	seq   int
	path  string         // a file to read (Prepare)
	label string         // a record's "file:line"
	raw   []byte         // the record's bytes
	final *ingest.Result // already decided (unreadable file, bad line)
	size  int64
}

type seqResult struct {
	seq  int
	size int64
	res  ingest.Result
}

// budget is a counting semaphore on documents and bytes.
type budget struct {
	mu         sync.Mutex
	cond       *sync.Cond
	n, bytes   int64
	maxN, maxB int64
}

func newBudget(n, b int64) *budget {
	bg := &budget{maxN: n, maxB: b}
	bg.cond = sync.NewCond(&bg.mu)
	return bg
}

// acquire waits for room for one document of size bytes (a document
// larger than the whole budget waits for an empty window).
func (b *budget) acquire(size int64) {
	b.mu.Lock()
	for b.n > 0 && (b.n >= b.maxN || b.bytes+size > b.maxB) {
		b.cond.Wait()
	}
	b.n++
	b.bytes += size
	b.mu.Unlock()
}

func (b *budget) release(size int64) {
	b.mu.Lock()
	b.n--
	b.bytes -= size
	b.mu.Unlock()
	b.cond.Broadcast()
}

// ingestFiles runs the pipeline over files and prints one result per input
// in input order (records files print one per record). bad are inputs
// already known to be unusable (missing paths).
func ingestFiles(ctx context.Context, e *env, a *app, files []string, bad []ingest.Result, asJSON bool, workers int) error {
	out := newResultPrinter(e, asJSON, len(files)+len(bad), a.review)
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			out.totalBytes += fi.Size()
		}
	}
	for _, r := range bad {
		out.print(r)
	}
	if workers < 1 {
		workers = 1
	}
	win := newBudget(ingestWindow, ingestWindowBytes)
	// Buffered: a worker that finishes a document takes the next at once.
	// Unbuffered, it would wait for the reader to run again, and the reader
	// queues for a core behind the thousands of commits a group's flush
	// wakes at once, while the workers idle.
	items := make(chan ingestItem, 64*workers)
	results := make(chan seqResult, ingestWindow)
	var inflight sync.WaitGroup

	// The reader: inputs in order, each numbered.
	go func() {
		defer close(items)
		seq := 0
		send := func(it ingestItem) bool {
			win.acquire(it.size)
			it.seq = seq
			seq++
			inflight.Add(1)
			if it.final != nil {
				results <- seqResult{it.seq, it.size, *it.final}
				return true
			}
			select {
			case items <- it:
				return true
			case <-ctx.Done():
				inflight.Done()
				win.release(it.size)
				return false
			}
		}
		readInputs(ctx, files, send)
	}()

	// The workers: Prepare on every core; Commit on a goroutine of its own.
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				pr, res := prepareItem(ctx, a, it)
				if pr == nil {
					results <- seqResult{it.seq, it.size, res}
					continue
				}
				go func(it ingestItem) {
					res, _ := a.pipeline.Commit(ctx, pr)
					results <- seqResult{it.seq, it.size, res}
				}(it)
			}
		}()
	}
	go func() {
		wg.Wait()
		inflight.Wait()
		close(results)
	}()

	// The printer: in input order, as soon as each is durable.
	held := map[int]seqResult{}
	next := 0
	for r := range results {
		held[r.seq] = r
		for {
			h, ok := held[next]
			if !ok {
				break
			}
			delete(held, next)
			next++
			out.doneBytes += h.size
			out.print(h.res)
			win.release(h.size)
			inflight.Done()
		}
	}
	if err := a.flushIndex(ctx); err != nil {
		out.indexWarning(err)
	}
	return out.finish(ctx)
}

// readInputs hands the inputs to send in order: a file as a whole, a
// records file record by record; a failure to read one is sent as its
// result. It stops when send refuses (ctx ended).
func readInputs(ctx context.Context, files []string, send func(ingestItem) bool) {
	for i, path := range files {
		if ctx.Err() != nil {
			for _, p := range files[i:] {
				r := ingest.Result{Input: p, Status: "error", Error: "not ingested: interrupted"}
				send(ingestItem{final: &r})
			}
			return
		}
		if ingest.DetectFormat(ingest.Input{Name: path}) != ingest.FormatRecords {
			var size int64
			if fi, err := os.Stat(path); err == nil {
				size = fi.Size()
			}
			if !send(ingestItem{path: path, size: size}) {
				return
			}
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			r := ingest.Result{Input: path, Status: "error", Error: readError(path, err)}
			send(ingestItem{final: &r})
			continue
		}
		err = ingest.EachRecord(ctx, path, f, func(label string, raw []byte, badLine *ingest.Result) error {
			size := int64(len(raw)) + 1
			if badLine != nil {
				send(ingestItem{final: badLine, size: size})
				return nil
			}
			if !send(ingestItem{label: label, raw: raw, size: size}) {
				return ctx.Err()
			}
			return nil
		})
		f.Close()
		if err != nil && ctx.Err() == nil {
			r := ingest.Result{Input: path, Status: "error", Error: err.Error()}
			send(ingestItem{final: &r})
		}
	}
}

func prepareItem(ctx context.Context, a *app, it ingestItem) (*ingest.Prepared, ingest.Result) {
	if ctx.Err() != nil {
		// Queued before the interruption: said as for those never queued.
		name := it.path
		if name == "" {
			name = it.label
		}
		return nil, ingest.Result{Input: name, Status: "error", Error: "not ingested: interrupted"}
	}
	if it.path == "" {
		pr, res, _ := a.pipeline.PrepareRecord(ctx, it.label, it.raw)
		return pr, res
	}
	data, err := os.ReadFile(it.path)
	if err != nil {
		return nil, ingest.Result{Input: it.path, Status: "error", Error: readError(it.path, err)}
	}
	in := ingest.Input{Name: it.path, Data: data}
	if fi, err := os.Stat(it.path); err == nil {
		in.FetchedAt = fi.ModTime()
	}
	pr, res, _ := a.pipeline.Prepare(ctx, in)
	return pr, res
}
