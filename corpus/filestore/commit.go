package filestore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
}

type commitGroup struct {
	files []pendingFile
	docs  []corpus.Document // the views made current, in order
	done  chan struct{}
	err   error
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

// stageTemp writes data to a temp file beside dir/name, without fsync,
// and adds it to g.
func (s *Store) stageTemp(g *commitGroup, dir, name string, data []byte, doc bool) (err error) {
	f, err := os.CreateTemp(dir, tmpPrefix+name+"-*")
	if err != nil {
		return fmt.Errorf("filestore: create temp file for %s: %w", s.rel(filepath.Join(dir, name)), err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("filestore: write %s: %w", s.rel(tmp), err)
	}
	// CreateTemp makes 0600 files; the data directory is meant to be
	// readable by the other vanthu commands run by the same group.
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("filestore: chmod %s: %w", s.rel(tmp), err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("filestore: close %s: %w", s.rel(tmp), err)
	}
	g.files = append(g.files, pendingFile{tmp: tmp, final: filepath.Join(dir, name), doc: doc})
	return nil
}

// stageVersion is writeVersion for a group: the original (unless stored
// or pending already), its text and its metadata.
func (s *Store) stageVersion(g *commitGroup, original []byte, doc corpus.Document, shared bool) error {
	sha := doc.Source.SHA256
	dir := s.objectDir(sha)
	if err := s.mkdirDurable(dir); err != nil {
		return err
	}
	var add []string
	// Originals are named by their content and never rewritten: if the name
	// exists, a rename made it after an fsync, so the bytes are complete.
	if _, err := os.Stat(s.objectPath(sha, "")); errors.Is(err, fs.ErrNotExist) {
		if !s.objectPending(sha) {
			if err := s.stageTemp(g, dir, sha, original, false); err != nil {
				return err
			}
			add = append(add, sha)
		}
	} else if err != nil {
		return fmt.Errorf("filestore: stat %s: %w", s.rel(s.objectPath(sha, "")), err)
	}
	_, terr := os.Stat(s.objectPath(sha, textExt))
	if !shared || (errors.Is(terr, fs.ErrNotExist) && !s.objectPending(sha+textExt)) {
		if err := s.stageTemp(g, dir, sha+textExt, []byte(doc.Text), false); err != nil {
			return err
		}
		add = append(add, sha+textExt)
	}
	meta := doc
	meta.Text, meta.Versions = "", nil
	b, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return fmt.Errorf("filestore: encode version %s: %w", sha, err)
	}
	if err := s.stageTemp(g, dir, metaName(sha, doc.ID, !shared), append(b, '\n'), false); err != nil {
		return err
	}
	s.commit.omu.Lock()
	for _, n := range add {
		s.commit.objects[n] = true
	}
	s.commit.omu.Unlock()
	return nil
}

// stageDoc is writeDoc for a group, and makes next the pending view.
func (s *Store) stageDoc(g *commitGroup, next corpus.Document) error {
	d := next
	d.Text = ""
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("filestore: encode document %s: %w", d.ID, err)
	}
	if err := s.stageTemp(g, filepath.Join(s.dir, docsDir), docFileName(d.ID), append(b, '\n'), true); err != nil {
		return err
	}
	g.docs = append(g.docs, next)
	s.commit.omu.Lock()
	s.commit.overlay[next.ID] = pendingDoc{doc: next, g: g}
	for _, v := range next.Versions {
		if _, ok := s.commit.owners[v.SHA256]; !ok {
			s.commit.owners[v.SHA256] = pendingOwner{id: next.ID, g: g}
		}
	}
	s.commit.omu.Unlock()
	return nil
}

// syncWorkers bounds the fsyncs in flight during a commit.
const syncWorkers = 32

// commitGroup makes g durable and visible (see the top of this file),
// then releases its Puts.
func (s *Store) commitGroup(g *commitGroup) {
	err := s.commitFiles(g)
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
	if !s.noSync {
		paths := make([]string, len(g.files))
		for i, f := range g.files {
			paths[i] = f.tmp
		}
		if err := parallel(paths, fsyncPath); err != nil {
			return err
		}
	}
	dirs := map[string]bool{}
	for _, f := range g.files {
		if f.doc {
			continue
		}
		if err := os.Rename(f.tmp, f.final); err != nil {
			return fmt.Errorf("filestore: rename %s: %w", s.rel(f.tmp), err)
		}
		dirs[filepath.Dir(f.final)] = true
	}
	if !s.noSync {
		list := make([]string, 0, len(dirs))
		for d := range dirs {
			list = append(list, d)
		}
		if err := parallel(list, fsyncPath); err != nil {
			return err
		}
	}
	docs := false
	for _, f := range g.files {
		if !f.doc {
			continue
		}
		if err := os.Rename(f.tmp, f.final); err != nil {
			return fmt.Errorf("filestore: rename %s: %w", s.rel(f.tmp), err)
		}
		docs = true
	}
	if docs {
		return s.syncDir(filepath.Join(s.dir, docsDir))
	}
	return nil
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
