package cluster_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/cluster"
	"vanthu/corpus"
	"vanthu/corpus/natsstore"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdftext"
	"vanthu/internal/machinespeed"
	"vanthu/internal/natsembed"
	"vanthu/internal/sharedtest"
)

// BenchmarkOCRWorkers OCRs a folder of scans (the real scans of
// ../shared/corpus-real/pdf/scanned and web/testdata's smudged scan) through
// the queue with 1, 2 and 4 workers on one embedded server, and the
// longest of them alone (four pages), two ways each:
// "document", each worker reading a whole scan one page at a time (ingest
// jobs only), and "pages", each scan's pages queued as page jobs that the
// workers share (cluster.PageReader, as `vanthu worker` does). Each worker
// OCRs one page at a time, so the scaling measured is the queue's, not
// tesseract's own. Each iteration stores fresh copies (a comment appended
// after %%EOF changes the sha256, not the pages), so nothing is found
// already stored.
//
//	VANTHU_SHARED=/path/to/shared go test ./cluster -run '^$' -bench OCRWorkers -benchtime 1x
func BenchmarkOCRWorkers(b *testing.B) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		b.Skip("tesseract not installed")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		b.Skip("pdftoppm not installed")
	}
	paths, _ := filepath.Glob(filepath.Join(sharedtest.Path(b, "corpus-real", "pdf", "scanned"), "*.pdf"))
	paths = append(paths, "../web/testdata/scan-smudged.pdf")
	var scans [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		scans = append(scans, data)
	}
	srv, err := natsembed.Start(natsembed.Config{Name: "bench", Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	b.Logf("machine: %s", machinespeed.String())
	run := 0
	// "folder" is every scan; "one-scan" the four-page Chỉ thị alone, where
	// reading a whole document per worker cannot use a second core.
	sets := map[string][][]byte{"folder": scans, "one-scan": {scans[slices.IndexFunc(paths, func(p string) bool {
		return strings.Contains(p, "qn_chi_thi_07")
	})]}}
	for _, set := range []string{"folder", "one-scan"} {
		for _, mode := range []string{"document", "pages"} {
			for _, workers := range []int{1, 2, 4} {
				b.Run(fmt.Sprintf("%s/%s/workers=%d", set, mode, workers), func(b *testing.B) {
					pages := 0
					for b.Loop() {
						run++
						pages += ocrRun(b, nc, sets[set], workers, run, mode == "pages")
					}
					b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
				})
			}
		}
	}
}

func ocrRun(b *testing.B, nc *nats.Conn, scans [][]byte, workers, run int, byPage bool) int {
	ctx := context.Background()
	name := fmt.Sprintf("ocr%d", run)
	st, err := natsstore.New(ctx, nc, natsstore.Config{Name: name})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q, err := cluster.NewQueue(ctx, nc, cluster.QueueConfig{Name: name, AckWait: time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	for i, s := range scans {
		data := append(append([]byte(nil), s...), fmt.Sprintf("\n%%vanthu-bench %d\n", run)...)
		if _, err := cluster.EnqueueOriginal(ctx, st, q, cluster.Job{Name: fmt.Sprintf("scan-%d.pdf", i)}, data); err != nil {
			b.Fatal(err)
		}
	}
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	popts := pdftext.DefaultOptions()
	popts.Workers = 1
	pageOpts := popts
	if byPage {
		popts.PageOCR = cluster.PageReader{Store: st, Queue: q, OCRLanguage: popts.OCRLanguage, OCRDPI: popts.OCRDPI}
	}
	pl, err := ingest.New(ingest.Config{Store: st, Parser: p, Extractors: map[string]ingest.Extractor{ingest.FormatPDF: pdfExtractor{popts}}})
	if err != nil {
		b.Fatal(err)
	}
	wctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { _ = q.Work(wctx, cluster.KindIngest, cluster.IngestHandler(st, pl)) })
		if byPage {
			wg.Go(func() { _ = q.Work(wctx, cluster.KindOCRPage, cluster.PageHandler(st, pageOpts, time.Now)) })
		}
	}
	for {
		n, err := q.Pending(ctx)
		if err == nil && n == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	pages := 0
	err = st.Each(ctx, func(d corpus.Document) error {
		for _, pg := range d.Source.Pages {
			if pg.Source == "ocr" {
				pages++
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if n, _ := st.Len(ctx); n != len(scans) || pages == 0 {
		b.Fatalf("%d documents stored, %d pages OCR'd; want %d documents", n, pages, len(scans))
	}
	return pages
}
