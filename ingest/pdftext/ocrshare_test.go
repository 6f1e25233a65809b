package pdftext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// OCR takes seconds a page, and several tests read the same scans with
// the same options (what the OCR found, what the handwriting pass read):
// they share one extraction per file and options.
var scanCache struct {
	sync.Mutex
	m map[string]*scanEntry
}

type scanEntry struct {
	once sync.Once
	res  Result
	err  error
}

// extractScan is extractFile, done once per path and options in the test
// binary. Callers must not modify the Result.
func extractScan(t testing.TB, path string, opts Options) Result {
	t.Helper()
	key := fmt.Sprintf("%s|%+v", path, opts)
	scanCache.Lock()
	if scanCache.m == nil {
		scanCache.m = map[string]*scanEntry{}
	}
	e := scanCache.m[key]
	if e == nil {
		e = &scanEntry{}
		scanCache.m[key] = e
	}
	scanCache.Unlock()
	e.once.Do(func() {
		f, err := os.Open(path)
		if err != nil {
			e.err = err
			return
		}
		defer f.Close()
		fi, _ := f.Stat()
		e.res, e.err = Extract(context.Background(), f, fi.Size(), opts)
	})
	if e.err != nil {
		t.Fatalf("%s: %v", path, e.err)
	}
	return e.res
}

// BenchmarkOCRScan compares vanthu's OCR of a scan (Extract with OCR: its
// pages rendered and read in parallel, one single-threaded tesseract per
// core) with pdftoppm and tesseract run directly on the same pages with the
// same parallelism and settings, and with vanthu on one core, in the same
// run. Metrics: seconds for the scan each way, vanthu/direct, and the
// speed-up of all cores over one.
//
//	go test ./ingest/pdftext -run '^$' -bench OCRScan -benchtime 1x
func BenchmarkOCRScan(b *testing.B) {
	dir := sharedtestPath(b, "corpus-real", "pdf", "scanned")
	file := filepath.Join(dir, "cv_2191_CT-CS_cuc_thue_2026.pdf")
	opts := DefaultOptions()
	tools := findOCRTools(context.Background(), opts)
	if tools.problem != "" {
		b.Skipf("OCR unavailable: %s", tools.problem)
	}
	one := opts
	one.Workers = 1
	pages := 0
	var vanthu, direct, single time.Duration
	for range b.N {
		start := time.Now()
		res := extractFileB(b, file, opts)
		vanthu += time.Since(start)
		pages = len(res.Pages)
		start = time.Now()
		directOCR(b, tools, file, pages, opts.Workers)
		direct += time.Since(start)
		start = time.Now()
		extractFileB(b, file, one)
		single += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(vanthu.Seconds()/n, "vanthu-s")
	b.ReportMetric(direct.Seconds()/n, "direct-s")
	b.ReportMetric(single.Seconds()/n, "vanthu-1core-s")
	b.ReportMetric(vanthu.Seconds()/direct.Seconds(), "vanthu/direct")
	b.ReportMetric(single.Seconds()/vanthu.Seconds(), "speedup")
	b.ReportMetric(float64(pages), "pages")
	b.Logf("%d pages, %d cores: vanthu %.1fs, direct %.1fs, vanthu on one core %.1fs", pages, runtime.NumCPU(), vanthu.Seconds()/n, direct.Seconds()/n, single.Seconds()/n)
}

func extractFileB(b *testing.B, path string, opts Options) Result {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	res, err := Extract(context.Background(), f, fi.Size(), opts)
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// directOCR renders and reads every page the way ocrPage does, without
// vanthu around it: pdftoppm at 300 dpi, tesseract vie with one thread,
// workers pages at a time.
func directOCR(b *testing.B, t ocrTools, file string, pages, workers int) {
	b.Helper()
	dir := b.TempDir()
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for n := 1; n <= pages; n++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(n int) {
			defer wg.Done()
			defer func() { <-sem }()
			prefix := filepath.Join(dir, fmt.Sprintf("p%d", n))
			if out, err := exec.Command(t.pdftoppm, "-r", "300", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-png", "-singlefile", file, prefix).CombinedOutput(); err != nil {
				b.Errorf("pdftoppm: %v: %s", err, out)
				return
			}
			cmd := exec.Command(t.tesseract, prefix+".png", prefix, "-l", "vie", "txt", "tsv")
			cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Errorf("tesseract: %v: %s", err, out)
			}
		}(n)
	}
	wg.Wait()
}
