package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"vanthu/corpus"
)

// Config says where the index lives and how to open it.
type Config struct {
	// Dir holds the index: LOCK, CURRENT and one generation directory.
	Dir string
	// ReadOnly opens for searching only; several read-only opens may share
	// the index, but not with a writer.
	ReadOnly bool
	// OpenTimeout bounds the wait for bolt's file lock (bleve's bolt_timeout);
	// without it a second open would block forever.
	OpenTimeout time.Duration
	// BatchSize is the number of documents per bleve batch in Rebuild and
	// IndexBatch (0: DefaultConfig's).
	BatchSize int
	// CacheResults is the number of recent search answers kept until the
	// index changes (0: none). DefaultConfig keeps 256.
	CacheResults int
	// CachePostingsMB bounds the decoded posting lists kept for searches
	// (postcache.go; 0: none). DefaultConfig keeps up to 256 MB.
	CachePostingsMB int
}

// DefaultConfig returns the configuration for an index in dir.
func DefaultConfig(dir string) Config {
	return Config{Dir: dir, OpenTimeout: 2 * time.Second, BatchSize: 500, CacheResults: 256, CachePostingsMB: 256}
}

// Index is the search index: a view of the corpus, rebuildable at any time.
// It is safe for concurrent use.
type Index struct {
	cfg     Config
	mapping *mapping.IndexMappingImpl
	lock    *fileLock

	tune tuning
	// facets holds the facet columns of the snapshot searched last.
	facets  facetCache
	dates   dateCache
	filters filterCache
	// bulkStats, when set (by the benchmark), receives bleve's statistics
	// of a rebuild's bulk load before that index is closed: how much
	// merging the load did.
	bulkStats func(map[string]interface{})
	// results keeps recent answers until the next write.
	results *resultCache
	// postings keeps the decoded posting lists of recent search terms.
	postings *postingsCache
	// slots admits one search per core at a time (Search).
	slots chan struct{}
	// paths counts searches answered by evaluate and by bleve (fastpath.go).
	paths searchPaths

	// wmu serialises writers: a document indexed during Rebuild would go to
	// the generation about to be replaced, so IndexBatch and Delete wait for
	// a Rebuild to finish.
	wmu sync.Mutex

	mu     sync.RWMutex // guards idx, gen and stats; Rebuild swaps them
	idx    bleve.Index
	gen    string
	stats  *restoreStats // the corpus's restoration statistics (restorestats.go)
	closed bool
}

// New is Open, under the project's constructor name.
func New(cfg Config) (*Index, error) { return Open(cfg) }

