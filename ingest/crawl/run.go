package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"time"

	"github.com/gocolly/colly/v2"
)

// run is one Run of one source.
type run struct {
	c       *Crawler
	cfg     *Config
	src     *Source
	st      State
	col     *colly.Collector
	robots  *robotsCache
	hosts   map[string]time.Duration // hosts set up this run → their delay
	rep     Report
	prev    Report
	hasPrev bool
	started time.Time
	fetched int // requests this run (rep.Fetched also counts the runs resumed)
	lastLog time.Time
}

func newRun(c *Crawler, src *Source) *run {
	return &run{c: c, cfg: &c.cfg, src: src, st: c.st, hosts: map[string]time.Duration{}}
}

// delay is the configured pause between requests to one host.
func (r *run) delay() time.Duration {
	if r.src.Delay > 0 && !r.cfg.OverrideDelay {
		return r.src.Delay
	}
	return r.cfg.Delay
}

func (r *run) maxPages() int {
	if r.cfg.MaxPages > 0 {
		return r.cfg.MaxPages
	}
	return r.src.MaxPages
}

func (r *run) run(ctx context.Context) (Report, error) {
	now := r.cfg.Now()
	r.started = now
	var start []QueueItem
	for _, s := range r.src.Start {
		u := CanonicalURL(s)
		kind := KindList
		switch {
		case r.src.compiled.document.match(u, false) || (r.src.compiled.list.zero() && r.src.compiled.document.zero()):
			kind = KindDocument
		case r.src.compiled.attachment.match(u, false):
			kind = KindAttachment
		}
		start = append(start, QueueItem{URL: u, Kind: kind})
	}
	var err error
	r.prev, r.hasPrev, err = r.st.LastReport(ctx, r.src.Name)
	if err != nil {
		return Report{Source: r.src.Name}, fmt.Errorf("crawl: source %s: state: %w", r.src.Name, err)
	}
	rep, resumed, err := r.st.BeginRun(ctx, r.src.Name, fingerprint(r.src), start, now)
	if err != nil {
		return Report{Source: r.src.Name}, fmt.Errorf("crawl: source %s: state: %w", r.src.Name, err)
	}
	r.rep = rep
	r.rep.Source = r.src.Name
	r.rep.Resumed = resumed
	// A resumed run keeps its counters, not the verdict of the part before.
	r.rep.Warnings, r.rep.Notes, r.rep.Stopped, r.rep.Complete = nil, nil, "", false
	if err := r.setup(ctx); err != nil {
		return r.rep, err
	}
	max := r.maxPages()
	var runErr error
	for {
		if err := ctx.Err(); err != nil {
			r.rep.Stopped, runErr = "cancelled", err
			break
		}
		if max > 0 && r.fetched >= max {
			r.rep.Stopped = "max-pages"
			break
		}
		it, ok, err := r.st.Next(ctx, r.src.Name)
		if err != nil {
			r.rep.Stopped, runErr = "error", err
			break
		}
		if !ok {
			r.rep.Complete = true
			break
		}
		cm, err := r.process(ctx, it)
		if errors.Is(err, errInterrupted) {
			r.rep.Stopped, runErr = "cancelled", ctx.Err()
			break
		}
		if err != nil {
			r.rep.Stopped, runErr = "error", err
			break
		}
		cm.Report = &r.rep
		// A page processed is committed even when ctx ends meanwhile: the
		// sink may have stored it.
		if _, err := r.st.Commit(context.WithoutCancel(ctx), r.src.Name, cm); err != nil {
			r.rep.Stopped, runErr = "error", err
			break
		}
		r.progress(false)
	}
	return r.finish(context.WithoutCancel(ctx), runErr)
}

func (r *run) finish(ctx context.Context, runErr error) (Report, error) {
	now := r.cfg.Now()
	r.rep.FinishedAt = now
	r.rep.Seconds = now.Sub(r.started).Seconds()
	if r.rep.Seconds > 0 {
		r.rep.Rate = float64(r.fetched) / r.rep.Seconds
	}
	for h, d := range r.hosts {
		if d > r.delay() {
			r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("%s: robots.txt Crawl-delay %s honoured (longer than the %s configured)", h, d, r.delay()))
		}
	}
	var err error
	if r.rep.Complete {
		r.rep.Queued = 0
		r.rep.Warnings = append(r.rep.Warnings, siteChanged(r.rep, r.prev, r.hasPrev)...)
		err = r.st.FinishRun(ctx, r.src.Name, r.rep)
	} else {
		err = r.st.SaveProgress(ctx, r.src.Name, r.rep)
	}
	r.progress(true)
	if runErr != nil {
		return r.rep, fmt.Errorf("crawl: source %s: %w", r.src.Name, runErr)
	}
	if err != nil {
		return r.rep, err
	}
	return r.rep, nil
}

