package meta

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func newParser(t testing.TB) *Parser {
	t.Helper()
	p, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkGolden parses text and compares the Document (without Text) with the
// golden JSON file.
func checkGolden(t *testing.T, p *Parser, text, golden string) {
	t.Helper()
	doc := p.parse(newText(text)) // not Parse: a panic must fail the test, not be recovered
	checkSpans(t, text, doc)
	got, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", golden, got)
	}
}

// checkSpans asserts that every span lies inside the text.
func checkSpans(t testing.TB, text string, doc corpus.Document) {
	t.Helper()
	in := func(name string, s corpus.Span) {
		if s.Offset < 0 || s.Len < 0 || s.Offset+s.Len > len(text) || s.Line < 1 {
			t.Fatalf("span %s %+v outside the text (%d bytes)", name, s, len(text))
		}
		if want := strings.Count(text[:s.Offset], "\n") + 1; s.Line != want {
			t.Fatalf("span %s %+v: line %d, want %d", name, s, s.Line, want)
		}
	}
	for k, s := range doc.Spans {
		in(k, s)
	}
	for _, c := range doc.Citations {
		in("citation "+c.Quote, c.Span)
	}
	for _, r := range doc.Rules {
		in("rule "+r.Quote, r.Span)
	}
}

func TestGoldenSeeds(t *testing.T) {
	dir := sharedtest.Path(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no seeds in %s", dir)
	}
	p := newParser(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, p, corpus.NFC(string(b)), filepath.Join("testdata", "seeds", name+".golden.json"))
		})
	}
}

func TestGoldenReal(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "real", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures in testdata/real")
	}
	p := newParser(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, p, string(b), filepath.Join("testdata", "real", name+".golden.json"))
		})
	}
}

// TestGoldenScanned: the whole Document of each scanned fixture (the OCR of
// real scans and one hand-made text per class of scan; see
// testdata/scanned/SOURCES.md).
func TestGoldenScanned(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "scanned", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures in testdata/scanned")
	}
	p := newParser(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, p, corpus.NFC(string(b)), filepath.Join("testdata", "scanned", name+".golden.json"))
		})
	}
}
