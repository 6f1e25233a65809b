package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/ingest/crawl"
	"vanthu/ingest/meta"
	"vanthu/internal/democorpus"
	"vanthu/trip"
	"vanthu/web"
)

func init() {
	register(command{"serve", "serve the web desk and JSON API over a data directory", runServe})
}

type serveFlags struct {
	addr     string
	token    string
	readOnly bool
	// crawlPrivate lets the filing page's crawl reach this machine and
	// private networks.
	crawlPrivate bool
	// wrap, when set, wraps the desk's handler (cluster mode serves its
	// own /healthz).
	wrap func(http.Handler) http.Handler
}

func addServeFlags(e *env, fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}, sf *serveFlags) {
	fs.StringVar(&sf.addr, "addr", "127.0.0.1:8080", "address to listen on (beyond localhost needs --token)")
	fs.StringVar(&sf.token, "token", e.getenv("VANTHU_TOKEN"), "token required by write endpoints (env VANTHU_TOKEN)")
	fs.BoolVar(&sf.readOnly, "read-only", false, "serve without the filing page's writes")
	fs.BoolVar(&sf.crawlPrivate, "crawl-private", false, "let the filing page crawl loopback and private-network addresses (an intranet portal)")
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "serve", "[--addr HOST:PORT] [--token T] [--read-only] [--crawl-private] [--nats URL|embedded [--workers N]]")
	var sf serveFlags
	addServeFlags(e, fs, &sf)
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	workers := fs.Int("workers", 0, "cluster mode: ingest workers run by this process")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if nf.url != "" {
		return serveCluster(ctx, e, c, nf, sf, *workers, true)
	}
	a, err := openApp(ctx, e, c.data, appOptions{write: !sf.readOnly, index: true, ocr: true, serve: true, command: "serve"})
	if err != nil {
		return err
	}
	defer a.Close()
	return serve(ctx, e, a, c.data, sf)
}

// serve builds the web desk over an opened app and serves until ctx ends.
func serve(ctx context.Context, e *env, a *app, data string, sf serveFlags) error {
	ix, err := a.needIndex()
	if err != nil {
		return err
	}
	g, err := generate.New(generate.DefaultConfig())
	if err != nil {
		return err
	}
	cfg := web.DefaultConfig()
	cfg.Store, cfg.Search, cfg.Draft = a.store, ix, g
	if a.review != nil {
		// The review desk: corrections and withdrawals update ix at once.
		cfg.Review = a.desk()
		if p, err := meta.New(meta.DefaultConfig()); err == nil {
			cfg.Parse = p.Parse
		}
	}
	cfg.Version = version
	cfg.Token = sf.token
	cfg.RequireToken = !web.IsLoopback(sf.addr)
	// Without a token, only this machine's own names are served: a page on
	// a domain re-resolved to 127.0.0.1 must not use the desk.
	cfg.LocalOnly = web.IsLoopback(sf.addr) && sf.token == ""
	cfg.CrawlPrivate = sf.crawlPrivate
	cfg.Log = log.New(e.stderr, "serve: ", log.LstdFlags)
	rules := &rulesCache{a: a}
	cfg.CheckOptions = func(ctx context.Context) check.Options {
		return check.Options{Rules: rules.ruleSets(ctx), CorpusRules: rules.get(ctx)}
	}
	cfg.DraftNotes = forDrafting
	cfg.RuleSets = func(ctx context.Context) ([]check.RuleSet, error) {
		return append(rules.ruleSets(ctx), rules.get(ctx)...), nil
	}
	if a.pipeline != nil {
		cfg.Ingest = a.pipeline
		cfg.Crawl = func(ctx context.Context, u string) (crawl.Report, error) {
			ccfg := crawl.DefaultConfig()
			ccfg.DataDir = data
			ccfg.Sink = a.pipeline
			ccfg.MaxPages = 50
			ccfg.PublicOnly = !sf.crawlPrivate
			ccfg.UserAgent = "vanthu/" + version + " (+official-documents archive of a foreign-affairs office)"
			cr, err := crawl.New(ccfg)
			if err != nil {
				return crawl.Report{}, err
			}
			defer cr.Close()
			return cr.RunURL(ctx, u)
		}
	}
	if trips := democorpus.Trips(); len(trips) > 0 {
		// The drafting page opens on an example a clerk can edit.
		if t, err := trip.Parse(trips[len(trips)-1].Data, trips[len(trips)-1].Name); err == nil {
			cfg.Sample = &t
		}
	}
	if reg, err := openTripRegister(ctx, e, a); err == nil {
		cfg.Trips = reg
	} else {
		fmt.Fprintf(e.stderr, "warning: the trip register (sổ đoàn ra) is not served: %v\n", err)
	}
	if err := wireAccounts(&cfg, a); err != nil {
		return err
	}
	h, err := web.New(cfg)
	if err != nil {
		return &usageError{err.Error()}
	}
	var handler http.Handler = h
	if sf.wrap != nil {
		handler = sf.wrap(h)
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another vanthu serving there? try --addr 127.0.0.1:8081)", sf.addr, err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: cfg.Log}
	n, _ := a.store.Len(ctx)
	fmt.Fprintf(e.stdout, "vanthu: %d văn bản · mở http://%s/ trong trình duyệt (Ctrl+C để dừng)\n", n, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		fmt.Fprintln(e.stderr, "vanthu: stopped")
		return nil
	}
}

// rulesCache keeps the corpus's rule sets for the live check, which runs on
// every edit of the drafting form: reading every document each time would not
// do on a large corpus. A minute's staleness is harmless.
type rulesCache struct {
	a    *app
	mu   sync.Mutex
	at   time.Time
	sets []check.RuleSet
	// own are the shipped rule sets with the office's (records of kind
	// ruleset), read again at most once every few seconds so that a set
	// added with `vanthu rules add` applies without a restart.
	ownAt time.Time
	own   []check.RuleSet
}

func (c *rulesCache) ruleSets(ctx context.Context) []check.RuleSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.own == nil || time.Since(c.ownAt) > 5*time.Second {
		base, err := check.DefaultRules()
		if err != nil {
			return nil
		}
		var user []check.RuleSet
		if rs, ok := c.a.store.(corpus.RecordStore); ok {
			user, _, _ = check.StoredRules(ctx, rs)
		}
		c.own, c.ownAt = check.Merge(base, user), time.Now()
	}
	return c.own
}

func (c *rulesCache) get(ctx context.Context) []check.RuleSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) > time.Minute {
		c.sets, c.at = storeRules(ctx, c.a), time.Now()
	}
	return c.sets
}
