package filestore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"vanthu/corpus"
)

// Group commit. A Put writes its files under temporary names without
// waiting for the disk, joins the open commit group and waits; one
// goroutine commits the groups one after the other: it fsyncs every file
// of the group (in parallel, so the file system's journal takes them in a
// few commits), renames the objects' files to their names, fsyncs their
// directories, then renames the documents' files and fsyncs docs/. Each
// Put of the group returns only after all that, so what Put returned for
// is durable exactly as before, and the order that makes a document exist
// only once all of it is on disk holds for every document of the group.
// While one group commits the next fills, so many concurrent Puts share a
// handful of fsyncs instead of eight each: what makes a large ingest fast.
// A lone Put commits a group of one.

// pendingFile is a temp file waiting for its group's commit.
type pendingFile struct {
	tmp, final string
	doc        bool // a docs/ file: renamed after every object file
	seq        int  // the Put's place in its group
}

type commitGroup struct {
	seqs    int            // Puts planned into the group; guarded by wmu
	staging sync.WaitGroup // Puts still writing their files
	mu      sync.Mutex     // guards files, newDirs, stageErr
	// stageErr: a Put could not write its files; the group fails whole,
	// since other Puts may count on a file it was to write.
	stageErr error
	files    []pendingFile
	// newDirs: an objects/ab directory was created for this group; the
	// entry in objects/ is made durable before any file renamed into it.
	newDirs bool
	docs    []corpus.Document // the views made current, in order
	done    chan struct{}
	err     error
}

// pendingDoc is a document whose latest view is in a group not yet
// committed: the next Put of it must build on that view.
type pendingDoc struct {
	doc corpus.Document // with Text
	g   *commitGroup
}

// commitState is the store's part for group commit. Lock order: wmu, then
// cmu, then omu; the committer never takes wmu while holding cmu.
type commitState struct {
	cur  *commitGroup // the group Puts join; guarded by wmu
	cmu  sync.Mutex   // held while a group commits: groups commit in order
	kick chan struct{}
	stop chan struct{}
	wg   sync.WaitGroup

	omu     sync.Mutex
	overlay map[string]pendingDoc   // id → pending view
	owners  map[string]pendingOwner // sha → first id pending with it
	objects map[string]bool         // "<sha><ext>" of object files pending
	failed  error                   // a commit failed: the store writes no more
}

type pendingOwner struct {
	id string
	g  *commitGroup
}

func (s *Store) startCommitter() {
	c := &s.commit
	c.kick = make(chan struct{}, 1)
	c.stop = make(chan struct{})
	c.overlay = map[string]pendingDoc{}
	c.owners = map[string]pendingOwner{}
	c.objects = map[string]bool{}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for {
			select {
			case <-c.kick:
			case <-c.stop:
				return
			}
			for s.commitNext() {
			}
		}
	}()
}

// commitNext commits the open group, if there is one.
func (s *Store) commitNext() bool {
	s.wmu.Lock()
	g := s.commit.cur
	if g == nil {
		s.wmu.Unlock()
		return false
	}
	s.commit.cur = nil
	s.commit.cmu.Lock()
	s.wmu.Unlock()
	s.commitGroup(g)
	s.commit.cmu.Unlock()
	return true
}

// flushLocked commits the open group and waits for the one committing;
// the caller holds wmu (Repair, Purge, Close).
func (s *Store) flushLocked() error {
	c := &s.commit
	if c.kick == nil {
		return nil
	}
	g := c.cur
	c.cur = nil
	c.cmu.Lock()
	if g != nil {
		s.commitGroup(g)
	}
	c.cmu.Unlock()
	c.omu.Lock()
	defer c.omu.Unlock()
	return c.failed
}

// group returns the open group, opening one; the caller holds wmu.
func (s *Store) group() *commitGroup {
	if s.commit.cur == nil {
		s.commit.cur = &commitGroup{done: make(chan struct{})}
	}
	return s.commit.cur
}

func (s *Store) kickCommitter() {
	select {
	case s.commit.kick <- struct{}{}:
	default:
	}
}

// pending returns the pending view of id, if any.
func (s *Store) pending(id string) (pendingDoc, bool) {
	s.commit.omu.Lock()
	defer s.commit.omu.Unlock()
	p, ok := s.commit.overlay[id]
	return p, ok
}

func (s *Store) pendingOwner(sha string) (string, bool) {
	s.commit.omu.Lock()
	defer s.commit.omu.Unlock()
	o, ok := s.commit.owners[sha]
	return o.id, ok
}

func (s *Store) objectPending(name string) bool {
	s.commit.omu.Lock()
	defer s.commit.omu.Unlock()
	return s.commit.objects[name]
}

func (s *Store) failure() error {
	s.commit.omu.Lock()
	defer s.commit.omu.Unlock()
	return s.commit.failed
}

