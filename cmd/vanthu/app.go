package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdftext"
	"vanthu/review"
)

// The data directory: the corpus (source of truth) and the index (a view,
// rebuildable with `vanthu reindex`) side by side.
const (
	corpusDir = "corpus"
	indexDir  = "index"
	crawlDir  = "crawl"
)

type appOptions struct {
	write bool // open the store for writing (takes the writer lock)
	index bool // open the search index (for writing when write is set)
	ocr   bool // OCR scanned pages during extraction
	// indexOnly skips opening the corpus: search and cites read only the
	// index, and opening a large corpus reads every document's metadata.
	indexOnly bool
	// serve keeps the index's caches for searches (a server searches
	// again and again; one search of the command line would only pay for
	// filling them).
	serve bool
	// command names the command in messages and in the writer's note.
	command string
	// wait: when another process writes the data directory, wait for it
	// (batch commands) instead of failing at once (servers).
	wait bool
	// batchIndex hands stored documents to the index a batch at a time
	// (ingest.BatchIndexer): for commands that store many documents and
	// need them searchable only when they finish.
	batchIndex bool
	// pages, when set, OCRs the pages of scans instead of this process (a
	// cluster worker hands them to the cluster's page workers).
	pages pdftext.PageOCR
}

// app is the set of adapters a command works with, built from the flags.
type app struct {
	dir      string
	store    corpus.Store
	idx      *index.Index // nil when not asked for or not openable (see idxErr)
	idxErr   error
	pipeline *ingest.Pipeline
	e        *env
	writer   bool // holds the data directory's writer lock (and left a note)
	shared   bool // another command's app, lent to a forwarded command: Close leaves it open
	fwd      *forwardServer
	batch    *ingest.BatchIndexer // between the pipeline and idx, when batching
	review   *review.Store        // a.store as a review.Store: corrections, withdrawals
	audit    *audit.Log           // the audit log; nil when opened read-only
	records  corpus.RecordStore   // the records, writes logged when audit is set
}

func openApp(ctx context.Context, e *env, dir string, opt appOptions) (*app, error) {
	if sa := sharedApp(ctx); sa != nil {
		// A command another process sent to this one (forward.go): it
		// works on this process's corpus and index, whatever --data says.
		if opt.write && sa.pipeline == nil {
			return nil, errors.New("the running vanthu opened the data directory read-only")
		}
		cp := *sa
		cp.e, cp.shared, cp.fwd = e, true, nil
		return &cp, nil
	}
	a := &app{dir: dir, e: e}
	cdir := filepath.Join(dir, corpusDir)
	if !opt.write {
		if _, err := os.Stat(cdir); err != nil {
			return nil, usagef("no corpus in %s (chưa có kho văn bản): ingest documents first (`vanthu ingest PATH`) or try `vanthu demo`", dir)
		}
	}
	st, err := a.openStore(ctx, opt)
	if err != nil {
		return nil, err
	}
	if opt.index {
		a.openIndex(ctx, opt, st)
	}
	if opt.write {
		if err := a.openPipeline(opt); err != nil {
			a.Close()
			return nil, err
		}
	}
	if opt.write && a.idx != nil {
		// Readers cannot open the index while this process holds it: they
		// ask this process instead (forward.go).
		if fs, err := startForwardServer(a, opt.command); err == nil {
			a.fwd = fs
			writeWriterNote(dir, writerNote{PID: os.Getpid(), Command: opt.command, Addr: fs.addr, Token: fs.token, Since: time.Now().UTC()})
		}
	}
	return a, nil
}

