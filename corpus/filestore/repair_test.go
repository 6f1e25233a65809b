package filestore

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vanthu/corpus"
)

// threeVersions stores a document with an ok version, a newer ok version and
// a newest failed one, and returns the store, the id and the expected view.
func threeVersions(t *testing.T, dir string) (*Store, string, corpus.Document) {
	t.Helper()
	s := open(t, dir)
	b0, d0 := sample(t, 7, 0)
	b1, d1 := sample(t, 7, 1)
	b2, d2 := sample(t, 7, 2)
	d1.Title = "bản đóng dấu"
	d2.Source.Status, d2.Title, d2.Text = corpus.StatusNeedsOCR, "", ""
	mustPut(t, s, b0, d0)
	mustPut(t, s, b1, d1)
	r := mustPut(t, s, b2, d2)
	for i := 0; i < 3; i++ { // bystanders
		b, d := sample(t, 20+i, 0)
		mustPut(t, s, b, d)
	}
	return s, r.ID, r.Document
}

func TestCorruptDocSkippedAndRepaired(t *testing.T) {
	dir := t.TempDir()
	s, id, want := threeVersions(t, dir)
	s.Close()
	path := filepath.Join(dir, "docs", docFileName(id))
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil { // torn by a disk, not by us
		t.Fatal(err)
	}

	s = open(t, dir)
	w := s.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], filepath.Join("docs", docFileName(id))) {
		t.Fatalf("Warnings = %q, want one naming the corrupt file", w)
	}
	if n, _ := s.Len(bg); n != 3 {
		t.Fatalf("Len = %d, want the 3 readable documents", n)
	}
	if _, err := s.Get(bg, id); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Get of the corrupt document: %v, want ErrCorrupt", err)
	}
	b3, d3 := sample(t, 7, 3)
	if _, err := s.Put(bg, b3, d3); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Put onto the corrupt document: %v, want ErrCorrupt", err)
	}
	if p, _ := s.Verify(bg); len(p) != 1 || !strings.Contains(p[0].Path, docFileName(id)) {
		t.Fatalf("Verify = %v, want the corrupt file", p)
	}

	rep, err := s.Repair(bg)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Rewritten, []string{id}) || len(rep.Skipped) != 0 {
		t.Fatalf("Repair = %+v, want only %s rewritten", rep, id)
	}
	checkRepaired(t, s, id, want)
	if rep, _ := s.Repair(bg); len(rep.Rewritten) != 0 {
		t.Fatalf("second Repair rewrote %v", rep.Rewritten)
	}
}

func TestRepairMissingDoc(t *testing.T) {
	dir := t.TempDir()
	s, id, want := threeVersions(t, dir)
	if err := os.Remove(filepath.Join(dir, "docs", docFileName(id))); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Repair(bg)
	if err != nil || !slices.Equal(rep.Rewritten, []string{id}) {
		t.Fatalf("Repair = %+v, %v", rep, err)
	}
	checkRepaired(t, s, id, want)
}

func checkRepaired(t *testing.T, s *Store, id string, want corpus.Document) {
	t.Helper()
	if w := s.Warnings(); len(w) != 0 {
		t.Fatalf("Warnings after Repair: %q", w)
	}
	got, err := s.Get(bg, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shas(got.Versions), shas(want.Versions)) {
		t.Fatalf("repaired versions %v, want %v", shas(got.Versions), shas(want.Versions))
	}
	if got.Title != "bản đóng dấu" || got.Text != want.Text || got.Source.SHA256 != want.Source.SHA256 {
		t.Fatalf("repaired view from %s (%q), want from %s", got.Source.SHA256, got.Title, want.Source.SHA256)
	}
	if n, _ := s.Len(bg); n != 4 {
		t.Fatalf("Len after Repair = %d, want 4", n)
	}
	if p, err := s.Verify(bg); err != nil || len(p) != 0 {
		t.Fatalf("Verify after Repair: %v, %v", p, err)
	}
}

func TestRepairAdoptsOrphanVersion(t *testing.T) {
	// A Put killed after the version metadata but before docs/: the version
	// is complete in objects/ and Repair lists it.
	dir := t.TempDir()
	s := open(t, dir)
	b0, d0 := sample(t, 5, 0)
	r := mustPut(t, s, b0, d0)
	b1, d1 := sample(t, 5, 1)
	d1.ID = r.ID
	d1.Source.SHA256, d1.Source.Size = corpus.SHA256(b1), int64(len(b1))
	d1.Source.IngestedAt = r.Document.Source.IngestedAt.Add(1)
	if err := s.writeVersion(b1, d1, false); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Repair(bg)
	if err != nil || !slices.Equal(rep.Rewritten, []string{r.ID}) {
		t.Fatalf("Repair = %+v, %v", rep, err)
	}
	got, _ := s.Get(bg, r.ID)
	if want := []string{corpus.SHA256(b0), corpus.SHA256(b1)}; !slices.Equal(shas(got.Versions), want) || got.Text != d1.Text {
		t.Fatalf("versions %v text %q", shas(got.Versions), got.Text)
	}
}

func TestVerifyFindsDamage(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	b, d := sample(t, 1, 0)
	r := mustPut(t, s, b, d)
	b2, d2 := sample(t, 2, 0)
	r2 := mustPut(t, s, b2, d2)
	sha, sha2 := corpus.SHA256(b), corpus.SHA256(b2)
	if err := os.WriteFile(filepath.Join(dir, "objects", sha[:2], sha), []byte("%PDF-1.4 tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "objects", sha2[:2], sha2+".txt"))
	os.Remove(filepath.Join(dir, "objects", sha2[:2], sha2+".json"))
	p, err := s.Verify(bg)
	if err != nil {
		t.Fatal(err)
	}
	var ids, paths []string
	for _, x := range p {
		ids = append(ids, x.ID)
		paths = append(paths, x.Path)
	}
	if len(p) != 3 || !slices.Contains(ids, r.ID) || !slices.Contains(ids, r2.ID) ||
		!slices.ContainsFunc(paths, func(s string) bool { return strings.HasSuffix(s, sha2+".txt") }) {
		t.Fatalf("Verify = %v, want the changed original and the missing text and metadata", p)
	}
	if !strings.Contains(p[0].String(), "objects") {
		t.Fatalf("Problem.String() = %q", p[0])
	}
}

func TestSharedOriginalRepair(t *testing.T) {
	// One page at two URLs: two documents, one original, two metadata files.
	dir := t.TempDir()
	s := open(t, dir)
	b := []byte("<html>same</html>")
	mk := func(url string) corpus.Document {
		return corpus.Document{Kind: corpus.KindNews, Title: "tin", Text: "tin", Source: corpus.Version{Source: url, Status: corpus.StatusOK}}
	}
	ra := mustPut(t, s, b, mk("https://a.vn/1"))
	rb := mustPut(t, s, b, mk("https://b.vn/1"))
	for _, id := range []string{ra.ID, rb.ID} {
		os.Remove(filepath.Join(dir, "docs", docFileName(id)))
	}
	rep, err := s.Repair(bg)
	if err != nil || len(rep.Rewritten) != 2 {
		t.Fatalf("Repair = %+v, %v; want both documents rebuilt", rep, err)
	}
	if a, err := s.Get(bg, ra.ID); err != nil || a.Source.Source != "https://a.vn/1" {
		t.Fatalf("first: %+v, %v", a.Source, err)
	}
	if b, err := s.Get(bg, rb.ID); err != nil || b.Source.Source != "https://b.vn/1" {
		t.Fatalf("second: %+v, %v", b.Source, err)
	}
}
