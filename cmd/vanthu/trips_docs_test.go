package main

import (
	"bytes"
	"context"
	"encoding/json"
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
func fileGenerated(t *testing.T, data string, n int) {
	t.Helper()
	cfg := filestore.DefaultConfig()
	cfg.Dir = filepath.Join(data, corpusDir)
	st, err := filestore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := tripreg.Open(context.Background(), tripreg.Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tripreg.Generate(tripreg.GenConfig{N: n, Seed: 7, AsOf: corpus.Date{Year: 2026, Month: 12, Day: 1}}) {
		if _, _, err := reg.File(context.Background(), "test", e, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func runDoc(t *testing.T, fn func(context.Context, *env, []string) error, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err := fn(context.Background(), e, args)
	return out.String(), err
}

func TestTripsPlanAndReportFiles(t *testing.T) {
	data := t.TempDir()
	fileGenerated(t, data, 80)
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "kh.pdf"), filepath.Join(dir, "kh.xlsx")
	out, err := runDoc(t, tripsDocCommands["plan"], "--data", data, "--year", "2026", "--unit", "Viện Khoa học Giáo dục Việt Nam",
		"-o", pdf, "-o", xlsx, "--json")
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	var res struct {
		Plan  tripreg.Plan `json:"plan"`
		Files []string     `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("plan --json: %v\n%s", err, out)
	}
	if len(res.Files) != 2 || len(res.Plan.Rows) == 0 {
		t.Fatalf("plan: %d rows, files %v", len(res.Plan.Rows), res.Files)
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
	if got, want := len(rows), generate.XLSXTitleRows+2+len(res.Plan.Rows)+1; got != want {
		t.Errorf("plan sheet has %d rows, want %d", got, want)
	}
	if rows[generate.XLSXTitleRows+2][1] != res.Plan.Rows[0].Name {
		t.Errorf("first delegation %q, want %q", rows[generate.XLSXTitleRows+2][1], res.Plan.Rows[0].Name)
	}

	// The report, default file names, in the working directory given by -o.
	rpdf := filepath.Join(dir, "bc.pdf")
	out, err = runDoc(t, tripsDocCommands["report"], "--data", data, "--year", "2026", "--as-of", "2026-12-01", "-o", rpdf,
		"--issuer", "Bộ Giáo dục và Đào tạo", "--recipient", "Văn phòng Chính phủ")
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	if !strings.Contains(out, "Báo cáo đoàn ra từ 2026-01-01 đến 2026-12-31") || !strings.Contains(out, rpdf) {
		t.Errorf("report output:\n%s", out)
	}
	if b, _ := os.ReadFile(rpdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the report is not a PDF")
	}
	if _, err := runDoc(t, tripsDocCommands["report"], "--data", data, "-o", filepath.Join(dir, "x.doc")); err == nil {
		t.Error("a .doc output was accepted")
	}
	if _, err := runDoc(t, tripsDocCommands["report"], "--data", data, "--start", "1215"); err == nil {
		t.Error("--start 1215 was accepted")
	}
}
