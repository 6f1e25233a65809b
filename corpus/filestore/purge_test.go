package filestore

import (
	"errors"
	"os"
	"testing"

	"vanthu/corpus"
)

func TestPurge(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	b1, d1 := sample(t, 1, 0)
	b1v, d1v := sample(t, 1, 1) // a second version of document 1
	b2, d2 := sample(t, 2, 0)
	// A third document arriving with the very bytes of document 2.
	_, d3 := sample(t, 3, 0)
	r1 := mustPut(t, s, b1, d1)
	mustPut(t, s, b1v, d1v)
	r2 := mustPut(t, s, b2, d2)
	r3 := mustPut(t, s, b2, d3)
	doc1, _ := s.Get(bg, r1.ID)
	if len(doc1.Versions) != 2 {
		t.Fatalf("document 1 has %d versions", len(doc1.Versions))
	}

	// Purging the owner of shared bytes keeps them for the other document.
	if err := s.Purge(bg, r2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(bg, r2.ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("purged document still readable: %v", err)
	}
	if got, _ := s.Get(bg, r3.ID); got.ID != r3.ID {
		t.Fatalf("the document sharing the bytes is gone")
	}
	sha2 := r2.Document.Source.SHA256
	if rc, err := s.Original(bg, sha2); err != nil {
		t.Errorf("shared original removed: %v", err)
	} else {
		rc.Close()
	}
	if id, ok, _ := s.HasOriginal(bg, sha2); !ok || id != r3.ID {
		t.Errorf("HasOriginal of the shared bytes = %q %v, want %s", id, ok, r3.ID)
	}

	if err := s.Purge(bg, r1.ID); err != nil {
		t.Fatal(err)
	}
	for _, v := range doc1.Versions {
		for _, ext := range []string{"", textExt, metaExt} {
			if _, err := os.Stat(s.objectPath(v.SHA256, ext)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s%s left behind: %v", v.SHA256[:12], ext, err)
			}
		}
	}
	if ds, _ := s.FindNumber(bg, d1.Number); len(ds) != 0 {
		t.Errorf("FindNumber still finds the purged document")
	}
	if err := s.Purge(bg, r1.ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second purge: %v", err)
	}
	s.Close()

	// Reopened, the store lists only the survivor, and Repair brings
	// nothing back.
	s, err = Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Repair(bg); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Len(bg); n != 1 {
		t.Errorf("after reopening and repair: %d documents, want 1", n)
	}
	if _, err := s.Get(bg, r2.ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("repair resurrected the purged document: %v", err)
	}
}
