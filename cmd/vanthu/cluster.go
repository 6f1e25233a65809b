package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/cluster"
	"vanthu/corpus"
	"vanthu/corpus/natsstore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/crawl"
	"vanthu/ingest/crawl/natsstate"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdftext"
	"vanthu/internal/natsembed"
	"vanthu/review"
)

// Cluster mode: with --nats URL (or VANTHU_NATS) the corpus lives in NATS
// JetStream instead of the data directory; --nats embedded runs the server in
// this process (one node, or one node of a cluster with --nats-routes). The
// data directory then holds only this node's search index and, when
// embedded, the server's files.

func init() {
	register(command{"worker", "cluster mode: do queued ingest jobs (read, OCR, parse, store)", runWorker})
}

// natsFlags are the flags of cluster mode.
type natsFlags struct {
	url         string
	routes      string
	listen      string
	routeListen string
	name        string
	replicas    int
}

func addNATSFlags(e *env, fs *flag.FlagSet, nf *natsFlags) {
	fs.StringVar(&nf.url, "nats", e.getenv("VANTHU_NATS"), "cluster mode: NATS server URL(s), or \"embedded\" to run the server in this process (env VANTHU_NATS)")
	fs.StringVar(&nf.routes, "nats-routes", "", "embedded server: other nodes' route addresses, host:port,host:port (forms a cluster)")
	fs.StringVar(&nf.listen, "nats-listen", "127.0.0.1:4222", "embedded server: client address")
	fs.StringVar(&nf.routeListen, "nats-cluster-listen", "127.0.0.1:6222", "embedded server with routes: route address")
	fs.StringVar(&nf.name, "nats-name", "", "embedded server: its name in the cluster (default host-port)")
	fs.IntVar(&nf.replicas, "replicas", 0, "copies of the corpus kept by the cluster (default 3 on a cluster, 1 on one server)")
}

// natsConn is a connection to the cluster, and the embedded server if any.
type natsConn struct {
	nc       *nats.Conn
	srv      *natsembed.Server
	replicas int
	gaveUp   func(cluster.Job, error) // reports a job dropped after its last try
	warn     func(error)              // reports a problem that stops nothing
}

func (c *natsConn) Close() {
	if c.nc != nil {
		c.nc.Drain()
		c.nc.Close()
	}
	if c.srv != nil {
		c.srv.Stop()
	}
}

// connectNATS connects (starting the embedded server first when asked).
func connectNATS(ctx context.Context, e *env, data string, nf natsFlags) (*natsConn, error) {
	out := &natsConn{}
	url := nf.url
	if url == "embedded" {
		host, port, err := splitHostPort(nf.listen)
		if err != nil {
			return nil, usagef("--nats-listen %q: %v", nf.listen, err)
		}
		cfg := natsembed.Config{Name: nf.name, Dir: filepath.Join(data, "nats"), Host: host, Port: port, Log: e.getenv("VANTHU_NATS_LOG") != "", Problems: e.stderr}
		if nf.routes != "" {
			rhost, rport, err := splitHostPort(nf.routeListen)
			if err != nil {
				return nil, usagef("--nats-cluster-listen %q: %v", nf.routeListen, err)
			}
			if rhost != host {
				return nil, usagef("--nats-listen and --nats-cluster-listen must use the same host")
			}
			cfg.Cluster, cfg.ClusterPort = "vanthu", rport
			for _, r := range strings.Split(nf.routes, ",") {
				if r = strings.TrimSpace(r); r != "" {
					cfg.Routes = append(cfg.Routes, r)
				}
			}
		}
		if cfg.Name == "" {
			h, _ := os.Hostname()
			cfg.Name = fmt.Sprintf("%s-%d", h, port)
		}
		srv, err := natsembed.Start(cfg)
		if err != nil {
			return nil, err
		}
		if cfg.Cluster != "" {
			fmt.Fprintf(e.stderr, "vanthu: NATS server %s waiting for its peers (%s)\n", cfg.Name, nf.routes)
			if err := srv.WaitLeader(ctx, 5*time.Minute); err != nil {
				srv.Stop()
				return nil, err
			}
		}
		out.srv = srv
		url = srv.ClientURL()
	}
	nc, err := nats.Connect(url, nats.Name("vanthu"), nats.MaxReconnects(-1), nats.ReconnectWait(200*time.Millisecond))
	if err != nil {
		out.Close()
		return nil, fmt.Errorf("connect to NATS %s: %w", url, err)
	}
	out.nc = nc
	out.gaveUp = func(j cluster.Job, err error) {
		fmt.Fprintf(e.stderr, "vanthu: gave up on %s after its last try (its original is kept; queue it again with `vanthu ingest --nats`): %v\n", j.Name, err)
	}
	out.warn = func(err error) { fmt.Fprintf(e.stderr, "vanthu: %v\n", err) }
	out.replicas = nf.replicas
	if out.replicas <= 0 {
		out.replicas = 1
		if nc.ConnectedClusterName() != "" {
			out.replicas = 3
		}
	}
	return out, nil
}

