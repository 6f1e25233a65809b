package filestore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"vanthu/corpus"
)

var _ corpus.Store = (*Store)(nil)

// Store is a corpus.Store in a data directory. It is safe for concurrent use
// by many goroutines; across processes, one writer and any number of
// read-only openers (see doc.go).
type Store struct {
	dir      string
	readOnly bool
	now      func() time.Time
	noSync   bool // tests and benchmarks that build throwaway stores only

	lockFile *os.File

	// wmu serialises writers: Put and Repair read a document, decide, and
	// write, and two Puts of one document must not interleave. The fsyncs
	// dominate a Put anyway.
	wmu sync.Mutex
	// commit groups the fsyncs of concurrent Puts (commit.go).
	commit commitState
	// dirs holds the directories seen to exist (ensureDir).
	dirs sync.Map

	mu       sync.RWMutex // guards the fields below
	closed   bool
	idx      *index
	warnings []string
}

// Open opens (a writer: creates) the store in cfg.Dir, takes the writer's
// lock unless cfg.ReadOnly, removes temp files a killed writer left, and
// builds the in-memory index from docs/.
func Open(cfg Config) (*Store, error) {
	if cfg.Dir == "" {
		return nil, errors.New("filestore: open: no data directory given")
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("filestore: open %s: %w", cfg.Dir, err)
	}
	s := &Store{dir: dir, readOnly: cfg.ReadOnly, now: time.Now, noSync: cfg.noSync}
	if cfg.ReadOnly {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("filestore: open %s read-only: no data directory (nothing ingested yet?): %w", dir, err)
		}
	} else if err := s.create(); err != nil {
		return nil, err
	}
	if err := s.checkFormat(); err != nil {
		return nil, err
	}
	if !cfg.ReadOnly {
		if s.lockFile, err = lock(dir); err != nil {
			return nil, err
		}
	}
	if err := s.load(); err != nil {
		unlock(s.lockFile)
		return nil, err
	}
	if !cfg.ReadOnly {
		s.startCommitter()
	}
	return s, nil
}

// create makes the directory skeleton and the FORMAT file of a new store.
func (s *Store) create() error {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return fmt.Errorf("filestore: create data directory %s: %w", s.dir, err)
	}
	for _, sub := range []string{objectsDir, docsDir} {
		if err := s.mkdirDurable(filepath.Join(s.dir, sub)); err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(s.dir, formatFile)); errors.Is(err, fs.ErrNotExist) {
		return s.writeAtomic(s.dir, formatFile, []byte(formatLine))
	}
	return nil
}

func (s *Store) checkFormat() error {
	b, err := os.ReadFile(filepath.Join(s.dir, formatFile))
	if errors.Is(err, fs.ErrNotExist) && s.readOnly {
		return nil // an empty directory, or one a writer is creating right now
	}
	if err != nil {
		return fmt.Errorf("filestore: open %s: read %s: %w", s.dir, formatFile, err)
	}
	if string(b) != formatLine {
		return fmt.Errorf("filestore: open %s: %s says %q, want %q: %w", s.dir, formatFile, bytes.TrimSpace(b), strings.TrimSpace(formatLine), ErrFormat)
	}
	return nil
}

// load (re)builds the index; a writer also removes leftover temp files,
// which only a dead writer can have left since the writer's lock is held.
func (s *Store) load() error {
	l, err := loadIndex(s.dir)
	if err != nil {
		return err
	}
	if !s.readOnly {
		temps, err := objectTemps(s.dir)
		if err != nil {
			return err
		}
		for _, t := range append(l.temps, temps...) {
			if err := os.Remove(t); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("filestore: remove leftover temp file %s: %w", s.rel(t), err)
			}
		}
	}
	var warnings []string
	names := make([]string, 0, len(l.idx.corrupt))
	for name := range l.idx.corrupt {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		warnings = append(warnings, fmt.Sprintf("filestore: %s: skipped, cannot be read: %s (Repair rebuilds it from objects/)",
			filepath.Join(docsDir, name), l.idx.corrupt[name]))
	}
	s.mu.Lock()
	s.idx, s.warnings = l.idx, warnings
	s.mu.Unlock()
	return nil
}

