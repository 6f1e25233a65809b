package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/ingest/crawl"
)

func init() {
	register(command{"crawl", "fetch new and changed documents from portals (polite, incremental, resumable)", runCrawl})
}

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "crawl", "--sources FILE [--source NAME] | URL  [--delay D] [--max-pages N] [--json]")
	sources := fs.String("sources", "", "YAML file listing the sources to crawl (see examples/sources.yaml)")
	only := fs.String("source", "", "crawl only the source with this name")
	delay := fs.Duration("delay", -1, "pause between requests to one host, overriding the sources' (0 for local tests; default 1s)")
	maxPages := fs.Int("max-pages", 0, "at most this many requests per source in this run (the rest is kept for the next run)")
	noOCR := fs.Bool("no-ocr", false, "do not OCR scanned PDF attachments")
	depth := fs.Int("max-depth", 2, "for a one-off URL crawl: how many links away from the start page to go")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if (*sources == "") == (len(pos) == 0) {
		return usagef("crawl needs either --sources FILE or one URL (vanthu crawl https://example.gov.vn/tin-tuc)")
	}
	srcs, err := crawlSources(*sources, *only, pos, *depth)
	if err != nil {
		return err
	}
	var a *app
	var next crawl.Sink
	var state crawl.State
	if nf.url != "" {
		// Cluster mode: what is fetched becomes jobs for the workers, and
		// the crawl's state lives on the cluster.
		qs, st, cs, closeQS, err := clusterSink(ctx, e, c.data, nf)
		if err != nil {
			return err
		}
		defer closeQS()
		a, next, state = &app{dir: c.data, e: e, records: st}, qs, cs
	} else {
		a, err = openApp(ctx, e, c.data, appOptions{write: true, index: true, ocr: !*noOCR, command: "crawl", wait: true})
		if err != nil {
			return err
		}
		defer a.Close()
		next = a.pipeline
	}
	cfg := crawl.DefaultConfig()
	cfg.DataDir, cfg.State = c.data, state
	cfg.UserAgent = "vanthu/" + version + " (+official-documents archive of a foreign-affairs office)"
	sink := &newestSink{next: next}
	cfg.Sink = sink
	cfg.Progress = e.stderr
	cfg.MaxPages = *maxPages
	if *delay >= 0 {
		cfg.Delay, cfg.OverrideDelay = *delay, true
		if *delay == 0 {
			cfg.Jitter = 0
		}
	}
	cr, err := crawl.New(cfg)
	if err != nil {
		return err
	}
	defer cr.Close()
	failed := false
	var broken []string
	for _, s := range srcs {
		sink.newest = corpus.Date{}
		rep, err := cr.Run(ctx, s)
		if err != nil && ctx.Err() == nil {
			fmt.Fprintf(e.stderr, "crawl %s: %v\n", s.Name, err)
			failed = true
		}
		if *sources != "" && ctx.Err() == nil {
			// A named source that cannot be reached, or whose pages no
			// longer match its rules, fails the run (a daily cron job
			// must notice), and its status says so until it recovers.
			if err == nil {
				if p := rep.Problem(); p != "" {
					fmt.Fprintf(e.stderr, "crawl %s: %s\n", s.Name, p)
					broken = append(broken, s.Name)
				}
			} else {
				rep.Failures = append(rep.Failures, crawl.Failure{URL: strings.Join(s.Start, " "), Reason: err.Error()})
				broken = append(broken, s.Name)
			}
			if a.records != nil {
				if _, err := crawl.RecordRun(ctx, a.records, s, rep, sink.newest, time.Now()); err != nil {
					fmt.Fprintf(e.stderr, "warning: status of source %s not recorded: %v\n", s.Name, err)
				}
			}
		}
		if c.json {
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(rep)
		} else {
			printCrawlReport(e, rep)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if len(broken) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("nguồn lỗi (sources failing): %s — xem `vanthu sources status`", strings.Join(broken, ", "))}
	}
	if failed {
		return &exitError{code: 1}
	}
	return nil
}

// crawlSources are the sources a crawl runs: those of the sources file
// (only the one named, when only is set), or a one-off source for the URL.
func crawlSources(sources, only string, pos []string, depth int) ([]crawl.Source, error) {
	var srcs []crawl.Source
	var err error
	if sources != "" {
		if srcs, err = crawl.LoadSources(sources); err != nil {
			return nil, &usageError{err.Error()}
		}
		if only != "" {
			var keep []crawl.Source
			for _, s := range srcs {
				if s.Name == only {
					keep = append(keep, s)
				}
			}
			if len(keep) == 0 {
				return nil, usagef("no source named %q in %s", only, sources)
			}
			srcs = keep
		}
	} else {
		if len(pos) != 1 {
			return nil, usagef("crawl takes one URL")
		}
		s, err := crawl.URLSource(pos[0], depth)
		if err != nil {
			return nil, &usageError{err.Error()}
		}
		srcs = []crawl.Source{s}
	}
	return srcs, nil
}

// newestSink passes documents to the pipeline and remembers the newest
// date of those stored or updated: the source's newest document.
type newestSink struct {
	next   crawl.Sink
	newest corpus.Date
}

func (s *newestSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	res, err := s.next.Ingest(ctx, in)
	if err == nil && (res.Status == string(corpus.PutStored) || res.Status == string(corpus.PutNewVersion)) {
		if d, perr := corpus.ParseDate(res.Date); perr == nil && d.String() > s.newest.String() {
			s.newest = d
		}
	}
	return res, err
}

func printCrawlReport(e *env, r crawl.Report) {
	w := e.stdout
	state := "xong (complete)"
	if !r.Complete {
		state = fmt.Sprintf("dừng: %s, còn %d URL cho lần sau", r.Stopped, r.Queued)
	}
	fmt.Fprintf(w, "%s: %s, %.1fs\n", r.Source, state, r.Seconds)
	fmt.Fprintf(w, "  fetched %d (%s): new %d, changed %d, unchanged %d (304: %d), failed %d, robots.txt %d\n",
		r.Fetched, byteSize(r.Bytes), r.New, r.Changed, r.Unchanged, r.NotModified, r.Failed, r.Robots)
	fmt.Fprintf(w, "  pages: %d list, %d document, %d attachments; %d documents stored or updated\n",
		r.ListPages, r.DocumentPages, r.Attachments, r.Documents)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  failed: %s: %s\n", f.URL, f.Reason)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", warn)
	}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