func (r *run) progress(final bool) {
	w := r.cfg.Progress
	if w == nil {
		return
	}
	now := r.cfg.Now()
	if !final && now.Sub(r.lastLog) < r.cfg.ProgressEvery {
		return
	}
	r.lastLog = now
	rate := 0.0
	if s := now.Sub(r.started).Seconds(); s > 0 {
		rate = float64(r.fetched) / s
	}
	state := "crawling"
	if final {
		state = "done"
		if !r.rep.Complete {
			state = "stopped (" + r.rep.Stopped + ", resumable)"
		}
	}
	fmt.Fprintf(w, "crawl %s: %s: %d pages (%d new, %d changed, %d unchanged, %d failed), %d documents, queue %d, %.1f pages/s\n",
		r.src.Name, state, r.rep.Fetched, r.rep.New, r.rep.Changed, r.rep.Unchanged, r.rep.Failed, r.rep.Documents, r.rep.Queued, rate)
	if final {
		for _, s := range r.rep.Notes {
			fmt.Fprintf(w, "crawl %s: note: %s\n", r.src.Name, s)
		}
		for _, s := range r.rep.Warnings {
			fmt.Fprintf(w, "crawl %s: warning: %s\n", r.src.Name, s)
		}
	}
}

// setup builds the run's colly collector: robots.txt obeyed, our
// User-Agent, revisits allowed (the frontier in the state decides what to
// fetch, so colly keeps no visited set that would grow with the site),
// redirects checked against the allowed hosts and robots.txt, and the
// response's charset left alone so the sink gets the bytes as served.
func (r *run) setup(ctx context.Context) error {
	r.robots = newRobotsCache(r.cfg.Transport, r.cfg.UserAgent, r.cfg.Timeout)
	col := colly.NewCollector(
		colly.UserAgent(r.cfg.UserAgent),
		colly.AllowURLRevisit(),
		colly.MaxBodySize(int(min(r.cfg.MaxBodySize+1, int64(1<<40)))),
		colly.StdlibContext(ctx),
	)
	col.IgnoreRobotsTxt = false
	col.DetectCharset = false
	jar, err := cookiejar.New(nil)
	if err != nil {
		return err
	}
	col.SetClient(&http.Client{Transport: &robotsTransport{base: r.cfg.Transport, cache: r.robots}, Timeout: r.cfg.Timeout, Jar: jar})
	col.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return fmt.Errorf("more than 10 redirects: %w", ErrRedirectLoop)
		}
		for _, prev := range via {
			if prev.URL.String() == req.URL.String() {
				return fmt.Errorf("redirected back to %s: %w", req.URL, ErrRedirectLoop)
			}
		}
		if !r.src.compiled.hostAllowed(req.URL) {
			return fmt.Errorf("redirected to %s: %w", req.URL, ErrOffHost)
		}
		e, err := r.robots.get(req.Context(), req.URL.Scheme, req.URL.Host)
		if err != nil {
			return err
		}
		if !e.allowed(req.URL) {
			return fmt.Errorf("redirected to %s: %w", req.URL, ErrRobots)
		}
		// Each hop is a request to the host: the same pause as between
		// pages (colly's limit applies to the first request only).
		return sleepCtx(req.Context(), r.hopDelay(req.URL.Host, e))
	})
	col.OnResponseHeaders(func(resp *colly.Response) {
		fr := resultOf(resp.Ctx)
		ct := resp.Headers.Get("Content-Type")
		fr.contentType = ct
		// colly re-encodes bodies whose Content-Type names a charset
		// (windows-1258 comes out decomposed, not NFC): keep only the
		// media type in colly's view; the sink gets the full header.
		if mt, _, err := parseMediaType(ct); err == nil && mt != ct {
			resp.Headers.Set("Content-Type", mt)
		}
	})
	col.OnResponse(func(resp *colly.Response) {
		fr := resultOf(resp.Ctx)
		fr.status, fr.body, fr.header = resp.StatusCode, resp.Body, resp.Headers.Clone()
		fr.finalURL = resp.Request.URL.String()
	})
	col.OnError(func(resp *colly.Response, err error) {
		fr := resultOf(resp.Ctx)
		fr.status, fr.body, fr.err = resp.StatusCode, resp.Body, err
		if resp.Headers != nil {
			fr.header = resp.Headers.Clone()
		}
	})
	r.col = col
	return nil
}

// hopDelay is the pause before following a redirect to host: the delay
// set up for it this run, or the configured one (robots.txt's Crawl-delay
// if longer) for a host not yet seen.
func (r *run) hopDelay(host string, e *robotsEntry) time.Duration {
	if d, ok := r.hosts[host]; ok {
		return d
	}
	d := r.delay()
	if e != nil && e.delay > d {
		d = e.delay
	}
	return d
}

// setupHost reads a host's robots.txt and gives colly its politeness rule:
// one request at a time, the delay (or the longer Crawl-delay) after each,
// plus jitter.
func (r *run) setupHost(ctx context.Context, u *url.URL) (*robotsEntry, error) {
	if e := r.robots.lookup(u.Host); e != nil {
		if _, ok := r.hosts[u.Host]; ok {
			return e, nil
		}
	}
	// robots.txt is a request too: under the host's lock, like pages.
	mu := r.c.hostLock(u.Host)
	mu.Lock()
	defer mu.Unlock()
	e, err := r.robots.get(ctx, u.Scheme, u.Host)
	if err != nil {
		return nil, err
	}
	if _, ok := r.hosts[u.Host]; ok {
		return e, nil
	}
	d := r.delay()
	if e.delay > d {
		d = e.delay
	}
	rule := &colly.LimitRule{DomainRegexp: "^" + regexp.QuoteMeta(u.Host) + "$", Parallelism: 1, Delay: d, RandomDelay: r.cfg.Jitter}
	if err := r.col.Limit(rule); err != nil {
		return nil, err
	}
	r.hosts[u.Host] = d
	// robots.txt was just requested: keep the same distance before the
	// first page.
	return e, sleepCtx(ctx, d)
}
