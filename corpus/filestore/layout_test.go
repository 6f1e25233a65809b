package filestore

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
)

func TestDocFileName(t *testing.T) {
	long := strings.Repeat("x", 200)
	for _, c := range []struct{ id, want string }{
		{"4060-cv-btctu-1a2b3c4d5e", "4060-cv-btctu-1a2b3c4d5e.json"},
		{"hs-2019/0042", "hs-2019%2F0042.json"},
		{"..", "%2E..json"},
		{".hidden", "%2Ehidden.json"},
		{"ABC", "%41%42%43.json"},
		{"a b%c", "a%20b%25c.json"},
		{"Đ", "%C4%90.json"},
		{long, "~" + corpus.SHA256([]byte(long)) + ".json"},
	} {
		if got := docFileName(c.id); got != c.want {
			t.Errorf("docFileName(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

func TestLayout(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	b, doc := sample(t, 60, 0)
	r := mustPut(t, s, b, doc)
	sha := corpus.SHA256(b)
	obj := filepath.Join(dir, "objects", sha[:2], sha)

	got, err := os.ReadFile(obj)
	if err != nil || string(got) != string(b) {
		t.Fatalf("original at %s: %q, %v", obj, got, err)
	}
	if txt, err := os.ReadFile(obj + ".txt"); err != nil || string(txt) != doc.Text {
		t.Fatalf("text at %s.txt: %q, %v", obj, txt, err)
	}
	var meta corpus.Document
	readJSON(t, obj+".json", &meta)
	if meta.ID != r.ID || meta.Text != "" || meta.Versions != nil || meta.Source.SHA256 != sha || meta.Title != doc.Title {
		t.Fatalf("version metadata: %+v", meta)
	}
	var view corpus.Document
	readJSON(t, filepath.Join(dir, "docs", r.ID+".json"), &view)
	if view.ID != r.ID || view.Text != "" || len(view.Versions) != 1 || view.Title != doc.Title {
		t.Fatalf("document file: %+v", view)
	}
	if fi, err := os.Stat(obj); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("original mode: %v, %v", fi.Mode(), err)
	}
	if f, err := os.ReadFile(filepath.Join(dir, "FORMAT")); err != nil || string(f) != formatLine {
		t.Fatalf("FORMAT: %q, %v", f, err)
	}
	// No temp file is left behind by a successful Put.
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if strings.HasPrefix(d.Name(), tmpPrefix) {
			t.Errorf("temp file left: %s", p)
		}
		return nil
	})
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func FuzzDocFileName(f *testing.F) {
	for _, s := range []string{"4060-cv-btctu-1a2b3c4d5e", "hs-2019/0042", "..", ".", "a/../../b", "Đ\x00", strings.Repeat("é", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		name := docFileName(id)
		base := strings.TrimSuffix(name, ".json")
		if strings.ContainsAny(name, "/\\\x00") || strings.HasPrefix(name, ".") || len(name) > 255 || base == "" {
			t.Fatalf("docFileName(%q) = %q: not a safe file name", id, name)
		}
		if strings.HasPrefix(base, "~") {
			return
		}
		// The escaped form decodes back to the id, so two ids never share a file.
		back, err := url.PathUnescape(base)
		if err != nil || back != id {
			t.Fatalf("docFileName(%q) = %q decodes to %q, %v", id, name, back, err)
		}
	})
}
