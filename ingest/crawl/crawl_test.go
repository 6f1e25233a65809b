package crawl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/text/unicode/norm"

	"vanthu/corpus"
	"vanthu/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func loadTestSource(t testing.TB) Source {
	t.Helper()
	srcs, err := LoadSources(filepath.Join("testdata", "songoaivu.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return srcs[0]
}

// goldenInput is what the golden file keeps of an input: not the fetch time.
type goldenInput struct {
	Name   string            `json:"name"`
	MIME   string            `json:"mime"`
	Of     string            `json:"of,omitempty"`
	Size   int               `json:"size"`
	SHA256 string            `json:"sha256"`
	Fields map[string]string `json:"fields,omitempty"`
}

func checkGolden(t *testing.T, name string, inputs []ingest.Input) {
	t.Helper()
	var got []goldenInput
	for _, in := range inputs {
		got = append(got, goldenInput{Name: in.Name, MIME: in.MIME, Of: in.Of, Size: len(in.Data), SHA256: corpus.SHA256(in.Data), Fields: in.Fields})
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Name < got[j].Name })
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("inputs differ from %s (run with -update after checking):\n%s", path, b)
	}
}

func TestCrawlPortal(t *testing.T) { synctest.Test(t, testCrawlPortal) }

func testCrawlPortal(t *testing.T) {
	site := portalSite(t)
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	ctx := context.Background()

	// Run 1: everything is new.
	rep, err := c.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	inputs := sink.take()
	checkGolden(t, "portal-run1.json", inputs)
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "Crawl-delay 100ms") || !rep.Complete || rep.Documents != 8 || rep.New != 10 || rep.Failed != 3 || rep.Robots != 1 || rep.DocumentPages != 5 || rep.Attachments != 3 || rep.ListPages != 2 {
		t.Errorf("run 1 report: %+v", rep)
	}
	reasons := map[string]string{}
	for _, f := range rep.Failures {
		reasons[strings.TrimPrefix(f.URL, "http://"+portal+docPath)] = f.Reason
	}
	for page, want := range map[string]string{
		"bao-cao-da-go-1099.html":     "Not Found",
		"tai-lieu-hoi-nghi-1090.html": "timed out",
		"chuyen-trang-1085.html":      "host not allowed",
	} {
		if !strings.Contains(reasons[page], want) {
			t.Errorf("failure of %s: %q, want it to say %q", page, reasons[page], want)
		}
	}
	log1 := site.requests("", 0)
	checkPoliteness(t, log1, 100*time.Millisecond) // robots.txt Crawl-delay 0.1 > the source's 50ms
	for _, l := range log1 {
		if l.Host == elsewhere {
			t.Errorf("left the allowed hosts: %+v", l)
		}
		if strings.HasPrefix(l.Path, "/private/") {
			t.Errorf("fetched a URL robots.txt disallows: %s", l.Path)
		}
		if l.UA != testUA {
			t.Errorf("request %s with User-Agent %q", l.Path, l.UA)
		}
	}
	if n := countPath(log1, "/robots.txt"); n != 1 {
		t.Errorf("robots.txt requested %d times, want once", n)
	}
	if n := countPath(log1, docPath+"huong-dan-thu-tuc-xuat-canh-1151.html"); n != 2 {
		t.Errorf("the page answering 500 once was requested %d times, want 2 (retry)", n)
	}

	// The windows-1258 page: raw bytes and header handed on, fields in NFC.
	for _, in := range inputs {
		if !strings.HasSuffix(in.Name, "-1160.html") {
			continue
		}
		if in.MIME != "text/html; charset=windows-1258" {
			t.Errorf("1258 page MIME %q", in.MIME)
		}
		if bytes.Contains(in.Data, []byte("Thông")) || !bytes.Contains(in.Data, []byte("Th\xf4ng")) {
			t.Errorf("1258 page was re-encoded before the sink")
		}
		if got, want := in.Fields["title"], "Thông báo lịch tiếp khách quốc tế tháng 11 năm 2025"; got != want || !norm.NFC.IsNormalString(got) {
			t.Errorf("1258 title %q, want NFC %q", got, want)
		}
	}

	// Run 2: nothing changed; every page answers 304 to a conditional GET.
	from := site.logLen()
	rep2, err := c.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if in := sink.take(); len(in) != 0 {
		t.Errorf("run 2 handed %d unchanged inputs to the sink", len(in))
	}
	for _, l := range site.requests(portal, from) {
		if l.Status == 200 && l.Path != "/robots.txt" {
			t.Errorf("run 2 re-downloaded %s (If-None-Match %q, If-Modified-Since %q)", l.Path, l.INM, l.IMS)
		}
	}
	if rep2.NotModified != 10 || rep2.Unchanged != 10 || rep2.New != 0 || rep2.Changed != 0 || rep2.Documents != 0 {
		t.Errorf("run 2 report: %+v", rep2)
	}

	// Run 3: one document page changed: it alone goes to the sink again.
	changed := bytes.Replace(page(t, "doc-hd-1151.html"), []byte("dự kiến chương trình"), []byte("chương trình"), 1)
	site.set(portal, docPath+"huong-dan-thu-tuc-xuat-canh-1151.html", &route{body: changed, ctype: "text/html; charset=utf-8", etag: true})
	rep3, err := c.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	in3 := sink.take()
	if len(in3) != 1 || !strings.HasSuffix(in3[0].Name, "-1151.html") || !bytes.Equal(in3[0].Data, changed) {
		t.Errorf("run 3 inputs: %d, want the changed page", len(in3))
	}
	if rep3.Changed != 1 || rep3.Documents != 1 {
		t.Errorf("run 3 report: %+v", rep3)
	}
	js, err := json.Marshal(rep3)
	if err != nil || !bytes.Contains(js, []byte(`"not_modified":`)) {
		t.Errorf("report JSON: %s %v", js, err)
	}
}