// stagedFile is one file a Put writes into a group: planned under wmu,
// written (to a temp name) after wmu is released, so the Puts of a group
// create their files in parallel.
type stagedFile struct {
	dir, name string
	data      func() ([]byte, error)
	doc       bool
}

// planPut decides the files of a new version and of the document's new
// view, and makes next the pending view; the caller holds wmu. Nothing is
// written yet (writeStaged).
func (s *Store) planPut(g *commitGroup, original []byte, doc, next corpus.Document, shared bool) ([]stagedFile, error) {
	sha := doc.Source.SHA256
	dir := s.objectDir(sha)
	var files []stagedFile
	var add []string
	// Originals are named by their content and never rewritten: if the name
	// exists, a rename made it after an fsync, so the bytes are complete.
	if _, err := os.Stat(s.objectPath(sha, "")); errors.Is(err, fs.ErrNotExist) {
		if !s.objectPending(sha) {
			files = append(files, stagedFile{dir: dir, name: sha, data: func() ([]byte, error) { return original, nil }})
			add = append(add, sha)
		}
	} else if err != nil {
		return nil, fmt.Errorf("filestore: stat %s: %w", s.rel(s.objectPath(sha, "")), err)
	}
	_, terr := os.Stat(s.objectPath(sha, textExt))
	if !shared || (errors.Is(terr, fs.ErrNotExist) && !s.objectPending(sha+textExt)) {
		text := doc.Text
		files = append(files, stagedFile{dir: dir, name: sha + textExt, data: func() ([]byte, error) { return []byte(text), nil }})
		add = append(add, sha+textExt)
	}
	meta := doc
	meta.Text, meta.Versions = "", nil
	files = append(files, stagedFile{dir: dir, name: metaName(sha, doc.ID, !shared), data: func() ([]byte, error) {
		b, err := json.MarshalIndent(meta, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("filestore: encode version %s: %w", sha, err)
		}
		return append(b, '\n'), nil
	}})
	view := next
	view.Text = ""
	files = append(files, stagedFile{dir: filepath.Join(s.dir, docsDir), name: docFileName(next.ID), doc: true, data: func() ([]byte, error) {
		b, err := json.MarshalIndent(view, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("filestore: encode document %s: %w", view.ID, err)
		}
		return append(b, '\n'), nil
	}})
	g.docs = append(g.docs, next)
	s.commit.omu.Lock()
	for _, n := range add {
		s.commit.objects[n] = true
	}
	s.commit.overlay[next.ID] = pendingDoc{doc: next, g: g}
	for _, v := range next.Versions {
		if _, ok := s.commit.owners[v.SHA256]; !ok {
			s.commit.owners[v.SHA256] = pendingOwner{id: next.ID, g: g}
		}
	}
	s.commit.omu.Unlock()
	return files, nil
}

// writeStaged writes the planned files under temp names, without fsync,
// and hands them to g in the order they were planned (seq, taken under
// wmu): a later version's file of the same name must be renamed last.
func (s *Store) writeStaged(g *commitGroup, seq int, files []stagedFile) {
	var out []pendingFile
	var err error
	newDir := false
	for i, f := range files {
		if i == 0 || f.dir != files[i-1].dir {
			var made bool
			if made, err = s.ensureDir(f.dir); err != nil {
				break
			}
			newDir = newDir || (made && !f.doc)
		}
		var data []byte
		if data, err = f.data(); err != nil {
			break
		}
		var tmp string
		tmp, err = s.writeTemp(f.dir, f.name, data)
		if errors.Is(err, fs.ErrNotExist) {
			// The directory went away since it was seen (removed by
			// hand): make it again, once.
			s.dirs.Delete(f.dir)
			var made bool
			if made, err = s.ensureDir(f.dir); err != nil {
				break
			}
			newDir = newDir || (made && !f.doc)
			tmp, err = s.writeTemp(f.dir, f.name, data)
		}
		if err != nil {
			break
		}
		out = append(out, pendingFile{tmp: tmp, final: filepath.Join(f.dir, f.name), doc: f.doc, seq: seq})
	}
	g.mu.Lock()
	g.files = append(g.files, out...)
	g.newDirs = g.newDirs || newDir
	if err != nil && g.stageErr == nil {
		g.stageErr = err
	}
	g.mu.Unlock()
	g.staging.Done()
}

// writeTemp writes data to a temp file beside dir/name, without fsync.
func (s *Store) writeTemp(dir, name string, data []byte) (string, error) {
	tmp, err := createTemp(dir, tmpPrefix+name+"-", data)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) && pe.Op != "open" {
			return "", fmt.Errorf("filestore: %s %s: %w", pe.Op, s.rel(pe.Path), pe.Err)
		}
		return "", fmt.Errorf("filestore: create temp file for %s: %w", s.rel(filepath.Join(dir, name)), err)
	}
	return tmp, nil
}

