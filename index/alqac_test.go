package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/internal/sharedtest"
)

// TestALQAC measures retrieval quality on ALQAC 2022 and checks its
// targets: accent-free questions reach 95% of the accented Recall@10, and
// both beat plain bleve. Recorded in docs/benchmarks/index.md.
//
//	go test -run TestALQAC -v ./index/
func TestALQAC(t *testing.T) {
	if testing.Short() {
		t.Skip("ALQAC evaluation skipped in -short mode")
	}
	dir := sharedtest.Path(t, "corpus-real", "benchmark", "alqac2022")
	rep, err := EvaluateALQAC(context.Background(), dir, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep.Markdown())
	acc, free := rep.Row("vanthu", "accented"), rep.Row("vanthu", "accent-free")
	baseAcc, baseFree := rep.Row("bleve standard", "accented"), rep.Row("bleve standard", "accent-free")
	if free.Recall10 < 0.95*acc.Recall10 {
		t.Errorf("accent-free Recall@10 %.3f < 95%% of accented %.3f", free.Recall10, acc.Recall10)
	}
	if acc.Recall10 <= baseAcc.Recall10 || free.Recall10 <= baseFree.Recall10 {
		t.Errorf("vanthu does not beat plain bleve: accented %.3f vs %.3f, accent-free %.3f vs %.3f",
			acc.Recall10, baseAcc.Recall10, free.Recall10, baseFree.Recall10)
	}
	// Recall does not depend on the restoration; this floor keeps it from
	// getting worse unnoticed (95.0% when written, 95.8% with the shipped
	// model).
	if r := rep.Restoration; float64(r.Right) < 0.95*float64(r.Syllables) {
		t.Errorf("diacritics restored for %d of %d syllables, below 95%%", r.Right, r.Syllables)
	}
}

// TestRestorationOutOfDomain restores the seed directives, cut into pieces of
// at most 12 words and folded, from the statistics of the ALQAC law articles
// and the shipped model (restoremodel.go, which does not hold the seeds):
// a corpus of another kind than the text restored, so that the restoration's
// settings are not judged on ALQAC's questions alone.
//
//	go test -run TestRestorationOutOfDomain -v ./index/
func TestRestorationOutOfDomain(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	dir := sharedtest.Path(t, "corpus-real", "benchmark", "alqac2022")
	seeds, _ := filepath.Glob(filepath.Join(sharedtest.Path(t, "seeds"), "*.txt"))
	docs, err := alqacArticles(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := openTemp(t)
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	var pieces []alqacQuestion
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.FieldsFunc(string(b), func(r rune) bool { return strings.ContainsRune(".;:\n", r) }) {
			for w := strings.Fields(s); len(w) > 0; w = w[min(12, len(w)):] {
				pieces = append(pieces, alqacQuestion{ID: filepath.Base(p), Text: strings.Join(w[:min(12, len(w))], " ")})
			}
		}
	}
	sc, err := restorationScore(ix, pieces)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d seed files, %d pieces: diacritics restored for %.1f%% of %d word syllables, %.1f%% of the %d written with diacritics",
		len(seeds), len(pieces), 100*float64(sc.Right)/float64(sc.Syllables), sc.Syllables,
		100*float64(sc.MarkedOK)/float64(max(sc.Marked, 1)), sc.Marked)
	// 83.1% from the articles alone, 95.1% with the shipped model.
	if len(seeds) == 0 || float64(sc.Right) < 0.94*float64(sc.Syllables) {
		t.Errorf("diacritics restored for %d of %d syllables of %d seed files, below 94%%", sc.Right, sc.Syllables, len(seeds))
	}
}
