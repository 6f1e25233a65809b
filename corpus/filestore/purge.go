package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Purge deletes a document filed by mistake: docs/<id>.json first (from
// then on the document does not exist), then its version metadata, and the
// originals and texts of its versions that no other document shares. It is
// the one deletion the store makes; callers log it before (review.Desk keeps
// a "purge" record naming who, when and why). A crash midway leaves at worst
// objects no document lists, which are harmless (see Repair).
func (s *Store) Purge(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("filestore: purge %q: %w", id, err)
	}
	if s.readOnly {
		return fmt.Errorf("filestore: purge %q in %s: %w", id, s.dir, ErrReadOnly)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.flushLocked(); err != nil {
		return err
	}
	if s.isClosed() {
		return ErrClosed
	}
	d, err := s.get(id)
	if err != nil {
		return fmt.Errorf("filestore: purge: %w", err)
	}
	if err := os.Remove(s.docPath(d.ID)); err != nil {
		return fmt.Errorf("filestore: purge %s: %w", d.ID, err)
	}
	if err := s.syncDir(filepath.Join(s.dir, docsDir)); err != nil {
		return err
	}
	s.mu.Lock()
	if e, ok := s.idx.docs[d.ID]; ok {
		if e.numberKey != "" {
			ids := s.idx.byNumber[e.numberKey]
			for i, v := range ids {
				if v == d.ID {
					ids = append(ids[:i:i], ids[i+1:]...)
					break
				}
			}
			if len(ids) == 0 {
				delete(s.idx.byNumber, e.numberKey)
			} else {
				s.idx.byNumber[e.numberKey] = ids
			}
		}
		delete(s.idx.docs, d.ID)
	}
	s.mu.Unlock()
	var errs []error
	for _, v := range d.Versions {
		if !validSHA(v.SHA256) {
			continue
		}
		if err := s.purgeVersion(v.SHA256, d.ID); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// purgeVersion removes id's metadata of version sha, and the original and
// text when no other document's metadata of that version remains.
func (s *Store) purgeVersion(sha, id string) error {
	dir := s.objectDir(sha)
	for _, owned := range []bool{true, false} {
		p := filepath.Join(dir, metaName(sha, id, owned))
		if owned {
			// <sha>.json belongs to whichever document was stored first.
			if m, err := s.readVersionMeta(p); err != nil || m.ID != id {
				continue
			}
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("filestore: purge %s: %w", id, err)
		}
	}
	others, err := filepath.Glob(filepath.Join(dir, sha+".*"+metaExt))
	if err != nil {
		return err
	}
	others = append(others, s.objectPath(sha, metaExt))
	next := ""
	for _, o := range others {
		if m, err := s.readVersionMeta(o); err == nil && m.ID != id && !strings.HasPrefix(filepath.Base(o), tmpPrefix) {
			next = m.ID
			break
		}
	}
	if next == "" {
		for _, ext := range []string{textExt, ""} {
			if err := os.Remove(s.objectPath(sha, ext)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("filestore: purge %s: %w", id, err)
			}
		}
	}
	s.mu.Lock()
	if s.idx.owner[sha] == id {
		if next == "" {
			delete(s.idx.owner, sha)
		} else {
			s.idx.owner[sha] = next
		}
	}
	s.mu.Unlock()
	return s.syncDir(dir)
}
