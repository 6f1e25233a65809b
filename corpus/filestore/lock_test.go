package filestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vanthu/corpus"
)

func TestSecondWriterRefused(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	_, err := Open(Config{Dir: dir})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer: %v, want ErrLocked", err)
	}
	var le *LockedError
	if !errors.As(err, &le) || le.PID != strconv.Itoa(os.Getpid()) {
		t.Fatalf("second writer: %#v, want a *LockedError with pid %d", err, os.Getpid())
	}
	for _, want := range []string{dir, "in use by another vanthu process", "read-only"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	// The kernel lock goes with Close; then a writer may open.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	open(t, dir)
}

func TestReadOnlyBesideWriter(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	b, doc := sample(t, 1, 0)
	r1 := mustPut(t, w, b, doc)

	ro, err := Open(Config{Dir: dir, ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open beside a writer: %v", err)
	}
	defer ro.Close()
	if n, _ := ro.Len(bg); n != 1 {
		t.Fatalf("read-only Len = %d, want 1", n)
	}
	if _, err := ro.Put(bg, b, doc); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only Put: %v, want ErrReadOnly", err)
	}
	if _, err := ro.Repair(bg); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only Repair: %v, want ErrReadOnly", err)
	}
	// Stored by the writer after the reader opened: Get reads the file.
	b2, doc2 := sample(t, 2, 0)
	r2 := mustPut(t, w, b2, doc2)
	for _, id := range []string{r1.ID, r2.ID} {
		if d, err := ro.Get(bg, id); err != nil || d.Text == "" {
			t.Fatalf("read-only Get(%s): %v", id, err)
		}
	}
	// Closing the reader does not release the writer's lock.
	ro.Close()
	if _, err := Open(Config{Dir: dir}); !errors.Is(err, ErrLocked) {
		t.Fatalf("writer after reader closed: %v, want ErrLocked", err)
	}
}

func TestReadOnlyMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	if _, err := Open(Config{Dir: dir, ReadOnly: true}); err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("read-only open of a missing directory: %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("a read-only open created the directory")
	}
}

func TestFormatMismatch(t *testing.T) {
	dir := t.TempDir()
	open(t, dir).Close()
	if err := os.WriteFile(filepath.Join(dir, "FORMAT"), []byte("vanthu-filestore 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		if _, err := Open(Config{Dir: dir, ReadOnly: ro}); !errors.Is(err, ErrFormat) {
			t.Fatalf("open (read-only %v) of another format: %v, want ErrFormat", ro, err)
		}
	}
}

func TestReopen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	var ids []string
	for i := 0; i < 20; i++ {
		b, doc := sample(t, i, 0)
		ids = append(ids, mustPut(t, s, b, doc).ID)
	}
	b, doc := sample(t, 3, 1)
	mustPut(t, s, b, doc)
	rec := corpus.Document{ID: "Hồ sơ/42", Kind: corpus.KindRecord, Text: "hồ sơ", Source: corpus.Version{Status: corpus.StatusOK}}
	mustPut(t, s, []byte("rec 42"), rec)
	s.Close()

	s = open(t, dir)
	if n, _ := s.Len(bg); n != 21 {
		t.Fatalf("Len after reopen = %d, want 21", n)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Fatalf("warnings on a clean store: %v", w)
	}
	got, err := s.FindNumber(bg, "4003 -cv/btctu")
	if err != nil || len(got) != 1 || len(got[0].Versions) != 2 || got[0].ID != ids[3] {
		t.Fatalf("FindNumber after reopen: %v, %v", got, err)
	}
	if id, ok, _ := s.HasOriginal(bg, corpus.SHA256(b)); !ok || id != ids[3] {
		t.Fatalf("HasOriginal after reopen: %q, %v", id, ok)
	}
	if d, err := s.Get(bg, "Hồ sơ/42"); err != nil || d.Text != "hồ sơ" {
		t.Fatalf("record after reopen: %v", err)
	}
	// Same bytes after reopen: still nothing new.
	b0, doc0 := sample(t, 0, 0)
	if r := mustPut(t, s, b0, doc0); r.Status != corpus.PutUnchanged {
		t.Fatalf("re-put after reopen: %s", r.Status)
	}
	if p, err := s.Verify(bg); err != nil || len(p) != 0 {
		t.Fatalf("Verify: %v, %v", p, err)
	}
}

func TestTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	b, doc := sample(t, 1, 0)
	mustPut(t, s, b, doc)
	s.Close()
	sha := corpus.SHA256(b)
	temps := []string{
		filepath.Join(dir, "docs", tmpPrefix+"x.json-123"),
		filepath.Join(dir, "objects", sha[:2], tmpPrefix+sha+"-456"),
	}
	for _, p := range temps {
		if err := os.WriteFile(p, []byte("half a fi"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ro, err := Open(Config{Dir: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ro.Close()
	for _, p := range temps {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("a read-only open removed %s (a live writer's temp file, for all it knows)", p)
		}
	}
	s = open(t, dir)
	for _, p := range temps {
		if _, err := os.Stat(p); err == nil {
			t.Fatalf("writer's Open left %s", p)
		}
	}
	if n, _ := s.Len(bg); n != 1 {
		t.Fatalf("Len = %d", n)
	}
}

func TestReadOnlyOpenDuringWrites(t *testing.T) {
	// `vanthu show` opening while `vanthu serve` ingests: every open sees a
	// consistent store (no warnings, every listed document readable whole),
	// and never fewer documents than the previous one.
	dir := t.TempDir()
	w, err := Open(Config{Dir: dir, noSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	const n = 150
	docs := make([]corpus.Document, n)
	raws := make([][]byte, n)
	for i := range docs {
		raws[i], docs[i] = sample(t, i%60, i/60)
	}
	done := make(chan error, 1)
	go func() {
		for i := range docs {
			if _, err := w.Put(bg, raws[i], docs[i]); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	last := 0
	for finished := false; !finished; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			finished = true
		default:
		}
		ro, err := Open(Config{Dir: dir, ReadOnly: true})
		if err != nil {
			t.Fatalf("read-only open during writes: %v", err)
		}
		if w := ro.Warnings(); len(w) != 0 {
			t.Fatalf("read-only open during writes warned: %q", w)
		}
		l, _ := ro.Len(bg)
		if l < last {
			t.Fatalf("Len went back from %d to %d", last, l)
		}
		last = l
		if err := ro.Each(bg, func(d corpus.Document) error {
			if d.Text == "" || len(d.Versions) == 0 {
				return fmt.Errorf("%s read without text or versions", d.ID)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		ro.Close()
	}
	if last > 60 {
		t.Fatalf("Len %d, but only 60 documents exist", last)
	}
}

func TestLockPIDCleared(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	if b, _ := os.ReadFile(filepath.Join(dir, "LOCK")); strings.TrimSpace(string(b)) != strconv.Itoa(os.Getpid()) {
		t.Fatalf("LOCK holds %q while open, want our pid", b)
	}
	s.Close()
	if b, _ := os.ReadFile(filepath.Join(dir, "LOCK")); len(b) != 0 {
		t.Fatalf("LOCK still holds %q after Close", b)
	}
}