// checkPoliteness asserts one request at a time per host, at least gap apart.
func checkPoliteness(t *testing.T, log []reqLog, gap time.Duration) {
	t.Helper()
	last := map[string]time.Time{}
	for _, l := range log {
		if p, ok := last[l.Host]; ok && l.At.Sub(p) < gap {
			t.Errorf("%s%s came %s after the previous request to the host, want ≥ %s", l.Host, l.Path, l.At.Sub(p), gap)
		}
		last[l.Host] = l.At
	}
}

func countPath(log []reqLog, p string) int {
	n := 0
	for _, l := range log {
		if l.Path == p {
			n++
		}
	}
	return n
}

// A crawl cancelled in the middle resumes where it stopped: every document
// is handed over exactly once and every page fetched once.
func TestResumeAfterCancel(t *testing.T) { synctest.Test(t, testResumeAfterCancel) }

func testResumeAfterCancel(t *testing.T) {
	site := newTestSite(t, portal)
	var list strings.Builder
	list.WriteString("<html><body><div class='danh-sach'>")
	const n = 40
	for i := 0; i < n; i++ {
		p := docPath + "tin-" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + ".html"
		list.WriteString(`<a class="tieu-de" href="` + p + `">tin</a>`)
		site.set(portal, p, &route{body: []byte("<html><body><h1 class=title-detail>Tin " + p + "</h1></body></html>"), ctype: "text/html", etag: true})
	}
	list.WriteString("</div></body></html>")
	site.set(portal, "/tin-tuc/van-ban-chi-dao.html", &route{body: []byte(list.String()), ctype: "text/html", etag: true})
	ctx, cancel := context.WithCancel(context.Background())
	sink := &recSink{cancelAt: 15, cancel: cancel}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter = 0, 0
	src := loadTestSource(t)
	src.Delay = 0

	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rep1, err := c.Run(ctx, src)
	if !errors.Is(err, context.Canceled) || rep1.Complete || rep1.Stopped != "cancelled" {
		t.Fatalf("run 1: %v, %+v", err, rep1)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// A new process: a new Crawler on the same data directory.
	sink.cancel = nil
	c2, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	rep2, err := c2.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if !rep2.Resumed || !rep2.Complete || rep2.Documents != n {
		t.Errorf("run 2 report: resumed %v complete %v documents %d, want true true %d", rep2.Resumed, rep2.Complete, rep2.Documents, n)
	}
	got := map[string]int{}
	for _, in := range sink.take() {
		got[in.Name]++
	}
	if len(got) != n {
		t.Errorf("%d distinct documents, want %d", len(got), n)
	}
	for name, k := range got {
		if k != 1 {
			t.Errorf("%s handed over %d times", name, k)
		}
	}
	for p, k := range site.hits {
		if k != 1 && !strings.HasSuffix(p, "/robots.txt") {
			t.Errorf("%s requested %d times", p, k)
		}
	}
}

// 503 with Retry-After: the retry waits as long as asked.
func TestRetryAfter(t *testing.T) { synctest.Test(t, testRetryAfter) }

func testRetryAfter(t *testing.T) {
	site := newTestSite(t, portal)
	site.set(portal, "/tin-tuc/van-ban-chi-dao.html", &route{body: []byte("<html><body><h1>x</h1></body></html>"), ctype: "text/html", retry: 1})
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Retries = 2
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := Source{Name: "busy", Start: []string{listURL}}
	rep, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	log := site.requests(portal, 0)
	var at []time.Time
	for _, l := range log {
		if l.Path == "/tin-tuc/van-ban-chi-dao.html" {
			at = append(at, l.At)
		}
	}
	if len(at) != 2 || at[1].Sub(at[0]) < time.Second {
		t.Fatalf("requests %v: want a retry ≥ 1s after the 503", at)
	}
	if rep.Documents != 1 || rep.Failed != 0 {
		t.Errorf("report %+v", rep)
	}
}

// When the site's layout changes, the report says so.
func TestSiteChangedWarning(t *testing.T) { synctest.Test(t, testSiteChangedWarning) }

func testSiteChangedWarning(t *testing.T) {
	site := portalSite(t)
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	src.Delay = 0
	if rep, err := c.Run(context.Background(), src); err != nil || len(rep.Warnings) != 0 {
		t.Fatalf("run 1: %v %v", err, rep.Warnings)
	}
	// The portal is redesigned: list items lose their class, pages their table.
	for _, p := range []string{"/tin-tuc/van-ban-chi-dao.html", "/tin-tuc/van-ban-chi-dao.html?trang=2"} {
		site.mu.Lock()
		r := *site.routes[portal][p]
		site.mu.Unlock()
		r.body = bytes.ReplaceAll(r.body, []byte(`class="tieu-de"`), []byte(`class="title"`))
		site.set(portal, p, &r)
	}
	rep, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "site changed") {
		t.Errorf("no site-changed warning: %q", rep.Warnings)
	}
}

