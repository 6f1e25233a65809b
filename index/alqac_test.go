package index

import (
	"context"
	"testing"

	"vanthu/internal/sharedtest"
)

// TestALQAC measures retrieval quality on ALQAC 2022 and checks the issue's
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
}
