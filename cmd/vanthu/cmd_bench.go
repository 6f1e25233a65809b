package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/index"
	"vanthu/internal/gencorpus"
	"vanthu/internal/machinespeed"
	"vanthu/web"
)

func init() {
	register(command{"bench", "measure: `bench web` loads the search API over a generated corpus; `bench gen` writes one", runBench})
}

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("bench needs a subcommand: web, load, gen or trips")
	}
	switch args[0] {
	case "web":
		return benchWeb(ctx, e, args[1:])
	case "load":
		return benchLoad(ctx, e, args[1:])
	case "gen":
		return benchGen(ctx, e, args[1:])
	case "trips":
		return benchTrips(ctx, e, args[1:])
	case "ingest":
		return benchIngest(ctx, e, args[1:])
	}
	return usagef("unknown bench subcommand %q: web, load, gen, trips or ingest", args[0])
}

// benchGen writes a generated corpus as JSON lines (for other tools).
func benchGen(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, "bench gen", "[--docs N] [--seed S] [--bytes B] > corpus.jsonl")
	cfg := gencorpus.DefaultConfig()
	fs.IntVar(&cfg.N, "docs", cfg.N, "documents")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed (same seed, same corpus)")
	fs.IntVar(&cfg.TextBytes, "bytes", cfg.TextBytes, "approximate text bytes per document")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	g, err := gencorpus.New(cfg)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	if err := g.Each(ctx, func(d corpus.Document) error { return enc.Encode(d) }); err != nil {
		return err
	}
	return w.Flush()
}

// benchWeb builds an index of generated documents, serves the web desk on
// loopback and drives /api/search from a second process (`vanthu bench
// load`), reporting requests/second and latency percentiles per query class.
func benchWeb(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, "bench web", "[--docs N] [--duration D] [--connections C] [--index DIR]")
	docs := fs.Int("docs", 100000, "generated documents to index")
	dur := fs.Duration("duration", 30*time.Second, "load duration")
	conns := fs.Int("connections", 16, "concurrent connections of the load generator")
	keep := fs.String("index", "", "build (or reuse) the index in this directory instead of a temporary one")
	cache := fs.Int("cache", index.DefaultConfig("").CacheResults, "answers the server keeps until the index changes (0: every request runs its search)")
	postings := fs.Int("postings-mb", index.DefaultConfig("").CachePostingsMB, "decoded posting lists the server keeps, in MB (0: none)")
	queries := fs.String("queries", "fixed", "fixed: the 18 queries of loadQueries; varied: 20,000 distinct queries drawn from the generated documents")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "vanthu-bench-web-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "index")
	}
	icfg := index.DefaultConfig(dir)
	icfg.CacheResults = max(*cache, 0)
	icfg.CachePostingsMB = max(*postings, 0)
	ix, err := index.Open(icfg)
	if err != nil {
		return err
	}
	defer ix.Close()
	if n, _ := ix.Count(); int(n) < *docs {
		gcfg := gencorpus.DefaultConfig() // the corpus of the search benchmark, so its index can be reused
		gcfg.N = *docs
		g, err := gencorpus.New(gcfg)
		if err != nil {
			return err
		}
		start := time.Now()
		fmt.Fprintf(e.stderr, "bench web: indexing %d generated documents…\n", *docs)
		err = withRebuildGC(func() error {
			return ix.Rebuild(ctx, func(fn func(corpus.Document) error) error { return g.Each(ctx, fn) }, func(n int) {
				if n%20000 == 0 {
					fmt.Fprintf(e.stderr, "bench web: %d indexed (%.0f/s)\n", n, float64(n)/time.Since(start).Seconds())
				}
			})
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "bench web: indexed in %.1fs\n", time.Since(start).Seconds())
	}
	cfg := web.DefaultConfig()
	cfg.Store, cfg.Search = memstore.New(), ix
	h, err := web.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	defer srv.Close()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	before := machinespeed.String()
	cmd := exec.CommandContext(ctx, self, "bench", "load", "--url", "http://"+ln.Addr().String(),
		"--duration", dur.String(), "--connections", fmt.Sprint(*conns), "--queries", *queries, "--docs", fmt.Sprint(*docs), "--json")
	cmd.Stderr = e.stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("load generator: %w", err)
	}
	var rep loadReport
	if err := json.Unmarshal(out, &rep); err != nil {
		return fmt.Errorf("load generator output: %w", err)
	}
	rep.Machine = [2]string{before, machinespeed.String()}
	rep.Docs = *docs
	rep.CPUs = runtime.NumCPU()
	rep.Cache = icfg.CacheResults
	rep.PostingsMB = icfg.CachePostingsMB
	hits, misses, held := ix.PostingsCacheStats()
	rep.PostingsCache = &postingsCacheReport{Hits: hits, Misses: misses, MB: float64(held) / (1 << 20)}
	b, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Fprintf(e.stdout, "%s\n", b)
	return nil
}

type classStats struct {
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50ms    float64 `json:"p50_ms"`
	P99ms    float64 `json:"p99_ms"`
}

