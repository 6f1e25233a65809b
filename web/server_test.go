package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/generate"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/plaintext"
	"vanthu/internal/democorpus"
	"vanthu/internal/sharedtest"
	"vanthu/web"
)

// fixture is a web desk over a real index and the sample corpus.
type fixture struct {
	srv   *httptest.Server
	store *memstore.Store
	pipe  *ingest.Pipeline
}

func newFixture(t *testing.T, mutate func(*web.Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	st := memstore.New()
	ix, err := index.Open(index.DefaultConfig(filepath.Join(t.TempDir(), "index")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	pipe, err := ingest.New(ingest.Config{Store: st, Parser: p, Indexer: ix,
		Extractors: map[string]ingest.Extractor{ingest.FormatText: plaintext.Extractor{}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range democorpus.Files() {
		if strings.HasSuffix(f.Name, ".txt") {
			if _, err := pipe.Ingest(ctx, ingest.Input{Name: "demo/" + f.Name, Data: f.Data}); err != nil {
				t.Fatal(err)
			}
		}
	}
	g, err := generate.New(generate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	cfg := web.DefaultConfig()
	cfg.Store, cfg.Search, cfg.Ingest, cfg.Draft = st, ix, pipe, g
	if mutate != nil {
		mutate(&cfg)
	}
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, store: st, pipe: pipe}
}

func (f *fixture) get(t *testing.T, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestSearchAPIWithAndWithoutDiacritics(t *testing.T) {
	f := newFixture(t, nil)
	for _, q := range []string{"quản lý đoàn ra", "quan ly doan ra"} {
		code, body, h := f.get(t, "/api/search?q="+url.QueryEscape(q))
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Fatalf("%q: %d %s", q, code, body)
		}
		var res struct {
			Total int `json:"total"`
			Hits  []struct {
				ID, Number, Type, Issuer, Date, Title, Snippet string
				Score                                          float64
			} `json:"hits"`
			Facets map[string][]struct {
				Term  string
				Count int
			} `json:"facets"`
		}
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		if res.Total < 3 || len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Snippet, "<mark>") {
			t.Errorf("%q: total %d, hits %+v", q, res.Total, res.Hits)
		}
		if len(res.Facets["type"]) == 0 {
			t.Errorf("%q: no type facet", q)
		}
	}
}

func TestSearchPageHoldsQueryInURL(t *testing.T) {
	f := newFixture(t, nil)
	code, body, _ := f.get(t, "/?q=chi+thi+05&type=CT")
	if code != 200 || !strings.Contains(body, "05/CT-UBND") || !strings.Contains(body, `value="chi thi 05"`) {
		t.Fatalf("search page: %d\n%s", code, body)
	}
}

func TestDocumentPageAndOriginal(t *testing.T) {
	f := newFixture(t, nil)
	ds, err := f.store.FindNumber(context.Background(), "05/CT-UBND")
	if err != nil || len(ds) != 1 {
		t.Fatalf("find: %v %d", err, len(ds))
	}
	id := ds[0].ID
	code, body, _ := f.get(t, "/documents/"+id)
	for _, want := range []string{"05/CT-UBND", "Ủy ban nhân dân tỉnh Quảng Ninh", "dòng", "38-CT/TW", "chưa có trong kho", "Được dẫn chiếu bởi", "2345/QĐ-UBND"} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks %q", want)
		}
	}
	if code != 200 {
		t.Fatalf("document page %d", code)
	}
	code, body, h := f.get(t, "/api/documents/"+id+"/original")
	if code != 200 || !strings.Contains(body, "CHỈ THỊ") || h.Get("Content-Security-Policy") != "sandbox" {
		t.Errorf("original: %d %v", code, h)
	}
	if code, _, _ := f.get(t, "/api/documents/"+id+"/original?v=../../etc/passwd"); code != 404 {
		t.Errorf("a foreign version must be refused, got %d", code)
	}
	if code, body, _ := f.get(t, "/api/documents/nope"); code != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("missing document: %d %s", code, body)
	}
}

func TestCitationsAPI(t *testing.T) {
	f := newFixture(t, nil)
	code, body, _ := f.get(t, "/api/citations/05/CT-UBND?cited_by=1")
	if code != 200 || !strings.Contains(body, "2345/QĐ-UBND") {
		t.Errorf("cited by: %d %s", code, body)
	}
	code, body, _ = f.get(t, "/api/citations/05-ct-ubnd")
	if code != 200 || !strings.Contains(body, `"resolved":false`) || !strings.Contains(body, "38-CT/TW") {
		t.Errorf("cites: %d %s", code, body)
	}
}

func TestXSSIsInert(t *testing.T) {
	f := newFixture(t, nil)
	evil := "Số: 99/UBND-VP\nV/v <script>alert('x')</script> và <img src=x onerror=alert(1)>\nKính gửi: \"><svg onload=alert(2)>\nnội dung <mark>giả</mark> đoàn ra <b>đậm</b>\n"
	if _, err := f.pipe.Ingest(context.Background(), ingest.Input{Name: "evil.txt", Data: []byte(evil)}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/?q=" + url.QueryEscape("đoàn ra <script>alert(3)</script>"), "/?q=svg+onload", "/?q=%22%3E%3Cscript%3Ealert(4)%3C/script%3E"} {
		_, body, _ := f.get(t, path)
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "<b>đậm", `"><script`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: page contains live markup %q", path, bad)
			}
		}
	}
	ds, _ := f.store.FindNumber(context.Background(), "99/UBND-VP")
	if len(ds) != 1 {
		t.Fatal("evil document not stored")
	}
	_, body, _ := f.get(t, "/documents/"+ds[0].ID)
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<svg onload") || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("document page renders the text's markup")
	}
}