// Dir returns the absolute path of the data directory.
func (s *Store) Dir() string { return s.dir }

// Warnings lists what Open (or Repair) skipped, one message per file.
func (s *Store) Warnings() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.warnings)
}

// Close commits what Puts are waiting for, stops the committer and
// releases the writer's lock. Closing twice is not an error.
func (s *Store) Close() error {
	s.wmu.Lock()
	if s.isClosed() {
		s.wmu.Unlock()
		return nil
	}
	ferr := s.flushLocked()
	s.mu.Lock()
	s.closed = true
	err := unlock(s.lockFile)
	s.lockFile = nil
	s.mu.Unlock()
	s.wmu.Unlock()
	if s.commit.stop != nil {
		close(s.commit.stop)
		s.commit.wg.Wait()
	}
	if err == nil && ferr != nil {
		err = ferr
	}
	return err
}

func (s *Store) isClosed() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.closed
}

// Put implements corpus.Store. The files of a new version become visible in
// the order original → text → version metadata → document, each atomically
// and durably, so docs/<id>.json (what makes the document exist) comes last,
// and Put returns only once all of it is on disk. Concurrent Puts share
// their flushes (commit.go).
func (s *Store) Put(ctx context.Context, original []byte, doc corpus.Document) (corpus.PutResult, error) {
	if err := ctx.Err(); err != nil {
		return corpus.PutResult{}, fmt.Errorf("filestore: put %q: %w", doc.Label(), err)
	}
	if s.readOnly {
		return corpus.PutResult{}, fmt.Errorf("filestore: put %q in %s: %w", doc.Label(), s.dir, ErrReadOnly)
	}
	doc, err := corpus.PreparePut(original, doc, s.now())
	if err != nil {
		return corpus.PutResult{}, fmt.Errorf("filestore: %w", err)
	}
	g, write, res, err := s.stagePut(ctx, original, doc)
	if err != nil || g == nil {
		return res, err
	}
	if write != nil {
		write()
	}
	s.kickCommitter()
	<-g.done
	if g.err != nil {
		return corpus.PutResult{}, fmt.Errorf("filestore: put %s: %w", doc.ID, g.err)
	}
	return res, nil
}

// stagePut decides what a Put writes and stages it in the open commit
// group, which it returns (nil when there is nothing to wait for).
func (s *Store) stagePut(ctx context.Context, original []byte, doc corpus.Document) (*commitGroup, func(), corpus.PutResult, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.isClosed() {
		return nil, nil, corpus.PutResult{}, ErrClosed
	}
	if err := s.failure(); err != nil {
		return nil, nil, corpus.PutResult{}, err
	}
	s.mu.RLock()
	_, exists := s.idx.docs[doc.ID]
	why, corrupt := s.idx.corrupt[docFileName(doc.ID)]
	owner, owned := s.idx.owner[doc.Source.SHA256]
	s.mu.RUnlock()
	pend, pending := s.pending(doc.ID)
	if !owned {
		owner, owned = s.pendingOwner(doc.Source.SHA256)
	}
	if corrupt && !exists && !pending {
		return nil, nil, corpus.PutResult{}, fmt.Errorf("filestore: put %s: %s cannot be read (%s); run Repair first: %w",
			doc.ID, filepath.Join(docsDir, docFileName(doc.ID)), why, ErrCorrupt)
	}
	var prev *corpus.Document
	switch {
	case pending:
		prev = &pend.doc
	case exists:
		p, err := s.get(doc.ID)
		if err != nil {
			return nil, nil, corpus.PutResult{}, fmt.Errorf("filestore: put %s: %w", doc.ID, err)
		}
		prev = &p
	}
	next, status := corpus.MergeVersion(prev, doc)
	if status == corpus.PutUnchanged {
		res := corpus.PutResult{ID: next.ID, Status: status, Document: next}
		if pending {
			// Unchanged from a view not yet durable: answer once it is.
			return pend.g, nil, res, nil
		}
		return nil, nil, res, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, corpus.PutResult{}, fmt.Errorf("filestore: put %s: %w", doc.ID, err)
	}
	shared := owned && owner != doc.ID
	g := s.group()
	files, err := s.planPut(g, original, doc, next, shared)
	if err != nil {
		return nil, nil, corpus.PutResult{}, fmt.Errorf("filestore: put %s: %w", doc.ID, err)
	}
	seq := g.seqs
	g.seqs++
	g.staging.Add(1)
	// The files are written once wmu is released, so that the Puts of a
	// group create theirs in parallel.
	write := func() { s.writeStaged(g, seq, files) }
	return g, write, corpus.PutResult{ID: next.ID, Status: status, Document: next}, nil
}

