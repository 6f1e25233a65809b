package crawl

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobots bounds a robots.txt: Google reads the first 500 KiB
// (RFC 9309 §2.5 asks crawlers to read at least 500 KiB).
const maxRobots = 500 << 10

// robotsEntry is one host's robots.txt, fetched once per run.
type robotsEntry struct {
	status int
	body   []byte
	group  *robotstxt.Group // the group for our User-Agent; nil = no rules
	delay  time.Duration    // its Crawl-delay
}

func (e *robotsEntry) allowed(u *url.URL) bool {
	if e.group == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.group.Test(p)
}

// robotsCache fetches each host's robots.txt once per run and hands the same
// bytes to colly's own robots check (through robotsTransport), so that the
// file is requested once and both checks read the same rules. Colly obeys
// Disallow but ignores Crawl-delay, which we read here.
type robotsCache struct {
	base    http.RoundTripper
	ua      string
	timeout time.Duration
	mu      sync.Mutex
	hosts   map[string]*robotsEntry
}

func newRobotsCache(base http.RoundTripper, ua string, timeout time.Duration) *robotsCache {
	return &robotsCache{base: base, ua: ua, timeout: timeout, hosts: map[string]*robotsEntry{}}
}

func (c *robotsCache) lookup(host string) *robotsEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hosts[host]
}

// get returns the robots.txt of scheme://host, fetching it if needed. An
// unreachable host is an error (the caller retries later); a 4xx means no
// rules and a 5xx means "crawl nothing", as RFC 9309 §2.3.1 says.
func (c *robotsCache) get(ctx context.Context, scheme, host string) (*robotsEntry, error) {
	if e := c.lookup(host); e != nil {
		return e, nil
	}
	u := scheme + "://" + host + "/robots.txt"
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.ua)
	client := &http.Client{Transport: c.base, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 { // RFC 9309 §2.3.1.2: follow at least five redirects
			return http.ErrUseLastResponse
		}
		return nil
	}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("crawl %s: %w", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobots))
	if err != nil {
		return nil, fmt.Errorf("crawl %s: %w", u, err)
	}
	e := &robotsEntry{status: resp.StatusCode, body: body}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err == nil && data != nil {
		e.group = data.FindGroup(c.ua)
		if e.group != nil {
			e.delay = e.group.CrawlDelay
		}
	} else {
		// An unparsable file is treated as no rules, as browsers and
		// major crawlers do; keep the status so colly sees the same.
		e.status = http.StatusNotFound
		e.body = nil
	}
	c.mu.Lock()
	c.hosts[host] = e
	c.mu.Unlock()
	return e, nil
}

// robotsTransport answers requests for /robots.txt from the cache, so colly's
// robots check costs no second request.
type robotsTransport struct {
	base  http.RoundTripper
	cache *robotsCache
}

func (t *robotsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodGet && req.URL.Path == "/robots.txt" && req.URL.RawQuery == "" {
		if e := t.cache.lookup(req.URL.Host); e != nil {
			return &http.Response{
				Status:        fmt.Sprintf("%d %s", e.status, http.StatusText(e.status)),
				StatusCode:    e.status,
				Proto:         "HTTP/1.1",
				ProtoMajor:    1,
				ProtoMinor:    1,
				Header:        http.Header{"Content-Type": {"text/plain"}},
				Body:          io.NopCloser(bytes.NewReader(e.body)),
				ContentLength: int64(len(e.body)),
				Request:       req,
			}, nil
		}
	}
	return t.base.RoundTrip(req)
}
