package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Verify checks the whole store and lists what is wrong: document files
// that cannot be read, and for every version of every document an original
// whose bytes no longer hash to its name or size, a missing text file, or
// missing version metadata (which Repair would need). It reads every
// original, so it takes as long as reading the data directory once. An
// error is returned only when the check itself could not run.
func (s *Store) Verify(ctx context.Context) ([]Problem, error) {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, ErrClosed
	}
	var problems []Problem
	for name, why := range s.idx.corrupt {
		problems = append(problems, Problem{Path: filepath.Join(docsDir, name), Reason: why})
	}
	s.mu.RUnlock()
	ids, err := s.ids()
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("filestore: verify: %w", err)
		}
		path := s.docPath(id)
		d, err := s.readDoc(path)
		if err != nil {
			problems = append(problems, Problem{Path: s.rel(path), ID: id, Reason: err.Error()})
			continue
		}
		for i, v := range d.Versions {
			add := func(p, reason string) {
				problems = append(problems, Problem{Path: s.rel(p), ID: id, SHA256: v.SHA256, Reason: reason})
			}
			orig := s.objectPath(v.SHA256, "")
			switch sum, size, err := hashFile(orig); {
			case err != nil:
				add(orig, fmt.Sprintf("original of version %d: %v", i+1, err))
			case sum != v.SHA256:
				add(orig, fmt.Sprintf("original of version %d hashes to %s: its bytes were changed", i+1, sum))
			case size != v.Size:
				add(orig, fmt.Sprintf("original of version %d has %d bytes, the document says %d", i+1, size, v.Size))
			}
			if _, err := os.Stat(s.objectPath(v.SHA256, textExt)); err != nil {
				add(s.objectPath(v.SHA256, textExt), fmt.Sprintf("text of version %d: %v", i+1, err))
			}
			if !s.hasMeta(v.SHA256, id) {
				add(filepath.Join(s.objectDir(v.SHA256), metaName(v.SHA256, id, true)), fmt.Sprintf("metadata of version %d is missing", i+1))
			}
		}
	}
	slices.SortFunc(problems, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return problems, nil
}

// hasMeta reports whether the version metadata of sha for id exists under
// either of its names.
func (s *Store) hasMeta(sha, id string) bool {
	for _, owned := range []bool{true, false} {
		if _, err := os.Stat(filepath.Join(s.objectDir(sha), metaName(sha, id, owned))); err == nil {
			return true
		}
	}
	return false
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", 0, errors.New("missing")
	}
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