func TestCheckAndGenerateAPI(t *testing.T) {
	f := newFixture(t, nil)
	trips := democorpus.Trips()
	if len(trips) == 0 {
		t.Skip("no sample trips")
	}
	resp, err := http.Post(f.srv.URL+"/api/check", "application/yaml", bytes.NewReader(trips[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Status   string
		Findings []struct{ Status, Message string }
	}
	json.NewDecoder(resp.Body).Decode(&rep)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(rep.Findings) == 0 {
		t.Fatalf("check: %d %+v", resp.StatusCode, rep)
	}
	resp, err = http.Post(f.srv.URL+"/api/generate/proposal", "application/yaml", bytes.NewReader(trips[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("%PDF-")) || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("generate: %d %q", resp.StatusCode, b[:min(len(b), 200)])
	}
	resp, _ = http.Post(f.srv.URL+"/api/generate/poem", "application/yaml", bytes.NewReader(trips[0].Data))
	if resp.StatusCode != 404 {
		t.Errorf("unknown kind: %d", resp.StatusCode)
	}
	resp.Body.Close()
	resp, _ = http.Post(f.srv.URL+"/api/check", "application/yaml", strings.NewReader("members: [oops"))
	if resp.StatusCode != 400 {
		t.Errorf("bad YAML: %d", resp.StatusCode)
	}
	resp.Body.Close()
}

func upload(t *testing.T, u string, name string, data []byte, header http.Header) *http.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", u, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestIngestAPINeedsTokenWhenSet(t *testing.T) {
	f := newFixture(t, func(c *web.Config) { c.Token = "s3cret" })
	doc := []byte("Số: 77/SNgV-LS\nV/v thử nghiệm\nNội dung đoàn ra.\n")
	resp := upload(t, f.srv.URL+"/api/ingest", "cv77.txt", doc, nil)
	if resp.StatusCode != 401 {
		t.Errorf("without token: %d", resp.StatusCode)
	}
	resp.Body.Close()
	resp = upload(t, f.srv.URL+"/api/ingest", "cv77.txt", doc, http.Header{"Authorization": {"Bearer s3cret"}})
	var out struct{ Results []ingest.Result }
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(out.Results) != 1 || out.Results[0].Status != "stored" || out.Results[0].Number != "77/SNgV-LS" {
		t.Fatalf("with token: %d %+v", resp.StatusCode, out)
	}
	// A cross-site POST is refused even with the token.
	resp = upload(t, f.srv.URL+"/api/ingest", "cv78.txt", doc, http.Header{"Authorization": {"Bearer s3cret"}, "Origin": {"https://evil.example"}})
	if resp.StatusCode != 403 {
		t.Errorf("cross-origin: %d", resp.StatusCode)
	}
	resp.Body.Close()
}

func TestNewRefusesPublicWithoutToken(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.Store, cfg.Search, cfg.RequireToken = memstore.New(), nil, true
	if _, err := web.New(cfg); err == nil {
		t.Error("config without Searcher accepted")
	}
	if web.IsLoopback("0.0.0.0:8080") || !web.IsLoopback("127.0.0.1:8080") || !web.IsLoopback("localhost:80") || !web.IsLoopback("[::1]:8080") {
		t.Error("IsLoopback")
	}
}

func TestFilingPageUploadsAndShowsMetadata(t *testing.T) {
	f := newFixture(t, nil)
	// Read the form to get its CSRF token, as a browser would.
	_, page, _ := f.get(t, "/file")
	i := strings.Index(page, `name="csrf" value="`)
	if i < 0 {
		t.Fatal("no csrf field on the filing page")
	}
	csrf := page[i+len(`name="csrf" value="`):]
	csrf = csrf[:strings.IndexByte(csrf, '"')]
	data := []byte("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 88/UBND-NV\nHạ Long, ngày 05 tháng 01 năm 2026\nV/v cử đoàn\nKính gửi: Sở Ngoại vụ\nNội dung.\n")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("file", "cv88.txt")
	fw.Write(data)
	mw.Close()
	resp, err := http.Post(f.srv.URL+"/file", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "88/UBND-NV") || !strings.Contains(string(b), "Đã lưu") {
		t.Fatalf("filing: %d\n%s", resp.StatusCode, b)
	}
	// Without the CSRF field the form is refused.
	body.Reset()
	mw = multipart.NewWriter(&body)
	fw, _ = mw.CreateFormFile("file", "cv89.txt")
	fw.Write(data)
	mw.Close()
	resp, _ = http.Post(f.srv.URL+"/file", mw.FormDataContentType(), &body)
	if resp.StatusCode != 403 {
		t.Errorf("no csrf: %d", resp.StatusCode)
	}
	resp.Body.Close()
}

func TestHealthzAndUnknownAPI(t *testing.T) {
	f := newFixture(t, nil)
	if code, body, _ := f.get(t, "/healthz"); code != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, body, _ := f.get(t, "/api/nothing"); code != 404 || !strings.Contains(body, `"error"`) {
		t.Errorf("unknown API: %d %s", code, body)
	}
}

func TestUploadTooLarge(t *testing.T) {
	f := newFixture(t, func(c *web.Config) { c.MaxUpload = 1 << 10 })
	resp := upload(t, f.srv.URL+"/api/ingest", "big.txt", bytes.Repeat([]byte("đoàn ra "), 1000), nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("oversized upload: %d", resp.StatusCode)
	}
	resp.Body.Close()
}

// The seeds, when present, go in through the same API.
func TestUploadSeed(t *testing.T) {
	dir := sharedtest.Path(t, "seeds")
	f := newFixture(t, nil)
	b, err := os.ReadFile(filepath.Join(dir, "001_d1e42ca9776a9262.txt"))
	if err != nil {
		t.Fatal(err)
	}
	resp := upload(t, f.srv.URL+"/api/ingest", "001.txt", b, nil)
	var out struct{ Results []ingest.Result }
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if len(out.Results) != 1 || out.Results[0].Number != "4060-CV/BTCTU" {
		t.Fatalf("seed upload: %+v", out)
	}
	_, body, _ := f.get(t, "/?q="+url.QueryEscape("4060 cv btctu"))
	if !strings.Contains(body, "4060-CV/BTCTU") {
		t.Error("seed not found by number in another spelling")
	}
	var _ corpus.Document
}