// writeVersion writes the original, its text and its metadata. shared says
// another document was stored with these very bytes first: its text and
// <sha>.json are left alone (same bytes, same text), and this document's
// metadata goes beside them under its own name (metaName).
func (s *Store) writeVersion(original []byte, doc corpus.Document, shared bool) error {
	sha := doc.Source.SHA256
	dir := s.objectDir(sha)
	if err := s.mkdirDurable(dir); err != nil {
		return err
	}
	// Originals are named by their content and never rewritten: if the name
	// exists, a rename made it, so the bytes are complete and right.
	if _, err := os.Stat(s.objectPath(sha, "")); errors.Is(err, fs.ErrNotExist) {
		if err := s.writeAtomic(dir, sha, original); err != nil {
			return err
		}
	} else if err != nil {
		return fmt.Errorf("filestore: stat %s: %w", s.rel(s.objectPath(sha, "")), err)
	}
	_, terr := os.Stat(s.objectPath(sha, textExt))
	if !shared || errors.Is(terr, fs.ErrNotExist) {
		if err := s.writeAtomic(dir, sha+textExt, []byte(doc.Text)); err != nil {
			return err
		}
	}
	meta := doc
	meta.Text, meta.Versions = "", nil
	b, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return fmt.Errorf("filestore: encode version %s: %w", sha, err)
	}
	return s.writeAtomic(dir, metaName(sha, doc.ID, !shared), append(b, '\n'))
}

// writeDoc writes the current view, without its text (which is the text
// file of its Source version).
func (s *Store) writeDoc(d corpus.Document) error {
	d.Text = ""
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("filestore: encode document %s: %w", d.ID, err)
	}
	return s.writeAtomic(filepath.Join(s.dir, docsDir), docFileName(d.ID), append(b, '\n'))
}

func shas(vs []corpus.Version) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.SHA256
	}
	return out
}

// Get implements corpus.Store. It reads docs/<id>.json directly, not through
// the index, so a read-only store sees documents a writer stored after it
// opened.
func (s *Store) Get(ctx context.Context, id string) (corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return corpus.Document{}, fmt.Errorf("filestore: get %q: %w", id, err)
	}
	if s.isClosed() {
		return corpus.Document{}, ErrClosed
	}
	return s.get(id)
}

func (s *Store) get(id string) (corpus.Document, error) {
	if corpus.ValidID(id) != nil {
		return corpus.Document{}, fmt.Errorf("filestore: document %q: %w", id, corpus.ErrNotFound)
	}
	path := s.docPath(id)
	d, err := s.readDoc(path)
	if errors.Is(err, fs.ErrNotExist) {
		return corpus.Document{}, fmt.Errorf("filestore: document %q: %w", id, corpus.ErrNotFound)
	}
	if err != nil {
		return corpus.Document{}, err
	}
	if d.ID != id {
		return corpus.Document{}, fmt.Errorf("filestore: %s holds document %q, not %q: %w", s.rel(path), d.ID, id, ErrCorrupt)
	}
	text, err := os.ReadFile(s.objectPath(d.Source.SHA256, textExt))
	if err != nil {
		return corpus.Document{}, fmt.Errorf("filestore: document %s: text of version %s: %w (%w)", id, d.Source.SHA256, err, ErrCorrupt)
	}
	d.Text = string(text)
	return d, nil
}