// openStore opens the corpus (for writing when opt.write: the writer
// lock, its note and the audit log) as the review store every command
// reads through; nil when opt.indexOnly.
func (a *app) openStore(ctx context.Context, opt appOptions) (*filestore.Store, error) {
	if opt.indexOnly {
		return nil, nil
	}
	e, dir := a.e, a.dir
	cdir := filepath.Join(dir, corpusDir)
	var st *filestore.Store
	cfg := filestore.DefaultConfig()
	cfg.Dir = cdir
	cfg.ReadOnly = !opt.write
	var err error
	if opt.write {
		st, err = openStoreForWriting(ctx, e, dir, cfg, opt.command, opt.wait)
	} else {
		st, err = filestore.Open(cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	if opt.write {
		a.writer = true
		writeWriterNote(dir, writerNote{PID: os.Getpid(), Command: opt.command, Since: time.Now().UTC()})
	}
	for _, w := range st.Warnings() {
		fmt.Fprintf(e.stderr, "warning: %s (run `vanthu verify --repair`)\n", w)
	}
	// Every command sees documents as people corrected them, without
	// the withdrawn ones (review/doc.go).
	// Every write through the app is logged (who, what, hashes).
	var back review.Backend = st
	if opt.write {
		if a.audit, err = openAudit(dir); err != nil {
			if a.writer {
				removeWriterNote(dir)
			}
			st.Close()
			return nil, err
		}
		back = &audit.Store{Backend: st, Log: a.audit}
	}
	a.records = back
	rs, err := review.NewStore(ctx, back)
	if err != nil {
		if a.writer {
			removeWriterNote(dir)
		}
		st.Close()
		a.audit.Close()
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	a.store, a.review = rs, rs
	return st, nil
}

// openIndex opens the search index; a writer rebuilds one of another
// vanthu version and catches it up with the corpus. Storing does not
// depend on it: a failure is kept in a.idxErr.
func (a *app) openIndex(ctx context.Context, opt appOptions, st *filestore.Store) {
	e, dir := a.e, a.dir
	icfg := index.DefaultConfig(filepath.Join(dir, indexDir))
	icfg.ReadOnly = !opt.write
	if !opt.serve {
		icfg.CachePostingsMB = 0
	}
	a.idx, a.idxErr = index.Open(icfg)
	// A reader (search, cites) holds the index for a moment at most,
	// and only while no writer does: a writer waits it out.
	for wait := time.Now().Add(3 * time.Second); opt.write && errors.Is(a.idxErr, index.ErrLocked) && time.Now().Before(wait) && ctx.Err() == nil; {
		time.Sleep(50 * time.Millisecond)
		a.idx, a.idxErr = index.Open(icfg)
	}
	if errors.Is(a.idxErr, index.ErrVersion) && opt.write && st != nil {
		// An index of another vanthu version is only a view of the
		// corpus: a writer rebuilds it rather than stop (the README's
		// main command, run again after an upgrade, must still work).
		if _, _, err := rebuildIndex(ctx, e, a.store, icfg.Dir); err != nil {
			fmt.Fprintf(e.stderr, "warning: rebuilding the index of another vanthu version failed: %v\n", err)
		} else {
			a.idx, a.idxErr = index.Open(icfg)
		}
	}
	if a.idx != nil && opt.write && st != nil {
		if err := catchUpIndex(ctx, e, a.review, st, a.idx); err != nil {
			fmt.Fprintf(e.stderr, "warning: %v\n", err)
		}
	}
	if a.idxErr != nil && opt.write {
		// Storing must not depend on the index: it is rebuilt from the
		// corpus. Say so once, keep going.
		fmt.Fprintf(e.stderr, "warning: search index not updated (%v); the documents are stored — run `vanthu reindex` later\n", a.idxErr)
	}
}

// openPipeline builds the ingest pipeline of a writer: metadata reader
// (with the issuers people corrected), extractors, signature check, and
// the index behind the review desk's guard.
func (a *app) openPipeline(opt appOptions) error {
	e := a.e
	mcfg := meta.DefaultConfig()
	if a.review != nil {
		// issuers people corrected extend the table of bodies
		mcfg.Bodies = a.review.CorrectedIssuers()
	}
	p, err := meta.New(mcfg)
	if err != nil {
		return err
	}
	sv, err := signatureVerifier(e)
	if err != nil {
		return err
	}
	pcfg := ingest.Config{Store: a.review, Parser: p, Extractors: extractors(opt), Signatures: sv}
	if a.idx != nil {
		pcfg.Indexer = review.GuardedIndex{Store: a.review, Next: a.idx}
		if opt.batchIndex {
			a.batch = ingest.NewBatchIndexer(a.idx, minBatch, batchSize)
			pcfg.Indexer = review.GuardedIndex{Store: a.review, Next: a.batch}
		}
	}
	a.pipeline, err = ingest.New(pcfg)
	return err
}

// batchSize is the number of documents per batch an ingest hands to the
// index (the benchmark's plain bleve gets batches of the same size).
const batchSize = 1000

// minBatch is the fewest documents the index takes at once while an ingest
// goes on (what is left goes when the ingest ends or waits for the index):
// full batches, as plain bleve is given them. Each batch becomes a segment
// that bleve merges with the ones before as it arrives, so smaller batches
// cost more in merges than they gain by starting the indexing sooner: at
// 200, an ingest of 1,377 records made six segments, re-merged five times
// (a tenth of its CPU), and took 10–15% more CPU and wall time.
const minBatch = batchSize

// flushIndex waits until every document stored so far is indexed.
func (a *app) flushIndex(ctx context.Context) error {
	if a.batch == nil {
		return nil
	}
	return a.batch.Flush(ctx)
}

// needIndex returns the index or a plain-words error saying how to get one.
func (a *app) needIndex() (*index.Index, error) {
	if a.idx != nil {
		return a.idx, nil
	}
	if a.idxErr == nil {
		return nil, errors.New("search index not opened")
	}
	return nil, fmt.Errorf("search index: %w", a.idxErr)
}

func (a *app) Close() error {
	if a.shared {
		return nil
	}
	// Commands run for other processes finish before what they use closes.
	a.fwd.close()
	var errs []error
	if a.batch != nil {
		if err := a.batch.Close(); err != nil {
			fmt.Fprintf(a.e.stderr, "warning: %v; they will be indexed by the next `vanthu ingest` (or run `vanthu reindex`)\n", err)
		}
	}
	if a.idx != nil {
		errs = append(errs, a.idx.Close())
	}
	if a.writer {
		removeWriterNote(a.dir)
	}
	if a.store != nil {
		errs = append(errs, a.store.Close())
	}
	if a.audit != nil {
		errs = append(errs, a.audit.Close())
	}
	return errors.Join(errs...)
}

// findDocument resolves an id or a number in any spelling. With several
// documents of the same number, the newest comes first and the others are
// listed in others.
func (a *app) findDocument(ctx context.Context, ref string) (corpus.Document, []corpus.Document, error) {
	if d, err := a.store.Get(ctx, ref); err == nil {
		return d, nil, nil
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return corpus.Document{}, nil, err
	}
	ds, err := a.store.FindNumber(ctx, ref)
	if err != nil {
		return corpus.Document{}, nil, err
	}
	if len(ds) == 0 && a.review != nil {
		// A withdrawn document is out of every listing, but `show` and
		// `restore` still find it by its number.
		if ds, err = a.review.FindWithdrawn(ctx, ref); err != nil {
			return corpus.Document{}, nil, err
		}
	}
	if len(ds) == 0 {
		return corpus.Document{}, nil, usagef("no document with id or number %q (không tìm thấy văn bản)", ref)
	}
	return ds[0], ds[1:], nil
}

// desk returns the review desk over the app's store and index (the index
// only when it was opened for writing).
func (a *app) desk() *review.Desk {
	d := &review.Desk{Store: a.review}
	if a.idx != nil {
		d.Index = a.idx
	}
	return d
}
