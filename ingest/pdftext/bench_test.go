package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkExtractTextLayer extracts every text-layer PDF of corpus-real
// (OCR off) and reports pages per second.
//
//	go test -run XXX -bench ExtractTextLayer -benchtime 5x ./ingest/pdftext
func BenchmarkExtractTextLayer(b *testing.B) {
	files := textLayerPDFs(b)
	datas := make([][]byte, len(files))
	for i, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		datas[i] = d
	}
	opts := DefaultOptions()
	opts.OCR = false
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range datas {
			res, err := Extract(context.Background(), bytes.NewReader(d), int64(len(d)), opts)
			if err != nil {
				b.Fatal(err)
			}
			pages += len(res.Pages)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// TestMeasureVsPdftotext prints the table of docs/benchmarks/pdftext.md:
// per file, the agreement with pdftotext and pages per second of both (best of
// PDFTEXT_BENCH_RUNS runs; pdftotext timed as the command it is, process
// start included). Gated: PDFTEXT_BENCH=1 go test -run TestMeasureVsPdftotext -v ./ingest/pdftext
func TestMeasureVsPdftotext(t *testing.T) {
	if os.Getenv("PDFTEXT_BENCH") == "" {
		t.Skip("set PDFTEXT_BENCH=1 to measure")
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	runs := 5
	fmt.Sscan(os.Getenv("PDFTEXT_BENCH_RUNS"), &runs)
	opts := DefaultOptions()
	opts.OCR = false
	var sb strings.Builder
	sb.WriteString("| file | pages | agreement | pdftext pages/s | pdftotext pages/s | ratio | pdftext pages/CPU-s | pdftotext pages/CPU-s | CPU ratio |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var totPages int
	var totOurs, totRef, totOursCPU, totRefCPU time.Duration
	var aNum, aDen float64
	for _, path := range textLayerPDFs(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Runs alternate between the two so that a busy machine slows both.
		// CPU time is reported too: on a shared machine wall time mostly
		// measures waiting for a CPU.
		var res Result
		var out []byte
		ours, ref := time.Duration(1<<62), time.Duration(1<<62)
		oursCPU, refCPU := time.Duration(1<<62), time.Duration(1<<62)
		for r := 0; r < runs; r++ {
			start, c0 := time.Now(), selfCPU()
			res, err = Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
			if err != nil {
				t.Fatal(err)
			}
			ours = min(ours, time.Since(start))
			oursCPU = min(oursCPU, selfCPU()-c0)
			start = time.Now()
			cmd := exec.Command(bin, "-enc", "UTF-8", path, "-")
			out, err = cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			ref = min(ref, time.Since(start))
			refCPU = min(refCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		}
		pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
		a := fileAgreement(res, pages)
		w := float64(len(normalizeWS(string(out))))
		aNum += a * w
		aDen += w
		n := len(res.Pages)
		totPages += n
		totOurs += ours
		totRef += ref
		totOursCPU += oursCPU
		totRefCPU += refCPU
		fmt.Fprintf(&sb, "| %s | %d | %.4f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |\n", filepath.Base(path), n, a,
			float64(n)/ours.Seconds(), float64(n)/ref.Seconds(), ref.Seconds()/ours.Seconds(),
			float64(n)/oursCPU.Seconds(), float64(n)/refCPU.Seconds(), refCPU.Seconds()/oursCPU.Seconds())
	}
	fmt.Fprintf(&sb, "| **all** | %d | %.4f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |\n", totPages, aNum/aDen,
		float64(totPages)/totOurs.Seconds(), float64(totPages)/totRef.Seconds(), totRef.Seconds()/totOurs.Seconds(),
		float64(totPages)/totOursCPU.Seconds(), float64(totPages)/totRefCPU.Seconds(), totRefCPU.Seconds()/totOursCPU.Seconds())
	t.Log("\n" + sb.String())
}

// TestMeasureOCR prints OCR throughput on the scans of corpus-real (measured
// apart from the text layer, whose speed is another matter). Gated:
// PDFTEXT_BENCH=1 go test -run TestMeasureOCR -v ./ingest/pdftext
func TestMeasureOCR(t *testing.T) {
	if os.Getenv("PDFTEXT_BENCH") == "" {
		t.Skip("set PDFTEXT_BENCH=1 to measure")
	}
	opts := DefaultOptions()
	if tools := findOCRTools(context.Background(), opts); tools.problem != "" {
		t.Skipf("OCR unavailable: %s", tools.problem)
	}
	dir := sharedtestPath(t, "corpus-real", "pdf", "scanned")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var sb strings.Builder
	fmt.Fprintf(&sb, "workers %d\n| file | pages | seconds | pages/s | mean confidence |\n|---|---:|---:|---:|---:|\n", opts.Workers)
	for _, f := range files {
		start := time.Now()
		res := extractFile(t, f, opts)
		d := time.Since(start)
		var conf float64
		for _, p := range res.Pages {
			conf += p.OCRConfidence
		}
		fmt.Fprintf(&sb, "| %s | %d | %.1f | %.2f | %.1f |\n", filepath.Base(f), len(res.Pages), d.Seconds(),
			float64(len(res.Pages))/d.Seconds(), conf/float64(len(res.Pages)))
	}
	t.Log("\n" + sb.String())
}
