package generate

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var fixedNow = func() time.Time { return time.Date(2026, 1, 5, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }

func newTestGenerator(t testing.TB) *Generator {
	t.Helper()
	g, err := New(Config{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// outDir is where rendered PDFs and PNGs go: $VANTHU_GENERATE_OUT when set
// (to look at them), else the test's temporary directory.
func outDir(t *testing.T) string {
	if d := os.Getenv("VANTHU_GENERATE_OUT"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func TestRenderSmoke(t *testing.T) {
	g := newTestGenerator(t)
	dir := outDir(t)
	for _, k := range g.Kinds() {
		b, err := g.Render(context.Background(), k, withActuals(stateTrip()))
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if err := os.WriteFile(filepath.Join(dir, k+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
