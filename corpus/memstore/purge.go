package memstore

import (
	"context"
	"fmt"

	"vanthu/corpus"
)

// Purge deletes a document and the originals and texts no other document
// shares. It is for documents filed by mistake; callers log it first.
func (s *Store) Purge(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: purge %q: %w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	d, ok := s.docs[id]
	if !ok {
		return fmt.Errorf("memstore: purge %q: %w", id, corpus.ErrNotFound)
	}
	delete(s.docs, id)
	if d.NumberKey != "" {
		s.unindexNumber(d.NumberKey, id)
	}
	for _, v := range d.Versions {
		other := ""
		for oid, od := range s.docs {
			for _, ov := range od.Versions {
				if ov.SHA256 == v.SHA256 && (other == "" || oid < other) {
					other = oid
				}
			}
		}
		if other == "" {
			delete(s.originals, v.SHA256)
			delete(s.texts, v.SHA256)
			delete(s.owner, v.SHA256)
		} else if s.owner[v.SHA256] == id {
			s.owner[v.SHA256] = other
		}
	}
	return nil
}
