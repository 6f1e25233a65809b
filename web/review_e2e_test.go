package web_test

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdftext"
	"vanthu/ingest/plaintext"
	"vanthu/review"
	"vanthu/web"
)

// ocrPDF reads PDFs with OCR of scanned pages, as `vanthu serve` does.
type ocrPDF struct{}

func (ocrPDF) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	opts := pdftext.DefaultOptions()
	opts.OCR = true
	r, err := pdftext.Extract(ctx, bytes.NewReader(in.Data), int64(len(in.Data)), opts)
	if err != nil {
		return ingest.Extracted{}, err
	}
	return ingest.Extracted{Text: r.Text(), Pages: r.CorpusPages(), Extractor: r.Extractor, Status: r.Status,
		Quality: r.Quality, Message: r.Message, Warnings: r.Warnings}, nil
}

type reviewFixture struct {
	url   string
	desk  *review.Desk
	store *review.Store
	pipe  *ingest.Pipeline
}

// newReviewDesk serves the desk over a review.Store, wired as `vanthu serve`
// wires it: ingest and the desk both keep the index current.
func newReviewDesk(t *testing.T) *reviewFixture {
	t.Helper()
	ctx := context.Background()
	rs, err := review.NewStore(ctx, memstore.New())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.DefaultConfig(filepath.Join(t.TempDir(), "index")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	pipe, err := ingest.New(ingest.Config{Store: rs, Parser: p, Indexer: review.GuardedIndex{Store: rs, Next: ix},
		Extractors: map[string]ingest.Extractor{ingest.FormatText: plaintext.Extractor{}, ingest.FormatPDF: ocrPDF{}}})
	if err != nil {
		t.Fatal(err)
	}
	desk := &review.Desk{Store: rs, Index: ix}
	cfg := web.DefaultConfig()
	cfg.Search, cfg.Ingest, cfg.Review, cfg.Parse = ix, pipe, desk, p.Parse
	cfg.RequestTimeout = 4 * time.Minute
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &reviewFixture{url: srv.URL, desk: desk, store: rs, pipe: pipe}
}

func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("VANTHU_REQUIRE_BROWSER") != "" {
			t.Fatal("tesseract is needed by the review browser test")
		}
		t.Skip("tesseract not installed")
	}
}

