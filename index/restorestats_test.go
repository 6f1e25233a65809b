package index

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
)

// statsCounts is every count of s, syllables and pairs in one map.
func statsCounts(s *restoreStats) map[string]float64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := maps.Clone(s.uni)
	maps.Copy(out, s.pair)
	return out
}

// The corpus's restoration statistics count whole texts and titles; they
// survive a close (batches are in the log), a rebuild recounts them from the
// documents into the new generation's file, and a search restores from them.
func TestRestoreStatsWholeTextPersist(t *testing.T) {
	ix, dir := openTemp(t)
	ctx := context.Background()
	// "nghe nhan" is a pair the shipped model knows as "nghệ nhân"; the
	// corpus writes it "nghe nhân" past its first kilobyte, which a sample of
	// the opening would never have seen.
	long := corpus.Document{ID: "long", Kind: corpus.KindNews, Title: "Tin văn hoá",
		Text: strings.Repeat("Hội nghị bàn về văn hoá truyền thống. ", 60) + "Ông là người nghe nhân chứng kể lại."}
	docs := []corpus.Document{long,
		{ID: "short", Kind: corpus.KindDocument, Title: "V/v tăng cường quản lý đoàn ra", Text: "Mỗi đoàn không quá 07 người."}}
	if err := ix.IndexBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	for _, d := range docs {
		c := map[string]int{}
		countRestoreTerms(c, d.Title+"\n"+d.Text, 1)
		for k, n := range c {
			want[k] += float64(n)
		}
	}
	if got := statsCounts(ix.stats); !maps.Equal(got, want) {
		t.Fatalf("counted %d spellings, want %d (whole texts and titles)", len(got), len(want))
	}
	if got := restore(ix.stats, []string{"nghe", "nhan", "chung"}); got[0] != "nghe" || got[1] != "nhân" || got[2] != "chứng" {
		t.Errorf("nghe nhan chung restored %v, want the corpus's reading nghe nhân chứng", got)
	}

	// Closed and opened again: the log holds the batch.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix2, err := Open(DefaultConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if got := statsCounts(ix2.stats); !maps.Equal(got, want) {
		t.Fatalf("after reopening: %d spellings, want %d", len(got), len(want))
	}
	// A second batch adds to them.
	extra := corpus.Document{ID: "extra", Kind: corpus.KindNews, Text: "Đoàn ra nước ngoài."}
	if err := ix2.Index(ctx, extra); err != nil {
		t.Fatal(err)
	}
	c := map[string]int{}
	countRestoreTerms(c, extra.Text, 1)
	for k, n := range c {
		want[k] += float64(n)
	}
	if got := statsCounts(ix2.stats); !maps.Equal(got, want) {
		t.Fatalf("after a second batch: %d spellings, want %d", len(got), len(want))
	}

	// A rebuild counts the documents it is given, and nothing else.
	all := append(docs, extra)
	err = ix2.Rebuild(ctx, func(fn func(corpus.Document) error) error {
		for _, d := range all[1:] {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]float64{}
	for _, d := range all[1:] {
		c := map[string]int{}
		countRestoreTerms(c, d.Title+"\n"+d.Text, 1)
		for k, n := range c {
			want[k] += float64(n)
		}
	}
	if got := statsCounts(ix2.stats); !maps.Equal(got, want) {
		t.Fatalf("after a rebuild: %d spellings, want %d", len(got), len(want))
	}
	gen := filepath.Join(dir, ix2.gen)
	if _, err := os.Stat(filepath.Join(gen, statsFile)); err != nil {
		t.Errorf("rebuilt generation has no %s: %v", statsFile, err)
	}
	if _, err := os.Stat(filepath.Join(gen, statsLog)); err == nil {
		t.Errorf("rebuilt generation has a log before any batch")
	}
	st, err := loadRestoreStats(gen)
	if err != nil {
		t.Fatal(err)
	}
	if got := statsCounts(st); !maps.Equal(got, want) {
		t.Fatalf("read back from %s: %d spellings, want %d", statsFile, len(got), len(want))
	}
}
