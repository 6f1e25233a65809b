package crawl

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"vanthu/corpus"
	"vanthu/ingest"
)

// reqLog is one request as the test server saw it.
type reqLog struct {
	At     time.Time
	Host   string
	Path   string // path?query
	Status int
	UA     string
	INM    string // If-None-Match
	IMS    string // If-Modified-Since
}

// route is one resource of the test site.
type route struct {
	body    []byte
	ctype   string
	etag    bool      // serve an ETag (HTML pages)
	modtime time.Time // serve Last-Modified (files)
	status  int       // a fixed status (404)
	fail    int       // answer 500 to the first fail requests
	slow    bool      // never answer within the client's timeout
	retry   int       // answer 503 + Retry-After: 1 to the first retry requests
	to      string    // redirect target
}

// testSite is a portal with fake host names served in memory: requests
// for http://<name>/ go straight to its handler, without sockets, so the
// tests run in a synctest bubble where the politeness delays, timeouts
// and Retry-After waits pass in no real time. A site given addrs (the
// kill and benchmark tests, which need a real server in another process
// or a real network load) is dialled there instead.
type testSite struct {
	t      testing.TB
	mu     sync.Mutex
	routes map[string]map[string]*route // host → path?query → route
	hits   map[string]int               // host+path → requests
	log    []reqLog
	addrs  map[string]string // "name:80" → listener address
}

func newTestSite(t testing.TB, hosts ...string) *testSite {
	s := &testSite{t: t, routes: map[string]map[string]*route{}, hits: map[string]int{}}
	for _, h := range hosts {
		s.routes[h] = map[string]*route{}
	}
	return s
}

func (s *testSite) set(host, path string, r *route) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[host][path] = r
}

func (s *testSite) transport() http.RoundTripper {
	if s.addrs == nil {
		return memTransport{s}
	}
	d := &net.Dialer{Timeout: time.Second}
	return &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			target, ok := s.addrs[addr]
			if !ok {
				return nil, fmt.Errorf("test site: no host %s", addr)
			}
			return d.DialContext(ctx, network, target)
		},
		MaxIdleConnsPerHost: 4,
	}
}

// memTransport serves requests with the site's handler in memory. The
// handler runs on a goroutine of its own so that a request whose context
// ends (the client's timeout) returns at once, as over a network.
type memTransport struct{ s *testSite }

