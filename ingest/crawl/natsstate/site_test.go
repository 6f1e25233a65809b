package natsstate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/ingest"
	"vanthu/ingest/crawl"
	"vanthu/internal/natsembed"
)

// site is a portal served on loopback: lists list pages /ds/0 .. /ds/<lists-1>,
// each linking perList document pages and the next list page. Every answer
// carries an ETag, and a request naming it gets 304. It logs the requests.
type site struct {
	srv *httptest.Server
	mu  sync.Mutex
	log []string // paths requested, robots.txt excluded
	// hold, when set, is called before the first answer for its path.
	hold     func()
	holdPath string
}

func newSite(t testing.TB, lists, perList int) *site {
	s := &site{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		s.log = append(s.log, r.URL.Path)
		var hold func()
		if r.URL.Path == s.holdPath {
			hold, s.hold = s.hold, nil
		}
		s.mu.Unlock()
		if hold != nil {
			hold()
		}
		var body string
		var i, j int
		switch {
		case scan(r.URL.Path, "/ds/%d", &i) && i < lists:
			var b strings.Builder
			b.WriteString("<html><body><ul>")
			for j := range perList {
				fmt.Fprintf(&b, `<li><a href="/vb/%d-%d.html">Công văn %d/%d</a></li>`, i, j, i, j)
			}
			if i+1 < lists {
				fmt.Fprintf(&b, `<a href="/ds/%d">trang sau</a><a href="/ds/0">đầu</a>`, i+1)
			}
			b.WriteString("</ul></body></html>")
			body = b.String()
		case scan(r.URL.Path, "/vb/%d-%d.html", &i, &j) && i < lists && j < perList:
			body = fmt.Sprintf(`<html><body><h1>Công văn số %d/%d-SNgV về đoàn ra</h1><p>Nội dung văn bản %d.</p><a href="/ds/0">danh sách</a></body></html>`, i*100+j, 2026, j)
		default:
			http.NotFound(w, r)
			return
		}
		h := sha256.Sum256([]byte(body))
		etag := `"` + hex.EncodeToString(h[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// scan matches path against format exactly.
func scan(path, format string, args ...any) bool {
	n, err := fmt.Sscanf(path, format, args...)
	return err == nil && n == len(args) && fmt.Sprintf(format, deref(args)...) == path
}

func deref(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = *(a.(*int))
	}
	return out
}

func (s *site) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

func (s *site) source() crawl.Source {
	return crawl.Source{
		Name:  "so-ngoai-vu.test",
		Start: []string{s.srv.URL + "/ds/0"},
		Links: crawl.LinkRules{List: crawl.Rule{Patterns: []string{`/ds/\d+$`}}, Document: crawl.Rule{Patterns: []string{`/vb/[\d-]+\.html$`}}},
	}
}

// memSink keeps what it was handed, by name.
type memSink struct {
	mu    sync.Mutex
	names map[string]int
}

func (m *memSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names == nil {
		m.names = map[string]int{}
	}
	m.names[in.Name]++
	return ingest.Result{Input: in.Name, Status: "stored"}, nil
}

func (m *memSink) counts() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for k, v := range m.names {
		out[k] = v
	}
	return out
}

// startServer starts one embedded server for the test.
func startServer(t testing.TB, name string) *natsembed.Server {
	t.Helper()
	srv, err := natsembed.Start(natsembed.Config{Name: name, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return srv
}

func connect(t testing.TB, url string) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// crawler makes a Crawler on a new State handle over nc: one machine.
func crawler(t testing.TB, nc *nats.Conn, bucket string, replicas int, sink crawl.Sink, maxPages int) (*crawl.Crawler, *State) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := New(ctx, nc, Config{Name: bucket, Replicas: replicas})
	if err != nil {
		t.Fatal(err)
	}
	cfg := crawl.DefaultConfig()
	cfg.State = st
	cfg.Sink = sink
	cfg.Delay, cfg.Jitter, cfg.OverrideDelay = 0, 0, true
	cfg.MaxPages = maxPages
	c, err := crawl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, st
}