// Open opens the index in cfg.Dir, creating it when absent (unless
// ReadOnly). It fails fast with ErrLocked when another process holds it, and
// with ErrCorrupt when it is damaged or was built by another mapping version.
func Open(cfg Config) (ix *Index, err error) {
	defer recoverErr("open", &err)
	if cfg.Dir == "" {
		return nil, fmt.Errorf("index: open: Config.Dir is empty")
	}
	if cfg.OpenTimeout <= 0 {
		cfg.OpenTimeout = DefaultConfig("").OpenTimeout
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultConfig("").BatchSize
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	if cfg.ReadOnly {
		if _, err := os.Stat(filepath.Join(cfg.Dir, currentFile)); err != nil {
			return nil, &OpenError{Dir: cfg.Dir, Err: ErrNoIndex, Cause: err}
		}
	} else if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("index: create %s: %w", cfg.Dir, err)
	}
	lk, err := lockDir(filepath.Join(cfg.Dir, lockFile), cfg.ReadOnly)
	if errors.Is(err, errLockHeld) {
		return nil, &OpenError{Dir: cfg.Dir, Err: ErrLocked}
	}
	if err != nil {
		return nil, err
	}
	ix = &Index{cfg: cfg, mapping: m, lock: lk, tune: defaultTuning(), results: newResultCache(cfg.CacheResults), postings: newPostingsCache(int64(cfg.CachePostingsMB) << 20), slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
	gen, err := readCurrent(cfg.Dir)
	switch {
	case errors.Is(err, os.ErrNotExist) && !cfg.ReadOnly:
		if looksLikeBleve(cfg.Dir) {
			lk.unlock()
			return nil, &OpenError{Dir: cfg.Dir, Err: ErrCorrupt, Cause: errors.New("bleve files without a CURRENT file")}
		}
		gen, err = ix.create()
	case err != nil:
		lk.unlock()
		return nil, &OpenError{Dir: cfg.Dir, Err: ErrCorrupt, Cause: err}
	default:
		var idx bleve.Index
		idx, err = ix.openGen(gen)
		if err == nil {
			ix.idx = idx
			ix.stats, err = ix.openStats(gen)
			if err != nil {
				idx.Close()
			}
		}
	}
	if err != nil {
		lk.unlock()
		return nil, err
	}
	ix.gen = gen
	return ix, nil
}

// tuning holds ranking choices measured on ALQAC 2022
// (docs/benchmarks/index.md); tests flip them to compare.
type tuning struct {
	titleClause   bool    // title words as one clause (else per word)
	titleBoost    float64 // boost of that clause
	bigramBoost   float64 // boost of a folded syllable pair (0: boostBiFold)
	shortPair     float64 // the same in a query whose words must all match (0: bigramBoost)
	bleveFacets   bool    // count facets with bleve's builders (the reference the tests compare with)
	bleveDateSort bool    // sort by date with bleve's field sort (the reference of TestDateSortAgreesWithBleve)
	bleveEval     bool    // let bleve's searchers run every query (the reference of TestEvaluateAgreesWithBleve)
}

// shortPair: "Trung Quốc" must find the documents holding the phrase before
// those with "trung tâm ... quốc tế" (clerks' query set); ALQAC's figures are
// the same with it (its questions are longer than maxAllWords).
func defaultTuning() tuning {
	return tuning{titleClause: true, titleBoost: 1, bigramBoost: 3, shortPair: 10}
}

// runtimeConfig is passed to bleve on every open. unsafe_batch is set
// explicitly: bleve keeps the configuration an index was created with and
// applies it again on every open unless told otherwise, and Rebuild creates
// its generation with unsafe_batch on. Left on, every later batch returned
// before it was on disk and Close did not wait for it: documents ingested
// after a `vanthu reindex` were lost (TestIndexAfterRebuildPersists).
func (ix *Index) runtimeConfig() map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout": ix.cfg.OpenTimeout.String(),
		"read_only":    ix.cfg.ReadOnly,
		"unsafe_batch": false,
	}
}

// openGen opens one generation directory and checks its mapping version.
func (ix *Index) openGen(gen string) (idx bleve.Index, err error) {
	path := filepath.Join(ix.cfg.Dir, gen)
	// The version is read from a plain file before bleve opens anything:
	// opening starts bleve's segment merges at once, and an index built
	// before a change of the analyzers may hold what they no longer allow
	// (terms of megabytes, whose merge took more than 12 GB). Such an index
	// is reported as another version, never opened, and rebuilt.
	if _, serr := os.Stat(path); serr == nil {
		v, rerr := os.ReadFile(filepath.Join(path, versionFile))
		if rerr != nil || strings.TrimSpace(string(v)) != MappingVersion {
			cause := fmt.Errorf("mapping version %q, this vanthu needs %q", strings.TrimSpace(string(v)), MappingVersion)
			if rerr != nil {
				cause = fmt.Errorf("no %s: built before vanthu recorded it, this vanthu needs %q", versionFile, MappingVersion)
			}
			return nil, &OpenError{Dir: path, Err: ErrVersion, Cause: cause}
		}
	}
	start := time.Now()
	idx, err = openBleve(path, ix.runtimeConfig())
	if err != nil {
		if !haveFileLock && time.Since(start) >= ix.cfg.OpenTimeout {
			return nil, &OpenError{Dir: path, Err: ErrLocked, Cause: err}
		}
		return nil, &OpenError{Dir: path, Err: ErrCorrupt, Cause: err}
	}
	v, err := idx.GetInternal([]byte(internalVersionKey))
	if err != nil || string(v) != MappingVersion {
		idx.Close()
		if err != nil {
			return nil, &OpenError{Dir: path, Err: ErrCorrupt, Cause: err}
		}
		err = fmt.Errorf("mapping version %q, this vanthu needs %q", v, MappingVersion)
		return nil, &OpenError{Dir: path, Err: ErrVersion, Cause: err}
	}
	return idx, nil
}