// readDoc decodes a document file and checks the sha256 names in it, since
// they become paths.
func (s *Store) readDoc(path string) (corpus.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return corpus.Document{}, err
	}
	var d corpus.Document
	if err := decodeDoc(b, &d); err != nil {
		return corpus.Document{}, fmt.Errorf("filestore: %s: %v: %w", s.rel(path), err, ErrCorrupt)
	}
	h := docHead{ID: d.ID}
	h.Source.SHA256 = d.Source.SHA256
	for _, v := range d.Versions {
		h.Versions = append(h.Versions, struct {
			SHA256 string `json:"sha256"`
		}{v.SHA256})
	}
	if err := h.check(filepath.Base(path)); err != nil {
		return corpus.Document{}, fmt.Errorf("filestore: %s: %v: %w", s.rel(path), err, ErrCorrupt)
	}
	return d, nil
}

func decodeDoc(b []byte, d *corpus.Document) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("decoder panic: %v", p)
		}
	}()
	return json.Unmarshal(b, d)
}

// FindNumber implements corpus.Store: latest date of issue first, then id.
func (s *Store) FindNumber(ctx context.Context, number string) ([]corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("filestore: find %q: %w", number, err)
	}
	key := corpus.LookupKey(number)
	if key == "" {
		return nil, nil
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, ErrClosed
	}
	ids := slices.Clone(s.idx.byNumber[key])
	s.mu.RUnlock()
	var out []corpus.Document
	for _, id := range ids {
		d, err := s.get(id)
		if err != nil {
			return nil, fmt.Errorf("filestore: find %q: %w", number, err)
		}
		out = append(out, d)
	}
	corpus.SortNewestFirst(out)
	return out, nil
}

// HasOriginal implements corpus.Store.
func (s *Store) HasOriginal(ctx context.Context, sha string) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, fmt.Errorf("filestore: has original %q: %w", sha, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return "", false, ErrClosed
	}
	id, ok := s.idx.owner[strings.ToLower(sha)]
	return id, ok, nil
}

// Original implements corpus.Store. The caller must Close the reader.
func (s *Store) Original(ctx context.Context, sha string) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("filestore: original %q: %w", sha, err)
	}
	if s.isClosed() {
		return nil, ErrClosed
	}
	sha = strings.ToLower(sha)
	if !validSHA(sha) {
		return nil, fmt.Errorf("filestore: original %q: not a sha256: %w", sha, corpus.ErrNotFound)
	}
	f, err := os.Open(s.objectPath(sha, ""))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("filestore: original %s: %w", sha, corpus.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("filestore: original %s: %w", sha, err)
	}
	return f, nil
}

// VersionText implements corpus.Store.
func (s *Store) VersionText(ctx context.Context, sha string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("filestore: version text %q: %w", sha, err)
	}
	if s.isClosed() {
		return "", ErrClosed
	}
	sha = strings.ToLower(sha)
	if !validSHA(sha) {
		return "", fmt.Errorf("filestore: version text %q: not a sha256: %w", sha, corpus.ErrNotFound)
	}
	b, err := os.ReadFile(s.objectPath(sha, textExt))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("filestore: version text %s: %w", sha, corpus.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("filestore: version text %s: %w", sha, err)
	}
	return string(b), nil
}

// ids returns the indexed ids in order.
func (s *Store) ids() ([]string, error) {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, ErrClosed
	}
	ids := make([]string, 0, len(s.idx.docs))
	for id := range s.idx.docs {
		ids = append(ids, id)
	}
	s.mu.RUnlock()
	slices.Sort(ids)
	return ids, nil
}

// Each implements corpus.Store over the ids known when it starts; fn may
// call Put.
func (s *Store) Each(ctx context.Context, fn func(corpus.Document) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("filestore: each: %w", err)
	}
	ids, err := s.ids()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("filestore: each: %w", err)
		}
		d, err := s.get(id)
		if err != nil {
			return fmt.Errorf("filestore: each: %w", err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Heads returns, for every document, the sha256 of the version its view
// is of (Document.Source.SHA256), from the in-memory index: what a search
// index must hold to be up to date, without reading any document.
func (s *Store) Heads(ctx context.Context) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("filestore: heads: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, ErrClosed
	}
	out := make(map[string]string, len(s.idx.docs))
	for id, e := range s.idx.docs {
		out[id] = e.source
	}
	return out, nil
}

// Len implements corpus.Store.
func (s *Store) Len(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("filestore: len: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, ErrClosed
	}
	return len(s.idx.docs), nil
}
