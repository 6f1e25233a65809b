package cluster_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vanthu/cluster"
	"vanthu/corpus"
	"vanthu/corpus/natsstore"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdftext"
	"vanthu/internal/sharedtest"
)

// pageCluster is one embedded server with a store, a queue, and an ingest
// pipeline whose scans are read page by page by the queue's page workers.
type pageCluster struct {
	st   *natsstore.Store
	q    *cluster.Queue
	pl   *ingest.Pipeline
	read atomic.Int32 // pages the page workers read
}

func newPageCluster(t *testing.T, ctx context.Context, qcfg cluster.QueueConfig, pageOpts pdftext.Options, pageWorkers int) *pageCluster {
	t.Helper()
	nc := singleServer(t)
	st, err := natsstore.New(ctx, nc, natsstore.Config{Name: "pages"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	qcfg.Name, qcfg.Memory = "pages", true
	if qcfg.GaveUp == nil {
		qcfg.GaveUp = func(j cluster.Job, err error) { _ = cluster.RecordGaveUp(context.Background(), st, j, err, time.Now()) }
	}
	q, err := cluster.NewQueue(ctx, nc, qcfg)
	if err != nil {
		t.Fatal(err)
	}
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	popts := pdftext.DefaultOptions()
	popts.PageOCR = cluster.PageReader{Store: st, Queue: q, OCRLanguage: popts.OCRLanguage, OCRDPI: popts.OCRDPI, Poll: 50 * time.Millisecond}
	popts.TesseractPath = filepath.Join(t.TempDir(), "not-here") // the ingest side never OCRs itself
	pl, err := ingest.New(ingest.Config{Store: st, Parser: p, Extractors: map[string]ingest.Extractor{ingest.FormatPDF: pdfExtractor{popts}}})
	if err != nil {
		t.Fatal(err)
	}
	c := &pageCluster{st: st, q: q, pl: pl}
	h := cluster.PageHandler(st, pageOpts, time.Now)
	wctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range pageWorkers {
		wg.Go(func() {
			_ = q.Work(wctx, cluster.KindOCRPage, func(ctx context.Context, j cluster.Job) error {
				err := h(ctx, j)
				if err == nil {
					c.read.Add(1)
				}
				return err
			})
		})
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
	return c
}

// A four-page scan ingested through a pipeline whose pages the cluster
// reads: each page is a job done by the page workers, the document is
// stored as read by OCR, and the same scan ingested again under another
// name reads no page twice.
func TestScanPagesReadByTheCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	data, err := os.ReadFile(filepath.Join(sharedtest.Path(t, "corpus-real", "pdf", "scanned"), "qn_chi_thi_07_CT-UBND_2018_scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := newPageCluster(t, ctx, cluster.QueueConfig{}, pdftext.DefaultOptions(), 2)
	r, err := c.pl.Ingest(ctx, ingest.Input{Name: "chi-thi-07.pdf", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.st.Get(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Source.Status != corpus.StatusOK || len(d.Source.Pages) != 4 {
		t.Fatalf("stored %s with %d pages (%s), want ok and 4", d.Source.Status, len(d.Source.Pages), d.Source.Message)
	}
	for _, pg := range d.Source.Pages {
		if pg.Source != "ocr" {
			t.Errorf("page %d read from %q, want ocr", pg.Number, pg.Source)
		}
	}
	text := d.Text
	for _, w := range []string{"CHỈ THỊ", "/CT-UBND", "21.03.2018 16:41:00 +07:00"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	if n := c.read.Load(); n != 4 {
		t.Errorf("%d pages read by the page workers, want 4", n)
	}
	// Read again (an OCR retry, the same scan under another name): the
	// readings stored are used, no page is read twice.
	pr := cluster.PageReader{Store: c.st, Queue: c.q, OCRLanguage: "vie", OCRDPI: 300, Poll: 50 * time.Millisecond}
	rds, err := pr.ReadPages(ctx, bytes.NewReader(data), int64(len(data)), []int{1, 2, 3, 4})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.read.Load(); n != 4 {
		t.Errorf("after reading the same scan again: %d pages read, want still 4", n)
	}
	for k, rd := range rds {
		if rd.Failed != "" || !strings.Contains(text, strings.TrimSpace(strings.SplitN(rd.Text, "\n", 2)[0])) {
			t.Errorf("page %d read again: %+v, not the stored reading", k+1, rd)
		}
	}
}

// Pages no worker can read (no tesseract anywhere) are given up by the
// queue and the document is stored needs-ocr naming them, instead of its
// worker waiting forever.
func TestScanPagesNobodyCanRead(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedtest.Path(t, "corpus-real", "pdf", "scanned"), "qn_cv_575_UBND_scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	blind := pdftext.DefaultOptions()
	blind.TesseractPath = filepath.Join(t.TempDir(), "no-tesseract")
	c := newPageCluster(t, ctx, cluster.QueueConfig{AckWait: 400 * time.Millisecond, MaxDeliver: 2}, blind, 1)
	r, err := c.pl.Ingest(ctx, ingest.Input{Name: "cv-575.pdf", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.st.Get(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Source.Status != corpus.StatusNeedsOCR || !strings.Contains(d.Source.Message, "OCR failed on pages 1") {
		t.Errorf("stored %s %q, want needs-ocr naming page 1", d.Source.Status, d.Source.Message)
	}
	if !strings.Contains(strings.Join(d.Source.Pages[0].Warnings, "\n"), "no worker could read it") {
		t.Errorf("page 1 warnings %q do not say why", d.Source.Pages[0].Warnings)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatal("timed out")
	}
}