// RunURL follows links within the URL's host, to the default depth, and
// ingests every HTML page and attachment it reaches.
func TestRunURL(t *testing.T) { synctest.Test(t, testRunURL) }

func testRunURL(t *testing.T) {
	site := portalSite(t)
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter, cfg.MaxDepth = 0, 0, 1
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rep, err := c.RunURL(context.Background(), listURL+"#top")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, in := range sink.take() {
		got[strings.TrimPrefix(in.Name, "http://"+portal)] = true
	}
	for _, want := range []string{"/tin-tuc/van-ban-chi-dao.html", "/tin-tuc/van-ban-chi-dao.html?trang=2", docPath + "ke-hoach-doan-ra-nam-2026-1201.html"} {
		if !got[want] {
			t.Errorf("RunURL did not ingest %s (got %v)", want, got)
		}
	}
	if got[docPath+"thong-bao-lich-tiep-khach-quoc-te-1160.html"] {
		t.Errorf("RunURL went deeper than MaxDepth 1")
	}
	for _, l := range site.requests("", 0) {
		if l.Host != portal || strings.HasSuffix(l.Path, ".css") || strings.HasSuffix(l.Path, ".png") {
			t.Errorf("RunURL fetched %s%s", l.Host, l.Path)
		}
	}
	if rep.Source == "" || !rep.Complete {
		t.Errorf("report %+v", rep)
	}
	if _, err := c.RunURL(context.Background(), "ftp://x/"); !errors.Is(err, ErrInvalidSource) {
		t.Errorf("ftp URL: %v", err)
	}
}

// MaxPages stops a run; the next run continues from the same frontier.
func TestMaxPagesResumes(t *testing.T) { synctest.Test(t, testMaxPagesResumes) }