// A clerk files a scan whose handwritten number is smudged, finds it in
// "Cần kiểm tra", corrects the number on its page, finds it by that number,
// files the scan again and the correction stays; then compares the versions,
// withdraws and restores it, and marks it checked.
func TestBrowserReviewCorrectScan(t *testing.T) {
	needTesseract(t)
	ctx := browserCtxFor(t, 5*time.Minute)
	f := newReviewDesk(t)
	scan, err := filepath.Abs("testdata/scan-smudged.pdf")
	if err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	upload := func() string {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(f.url+"/file"),
			chromedp.WaitVisible(chromedp.CSS(`form.upload`)),
			chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"]`), []string{scan}),
			chromedp.Click(chromedp.CSS(`form.upload button[type="submit"]`)),
		)
		if err = errors.Join(err, waitVisible(ctx, `table.results-table`)); err != nil {
			t.Fatalf("upload: %v", err)
		}
		return text(`table.results-table`)
	}
	search := func(q string) string {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(f.url+"/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), q),
			chromedp.Submit(chromedp.ID("q")),
		)
		if err = errors.Join(err, waitVisible(ctx, `section.results[data-searching]`)); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return text(`section.results`)
	}

	// 1. File the scan: it is stored, OCR'd, and flagged.
	res := upload()
	if !strings.Contains(res, "Đã lưu") || !strings.Contains(res, "cần kiểm tra") || !strings.Contains(res, "Số ký hiệu") {
		t.Fatalf("upload of the scan: %s", res)
	}
	screenshot(t, ctx, "review-1-filed")
	var id string
	f.store.Inner().Each(context.Background(), func(d corpus.Document) error { id = d.ID; return nil })
	if id == "" {
		t.Fatal("nothing stored")
	}
	if r := search("cử cán bộ đi công tác Nhật Bản"); !strings.Contains(r, "cần kiểm tra") {
		t.Errorf("the search page does not mark the scan as to check:\n%s", r)
	}

	// 2. "Cần kiểm tra": the scan is there, its number named.
	err = chromedp.Do(ctx, chromedp.Navigate(f.url+"/review"), chromedp.WaitVisible(chromedp.CSS(`li.queue-item`)))
	if err != nil {
		t.Fatal(err)
	}
	q := text(`ol.queue`)
	if !strings.Contains(q, "Số ký hiệu") || !strings.Contains(q, "upload/scan-smudged.pdf") {
		t.Errorf("review queue: %s", q)
	}
	screenshot(t, ctx, "review-2-queue")

	// 3. Its page shows the warning beside the number and the OCR
	// confidence of the page; correct the number there.
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`li.queue-item a.title`)))
	if err = errors.Join(err, waitVisible(ctx, `#correct`)); err != nil {
		t.Fatal(err)
	}
	if row := text(`tr[data-field="number"]`); !strings.Contains(row, "implausible") && !strings.Contains(row, "chưa đọc được") {
		t.Errorf("the number's row has no warning: %s", row)
	}
	if pages := text(`table.page-list`); !strings.Contains(pages, "OCR") || !strings.Contains(pages, "%") {
		t.Errorf("pages table: %s", pages)
	}
	screenshot(t, ctx, "review-3-document")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("f_number"), "15/UBND-KT"),
		chromedp.SetValue(chromedp.ID("by"), "Nguyễn Thị Lan"),
		chromedp.Click(chromedp.ID("save")),
	)
	if err = errors.Join(err, waitVisible(ctx, `#done`)); err != nil {
		t.Fatal(err)
	}
	if row := text(`tr[data-field="number"]`); !strings.Contains(row, "15/UBND-KT") || !strings.Contains(row, "người sửa") {
		t.Errorf("after the correction the number's row reads: %s", row)
	}
	if h := text(`ol.history`); !strings.Contains(h, "Nguyễn Thị Lan") {
		t.Errorf("history: %s", h)
	}

	// 4. Search by the corrected number, in another spelling.
	if r := search("15 ubnd kt"); !strings.Contains(r, "15/UBND-KT") {
		t.Errorf("search for the corrected number:\n%s", r)
	}

	// 5. File the same scan again: the correction stays.
	res = upload()
	if !strings.Contains(res, "15/UBND-KT") {
		t.Errorf("re-filing the scan: %s", res)
	}
	if r := search("15/UBND-KT"); !strings.Contains(r, "15/UBND-KT") {
		t.Errorf("after re-filing, search for the corrected number:\n%s", r)
	}

	// 6. Compare the machine's reading with the correction.
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`li.hit a.title`)))
	err = errors.Join(err, waitVisible(ctx, `#compare-btn`))
	err = errors.Join(err, chromedp.Do(ctx, chromedp.Click(chromedp.ID("compare-btn"))))
	if err = errors.Join(err, waitVisible(ctx, `#diff`)); err != nil {
		t.Fatal(err)
	}
	if d := text(`#diff`); !strings.Contains(d, "Số ký hiệu") || !strings.Contains(d, "15/UBND-KT") {
		t.Errorf("version diff: %s", d)
	}
	screenshot(t, ctx, "review-4-diff")

	// 7. Withdraw: gone from search; restore: back.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#withdraw-box summary`)),
		chromedp.SetValue(chromedp.CSS(`form[action$="/withdraw"] input[name=by]`), "Nguyễn Thị Lan"),
		chromedp.Click(chromedp.ID("withdraw")),
	)
	if err = errors.Join(err, waitVisible(ctx, `#withdrawn`)); err != nil {
		t.Fatal(err)
	}
	if r := search("15 ubnd kt"); strings.Contains(r, "15/UBND-KT") {
		t.Errorf("a withdrawn document is still found:\n%s", r)
	}
	if n, _ := f.store.Len(context.Background()); n != 0 {
		t.Errorf("Len after withdrawal: %d", n)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.url+"/documents/"+id),
		chromedp.WaitVisible(chromedp.ID("restore")),
		chromedp.SetValue(chromedp.CSS(`form[action$="/restore"] input[name=by]`), "Nguyễn Thị Lan"),
		chromedp.Click(chromedp.ID("restore")),
	)
	if err = errors.Join(err, waitVisible(ctx, `#done`)); err != nil {
		t.Fatal(err)
	}
	if r := search("15 ubnd kt"); !strings.Contains(r, "15/UBND-KT") {
		t.Errorf("the restored document is not found:\n%s", r)
	}

	// 8. Checked: off the queue.
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.url+"/documents/"+id),
		chromedp.WaitVisible(chromedp.CSS(`#correct-box summary`)),
		chromedp.Click(chromedp.CSS(`#correct-box summary`)),
		chromedp.WaitVisible(chromedp.ID("mark-reviewed")),
		chromedp.SetValue(chromedp.CSS(`form[action$="/reviewed"] input[name=by]`), "Nguyễn Thị Lan"),
		chromedp.Click(chromedp.ID("mark-reviewed")),
	)
	if err = errors.Join(err, waitVisible(ctx, `#done`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(f.url+"/review"), chromedp.WaitVisible(chromedp.CSS(`ol.queue`)))
	if err != nil {
		t.Fatal(err)
	}
	if q := text(`ol.queue`); !strings.Contains(q, "Không có văn bản nào cần kiểm tra") {
		t.Errorf("queue after đã kiểm tra: %s", q)
	}
	screenshot(t, ctx, "review-5-empty-queue")
}