func (m memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Hostname()
	m.s.mu.Lock()
	_, ok := m.s.routes[host]
	m.s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("test site: no host %s", req.URL.Host)
	}
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.s.serve(host, rec, req)
	}()
	select {
	case <-done:
	case <-req.Context().Done():
		<-done // the handler sees the same context end
		return nil, req.Context().Err()
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

func (s *testSite) serve(host string, w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if r.URL.RawQuery != "" {
		p += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	rt := s.routes[host][p]
	s.hits[host+p]++
	n := s.hits[host+p]
	entry := reqLog{At: time.Now(), Host: host, Path: p, UA: r.UserAgent(), INM: r.Header.Get("If-None-Match"), IMS: r.Header.Get("If-Modified-Since")}
	s.mu.Unlock()
	rec := &statusWriter{ResponseWriter: w, status: 200}
	defer func() {
		entry.Status = rec.status
		s.mu.Lock()
		s.log = append(s.log, entry)
		s.mu.Unlock()
	}()
	switch {
	case rt == nil:
		http.NotFound(rec, r)
	case rt.slow:
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		rec.status = 0 // never answered in time
	case n <= rt.fail:
		http.Error(rec, "Server Error", http.StatusInternalServerError)
	case n <= rt.retry:
		rec.Header().Set("Retry-After", "1")
		http.Error(rec, "Busy", http.StatusServiceUnavailable)
	case rt.to != "":
		http.Redirect(rec, r, rt.to, http.StatusFound)
	case rt.status != 0:
		http.Error(rec, http.StatusText(rt.status), rt.status)
	default:
		rec.Header().Set("Content-Type", rt.ctype)
		if rt.etag {
			rec.Header().Set("ETag", `"`+corpus.SHA256(rt.body)[:16]+`"`)
		}
		http.ServeContent(rec, r, "", rt.modtime, strings.NewReader(string(rt.body)))
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// requests returns the log of host (all hosts when "") since index from.
func (s *testSite) requests(host string, from int) []reqLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []reqLog
	for _, l := range s.log[from:] {
		if host == "" || l.Host == host {
			out = append(out, l)
		}
	}
	return out
}

func (s *testSite) logLen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// page reads a testdata/site page and puts in the shared header and footer.
func page(t testing.TB, name string) []byte {
	s := string(readTestdata(t, filepath.Join("site", name)))
	s = strings.Replace(s, "<!--#header-->", string(readTestdata(t, "site/_header.html")), 1)
	s = strings.Replace(s, "<!--#footer-->", string(readTestdata(t, "site/_footer.html")), 1)
	return []byte(s)
}

// encode1258 writes NFC text in windows-1258 the way Vietnamese pages in
// that code page are: letters with circumflex, breve or horn precomposed,
// tone marks as combining characters (0xCC, 0xEC, 0xDE, 0xD2, 0xF2).
func encode1258(t testing.TB, s string) []byte {
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	one := func(s string) ([]byte, bool) {
		b, err := enc.Bytes([]byte(s))
		return b, err == nil
	}
	for _, r := range norm.NFC.String(s) {
		if b, ok := one(string(r)); ok {
			out = append(out, b...)
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		var shape, tones []rune
		for _, m := range d {
			switch m {
			case 0x300, 0x301, 0x303, 0x309, 0x323:
				tones = append(tones, m)
			default:
				shape = append(shape, m)
			}
		}
		b, ok := one(norm.NFC.String(string(shape)))
		if !ok {
			t.Fatalf("encode1258: cannot encode %q", r)
		}
		out = append(out, b...)
		for _, m := range tones {
			b, ok := one(string(m))
			if !ok {
				t.Fatalf("encode1258: cannot encode mark %U", m)
			}
			out = append(out, b...)
		}
	}
	return out
}

const (
	portal    = "songoaivu.test"
	elsewhere = "elsewhere.test"
	listURL   = "http://songoaivu.test/tin-tuc/van-ban-chi-dao.html"
	docPath   = "/tin-tuc/chi-tiet/"
)

// portalSite builds the test portal from testdata/site.
func portalSite(t testing.TB) *testSite {
	s := newTestSite(t, portal, elsewhere)
	html := "text/html; charset=utf-8"
	mod := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	s.set(portal, "/robots.txt", &route{body: readTestdata(t, "site/robots.txt"), ctype: "text/plain"})
	s.set(portal, "/tin-tuc/van-ban-chi-dao.html", &route{body: page(t, "list-1.html"), ctype: html, etag: true})
	s.set(portal, "/tin-tuc/van-ban-chi-dao.html?trang=2", &route{body: page(t, "list-2.html"), ctype: html, etag: true})
	s.set(portal, docPath+"ke-hoach-doan-ra-nam-2026-1201.html", &route{body: page(t, "doc-kh-12.html"), ctype: html, etag: true})
	s.set(portal, docPath+"cong-van-quan-ly-doan-ra-1188.html", &route{body: page(t, "doc-cv-1188.html"), ctype: html, etag: true})
	s.set(portal, docPath+"hoi-nghi-tong-ket-cong-tac-doi-ngoai-1175.html", &route{body: page(t, "doc-tin-1175.html"), ctype: html, etag: true})
	s.set(portal, docPath+"thong-bao-lich-tiep-khach-quoc-te-1160.html", &route{body: encode1258(t, string(readTestdata(t, "site/doc-tb-1160.utf8.html"))), ctype: "text/html; charset=windows-1258", etag: true})
	s.set(portal, docPath+"huong-dan-thu-tuc-xuat-canh-1151.html", &route{body: page(t, "doc-hd-1151.html"), ctype: html, etag: true, fail: 1})
	s.set(portal, docPath+"bao-cao-da-go-1099.html", &route{status: http.StatusNotFound})
	s.set(portal, docPath+"tai-lieu-hoi-nghi-1090.html", &route{slow: true})
	s.set(portal, docPath+"chuyen-trang-1085.html", &route{to: "http://elsewhere.test/bai-viet/1085.html"})
	s.set(portal, "/private/tin-tuc/chi-tiet/du-thao-noi-bo-1080.html", &route{body: []byte("<html><body>MẬT</body></html>"), ctype: html})
	s.set(portal, "/uploads/2026/01/KH-12-SNgV.pdf", &route{body: readTestdata(t, "site/KH-12-SNgV.pdf"), ctype: "application/pdf", modtime: mod})
	s.set(portal, "/uploads/2026/01/PL-12-SNgV.doc", &route{body: readTestdata(t, "site/PL-12-SNgV.doc"), ctype: "application/msword", modtime: mod})
	s.set(portal, "/uploads/2025/12/CV-1188-SNgV.pdf", &route{body: readTestdata(t, "site/CV-1188-SNgV.pdf"), ctype: "application/pdf", modtime: mod})
	s.set(elsewhere, "/bai-viet/1085.html", &route{body: []byte("<html><body>elsewhere</body></html>"), ctype: html})
	return s
}

// recSink records what it is handed; it can cancel a context after n inputs.
type recSink struct {
	mu       sync.Mutex
	inputs   []ingest.Input
	cancelAt int
	cancel   context.CancelFunc
}

func (s *recSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inputs = append(s.inputs, in)
	if s.cancel != nil && len(s.inputs) == s.cancelAt {
		s.cancel()
	}
	return ingest.Result{Input: in.Name, ID: "doc-" + corpus.SHA256(in.Data)[:8], Status: "stored"}, nil
}

func (s *recSink) take() []ingest.Input {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.inputs
	s.inputs = nil
	return in
}

const testUA = "vanthu/test (+https://example.invalid/contact)"

func testConfig(t testing.TB, site *testSite, sink Sink) Config {
	cfg := DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.UserAgent = testUA
	cfg.Sink = sink
	cfg.Transport = site.transport()
	cfg.Delay = 20 * time.Millisecond
	cfg.Jitter = 10 * time.Millisecond
	cfg.Timeout = time.Second
	cfg.Retries = 1
	cfg.RetryBackoff = 10 * time.Millisecond
	cfg.Progress = testWriter{t}
	cfg.ProgressEvery = time.Hour
	return cfg
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