func splitHostPort(s string) (string, int, error) {
	h, p, err := net.SplitHostPort(s)
	if err != nil {
		return "", 0, err
	}
	n, err := strconv.Atoi(p)
	if err != nil {
		return "", 0, err
	}
	return h, n, nil
}

// openCluster opens the corpus and the job queue on the cluster. Creating
// replicated buckets waits for the cluster's peers, up to a few minutes.
func openCluster(ctx context.Context, c *natsConn) (*natsstore.Store, *cluster.Queue, error) {
	octx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	st, err := natsstore.New(octx, c.nc, natsstore.Config{Name: "vanthu", Replicas: c.replicas})
	if err != nil {
		return nil, nil, err
	}
	gaveUp := func(j cluster.Job, err error) {
		if c.gaveUp != nil {
			c.gaveUp(j, err)
		}
		// Recorded so that queuing the file again makes a new job, and
		// `ingest --wait` names it.
		rctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if rerr := cluster.RecordGaveUp(rctx, st, j, err, time.Now()); rerr != nil && c.warn != nil {
			c.warn(rerr)
		}
	}
	q, err := cluster.NewQueue(octx, c.nc, cluster.QueueConfig{Name: "vanthu", Replicas: c.replicas, GaveUp: gaveUp})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, q, nil
}

// startWorkers runs n ingest workers until ctx ends; wait waits for them.
// With OCR on, the pages of a scan become page jobs that any worker of the
// cluster reads (cluster.PageReader): this process runs as many page
// workers as it has OCR slots (one a core) beside the ingest workers, which
// mostly wait for the pages of their scans.
func startWorkers(ctx context.Context, e *env, st *natsstore.Store, q *cluster.Queue, n int, ocr bool) (wait func(), err error) {
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		return nil, err
	}
	sv, err := signatureVerifier(e)
	if err != nil {
		return nil, err
	}
	popts := pdftext.DefaultOptions()
	opts := appOptions{ocr: ocr}
	if ocr {
		opts.pages = cluster.PageReader{Store: st, Queue: q, OCRLanguage: popts.OCRLanguage, OCRDPI: popts.OCRDPI}
	}
	pl, err := ingest.New(ingest.Config{Store: st, Parser: p, Extractors: extractors(opts), Signatures: sv})
	if err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	work := func(kind string, h cluster.Handler) {
		wg.Go(func() {
			if err := q.Work(ctx, kind, h); err != nil {
				fmt.Fprintf(e.stderr, "worker: %v\n", err)
			}
		})
	}
	h, rh := cluster.IngestHandler(st, pl), cluster.RecordHandler(st, pl)
	for range n {
		work(cluster.KindIngest, h)
		work(cluster.KindRecord, rh)
	}
	if ocr {
		ph := cluster.PageHandler(st, popts, time.Now)
		for range pdftext.OCRSlots() {
			work(cluster.KindOCRPage, ph)
		}
	}
	return wg.Wait, nil
}

