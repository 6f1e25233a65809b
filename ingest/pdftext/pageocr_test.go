package pdftext

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// pagesHere is a PageOCR that reads each page with ReadPage, all at once, as
// a cluster's workers would.
type pagesHere struct {
	opts  Options
	mu    sync.Mutex
	asked []int
}

func (p *pagesHere) ReadPages(ctx context.Context, r io.ReaderAt, size int64, pages []int) ([]PageReading, error) {
	p.mu.Lock()
	p.asked = append(p.asked, pages...)
	p.mu.Unlock()
	out := make([]PageReading, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	for k, n := range pages {
		wg.Go(func() { out[k], errs[k] = ReadPage(ctx, r, size, n, p.opts) })
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// A scan read page by page through PageOCR (each page by ReadPage, as a
// worker elsewhere does) reads exactly as one read here.
func TestPageOCRReadsAsHere(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	file := filepath.Join(sharedtestPath(t, "corpus-real", "pdf", "scanned"), "qn_cv_575_UBND_scan.pdf")
	opts := DefaultOptions()
	if tools := findOCRTools(context.Background(), opts); tools.problem != "" {
		t.Skipf("OCR unavailable: %s", tools.problem)
	}
	here := extractScan(t, file, opts)
	remote := &pagesHere{opts: opts}
	ropts := opts
	ropts.PageOCR = remote
	// Tools that do not exist: the pages must not be read in this process.
	ropts.TesseractPath = filepath.Join(t.TempDir(), "no-tesseract")
	got := extractFile(t, file, ropts)
	if len(remote.asked) != len(here.Pages) {
		t.Errorf("asked for pages %v, want all %d", remote.asked, len(here.Pages))
	}
	if got.Status != here.Status || got.Extractor != here.Extractor || got.Text() != here.Text() {
		t.Errorf("through PageOCR: status %s extractor %s, text differs: %v; here: %s %s", got.Status, got.Extractor, got.Text() != here.Text(), here.Status, here.Extractor)
	}
	if !reflect.DeepEqual(got.Pages, here.Pages) || !reflect.DeepEqual(got.Warnings, here.Warnings) {
		t.Errorf("pages or warnings differ:\n%+v\n%+v", got.Pages, here.Pages)
	}
}

type failingPages struct{ err error }

func (f failingPages) ReadPages(_ context.Context, _ io.ReaderAt, _ int64, pages []int) ([]PageReading, error) {
	if f.err != nil {
		return nil, f.err
	}
	out := make([]PageReading, len(pages))
	for k := range out {
		out[k].Failed = "tesseract: exit status 1: cannot read"
	}
	return out, nil
}

// Pages PageOCR could not read leave the document needs-ocr, naming them;
// PageOCR without an answer fails the extraction (nothing stored that a
// retry would read).
func TestPageOCRFailures(t *testing.T) {
	file := filepath.Join(sharedtestPath(t, "corpus-real", "pdf", "scanned"), "qn_chi_thi_07_CT-UBND_2018_scan.pdf")
	opts := DefaultOptions()
	opts.PageOCR = failingPages{}
	res := extractFile(t, file, opts)
	if res.Status != "needs-ocr" || res.Message != "OCR failed on pages 1, 2, 3, 4 (see warnings)" {
		t.Errorf("status %s message %q", res.Status, res.Message)
	}
	if len(res.Pages) == 0 || !strings.Contains(strings.Join(res.Pages[0].Warnings, "\n"), "cannot read") {
		t.Errorf("page 1 warnings %q lack the reason", res.Pages[0].Warnings)
	}
	opts.PageOCR = failingPages{err: context.DeadlineExceeded}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	if _, err := Extract(context.Background(), f, fi.Size(), opts); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Extract with PageOCR failing: %v, want its error", err)
	}
}

// ReadPage says when this machine cannot OCR, and refuses page 0.
func TestReadPageErrors(t *testing.T) {
	file := filepath.Join(sharedtestPath(t, "corpus-real", "pdf", "scanned"), "qn_chi_thi_07_CT-UBND_2018_scan.pdf")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReader(string(data))
	opts := DefaultOptions()
	if _, err := ReadPage(context.Background(), r, int64(len(data)), 0, opts); err == nil {
		t.Error("page 0 read")
	}
	opts.TesseractPath = filepath.Join(t.TempDir(), "no-tesseract")
	if _, err := ReadPage(context.Background(), r, int64(len(data)), 1, opts); !errors.Is(err, ErrNoOCR) {
		t.Errorf("without tesseract: %v, want ErrNoOCR", err)
	}
}
