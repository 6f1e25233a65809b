package generate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/templates"
)

var fixedNow = func() time.Time { return time.Date(2026, 1, 5, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }

func newTestGenerator(t testing.TB, engine ...string) *Generator {
	t.Helper()
	cfg := Config{Now: fixedNow}
	if len(engine) > 0 {
		cfg.Engine = engine[0]
	}
	g, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// engines are the drawing engines every PDF-level test runs with: both
// must give the same text, layout and signature behaviour.
var engines = []string{EngineMaroto}

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

// TestConcurrentRender renders from one Generator in parallel (run with
// -race): fonts and templates are shared, read-only.
func TestConcurrentRender(t *testing.T) {
	for _, eng := range engines {
		g := newTestGenerator(t, eng)
		errs := make(chan error, 6)
		for i := 0; i < 6; i++ {
			go func(i int) {
				k := g.Kinds()[i%3]
				_, err := g.Render(context.Background(), k, withActuals(stateTrip()))
				errs <- err
			}(i)
		}
		for i := 0; i < 6; i++ {
			if err := <-errs; err != nil {
				t.Errorf("%s: %v", eng, err)
			}
		}
	}
}

func TestRenderErrors(t *testing.T) {
	g := newTestGenerator(t)
	trip := stateTrip()
	trip.Report = nil
	if _, err := g.Render(context.Background(), "report", trip); !errors.Is(err, ErrNoReport) {
		t.Errorf("report without report section: %v", err)
	}
	if _, err := g.Render(context.Background(), "memo", trip); !errors.Is(err, templates.ErrUnknownKind) {
		t.Errorf("unknown kind: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.Render(ctx, "proposal", trip); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	// A trip with nothing in it still renders (blank number, blank date).
	if _, err := g.Render(context.Background(), "decision", corpus.Trip{}); err != nil {
		t.Errorf("empty trip: %v", err)
	}
}

func TestNumbersAndDates(t *testing.T) {
	for _, c := range []struct {
		n         int
		typ, code string
		party     bool
		want      string
	}{
		{5, "", "SNgV-LS", false, "05/SNgV-LS"},
		{12, "TTr", "SNgV", false, "12/TTr-SNgV"},
		{3, "QĐ", "SNgV-LS", false, "03/QĐ-SNgV"},
		{0, "", "UBND-VP", false, "        /UBND-VP"},
		{4060, "", "BTCTU", true, "4060-CV/BTCTU"},
		{7, "QĐ", "TU", true, "07-QĐ/TU"},
		{4060, "", "CV/BTCTU", true, "4060-CV/BTCTU"},
	} {
		if got := formatNumber(c.n, c.typ, c.code, c.party); got != c.want {
			t.Errorf("formatNumber(%d, %q, %q, %v) = %q, want %q", c.n, c.typ, c.code, c.party, got, c.want)
		}
	}
	d := data("proposal", &corpus.Trip{Place: "Hà Nội", Date: date(2026, 1, 5)})
	if got := placeDate(d); got != "Hà Nội, ngày 05 tháng 01 năm 2026" {
		t.Errorf("placeDate = %q", got)
	}
	d = data("proposal", &corpus.Trip{Place: "Hà Nội", Date: date(2026, 11, 20)})
	if got := placeDate(d); got != "Hà Nội, ngày 20 tháng 11 năm 2026" {
		t.Errorf("placeDate = %q", got)
	}
	for _, c := range []struct{ auth, title, want string }{
		{"", "GIÁM ĐỐC", "GIÁM ĐỐC SỞ NGOẠI VỤ"},
		{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC SỞ NGOẠI VỤ"},
		{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN"},
		{"TM.", "CHỦ TỊCH", "SỞ NGOẠI VỤ"},
	} {
		if got := competence(templates.Signer{Authority: c.auth, Title: c.title}, "SỞ NGOẠI VỤ"); got != c.want {
			t.Errorf("competence(%q, %q) = %q, want %q", c.auth, c.title, got, c.want)
		}
	}
	if got := joinNonEmpty("TRƯỞNG BAN", "BAN TỔ CHỨC"); got != "TRƯỞNG BAN TỔ CHỨC" {
		t.Errorf("joinNonEmpty = %q", got)
	}
}

// TestRenderDeterministic: the same trip and clock give the same bytes, so
// that `vanthu demo` run again stores no new versions of its letters.
func TestRenderDeterministic(t *testing.T) {
	g := newTestGenerator(t)
	a, err := g.Render(context.Background(), "decision", stateTrip())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := g.Render(context.Background(), "decision", stateTrip())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two renders of the same trip differ")
		}
	}
}

// planText is the plan's strings, page after page, one per line.
func planText(p *Plan) string {
	var b strings.Builder
	for _, pg := range p.Pages {
		for _, t := range pg.Texts {
			b.WriteString(t.S)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// A report written before the costs are settled says so: never "0 đồng",
// and no comparison with the plan unless both figures are there.
func TestReportUnsettledCosts(t *testing.T) {
	g := newTestGenerator(t)
	tr := stateTrip() // planned costs only
	p, err := g.Plan(context.Background(), "report", tr)
	if err != nil {
		t.Fatal(err)
	}
	txt := planText(p)
	for _, bad := range []string{"0 đồng", "0,0%", "(bằng"} {
		if strings.Contains(txt, bad) {
			t.Errorf("unsettled report says %q", bad)
		}
	}
	if strings.Count(txt, "chưa quyết toán") < 2 {
		t.Errorf("unsettled report does not say chưa quyết toán:\n%s", txt)
	}
	// Settled: the total and the share of the plan.
	p, err = g.Plan(context.Background(), "report", withActuals(stateTrip()))
	if err != nil {
		t.Fatal(err)
	}
	if txt := planText(p); strings.Contains(txt, "chưa quyết toán") || !strings.Contains(txt, "% dự toán") {
		t.Errorf("settled report:\n%s", txt)
	}
}
