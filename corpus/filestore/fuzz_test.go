package filestore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
)

// FuzzOpenCorruptDoc puts arbitrary bytes in docs/ beside a good document:
// Open must neither fail nor panic, the good document must stay readable,
// and every other method must return errors, not panic, on whatever the
// file decoded to (hostile sha256 names, ids that do not match, no versions).
func FuzzOpenCorruptDoc(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "docs", "*.json"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".json")
		f.Add(id, b)
		f.Add(id, b[:len(b)/2])
		f.Add("x", b)
	}
	f.Add("x", []byte(`{"id":"x","versions":[{"sha256":"../../../etc/passwd"}],"source":{"sha256":"../../../etc/passwd"}}`))
	f.Add("x", []byte(`{"id":"x","versions":[{"sha256":"`+strings.Repeat("a", 64)+`"}],"source":{"sha256":"`+strings.Repeat("a", 64)+`"}}`))
	f.Add("x", []byte(`{"id":"x","date":"2019-02-31"}`))
	f.Add("x", []byte(`{}`))
	f.Add("x", []byte(``))
	f.Add("x", []byte("\xff\xfe{"))
	f.Fuzz(func(t *testing.T, id string, data []byte) {
		dir := t.TempDir()
		s, err := Open(Config{Dir: dir, noSync: true})
		if err != nil {
			t.Fatal(err)
		}
		b, doc := sample(t, 1, 0)
		good := mustPut(t, s, b, doc)
		s.Close()
		name := docFileName(id)
		if err := os.WriteFile(filepath.Join(dir, "docs", name), data, 0o644); err != nil {
			t.Fatal(err)
		}

		for _, ro := range []bool{true, false} {
			s, err := Open(Config{Dir: dir, ReadOnly: ro, noSync: true})
			if err != nil {
				t.Fatalf("Open (read-only %v) failed on a corrupt document: %v", ro, err)
			}
			exercise(t, s, id)
			if name != docFileName(good.ID) {
				if d, err := s.Get(bg, good.ID); err != nil || d.Text != doc.Text {
					t.Fatalf("the good document is unreadable beside a corrupt one: %v", err)
				}
			}
			if !ro {
				if _, err := s.Repair(bg); err != nil {
					t.Fatalf("Repair: %v", err)
				}
				exercise(t, s, id)
			}
			s.Close()
		}
	})
}

// exercise calls every reading method; errors are fine, panics are not, and
// ErrNotFound is the only answer for an id that is not listed.
func exercise(t *testing.T, s *Store, id string) {
	t.Helper()
	if _, err := s.Get(bg, id); err != nil && !errors.Is(err, corpus.ErrNotFound) && !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Get(%q): %v, want ErrNotFound or ErrCorrupt", id, err)
	}
	s.Len(bg)
	s.Each(bg, func(corpus.Document) error { return nil })
	s.FindNumber(bg, "4001-CV/BTCTU")
	s.Warnings()
	if _, err := s.Verify(bg); err != nil {
		t.Fatalf("Verify: %v", err)
	}
}

// FuzzRepairCorruptMeta replaces the version metadata of a document whose
// docs/ file is gone with arbitrary bytes: Repair must neither fail nor
// panic, and must leave a store that opens cleanly.
func FuzzRepairCorruptMeta(f *testing.F) {
	b, doc := sample(f, 1, 0)
	f.Add([]byte(`{"id":"x","source":{"sha256":"` + corpus.SHA256(b) + `"}}`))
	f.Add([]byte(`{"id":"","source":{"sha256":"` + corpus.SHA256(b) + `"}}`))
	f.Add([]byte(`{"id":"../../x","source":{"sha256":"` + corpus.SHA256(b) + `","ingested_at":"2019-01-01T00:00:00Z"}}`))
	f.Add([]byte(`{"id":"x","source":{"sha256":"../../../etc/passwd"}}`))
	f.Add([]byte(`{"source":{"ingested_at":"not a time"}}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		s, err := Open(Config{Dir: dir, noSync: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		r := mustPut(t, s, b, doc)
		sha := corpus.SHA256(b)
		if err := os.Remove(filepath.Join(dir, "docs", docFileName(r.ID))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "objects", sha[:2], sha+".json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Repair(bg); err != nil {
			t.Fatalf("Repair: %v", err)
		}
		exercise(t, s, r.ID)
		if w := s.Warnings(); len(w) != 0 {
			t.Fatalf("after Repair: %q", w)
		}
	})
}
