package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Crawler crawls sources into a Sink, keeping its state in a State (the
// data directory's by default). Runs of different sources may proceed at the same time; two
// runs of one source may not.
type Crawler struct {
	cfg     Config
	st      State
	mu      sync.Mutex
	running map[string]bool
	hosts   map[string]*sync.Mutex // one request at a time per host, across runs
}

func (c *Crawler) hostLock(host string) *sync.Mutex {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.hosts[host]
	if m == nil {
		m = &sync.Mutex{}
		c.hosts[host] = m
	}
	return m
}

// New makes a Crawler on cfg.State, or on the state in cfg.DataDir/crawl
// when that is nil.
func New(cfg Config) (*Crawler, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.Transport == nil {
		cfg.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if cfg.PublicOnly {
		t, ok := cfg.Transport.(*http.Transport)
		if !ok {
			return nil, fmt.Errorf("crawl: config: PublicOnly needs an *http.Transport, not %T", cfg.Transport)
		}
		cfg.Transport = publicOnlyTransport(t)
	}
	st := cfg.State
	if st == nil {
		var err error
		if st, err = OpenBoltState(filepath.Join(cfg.DataDir, "crawl")); err != nil {
			return nil, err
		}
	}
	return &Crawler{cfg: cfg, st: st, running: map[string]bool{}, hosts: map[string]*sync.Mutex{}}, nil
}

// Close releases the state (Config.State too).
func (c *Crawler) Close() error { return c.st.Close() }

// LastReport returns the report of the last finished run of the named source.
func (c *Crawler) LastReport(name string) (Report, bool, error) {
	return c.st.LastReport(context.Background(), name)
}

// Run crawls one source: it resumes the source's interrupted run if there is
// one, else starts from the start URLs, and returns when the frontier is
// empty, MaxPages requests were made, or ctx is done. The report is returned
// in every case; the error is non-nil only when the run could not go on
// (invalid source, state failure), with ctx's error on cancellation.
func (c *Crawler) Run(ctx context.Context, src Source) (rep Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("crawl: source %s: internal error: %v\n%s", src.Name, r, debug.Stack())
		}
	}()
	if err := src.Validate(); err != nil {
		return Report{Source: src.Name}, err
	}
	c.mu.Lock()
	if c.running[src.Name] {
		c.mu.Unlock()
		return Report{Source: src.Name}, fmt.Errorf("crawl: source %s is already being crawled", src.Name)
	}
	c.running[src.Name] = true
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.running, src.Name)
		c.mu.Unlock()
	}()
	r := newRun(c, &src)
	return r.run(ctx)
}

// RunURL crawls from one URL, following links within its host (to
// Config.MaxDepth) and ingesting every HTML page and attachment found.
func (c *Crawler) RunURL(ctx context.Context, rawURL string) (Report, error) {
	src, err := URLSource(rawURL, c.cfg.MaxDepth)
	if err != nil {
		return Report{Source: rawURL}, err
	}
	return c.Run(ctx, src)
}

// assetRE skips what is never a document: styles, scripts, images, media, archives.
var assetRE = `(?i)\.(css|js|mjs|json|xml|rss|png|jpe?g|gif|webp|svg|ico|bmp|woff2?|ttf|eot|mp3|mp4|avi|mov|zip|rar|7z|gz|exe|apk)([?#].*)?$`

// URLSource is the source RunURL crawls: every HTML page on the URL's host is
// a document page, links are followed to maxDepth, PDF/DOC/DOCX links are
// attachments. maxDepth ≤ 0 means DefaultConfig().MaxDepth: a one-off crawl
// must not walk a whole portal by accident.
func URLSource(rawURL string, maxDepth int) (Source, error) {
	if maxDepth <= 0 {
		maxDepth = DefaultConfig().MaxDepth
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Source{}, &SourceError{Source: rawURL, Field: "url", Reason: "not an absolute http(s) URL", Err: err}
	}
	canon := canonical(u)
	origin := u.Scheme + "://" + u.Host + "/"
	src := Source{
		Name:                urlSourceName(canon),
		Start:               []string{canon},
		AllowedHosts:        []string{u.Host},
		Links:               LinkRules{Document: Rule{Patterns: []string{"^" + regexp.QuoteMeta(origin)}}, Skip: []string{assetRE}},
		MaxDepth:            maxDepth,
		FollowFromDocuments: true,
	}
	if err := src.Validate(); err != nil {
		return Source{}, err
	}
	return src, nil
}

var nameUnsafeRE = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// urlSourceName turns a URL into a source name: readable, unique by a hash.
func urlSourceName(u string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	s = strings.Trim(nameUnsafeRE.ReplaceAllString(s, "-"), "-._")
	if len(s) > 80 {
		s = s[:80]
	}
	h := sha256.Sum256([]byte(u))
	return "url-" + s + "-" + hex.EncodeToString(h[:4])
}

// fingerprint identifies a source's configuration: an interrupted run resumes
// only under the same configuration.
func fingerprint(s *Source) string {
	b, _ := json.Marshal(struct {
		Start               []string
		Hosts               []string
		Links               LinkRules
		Page                PageRules
		MaxDepth            int
		FollowFromDocuments bool
	}{s.Start, s.AllowedHosts, s.Links, s.Page, s.MaxDepth, s.FollowFromDocuments})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// errInterrupted stops processing an item without committing it.
var errInterrupted = errors.New("crawl: interrupted")

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
