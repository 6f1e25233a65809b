package crawl

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
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
	return e.group.Test(normalizeRobotsPath(p))
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
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, normalizeRobotsRules(body))
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

// normalizeRobotsPath puts a path (with its query) in the one form both the
// URL and the rules are compared in (RFC 9309 §2.2.2): a percent-encoded
// unreserved character is decoded (/%70rivate/ is /private/), other escapes
// keep their meaning with upper-case hex (%2f is %2F, still not a slash), and
// bytes outside printable US-ASCII (and a lone %) are percent-encoded (a rule written in
// UTF-8, /tài-liệu/, matches the URL's /t%C3%A0i-li%E1%BB%87u/).
func normalizeRobotsPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]):
			v := unhex(p[i+1])<<4 | unhex(p[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[v>>4])
				b.WriteByte(hex[v&15])
			}
			i += 2
		case c <= ' ' || c >= 0x7f || c == '%':
			// A '%' that starts no escape is a literal percent sign.
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// normalizeRobotsRules rewrites the paths of a robots.txt's Allow and
// Disallow lines with normalizeRobotsPath, so rules and URLs compare in one
// form; other lines are left as they are.
func normalizeRobotsRules(body []byte) []byte {
	lines := bytes.SplitAfter(body, []byte("\n"))
	for i, l := range lines {
		colon := bytes.IndexByte(l, ':')
		if colon < 0 {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(string(l[:colon])))
		if key != "allow" && key != "disallow" {
			continue
		}
		rest := l[colon+1:]
		end := len(rest)
		if j := bytes.IndexByte(rest, '#'); j >= 0 {
			end = j
		}
		val := strings.TrimSpace(string(rest[:end]))
		nl := ""
		if bytes.HasSuffix(l, []byte("\n")) {
			nl = "\n"
		}
		lines[i] = []byte(string(l[:colon+1]) + " " + normalizeRobotsPath(val) + nl)
	}
	return bytes.Join(lines, nil)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// isUnreserved is RFC 3986's unreserved set: ALPHA DIGIT - . _ ~
func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
