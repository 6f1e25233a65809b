package web_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"vanthu/internal/democorpus"
	"vanthu/trip"
	"vanthu/web"
)

// browserCtx starts a real headless Chromium (Debian's chromium) or skips;
// when VANTHU_REQUIRE_BROWSER is set (.ci/run sets it once chromium is
// installed), a missing or failing browser fails the test instead, so that
// CI cannot pass without running it.
func browserCtx(t *testing.T) context.Context {
	t.Helper()
	return browserCtxFor(t, 90*time.Second)
}

// browserCtxFor is browserCtx with a longer run for tests that wait on OCR.
func browserCtxFor(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	skip := func(format string, args ...interface{}) {
		t.Helper()
		if os.Getenv("VANTHU_REQUIRE_BROWSER") != "" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	path := os.Getenv("VANTHU_CHROMIUM")
	if path == "" {
		for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if lp, err := exec.LookPath(p); err == nil {
				path = lp
				break
			}
		}
	}
	if path == "" {
		skip("chromium not installed (apt-get install chromium): skipping browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		skip("chromium did not start: %v", err)
	}
	return ctx
}

// waitVisible waits for sel on the page that a click or a submit has just
// started loading. Chromium drops the old page's JavaScript context during
// the navigation, and a query that lands in between fails with "Cannot find
// context with specified id" (a race of the DevTools protocol, not of the
// page): that error is retried, any other is returned.
func waitVisible(ctx context.Context, sel string) error {
	_, err := retryContextSwap(ctx, func(ctx context.Context) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel)))
	})
	return err
}

// staleDevTools reports the DevTools errors of such a race. CDP gives them
// no code of their own (-32000 is every server error), so their text is the
// only sign of them.
func staleDevTools(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context with specified id") ||
		strings.Contains(msg, "No node with given id found") ||
		strings.Contains(msg, "Could not find node with given id")
}

// retryContextSwap runs an action again while Chromium answers that the
// page's JavaScript context or the node it found is gone: a click that
// submits a form before the page's script has taken it over loads a new
// page, and a script that redraws a part of the page replaces its nodes; a
// query sent meanwhile fails (a DevTools race, not a finding).
func retryContextSwap[T any](ctx context.Context, run func(context.Context) (T, error)) (T, error) {
	var v T
	var err error
	for range 50 {
		v, err = run(ctx)
		if err == nil || !staleDevTools(err) {
			return v, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return v, err
}

// shotDir is where screenshots go for a person to look at: VANTHU_E2E_OUT,
// else the test's artifact directory (kept with `go test -artifacts`).
func shotDir(t *testing.T) string {
	if d := os.Getenv("VANTHU_E2E_OUT"); d != "" {
		os.MkdirAll(d, 0o755)
		return d
	}
	return t.ArtifactDir()
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(shotDir(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: %s", p)
}

func TestBrowserSearchReadDraftFile(t *testing.T) {
	ctx := browserCtx(t)
	trips := democorpus.Trips()
	f := newFixture(t, func(c *web.Config) {
		if len(trips) > 0 {
			if tr, err := trip.Parse(trips[len(trips)-1].Data, "sample"); err == nil {
				c.Sample = &tr
			}
		}
	})
	base := f.srv.URL

	// Search with diacritics, then without: both find the directive.
	for i, q := range []string{"quản lý đoàn ra", "quan ly doan ra"} {
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), q),
			chromedp.Submit(chromedp.ID("q")),
		)
		err = errors.Join(err, waitVisible(ctx, `section.results[data-searching] li.hit`))
		results, err2 := retryContextSwap(ctx, func(ctx context.Context) (string, error) {
			return chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`section.results`)))
		})
		if err = errors.Join(err, err2); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if !strings.Contains(results, "05/CT-UBND") {
			t.Errorf("search %q: the directive 05/CT-UBND is not among the results:\n%s", q, results)
		}
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		if !strings.Contains(loc, "q=") {
			t.Errorf("the URL does not hold the query: %s", loc)
		}
		if i == 1 {
			screenshot(t, ctx, "1-search-no-diacritics")
		}
	}

	// Open a document from the results.
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`ol.hits li.hit a.title`)),
	)
	err = errors.Join(err, waitVisible(ctx, `article.doc h1`))
	fields, err2 := retryContextSwap(ctx, func(ctx context.Context) (string, error) {
		return chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`table.fields`)))
	})
	if err = errors.Join(err, err2); err != nil {
		t.Fatalf("open document: %v", err)
	}
	if !strings.Contains(fields, "Lấy từ") || !strings.Contains(fields, "dòng") {
		t.Errorf("document page fields: %s", fields)
	}
	screenshot(t, ctx, "2-document")

	// Draft: the live check runs, then a PDF is downloaded.
	dl := t.TempDir()
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl, EventsEnabled: new(true)})
	if err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/draft"),
		chromedp.WaitVisible(chromedp.CSS(`form#draft`)),
		chromedp.Click(chromedp.CSS(`button[value="check"]`)),
	)
	err = errors.Join(err, waitVisible(ctx, `#findings .findings`))
	findings, err2 := retryContextSwap(ctx, func(ctx context.Context) (string, error) {
		return chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#findings`)))
	})
	if err = errors.Join(err, err2); err != nil {
		t.Fatalf("draft check: %v", err)
	}
	if !strings.Contains(findings, "Kết quả kiểm tra") || !strings.Contains(findings, "Căn cứ") {
		t.Errorf("findings: %s", findings)
	}
	// Editing a field triggers the live check (fetch to /draft/check).
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="purpose"], textarea[name="purpose"]`), " Trao đổi kinh nghiệm."),
		chromedp.Sleep(1200*time.Millisecond),
	)
	if err != nil {
		t.Fatalf("live check: %v", err)
	}
	screenshot(t, ctx, "3-draft")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[value="pdf-proposal"]`))); err != nil {
		t.Fatalf("download: %v", err)
	}
	var pdf string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		m, _ := filepath.Glob(filepath.Join(dl, "*.pdf"))
		if len(m) > 0 {
			pdf = m[0]
			break
		}
	}
	if pdf == "" {
		t.Fatal("no PDF downloaded from the drafting page")
	}
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("downloaded file is not a PDF: %s", pdf)
	}

	// File: upload a text document and see its metadata.
	up := filepath.Join(t.TempDir(), "cv-301.txt")
	os.WriteFile(up, []byte("UBND TỈNH QUẢNG NINH\nSỞ NGOẠI VỤ\nSố: 301/SNgV-LS\nHạ Long, ngày 12 tháng 02 năm 2026\nV/v đôn đốc báo cáo kết quả đoàn ra\nKính gửi: Các sở, ban, ngành.\nNội dung.\n"), 0o644)
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/file"),
		chromedp.WaitVisible(chromedp.CSS(`form.upload`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"]`), []string{up}),
		chromedp.Click(chromedp.CSS(`form.upload button[type="submit"]`)),
	)
	err = errors.Join(err, waitVisible(ctx, `table.results-table`))
	table, err2 := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`table.results-table`)))
	if err = errors.Join(err, err2); err != nil {
		t.Fatalf("upload: %v", err)
	}
	if !strings.Contains(table, "301/SNgV-LS") || !strings.Contains(table, "Đã lưu") {
		t.Errorf("upload result: %s", table)
	}
	screenshot(t, ctx, "4-file")
}
