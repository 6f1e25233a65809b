package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"vanthu/ingest"
	"vanthu/ingest/crawl"
	"vanthu/web"
)

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A token-less desk on loopback serves only this machine's names: a page on
// a rebinding domain (resolved to 127.0.0.1 after it loaded) is refused,
// reads and writes alike.
func TestRebindingHostRefused(t *testing.T) {
	f := newFixture(t, func(c *web.Config) { c.LocalOnly = true })
	port := f.srv.URL[strings.LastIndexByte(f.srv.URL, ':'):]
	for _, host := range []string{"rebind.attacker.example" + port, "127.0.0.1.nip.io" + port, "localhost.attacker.example", "10.0.0.5" + port} {
		req, _ := http.NewRequest("GET", f.srv.URL+"/api/search?q=doan+ra", nil)
		req.Host = host
		if code, body := do(t, req); code != http.StatusMisdirectedRequest || !strings.Contains(body, "host_not_allowed") {
			t.Errorf("read with Host %q: %d %s", host, code, body)
		}
		doc := "Số: 91/SNgV-LS\nV/v thử\n"
		req, _ = http.NewRequest("POST", f.srv.URL+"/api/ingest?name=cv91.txt", strings.NewReader(doc))
		req.Host = host
		req.Header.Set("Origin", "http://"+host)
		req.Header.Set("Content-Type", "text/plain")
		if code, _ := do(t, req); code != http.StatusMisdirectedRequest {
			t.Errorf("write with Host %q: %d", host, code)
		}
	}
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port, "LOCALHOST" + port, "[::1]" + port, "127.0.0.1", "localhost"} {
		req, _ := http.NewRequest("GET", f.srv.URL+"/api/search?q=doan+ra", nil)
		req.Host = host
		if code, body := do(t, req); code != 200 {
			t.Errorf("Host %q: %d %s", host, code, body)
		}
	}
	// A write from a loopback Host but another site's Origin is refused.
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/ingest?name=cv92.txt", strings.NewReader("Số: 92/SNgV-LS\n"))
	req.Header.Set("Origin", "http://rebind.attacker.example"+port)
	if code, _ := do(t, req); code != http.StatusForbidden {
		t.Errorf("cross-origin write: %d", code)
	}
}

func TestNoRebindingDocumentStored(t *testing.T) {
	f := newFixture(t, func(c *web.Config) { c.LocalOnly = true })
	before, _ := f.store.Len(context.Background())
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/ingest?name=cv93.txt", strings.NewReader("Số: 93/SNgV-LS\nV/v thử\n"))
	req.Host = "rebind.attacker.example"
	req.Header.Set("Origin", "http://rebind.attacker.example")
	do(t, req)
	if after, _ := f.store.Len(context.Background()); after != before {
		t.Errorf("a rebinding page stored a document: %d → %d", before, after)
	}
}

func formCSRF(t *testing.T, f *fixture) string {
	t.Helper()
	_, page, _ := f.get(t, "/file")
	i := strings.Index(page, `name="csrf" value="`)
	if i < 0 {
		t.Fatal("no csrf field on the filing page")
	}
	csrf := page[i+len(`name="csrf" value="`):]
	return csrf[:strings.IndexByte(csrf, '"')]
}

