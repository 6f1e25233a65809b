package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"vanthu/corpus"
)

// TestLongTokens: a 16 MB run of letters (an upload that once made bleve
// spend 2.4 GB on one document, and its merges 12 GB on every start) is
// indexed within a bounded allocation; the document's words stay
// searchable; the run is not a term; fields are clipped.
func TestLongTokens(t *testing.T) {
	ix, _ := openTemp(t)
	run := strings.Repeat("a", 16<<20)
	mid := strings.Repeat("b", 1<<20) // under the text cap: the token cap alone drops it
	d := corpus.Document{
		ID:     "long-1",
		Kind:   corpus.KindDocument,
		Title:  "Công văn về đoàn ra " + strings.Repeat("x", 1<<20),
		Issuer: strings.Repeat("Ủy ban nhân dân ", 1<<16),
		Text:   "Kính gửi Sở Ngoại vụ tỉnh Quảng Ngãi " + mid + " đoàn công tác nước ngoài " + run,
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := ix.IndexBatch(context.Background(), []corpus.Document{d}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	// The document's own bytes are some 20 MB (text, title, issuer) and the
	// index keeps at most 8 MB of its text: the bound leaves room for that,
	// not for gigabytes.
	if a := after.TotalAlloc - before.TotalAlloc; a > 400<<20 {
		t.Errorf("indexing allocated %d MB", a>>20)
	}
	t.Logf("indexing allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
	for _, q := range []string{"Sở Ngoại vụ", "doan cong tac nuoc ngoai"} {
		r := mustSearch(t, ix, Query{Text: q})
		if r.Total != 1 {
			t.Fatalf("%q: %d hits, want 1", q, r.Total)
		}
		if h := r.Hits[0]; len(h.Title) > maxTitleBytes || len(h.Issuer) > maxFieldBytes {
			t.Errorf("title of %d bytes, issuer of %d: not clipped", len(h.Title), len(h.Issuer))
		}
	}
	for _, q := range []string{strings.Repeat("b", 1<<10), strings.Repeat("a", 200)} {
		if r := mustSearch(t, ix, Query{Text: q}); r.Total != 0 {
			t.Errorf("a %d-byte word was indexed", len(q))
		}
	}
}

// TestTokenCap: the tokenizer gives no token longer than maxTokenBytes and
// keeps the ones around a long run.
func TestTokenCap(t *testing.T) {
	in := []byte("một " + strings.Repeat("z", maxTokenBytes+1) + " hai " + strings.Repeat("y", maxTokenBytes) + " ba")
	var got []string
	for _, tok := range (syllableTokenizer{}).Tokenize(in) {
		got = append(got, string(tok.Term))
	}
	want := []string{"một", "hai", strings.Repeat("y", maxTokenBytes), "ba"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

// TestPoisonedIndexNotOpened: an index written before its generation
// recorded the mapping version in a file (one that may hold terms of
// megabytes, whose merge exhausts memory) is reported as another version
// without bleve opening it, so writers and `vanthu reindex` rebuild it from
// the corpus instead of dying in its merge.
func TestPoisonedIndexNotOpened(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	ix.IndexBatch(context.Background(), loadFixtures(t)[:3])
	gen := ix.gen
	ix.Close()
	// An old index: no version file. Its metadata is made unreadable too:
	// had bleve opened it, the error would be a plain corruption.
	os.Remove(filepath.Join(dir, gen, versionFile))
	os.WriteFile(filepath.Join(dir, gen, "index_meta.json"), []byte("{not json"), 0o644)
	_, err = Open(DefaultConfig(dir))
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("open: %v, want ErrVersion (the old index must not be opened)", err)
	}
	if !strings.Contains(err.Error(), "vanthu reindex") {
		t.Errorf("message does not say the way out: %v", err)
	}
}
