package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/generate"
	tripreg "vanthu/register"
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