// The crawl form never reaches this machine or a private network unless
// the operator allowed it.
func TestCrawlFormRefusesPrivateAddresses(t *testing.T) {
	var calls atomic.Int32
	crawlFn := func(ctx context.Context, u string) (crawl.Report, error) {
		calls.Add(1)
		return crawl.Report{Source: u}, nil
	}
	f := newFixture(t, func(c *web.Config) { c.Crawl = crawlFn })
	csrf := formCSRF(t, f)
	post := func(u string) (int, string) {
		resp, err := http.PostForm(f.srv.URL+"/file", url.Values{"csrf": {csrf}, "url": {u}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, u := range []string{f.srv.URL + "/", "http://localhost:8080/admin", "http://[::1]/", "http://10.1.2.3/",
		"http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:8080/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/"} {
		code, body := post(u)
		if code != http.StatusForbidden || !strings.Contains(body, "mạng nội bộ") {
			t.Errorf("crawl of %s: %d", u, code)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("the crawler was called %d times for private addresses", n)
	}
	if code, _ := post("http://93.184.215.14/van-ban"); code != 200 || calls.Load() != 1 {
		t.Errorf("public address: %d, %d calls", code, calls.Load())
	}

	g := newFixture(t, func(c *web.Config) { c.Crawl, c.CrawlPrivate = crawlFn, true })
	csrf = formCSRF(t, g)
	resp, err := http.PostForm(g.srv.URL+"/file", url.Values{"csrf": {csrf}, "url": {g.srv.URL + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || calls.Load() != 2 {
		t.Errorf("allowed private crawl: %d, %d calls", resp.StatusCode, calls.Load())
	}
}

// A query's size, words and numbers are bounded; the page echoes a bounded
// part of what it refused.
func TestQueryCostBounded(t *testing.T) {
	f := newFixture(t, nil)
	var nums []string
	for i := range 8000 {
		nums = append(nums, "1234"+strings.Repeat("5", i%9)+"/QĐ-UBND")
	}
	huge := strings.Join(nums, " ") + " cuoicungXYZ"
	for name, q := range map[string]string{
		"180 KB of numbers": huge,
		"65 words":          strings.TrimSpace(strings.Repeat("đoàn ", 65)),
		"17 numbers":        strings.TrimSpace(strings.Repeat("38/CT-TW ", 17)),
	} {
		code, body, _ := f.get(t, "/api/search?q="+url.QueryEscape(q))
		var e struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal([]byte(body), &e)
		if code != 400 || e.Error.Code != "bad_query" || !strings.Contains(e.Error.Message, "tối đa") {
			t.Errorf("%s: %d %.200s", name, code, body)
		}
	}
	code, body, _ := f.get(t, "/?q="+url.QueryEscape(huge))
	if code != 400 || !strings.Contains(body, "quá dài") {
		t.Errorf("page: %d", code)
	}
	if len(body) > 40<<10 || strings.Contains(body, "cuoicungXYZ") {
		t.Errorf("the page echoes the refused query: %d bytes", len(body))
	}
	code, body, _ = f.get(t, "/api/search?issuer="+strings.Repeat("x", 400))
	if code != 400 {
		t.Errorf("long filter: %d %.200s", code, body)
	}
	// Ordinary queries, words and numbers, still run.
	for _, q := range []string{"quản lý đoàn ra nước ngoài", "4060-CV/BTCTU 38/CT-TW 05/CT-UBND"} {
		if code, body, _ := f.get(t, "/api/search?q="+url.QueryEscape(q)); code != 200 {
			t.Errorf("%q: %d %s", q, code, body)
		}
	}
}

// A raw upload over the limit is refused with 413, as a multipart one is.
func TestRawUploadTooLarge(t *testing.T) {
	f := newFixture(t, func(c *web.Config) { c.MaxUpload = 1 << 10 })
	for _, name := range []string{"big.txt", "big.jsonl"} {
		body := bytes.Repeat([]byte("đoàn ra "), 1000)
		if name == "big.jsonl" {
			body = []byte(`{"id":"r1","text":"` + string(body) + `"}` + "\n")
		}
		req, _ := http.NewRequest("POST", f.srv.URL+"/api/ingest?name="+name, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/octet-stream")
		if code, body := do(t, req); code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d %s", name, code, body)
		}
	}
}

// curl --data-binary sends a file as application/x-www-form-urlencoded; a
// token in the URL must not make the server parse (and so consume) it.
func TestURLEncodedUploadKeepsBody(t *testing.T) {
	f := newFixture(t, func(c *web.Config) { c.Token = "s3cret" })
	doc := "Số: 94/SNgV-LS\nV/v thử nghiệm tải lên\nNội dung đoàn ra & đoàn vào = 2.\n"
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/ingest?name=cv94.txt&token=s3cret", strings.NewReader(doc))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	code, body := do(t, req)
	var out struct{ Results []ingest.Result }
	json.Unmarshal([]byte(body), &out)
	if code != 200 || len(out.Results) != 1 || out.Results[0].Status != "stored" || out.Results[0].Number != "94/SNgV-LS" {
		t.Fatalf("%d %s", code, body)
	}
	d, err := f.store.Get(context.Background(), out.Results[0].ID)
	if err != nil || !strings.Contains(d.Text, "đoàn ra & đoàn vào = 2") {
		t.Errorf("stored text: %q %v", d.Text, err)
	}
	// A token in the body of a real form is still read (the filing form).
	req, _ = http.NewRequest("POST", f.srv.URL+"/api/ingest?name=cv95.txt", strings.NewReader("token=wrong"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if code, _ := do(t, req); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", code)
	}
}