func testMaxPagesResumes(t *testing.T) {
	site := portalSite(t)
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter, cfg.MaxPages = 0, 0, 3
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	src.Delay = 0
	for i := 0; i < 20; i++ {
		rep, err := c.Run(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		// Documents accumulates over the runs a run resumed.
		if rep.Complete {
			if rep.Documents != 8 || i == 0 {
				t.Errorf("complete after %d runs with %d documents, want 8 over several runs", i+1, rep.Documents)
			}
			break
		}
		if rep.Stopped != "max-pages" || rep.Queued == 0 {
			t.Fatalf("run %d: %+v", i, rep)
		}
	}
	names := map[string]int{}
	for _, in := range sink.take() {
		names[in.Name]++
	}
	if len(names) != 8 {
		t.Errorf("%d distinct inputs, want 8", len(names))
	}
	for n, k := range names {
		if k != 1 {
			t.Errorf("%s handed over %d times", n, k)
		}
	}
}

// failSink fails (not as bad input: as a store failure would) for one URL.
type failSink struct {
	recSink
	failURL string
}

func (s *failSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	if in.Name == s.failURL {
		return ingest.Result{Input: in.Name, Status: "error"}, errors.New("store: disk full")
	}
	return s.recSink.Ingest(ctx, in)
}

// A page the sink could not take is downloaded again next run, not
// answered 304 against validators of bytes the sink never got.
func TestSinkFailureRetriedNextRun(t *testing.T) { synctest.Test(t, testSinkFailureRetriedNextRun) }

func testSinkFailureRetriedNextRun(t *testing.T) {
	site := portalSite(t)
	failing := "http://" + portal + docPath + "hoi-nghi-tong-ket-cong-tac-doi-ngoai-1175.html"
	sink := &failSink{failURL: failing}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	src.Delay = 0
	rep, err := c.Run(context.Background(), src)
	if err != nil || rep.Ingested["error"] != 1 {
		t.Fatalf("run 1: %v %v", err, rep.Ingested)
	}
	sink.take()
	sink.failURL = ""
	rep2, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	in := sink.take()
	if len(in) != 1 || in[0].Name != failing || rep2.Documents != 1 {
		t.Errorf("run 2 handed %d inputs (%v), want the page the sink failed on", len(in), rep2.Ingested)
	}
}

// A windows-1258 page that declares no charset is still read right.
func TestUndeclared1258(t *testing.T) { synctest.Test(t, testUndeclared1258) }

func testUndeclared1258(t *testing.T) {
	site := portalSite(t)
	body := encode1258(t, strings.Replace(string(readTestdata(t, "site/doc-tb-1160.utf8.html")),
		`<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`, "", 1))
	site.set(portal, "/tin-tuc/van-ban-chi-dao.html", &route{body: body, ctype: "text/html", etag: true})
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	src.Delay = 0
	src.Links = LinkRules{Document: Rule{Patterns: []string{"van-ban-chi-dao"}}}
	if _, err := c.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	in := sink.take()
	if len(in) != 1 || !bytes.Equal(in[0].Data, body) {
		t.Fatalf("%d inputs, want the page's own bytes", len(in))
	}
	if got, want := in[0].Fields["title"], "Thông báo lịch tiếp khách quốc tế tháng 11 năm 2025"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

// Two sources on one host crawled at the same time by one Crawler still
// make one request at a time with the delay between them.
// Not in a synctest bubble: the crawlers of the two sources wait their turn
// on the host's sync.Mutex while the holder sleeps out the delay, and a
// goroutine waiting on a Mutex is not durably blocked, so the bubble's
// clock would never move.
func TestParallelSourcesShareHostPoliteness(t *testing.T) {
	site := portalSite(t)
	site.set(portal, docPath+"tai-lieu-hoi-nghi-1090.html", &route{status: http.StatusNotFound}) // no slow page here
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a := loadTestSource(t)
	b := a
	b.Name = "songoaivu-copy"
	var wg sync.WaitGroup
	for _, s := range []Source{a, b} {
		wg.Add(1)
		go func(s Source) {
			defer wg.Done()
			if _, err := c.Run(context.Background(), s); err != nil {
				t.Error(err)
			}
		}(s)
	}
	wg.Wait()
	log := site.requests(portal, 0)
	if len(log) < 20 {
		t.Fatalf("%d requests: both sources should have crawled", len(log))
	}
	checkPoliteness(t, log, 100*time.Millisecond)
}