// ensureDir creates dir (one level) unless this store has seen it exist,
// and says whether it created it: a directory it creates must be made
// durable before files are renamed into it. Directories of the store are
// never removed, so one seen stays; the Mkdir that says "exists" for
// every Put of an ingest is spared.
func (s *Store) ensureDir(dir string) (made bool, err error) {
	if _, ok := s.dirs.Load(dir); ok {
		return false, nil
	}
	switch err := os.Mkdir(dir, 0o755); {
	case err == nil:
		made = true
	case !os.IsExist(err):
		return false, fmt.Errorf("filestore: create directory %s: %w", s.rel(dir), err)
	}
	s.dirs.Store(dir, true)
	return made, nil
}

// syncWorkers bounds the fsyncs in flight during a commit.
const syncWorkers = 32

// commitGroup makes g durable and visible (see the top of this file),
// then releases its Puts.
func (s *Store) commitGroup(g *commitGroup) {
	g.staging.Wait()
	slices.SortStableFunc(g.files, func(a, b pendingFile) int { return a.seq - b.seq })
	err := g.stageErr
	if err == nil {
		err = s.commitFiles(g)
	}

	s.commit.omu.Lock()
	if err != nil && s.commit.failed == nil {
		s.commit.failed = fmt.Errorf("filestore: commit of %d documents failed; the store takes no more writes until it is opened again: %w", len(g.docs), err)
	}
	for _, d := range g.docs {
		if p, ok := s.commit.overlay[d.ID]; ok && p.g == g {
			delete(s.commit.overlay, d.ID)
		}
		for _, v := range d.Versions {
			if o, ok := s.commit.owners[v.SHA256]; ok && o.g == g {
				delete(s.commit.owners, v.SHA256)
			}
		}
	}
	for _, f := range g.files {
		if !f.doc {
			delete(s.commit.objects, filepath.Base(f.final))
		}
	}
	s.commit.omu.Unlock()
	if err == nil {
		s.mu.Lock()
		for _, d := range g.docs {
			s.idx.add(d.ID, d.NumberKey, d.Date.String(), d.Source.SHA256, shas(d.Versions))
		}
		s.mu.Unlock()
	}
	g.err = err
	close(g.done)
}

func (s *Store) commitFiles(g *commitGroup) error {
	// 1. The data of every file, and new objects/ab entries.
	paths := make([]string, 0, len(g.files)+1)
	if g.newDirs {
		paths = append(paths, filepath.Join(s.dir, objectsDir))
	}
	for _, f := range g.files {
		paths = append(paths, f.tmp)
	}
	if err := s.durable(paths); err != nil {
		return err
	}
	// 2. The objects' names.
	dirs := map[string]bool{}
	for _, f := range g.files {
		if f.doc {
			continue
		}
		if err := renameFile(f.tmp, f.final); err != nil {
			return fmt.Errorf("filestore: rename %s: %w", s.rel(f.tmp), err)
		}
		dirs[filepath.Dir(f.final)] = true
	}
	paths = paths[:0]
	for d := range dirs {
		paths = append(paths, d)
	}
	if err := s.durable(paths); err != nil {
		return err
	}
	// 3. The documents' names: from here on they exist.
	docs := false
	for _, f := range g.files {
		if !f.doc {
			continue
		}
		if err := renameFile(f.tmp, f.final); err != nil {
			return fmt.Errorf("filestore: rename %s: %w", s.rel(f.tmp), err)
		}
		docs = true
	}
	if !docs {
		return nil
	}
	return s.durable([]string{filepath.Join(s.dir, docsDir)})
}

// durable makes the data of files, or the entries of directories, reach
// the disk. Where the system has syncfs(2) (Linux), one call flushes the
// whole file system once, however many files: a group of a thousand
// documents costs three calls instead of thousands of fsyncs, each of
// which would make the journal commit. Elsewhere, the files are fsynced
// in parallel, which lets the journal take many in one commit.
func (s *Store) durable(paths []string) error {
	if s.noSync || len(paths) == 0 {
		return nil
	}
	if err := syncfs(s.dir); err == nil {
		return nil
	} else if !errors.Is(err, errNoSyncfs) {
		return fmt.Errorf("filestore: syncfs %s: %w", s.dir, err)
	}
	return parallel(paths, fsyncPath)
}

// fsyncPath fsyncs a file or directory by name: the data written through
// another descriptor is flushed all the same (fsync works on the inode).
func fsyncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("filestore: open %s for fsync: %w", path, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("filestore: fsync %s: %w", path, err)
	}
	return nil
}

// parallel runs fn over items with up to syncWorkers goroutines and
// returns the first error.
func parallel(items []string, fn func(string) error) error {
	if len(items) == 0 {
		return nil
	}
	next := make(chan string)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range min(syncWorkers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := fn(p); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range items {
		next <- p
	}
	close(next)
	wg.Wait()
	return first
}
