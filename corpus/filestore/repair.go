package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"vanthu/corpus"
)

// RepairReport says what Repair did.
type RepairReport struct {
	// Rewritten lists, in order, the ids whose docs/<id>.json was rebuilt:
	// missing, unreadable, or lacking a version whose files are all in objects/.
	Rewritten []string
	// Skipped lists version metadata files that could not be used.
	Skipped []Problem
}

// Repair rebuilds docs/ from the version metadata in objects/: every
// objects/ab/<sha>[.<h>].json names its document and carries the metadata
// read from that version, so the current view of a document can be derived
// again by replaying its versions in order of ingestion through the same
// rules Put applies. A document file that is readable and lists every
// version found is left alone; one that is missing or corrupt is rebuilt
// from scratch; one that lacks a version (metadata written but the Put
// killed before docs/ was updated) gets it appended. The index is rebuilt
// afterwards and Warnings then lists only what is still unreadable.
func (s *Store) Repair(ctx context.Context) (RepairReport, error) {
	var rep RepairReport
	if s.readOnly {
		return rep, fmt.Errorf("filestore: repair %s: %w", s.dir, ErrReadOnly)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.flushLocked(); err != nil {
		return rep, err
	}
	if s.isClosed() {
		return rep, ErrClosed
	}
	groups, skipped, err := s.scanVersions(ctx)
	if err != nil {
		return rep, err
	}
	rep.Skipped = skipped
	ids := make([]string, 0, len(groups))
	for id := range groups {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("filestore: repair: %w", err)
		}
		rebuilt, err := s.repairDoc(id, groups[id])
		if err != nil {
			return rep, err
		}
		if rebuilt {
			rep.Rewritten = append(rep.Rewritten, id)
		}
	}
	return rep, s.load()
}

// repairDoc brings docs/<id>.json up to date with the versions found.
func (s *Store) repairDoc(id string, metas []corpus.Document) (bool, error) {
	var prev *corpus.Document
	if d, err := s.get(id); err == nil {
		prev = &d
	}
	var missing []corpus.Document
	for _, m := range metas {
		if prev == nil || !slices.Contains(shas(prev.Versions), m.Source.SHA256) {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		return false, nil
	}
	// Versions were appended in order of ingestion; IngestedAt is what is
	// left of that order once the document file is gone.
	slices.SortStableFunc(missing, func(a, b corpus.Document) int {
		if c := a.Source.IngestedAt.Compare(b.Source.IngestedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Source.SHA256, b.Source.SHA256)
	})
	for _, m := range missing {
		text, err := os.ReadFile(s.objectPath(m.Source.SHA256, textExt))
		if err != nil {
			return false, fmt.Errorf("filestore: repair %s: %w", id, err)
		}
		m.Text = string(text)
		next, _ := corpus.MergeVersion(prev, m)
		prev = &next
	}
	if err := s.writeDoc(*prev); err != nil {
		return false, fmt.Errorf("filestore: repair %s: %w", id, err)
	}
	return true, nil
}

// scanVersions reads every version metadata file in objects/ and groups the
// usable ones by document id.
func (s *Store) scanVersions(ctx context.Context) (map[string][]corpus.Document, []Problem, error) {
	root := filepath.Join(s.dir, objectsDir)
	subs, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("filestore: repair: list %s: %w", root, err)
	}
	groups := map[string][]corpus.Document{}
	var skipped []Problem
	for _, sub := range subs {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("filestore: repair: %w", err)
		}
		if !sub.IsDir() {
			continue
		}
		dir := filepath.Join(root, sub.Name())
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("filestore: repair: list %s: %w", s.rel(dir), err)
		}
		for _, e := range ents {
			name := e.Name()
			if strings.HasPrefix(name, tmpPrefix) || !strings.HasSuffix(name, metaExt) {
				continue
			}
			path := filepath.Join(dir, name)
			m, err := s.readVersionMeta(path)
			if err != nil {
				skipped = append(skipped, Problem{Path: s.rel(path), SHA256: name[:min(64, len(name))], Reason: err.Error()})
				continue
			}
			groups[m.ID] = append(groups[m.ID], m)
		}
	}
	return groups, skipped, nil
}

// readVersionMeta reads and checks one objects/ab/<sha>[.<h>].json.
func (s *Store) readVersionMeta(path string) (corpus.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return corpus.Document{}, err
	}
	var m corpus.Document
	if err := decodeDoc(b, &m); err != nil {
		return corpus.Document{}, fmt.Errorf("cannot be decoded: %v", err)
	}
	sha := m.Source.SHA256
	switch {
	case corpus.ValidID(m.ID) != nil:
		return m, fmt.Errorf("bad document id %q", m.ID)
	case !validSHA(sha):
		return m, fmt.Errorf("bad sha256 %q", sha)
	case !strings.HasPrefix(filepath.Base(path), sha+"."):
		return m, fmt.Errorf("describes version %s, not the one it is named after", sha)
	}
	for _, ext := range []string{"", textExt} {
		if _, err := os.Stat(s.objectPath(sha, ext)); err != nil {
			return m, fmt.Errorf("version %s is incomplete: %w", sha, err)
		}
	}
	return m, nil
}
