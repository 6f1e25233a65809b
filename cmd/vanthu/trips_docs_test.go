package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/generate"
	tripreg "vanthu/register"
	"vanthu/web"
)

// fileGenerated fills a data directory's register with generated trips.
func fileGenerated(t *testing.T, data string, n int) *tripreg.Register {
	t.Helper()
	cfg := filestore.DefaultConfig()
	cfg.Dir = filepath.Join(data, corpusDir)
	st, err := filestore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := tripreg.Open(context.Background(), tripreg.Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tripreg.Generate(tripreg.GenConfig{N: n, Seed: 7, AsOf: corpus.Date{Year: 2026, Month: 12, Day: 1}}) {
		if _, _, err := reg.File(context.Background(), "test", e, ""); err != nil {
			t.Fatal(err)
		}
	}
	return reg
}

// TestTripsPlanAndReportDocuments writes the yearly documents of one unit
// through the CLI and reads them back: a PDF, and an XLSX with one row per
// delegation of the register's plan.
func TestTripsPlanAndReportDocuments(t *testing.T) {
	data := t.TempDir()
	reg := fileGenerated(t, data, 80)
	const unit = "Viện Khoa học Giáo dục Việt Nam"
	plan := reg.Plan(unit, 2026)
	if len(plan.Rows) == 0 {
		t.Fatal("the generated register has no planned trip of the unit in 2026")
	}
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "kh.pdf"), filepath.Join(dir, "kh.xlsx")
	for _, out := range []string{pdf, xlsx} {
		if code, stdout, errs := vt(t, "trips", "plan", "--year", "2026", "--unit", unit, "-o", out, "--data", data); code != 0 || !strings.Contains(stdout, out) {
			t.Fatalf("trips plan -o %s: exit %d\n%s%s", out, code, stdout, errs)
		}
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the plan is not a PDF")
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(generate.PlanSheet)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Title rows, header, column numbers, one row per delegation, the total.
	if got, want := len(rows), generate.XLSXTitleRows+2+len(plan.Rows)+1; got != want {
		t.Fatalf("plan sheet has %d rows, want %d", got, want)
	}
	for i, r := range plan.Rows {
		if got := rows[generate.XLSXTitleRows+2+i][1]; got != r.Name {
			t.Errorf("row %d: %q, want %q", i+1, got, r.Name)
		}
	}
	if !strings.Contains(rows[1][0], unit) {
		t.Errorf("the unit is not the header's: %q", rows[1][0])
	}

	rpdf, rxlsx := filepath.Join(dir, "bc.pdf"), filepath.Join(dir, "bc.xlsx")
	for _, out := range []string{rpdf, rxlsx} {
		if code, stdout, errs := vt(t, "trips", "report", "--year", "2026", "--as-of", "2026-12-01", "--unit", unit, "-o", out, "--data", data); code != 0 {
			t.Fatalf("trips report -o %s: exit %d\n%s%s", out, code, stdout, errs)
		}
	}
	if b, _ := os.ReadFile(rpdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the report is not a PDF")
	}
	f, err = excelize.OpenFile(rxlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ = f.GetRows(generate.ReportSheet)
	rep := reg.AnnualReport(tripreg.StatsOptions{From: corpus.Date{Year: 2026, Month: 1, Day: 1}, To: corpus.Date{Year: 2026, Month: 12, Day: 31},
		AsOf: corpus.Date{Year: 2026, Month: 12, Day: 1}, Unit: unit})
	if got, want := len(rows), generate.XLSXTitleRows+2+len(rep.Rows); got != want {
		t.Errorf("report sheet has %d rows, want %d", got, want)
	}
	if code, _, _ := vt(t, "trips", "report", "--year", "2026", "-o", filepath.Join(dir, "x.doc"), "--data", data); code != 2 {
		t.Errorf("a .doc output: exit %d, want 2", code)
	}
}

// TestDemoServesRegister: the demo's data directory, served, shows the
// register with the example trips in several states, one overdue, and the
// statistics page with its charts.
func TestDemoServesRegister(t *testing.T) {
	data := t.TempDir()
	if code, out, errs := vt(t, "demo", "--data", data, "--no-serve"); code != 0 {
		t.Fatalf("demo: %d\n%s%s", code, out, errs)
	}
	var errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &errb, stderr: &errb, getenv: func(string) string { return "" }}
	ctx := context.Background()
	a, err := openApp(ctx, e, data, appOptions{index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ix, err := a.needIndex()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		t.Fatal(err)
	}
	cfg := web.DefaultConfig()
	cfg.Store, cfg.Search, cfg.Trips = a.store, ix, reg
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) string {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d\n%s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	page := get("/trips")
	states := 0
	for _, s := range tripreg.Statuses() {
		if strings.Contains(page, `status-`+string(s)+`"`) {
			states++
		}
	}
	if states < 4 || !strings.Contains(page, `class="overdue"`) || !strings.Contains(page, "quá hạn") {
		t.Errorf("the demo's register shows %d states and no overdue trip:\n%s", states, page)
	}
	year := reg.Today().Year
	stats := get(fmt.Sprintf("/trips/stats?year=%d", year))
	if !strings.Contains(stats, "<svg") || !strings.Contains(stats, `id="kpi-delegations"`) {
		t.Errorf("statistics page:\n%s", stats)
	}
}