// openBleve opens an index, turning a panic of a damaged index into an error.
func openBleve(path string, rc map[string]interface{}) (idx bleve.Index, err error) {
	defer recoverErr("open "+path, &err)
	return bleve.OpenUsing(path, rc)
}

// create makes the first generation of a new index.
func (ix *Index) create() (string, error) {
	gen := genName(1)
	path := filepath.Join(ix.cfg.Dir, gen)
	if err := os.RemoveAll(path); err != nil {
		return "", fmt.Errorf("index: create %s: %w", path, err)
	}
	idx, err := ix.newBleve(path, false)
	if err != nil {
		return "", err
	}
	if err := writeCurrent(ix.cfg.Dir, gen); err != nil {
		idx.Close()
		return "", err
	}
	ix.idx = idx
	ix.stats = newRestoreStats()
	return gen, nil
}

// openStats reads the restoration statistics of generation gen. A log
// grown past the size of a fresh snapshot's worth is folded into the
// snapshot (not in a read-only open).
func (ix *Index) openStats(gen string) (*restoreStats, error) {
	dir := filepath.Join(ix.cfg.Dir, gen)
	st, err := loadRestoreStats(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(filepath.Join(dir, statsLog)); err == nil && fi.Size() > maxStatsLog && !ix.cfg.ReadOnly {
		if err := saveRestoreStats(dir, st); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// maxStatsLog is the size past which the statistics' log is compacted on open.
const maxStatsLog = 16 << 20

// newBleve creates a bleve index at path. bulk turns on scorch's
// unsafe_batch: a batch returns before it is on disk, so analysis of the next
// batch overlaps the writing of this one; Rebuild waits for persistence
// (waitPersisted) before it uses the index.
func (ix *Index) newBleve(path string, bulk bool) (idx bleve.Index, err error) {
	defer recoverErr("create "+path, &err)
	idx, err = bleve.NewUsing(path, ix.mapping, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, map[string]interface{}{
		"bolt_timeout": ix.cfg.OpenTimeout.String(),
		"unsafe_batch": bulk,
	})
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", path, err)
	}
	if err := idx.SetInternal([]byte(internalVersionKey), []byte(MappingVersion)); err != nil {
		idx.Close()
		return nil, fmt.Errorf("index: create %s: store mapping version: %w", path, err)
	}
	if err := os.WriteFile(filepath.Join(path, versionFile), []byte(MappingVersion+"\n"), 0o644); err != nil {
		idx.Close()
		return nil, fmt.Errorf("index: create %s: store mapping version: %w", path, err)
	}
	return idx, nil
}

// current returns the open bleve index under the read lock; release with
// ix.mu.RUnlock().
func (ix *Index) current() (bleve.Index, error) {
	ix.mu.RLock()
	if ix.closed {
		ix.mu.RUnlock()
		return nil, ErrClosed
	}
	return ix.idx, nil
}

// Index adds or replaces one document. It has the shape of ingest.Indexer.
func (ix *Index) Index(ctx context.Context, d corpus.Document) error {
	return ix.IndexBatch(ctx, []corpus.Document{d})
}

// IndexBatch adds or replaces documents in batches of Config.BatchSize.
// The batches of one call are built at the same time, one a core: bleve
// builds each batch's segment on the goroutine that hands it the batch, so
// batches handed over one after the other leave every other core idle
// while the last of an ingest is indexed. Where a document appears more
// than once, the last of it is indexed (as one batch after another would
// leave it). On an error, the batches that succeeded stay indexed.
func (ix *Index) IndexBatch(ctx context.Context, docs []corpus.Document) (err error) {
	defer recoverErr("index batch", &err)
	if ix.cfg.ReadOnly {
		return ErrReadOnly
	}
	for i := range docs {
		if docs[i].ID == "" {
			return fmt.Errorf("index: document %q has no id: %w", docs[i].Label(), corpus.ErrInvalid)
		}
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	defer ix.results.invalidate() // after the batch is visible, even a partial one
	idx, err := ix.current()
	if err != nil {
		return err
	}
	defer ix.mu.RUnlock()
	parts := batchParts(lastOfEach(docs), ix.cfg.BatchSize)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex // the statistics and their log, and first
		first  error
		cores  = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
		failed = func(err error) {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	)
	for _, part := range parts {
		cores <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-cores; wg.Done() }()
			if err := ix.indexPart(ctx, idx, part, &mu); err != nil {
				failed(err)
			}
		}()
	}
	wg.Wait()
	return first
}

// indexPart hands bleve one batch. The batch's spellings are counted apart
// and added to the corpus's statistics (and their log, under mu) once
// bleve has the batch.
func (ix *Index) indexPart(ctx context.Context, idx bleve.Index, docs []*corpus.Document, mu *sync.Mutex) (err error) {
	defer recoverErr("index batch", &err) // on its own goroutine
	b := idx.NewBatch()
	delta := newRestoreStats()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: index batch: %w", err)
		}
		doc, err := ix.bleveDocument(d, delta)
		if err == nil {
			err = b.IndexAdvanced(doc)
		}
		if err != nil {
			return fmt.Errorf("index: document %s: %w", d.ID, err)
		}
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("index: batch: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	ix.stats.merge(delta)
	return appendRestoreStats(filepath.Join(ix.cfg.Dir, ix.gen), delta)
}

// lastOfEach returns the documents with only the last of each id kept, in
// their order: batches built at the same time must not hold one id twice,
// since which of them bleve would keep is then a matter of timing.
func lastOfEach(docs []corpus.Document) []*corpus.Document {
	last := make(map[string]int, len(docs))
	for i := range docs {
		last[docs[i].ID] = i
	}
	out := make([]*corpus.Document, 0, len(last))
	for i := range docs {
		if last[docs[i].ID] == i {
			out = append(out, &docs[i])
		}
	}
	return out
}

// batchParts cuts docs into batches of at most size, as even as can be
// (1,000 documents at 500 a batch: two of 500; 1,001: three of 334).
func batchParts(docs []*corpus.Document, size int) [][]*corpus.Document {
	if len(docs) == 0 {
		return nil
	}
	n := (len(docs) + size - 1) / size
	per := (len(docs) + n - 1) / n
	var out [][]*corpus.Document
	for len(docs) > 0 {
		k := min(per, len(docs))
		out = append(out, docs[:k:k])
		docs = docs[k:]
	}
	return out
}

// Delete removes a document by id; deleting an absent id is not an error.
func (ix *Index) Delete(ctx context.Context, id string) (err error) {
	defer recoverErr("delete", &err)
	if ix.cfg.ReadOnly {
		return ErrReadOnly
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: delete %s: %w", id, err)
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	defer ix.results.invalidate()
	idx, err := ix.current()
	if err != nil {
		return err
	}
	defer ix.mu.RUnlock()
	if err := idx.Delete(id); err != nil {
		return fmt.Errorf("index: delete %s: %w", id, err)
	}
	return nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (n uint64, err error) {
	defer recoverErr("count", &err)
	idx, err := ix.current()
	if err != nil {
		return 0, err
	}
	defer ix.mu.RUnlock()
	n, err = idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index: count: %w", err)
	}
	return n, nil
}

// Dir returns the directory of the generation in use (for size reports).
func (ix *Index) Dir() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return filepath.Join(ix.cfg.Dir, ix.gen)
}

// Close closes the index and releases the lock. Closing twice is harmless.
func (ix *Index) Close() (err error) {
	defer recoverErr("close", &err)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	if ix.idx != nil {
		err = ix.idx.Close()
		ix.idx = nil
	}
	if uerr := ix.lock.unlock(); err == nil && uerr != nil {
		err = uerr
	}
	if err != nil {
		return fmt.Errorf("index: close %s: %w", ix.cfg.Dir, err)
	}
	return nil
}

func looksLikeBleve(dir string) bool {
	for _, f := range []string{"index_meta.json", "store"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	return false
}
