package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// memSite serves an http.Handler in memory and records each request's
// escaped path and (bubble) time.
type memSite struct {
	h  http.Handler
	mu sync.Mutex
	at map[string][]time.Time
}

func (s *memSite) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.at[req.URL.EscapedPath()] = append(s.at[req.URL.EscapedPath()], time.Now())
	s.mu.Unlock()
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

func (s *memSite) times(p string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.at[p]
}

func newMemSite(routes map[string]string) *memSite {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, ok := routes[r.URL.EscapedPath()]
		switch {
		case !ok:
			http.NotFound(w, r)
		case strings.HasPrefix(body, "->"):
			http.Redirect(w, r, strings.TrimPrefix(body, "->"), http.StatusFound)
		case r.URL.Path == "/robots.txt":
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(body))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<html><head><title>Văn bản</title></head><body><main><h1>Công văn</h1><p>Nội dung về đoàn ra, đoàn vào.</p>" + body + "</main></body></html>"))
		}
	})
	return &memSite{h: mux, at: map[string][]time.Time{}}
}

func memCrawler(t *testing.T, site *memSite, delay time.Duration) (*Crawler, *guardSink) {
	t.Helper()
	sink := &guardSink{}
	cfg := DefaultConfig()
	cfg.DataDir, cfg.Sink, cfg.Transport = t.TempDir(), sink, site
	cfg.Delay, cfg.Jitter, cfg.RetryBackoff = delay, 0, time.Second
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, sink
}

// Every redirect hop waits the host's delay, as a page does.
func TestRedirectHopsKeepTheDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site := newMemSite(map[string]string{
			"/robots.txt": "User-agent: *\nAllow: /\n",
			"/a":          "->/b", "/b": "->/c", "/c": "",
		})
		c, sink := memCrawler(t, site, 2*time.Second)
		if _, err := c.RunURL(context.Background(), "http://portal.test/a"); err != nil {
			t.Fatal(err)
		}
		if len(sink.ins) != 1 {
			t.Fatalf("%d ingested", len(sink.ins))
		}
		a, b, cc := site.times("/a"), site.times("/b"), site.times("/c")
		if len(a) != 1 || len(b) != 1 || len(cc) != 1 {
			t.Fatalf("requests: /a %d, /b %d, /c %d", len(a), len(b), len(cc))
		}
		if d := b[0].Sub(a[0]); d < 2*time.Second {
			t.Errorf("hop /a → /b after %s, want the 2s delay", d)
		}
		if d := cc[0].Sub(b[0]); d < 2*time.Second {
			t.Errorf("hop /b → /c after %s, want the 2s delay", d)
		}
	})
}

// A redirect loop fails at once and is not retried as a passing fault.
func TestRedirectLoopNotRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site := newMemSite(map[string]string{
			"/robots.txt": "User-agent: *\nAllow: /\n",
			"/loop":       "->/loop2", "/loop2": "->/loop",
			"/chain0": "->/chain1", "/chain1": "->/chain2", "/chain2": "->/chain3", "/chain3": "->/chain4",
			"/chain4": "->/chain5", "/chain5": "->/chain6", "/chain6": "->/chain7", "/chain7": "->/chain8",
			"/chain8": "->/chain9", "/chain9": "->/chain10", "/chain10": "->/chain11", "/chain11": "",
		})
		for _, start := range []string{"/loop", "/chain0"} {
			c, sink := memCrawler(t, site, 0)
			rep, err := c.RunURL(context.Background(), "http://portal.test"+start)
			if err != nil {
				t.Fatal(err)
			}
			if len(sink.ins) != 0 || rep.Failed != 1 || !strings.Contains(rep.Failures[0].Reason, "redirect loop") {
				t.Errorf("%s: %d ingested, failures %+v", start, len(sink.ins), rep.Failures)
			}
			if n := len(site.times(start)); n != 1 {
				t.Errorf("%s fetched %d times, want 1", start, n)
			}
		}
	})
}

// robots.txt rules and URLs compare with unreserved escapes decoded
// (RFC 9309 §2.2.2): /%70rivate/ is /private/, and a rule written in UTF-8
// matches the URL's percent-encoded path.
func TestRobotsMatchesNormalisedPaths(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site := newMemSite(map[string]string{
			"/robots.txt": "User-agent: *\nDisallow: /private/\nDisallow: /tài-liệu/ # nội bộ\nDisallow: /%6Eoi-bo/\n",
			"/start": `<a href="/%70rivate/a.html">a</a> <a href="/%70%72ivate/b.html">b</a> <a href="/t%c3%a0i-li%e1%bb%87u/c.html">c</a>` +
				` <a href="/noi-bo/d.html">d</a> <a href="/public/e.html">e</a> <a href="/pub%2Fprivate/f.html">f</a>`,
			"/%70rivate/a.html": "", "/%70%72ivate/b.html": "", "/t%c3%a0i-li%e1%bb%87u/c.html": "", "/t%C3%A0i-li%E1%BB%87u/c.html": "",
			"/noi-bo/d.html": "", "/public/e.html": "", "/pub%2Fprivate/f.html": "",
		})
		c, _ := memCrawler(t, site, 0)
		rep, err := c.RunURL(context.Background(), "http://portal.test/start")
		if err != nil {
			t.Fatal(err)
		}
		for p := range site.at {
			for _, bad := range []string{"rivate/a", "ivate/b", "c.html", "d.html"} {
				if strings.Contains(p, bad) && !strings.HasPrefix(p, "/pub%2F") {
					t.Errorf("fetched %s, which robots.txt disallows", p)
				}
			}
		}
		if len(site.times("/public/e.html")) != 1 || len(site.times("/pub%2Fprivate/f.html")) != 1 {
			t.Errorf("allowed pages not fetched: %v", site.at)
		}
		if rep.Robots < 4 {
			t.Errorf("robots refusals: %d, want 4", rep.Robots)
		}
	})
}

func TestNormalizeRobotsPath(t *testing.T) {
	for in, want := range map[string]string{
		"/%70rivate/":        "/private/",
		"/%7e%2d%2E%5F":      "/~-._",
		"/a%2fb":             "/a%2Fb", // an encoded slash stays encoded
		"/tài":               "/t%C3%A0i",
		"/t%c3%a0i":          "/t%C3%A0i",
		"/a?q=%41&x=%26":     "/a?q=A&x=%26",
		"/*.pdf$":            "/*.pdf$",
		"/bad%zz":            "/bad%25zz",
		"/end%4":             "/end%254",
		"/sp ace":            "/sp%20ace",
		"":                   "",
		"/%E1%BB%87u-%41%42": "/%E1%BB%87u-AB",
	} {
		if got := normalizeRobotsPath(in); got != want {
			t.Errorf("normalizeRobotsPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzNormalizeRobotsPath: any path or robots.txt rule normalises to
// printable ASCII, and normalising twice changes nothing.
func FuzzNormalizeRobotsPath(f *testing.F) {
	for _, s := range []string{"/%70rivate/", "/a%2fb", "/tài-liệu/", "/%", "/%4", "/%zz", "/*.pdf$", "/a?b=%26&c=%41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normalizeRobotsPath(s)
		for i := 0; i < len(n); i++ {
			if n[i] <= ' ' || n[i] >= 0x7f {
				t.Fatalf("%q → %q: byte %#x", s, n, n[i])
			}
		}
		if again := normalizeRobotsPath(n); again != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, again)
		}
		normalizeRobotsRules([]byte("User-agent: *\nDisallow: " + s + "\n"))
	})
}