func runWorker(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "worker", "--nats URL [--workers N] [--no-ocr] [--until-idle]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	n := fs.Int("workers", 1, "jobs done at once by this process")
	noOCR := fs.Bool("no-ocr", false, "do not OCR scanned pages (they are stored as needs-ocr)")
	untilIdle := fs.Bool("until-idle", false, "stop once the queue is empty")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if nf.url == "" {
		return usagef("worker needs --nats URL (or VANTHU_NATS)")
	}
	conn, err := connectNATS(ctx, e, c.data, nf)
	if err != nil {
		return err
	}
	defer conn.Close()
	st, q, err := openCluster(ctx, conn)
	if err != nil {
		return err
	}
	defer st.Close()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wait, err := startWorkers(wctx, e, st, q, max(*n, 1), !*noOCR)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "vanthu worker: %d worker(s) on %s\n", max(*n, 1), conn.nc.ConnectedUrlRedacted())
	if *untilIdle {
		if err := waitQueueEmpty(ctx, q); err != nil {
			cancel()
			wait()
			return err
		}
		cancel()
	}
	wait()
	return nil
}

// waitQueueEmpty waits until no job is queued or being worked on.
func waitQueueEmpty(ctx context.Context, q *cluster.Queue) error {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		n, err := q.Pending(ctx)
		if err == nil && n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// ingestCluster queues the files as ingest jobs; with wait, it waits until
// workers have done them all.
func ingestCluster(ctx context.Context, e *env, c *common, nf natsFlags, paths []string, wait bool) error {
	files, bad := expandPaths(paths)
	conn, err := connectNATS(ctx, e, c.data, nf)
	if err != nil {
		return err
	}
	defer conn.Close()
	st, q, err := openCluster(ctx, conn)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(e.stdout)
	queued, again, rejected := 0, 0, 0
	var jobs []cluster.Job // what this run queued, to name those given up
	for _, r := range bad {
		fmt.Fprintf(e.stderr, "vanthu ingest: %s\n", r.Error)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "vanthu ingest: %s\n", readError(f, err))
			continue
		}
		// Named as on one machine (the path as given; a record by its
		// line's label), so documents keyed by their source get the same
		// ids.
		enqueue := func(j cluster.Job, original []byte) error {
			j, fresh, err := cluster.EnqueueOriginalJob(ctx, st, q, j, original)
			if err != nil {
				return fmt.Errorf("queue %s: %w", j.Name, err)
			}
			jobs = append(jobs, j)
			status := "queued"
			if fresh {
				queued++
			} else {
				again++
				status = "already-queued"
			}
			if c.json {
				_ = enc.Encode(map[string]any{"input": j.Name, "status": status, "sha256": j.SHA256})
			}
			return nil
		}
		if ingest.DetectFormat(ingest.Input{Name: f}) == ingest.FormatRecords {
			// A records file is many documents: a job a record, each line
			// checked here so that a bad one is named now.
			err := ingest.EachRecord(ctx, f, bytes.NewReader(b), func(label string, raw []byte, bad *ingest.Result) error {
				if bad == nil {
					if verr := ingest.ValidateRecord(label, raw); verr != nil {
						bad = &ingest.Result{Input: label, Status: "error", Error: verr.Error()}
					}
				}
				if bad != nil {
					rejected++
					fmt.Fprintf(e.stderr, "vanthu ingest: %s\n", bad.Error)
					if c.json {
						_ = enc.Encode(bad)
					}
					return nil
				}
				return enqueue(cluster.Job{Kind: cluster.KindRecord, Name: label, FetchedAt: time.Now().UTC()}, raw)
			})
			if err != nil {
				return err
			}
			continue
		}
		if err := enqueue(cluster.Job{Name: f, FetchedAt: time.Now().UTC()}, b); err != nil {
			return err
		}
	}
	rej := ""
	if rejected > 0 {
		rej = fmt.Sprintf(", %d record line(s) rejected", rejected)
	}
	fmt.Fprintf(e.stderr, "vanthu ingest: %d job(s) queued, %d already queued%s (cluster %s)\n", queued, again, rej, conn.nc.ConnectedUrlRedacted())
	if !wait {
		if len(bad) > 0 || rejected > 0 {
			return &exitError{code: 1} // named above; the rest is queued
		}
		return nil
	}
	if err := waitQueueEmpty(ctx, q); err != nil {
		return err
	}
	n, err := st.Len(ctx)
	if err != nil {
		return err
	}
	failures, err := cluster.Failures(ctx, st)
	if err != nil {
		return err
	}
	failed := 0
	for _, j := range jobs {
		if fl, ok := failures[j.Key()]; ok && fl.Job.Try == j.Try {
			failed++
			fmt.Fprintf(e.stderr, "vanthu ingest: %s: not stored: the workers gave up after their last try (the original is kept; queue it again to retry): %s\n", j.Name, fl.Error)
		}
	}
	fmt.Fprintf(e.stderr, "vanthu ingest: done; the cluster holds %d document(s)\n", n)
	if failed > 0 {
		fmt.Fprintf(e.stderr, "vanthu ingest: %d file(s) not stored\n", failed)
	}
	if len(bad) > 0 || rejected > 0 || failed > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// serveCluster is `vanthu serve --nats`: a search node whose local index