type loadReport struct {
	Docs       int `json:"docs,omitempty"`
	CPUs       int `json:"cpus,omitempty"`
	Cache      int `json:"cache_answers"`
	PostingsMB int `json:"cache_postings_mb"`
	// PostingsCache is how the decoded posting lists served the load.
	PostingsCache *postingsCacheReport  `json:"postings_cache,omitempty"`
	Queries       string                `json:"queries"`
	Distinct      int                   `json:"distinct_queries"`
	Connections   int                   `json:"connections"`
	Seconds       float64               `json:"seconds"`
	Requests      int                   `json:"requests"`
	Errors        int                   `json:"errors"`
	RPS           float64               `json:"requests_per_second"`
	P50ms         float64               `json:"p50_ms"`
	P99ms         float64               `json:"p99_ms"`
	Classes       map[string]classStats `json:"classes"`
	// Machine is the machine's speed before and after the load
	// (internal/machinespeed): runs are comparable only at similar speeds.
	Machine [2]string `json:"machine"`
}

type postingsCacheReport struct {
	Hits   uint64  `json:"hits"`
	Misses uint64  `json:"misses"`
	MB     float64 `json:"mb_held"`
}

// loadQueries are the query classes of the search benchmark: words with and
// without diacritics, a phrase, a number, a faceted and a filtered search.
var loadQueries = map[string][]string{
	"word":     {"q=đoàn+ra", "q=doan+ra+nuoc+ngoai", "q=quản+lý+hoạt+động+đối+ngoại", "q=hop+tac+quoc+te", "q=kinh+phí"},
	"phrase":   {"q=%22công+tác+nước+ngoài%22", "q=%22doan+ra%22", "q=%22hội+nhập+quốc+tế%22"},
	"number":   {"q=38-CT/TW", "q=chi+thi+38", "q=155/2020/nd-cp", "q=4060+cv+btctu"},
	"faceted":  {"q=đoàn+ra&limit=20", "q=ngoai+vu&sort=-date"},
	"filtered": {"q=đoàn+ra&type=CV", "q=doan+vao&from=2019&to=2022", "q=kế+hoạch&issuer=Quảng+Ninh", "type=QĐ&sort=-date"},
}

// benchLoad is the load generator, run as its own process so that it does
// not share the server's CPU scheduler or garbage collector.
func benchLoad(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "bench load", "--url http://127.0.0.1:PORT [--duration D] [--connections C]")
	base := fs.String("url", "", "base URL of a vanthu server (loopback only)")
	dur := fs.Duration("duration", 30*time.Second, "how long to load")
	conns := fs.Int("connections", 16, "concurrent connections")
	mode := fs.String("queries", "fixed", "fixed or varied (see bench web)")
	docs := fs.Int("docs", 100000, "documents of the generated corpus the server holds (varied queries are drawn from them)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	pool := loadQueries
	switch *mode {
	case "fixed":
	case "varied":
		var err error
		if pool, err = variedQueries(ctx, *docs, 4000); err != nil {
			return err
		}
	default:
		return usagef("--queries must be fixed or varied, not %q", *mode)
	}
	u, err := url.Parse(*base)
	if err != nil || u.Host == "" {
		return usagef("--url must be like http://127.0.0.1:8080")
	}
	if host := u.Hostname(); host != "localhost" && !(net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback()) {
		return usagef("bench load only targets this machine (loopback), not %s", host)
	}
	var classes []string
	for k := range pool {
		classes = append(classes, k)
	}
	sort.Strings(classes)
	type sample struct {
		class string
		d     time.Duration
		err   bool
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	deadline := time.Now().Add(*dur)
	results := make([][]sample, *conns)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for time.Now().Before(deadline) && ctx.Err() == nil {
				cl := classes[r.IntN(len(classes))]
				qs := pool[cl]
				t0 := time.Now()
				resp, err := client.Get(*base + "/api/search?" + qs[r.IntN(len(qs))])
				bad := err != nil
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					bad = resp.StatusCode != 200
				}
				results[w] = append(results[w], sample{cl, time.Since(t0), bad})
			}
		}(w)
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	rep := loadReport{Connections: *conns, Seconds: el, Classes: map[string]classStats{}, Queries: *mode}
	for _, qs := range pool {
		rep.Distinct += len(qs)
	}
	var all []time.Duration
	by := map[string][]time.Duration{}
	errs := map[string]int{}
	for _, rs := range results {
		for _, s := range rs {
			all = append(all, s.d)
			by[s.class] = append(by[s.class], s.d)
			if s.err {
				errs[s.class]++
				rep.Errors++
			}
		}
	}
	rep.Requests = len(all)
	rep.RPS = float64(len(all)) / el
	rep.P50ms, rep.P99ms = pct(all, 0.50), pct(all, 0.99)
	for cl, ds := range by {
		rep.Classes[cl] = classStats{Requests: len(ds), Errors: errs[cl], P50ms: pct(ds, 0.50), P99ms: pct(ds, 0.99)}
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(rep)
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Fprintf(e.stdout, "%s\n", b)
	return nil
}

func pct(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s)-1) * p)
	return float64(s[i].Microseconds()) / 1000
}