// follows the cluster's documents, and optionally workers.
func serveCluster(ctx context.Context, e *env, c *common, nf natsFlags, sf serveFlags, workers int, ocr bool) error {
	conn, err := connectNATS(ctx, e, c.data, nf)
	if err != nil {
		return err
	}
	defer conn.Close()
	st, q, err := openCluster(ctx, conn)
	if err != nil {
		return err
	}
	defer st.Close()
	rs, err := review.NewStore(ctx, st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.data, 0o755); err != nil {
		return err
	}
	ix, err := index.Open(index.DefaultConfig(filepath.Join(c.data, indexDir)))
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	defer ix.Close()
	state := filepath.Join(c.data, "nats-index.seq")
	if n, err := ix.Count(); err == nil && n == 0 {
		// An empty index (new node, or one deleted to rebuild) reads the
		// whole feed, whatever sequence an earlier index reached.
		_ = os.Remove(state)
	}
	if err := reindexReviewed(ctx, rs, ix); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	ri := reviewedIndex{rs: rs, ix: ix}
	f := &cluster.Follower{Store: st, Index: ri, State: state, Log: func(err error) {
		fmt.Fprintf(e.stderr, "vanthu serve: %v\n", err)
	}, Records: []string{review.KindCorrection, review.KindWithdrawal}, OnRecord: ri.apply}
	fctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// Whatever ends serve, the follower and the workers stop before the
	// index and the connection close.
	defer func() {
		cancel()
		wg.Wait()
	}()
	wg.Go(func() {
		if err := f.Run(fctx); err != nil {
			fmt.Fprintf(e.stderr, "vanthu serve: following the cluster: %v\n", err)
		}
	})
	if workers > 0 {
		wait, err := startWorkers(fctx, e, st, q, workers, ocr)
		if err != nil {
			return err
		}
		wg.Go(wait)
	}
	a := &app{dir: c.data, store: rs, review: rs, idx: ix, e: e}
	sf.readOnly = true
	sf.wrap = func(h http.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("/", h)
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
			clusterHealth(w, r, st, ix, f, conn)
		})
		return mux
	}
	return serve(ctx, e, a, c.data, sf)
}

// reviewedIndex is a search node's index as the follower feeds it: each
// document with the corrections people made, and withdrawn documents kept
// out, as on one machine. A correction or withdrawal made on the cluster
// (`set`, `rm`, `restore` with --nats, or `migrate --to`) reaches it
// through the follower's feed (apply).
type reviewedIndex struct {
	rs *review.Store
	ix *index.Index
}

// apply takes a person's decision about document id into the node's view
// of the corrections and into its index.
func (r reviewedIndex) apply(ctx context.Context, _, id string) error {
	if err := r.rs.Refresh(ctx, id); err != nil {
		return err
	}
	d, err := r.rs.Inner().Get(ctx, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return r.IndexBatch(ctx, []corpus.Document{d})
}

func (r reviewedIndex) IndexBatch(ctx context.Context, docs []corpus.Document) error {
	keep := make([]corpus.Document, 0, len(docs))
	for _, d := range docs {
		if r.rs.Withdrawn(d.ID) {
			if err := r.ix.Delete(ctx, d.ID); err != nil {
				return err
			}
			continue
		}
		review.Apply(&d, r.rs.Correction(d.ID))
		keep = append(keep, d)
	}
	if len(keep) == 0 {
		return nil
	}
	return r.ix.IndexBatch(ctx, keep)
}

func (r reviewedIndex) Delete(ctx context.Context, id string) error { return r.ix.Delete(ctx, id) }

// reindexReviewed brings every document a person corrected, withdrew or
// restored up to date in a node's index: the follower resumes after the
// documents it indexed before, and corrections migrated since do not pass
// through its feed.
func reindexReviewed(ctx context.Context, rs *review.Store, ix *index.Index) error {
	ids := map[string]bool{}
	for _, kind := range []string{review.KindCorrection, review.KindWithdrawal} {
		err := rs.EachRecord(ctx, kind, func(r corpus.Record) error {
			ids[r.ID] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	ri := reviewedIndex{rs: rs, ix: ix}
	for id := range ids {
		d, err := rs.Inner().Get(ctx, id)
		if errors.Is(err, corpus.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := ri.IndexBatch(ctx, []corpus.Document{d}); err != nil {
			return err
		}
	}
	return nil
}

// clusterHealth is /healthz of a search node: the store's documents, the
// index's, and how far behind the cluster the index is.
func clusterHealth(w http.ResponseWriter, r *http.Request, st *natsstore.Store, ix *index.Index, f *cluster.Follower, conn *natsConn) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	n, err := st.Len(r.Context())
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "error", "error": err.Error()})
		return
	}
	indexed, _ := ix.Count()
	lag, known := f.Lag(r.Context())
	caught, _ := f.CaughtUp(r.Context())
	status := "ok"
	if !caught {
		status = "catching-up"
	}
	out := map[string]any{
		"status": status, "documents": n, "indexed": indexed, "version": version,
		"cluster": map[string]any{
			"server": conn.nc.ConnectedServerName(), "applied": f.Applied(), "caught_up": caught,
			"lag": lag, "lag_known": known,
		},
	}
	_ = json.NewEncoder(w).Encode(out)
}

// clusterSink is the crawl's sink in cluster mode: it queues what is fetched.
// Sources' run status records go to the cluster's record store, and the
// crawl state (frontiers, seen-sets, validators, last reports) to the
// cluster's crawl bucket, so a crawl stopped here continues on any machine.
func clusterSink(ctx context.Context, e *env, data string, nf natsFlags) (crawl.Sink, *natsstore.Store, crawl.State, func(), error) {
	conn, err := connectNATS(ctx, e, data, nf)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	st, q, err := openCluster(ctx, conn)
	if err != nil {
		conn.Close()
		return nil, nil, nil, nil, err
	}
	octx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cs, err := natsstate.New(octx, conn.nc, natsstate.Config{Name: crawlBucket, Replicas: conn.replicas})
	if err != nil {
		st.Close()
		conn.Close()
		return nil, nil, nil, nil, err
	}
	return cluster.QueueSink{Store: st, Queue: q}, st, cs, func() { st.Close(); conn.Close() }, nil
}

// crawlBucket is the key-value bucket of the crawl state in cluster mode.
const crawlBucket = "vanthu-crawl"

// openClusterStore connects and opens the cluster's corpus and records, for
// the commands that read them (show, trips, sources status).
func openClusterStore(ctx context.Context, e *env, data string, nf natsFlags) (*natsstore.Store, func(), error) {
	conn, err := connectNATS(ctx, e, data, nf)
	if err != nil {
		return nil, nil, err
	}
	octx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	st, err := natsstore.New(octx, conn.nc, natsstore.Config{Name: "vanthu", Replicas: conn.replicas})
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	return st, func() { st.Close(); conn.Close() }, nil
}

// openClusterApp is a read-only app over the cluster's corpus, with the
// corrections and withdrawals the cluster holds applied, as one machine's
// is over its data directory: for show and the register's reports.
func openClusterApp(ctx context.Context, e *env, data string, nf natsFlags) (*app, func(), error) {
	st, closeFn, err := openClusterStore(ctx, e, data, nf)
	if err != nil {
		return nil, nil, err
	}
	rs, err := review.NewStore(ctx, st)
	if err != nil {
		closeFn()
		return nil, nil, err
	}
	return &app{dir: data, store: rs, review: rs, records: st, e: e}, closeFn, nil
}

// openReadApp opens what a reading command works on: the data directory, or
// the cluster with --nats.
func openReadApp(ctx context.Context, e *env, data string, nf natsFlags) (*app, func(), error) {
	if nf.url != "" {
		return openClusterApp(ctx, e, data, nf)
	}
	a, err := openApp(ctx, e, data, appOptions{})
	if err != nil {
		return nil, nil, err
	}
	return a, func() { a.Close() }, nil
}
