package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vanthu/cluster"
	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/corpus/natsstore"
	"vanthu/index"
	"vanthu/internal/natsembed"
	"vanthu/review"
)

func startNATS(t *testing.T) string {
	t.Helper()
	srv, err := natsembed.Start(natsembed.Config{Name: "cmdtest", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return srv.ClientURL()
}

// TestMigrateRoundTrip copies the demo corpus (documents and the trip
// register's records) into a NATS server and back into a new data directory,
// and finds the same documents, versions, texts and records.
func TestMigrateRoundTrip(t *testing.T) {
	url := startNATS(t)
	a, b := t.TempDir(), t.TempDir()
	if code, out, errs := vt(t, "demo", "--data", a, "--no-serve"); code != 0 {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs := vt(t, "migrate", "--data", a, "--to", url)
	if code != 0 || !strings.Contains(out, "verified") {
		t.Fatalf("migrate --to: %d\n%s\n%s", code, out, errs)
	}
	// Again: everything is there already.
	code, out, errs = vt(t, "migrate", "--data", a, "--to", url)
	if code != 0 || !strings.Contains(out, ": 0 version(s) and 0 record version(s) copied") {
		t.Fatalf("migrate --to again: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = vt(t, "migrate", "--data", b, "--from", url)
	if code != 0 || !strings.Contains(out, "verified") {
		t.Fatalf("migrate --from: %d\n%s\n%s", code, out, errs)
	}

	ctx := context.Background()
	open := func(dir string) *filestore.Store {
		cfg := filestore.DefaultConfig()
		cfg.Dir, cfg.ReadOnly = filepath.Join(dir, corpusDir), true
		st, err := filestore.Open(cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	sa, sb := open(a), open(b)
	na, _ := sa.Len(ctx)
	nb, _ := sb.Len(ctx)
	if na == 0 || na != nb {
		t.Fatalf("documents: %d in the source, %d after the round trip", na, nb)
	}
	err := sa.Each(ctx, func(d corpus.Document) error {
		c, err := sb.Get(ctx, d.ID)
		if err != nil {
			return err
		}
		if !slices.Equal(shas(d.Versions), shas(c.Versions)) || c.Text != d.Text || c.Title != d.Title || c.Number != d.Number {
			t.Errorf("%s differs after the round trip", d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var ra, rb []string
	_ = sa.EachRecord(ctx, "trip", func(r corpus.Record) error { ra = append(ra, r.ID+"@"+r.SHA256); return nil })
	_ = sb.EachRecord(ctx, "trip", func(r corpus.Record) error { rb = append(rb, r.ID+"@"+r.SHA256); return nil })
	if len(ra) == 0 || !slices.Equal(ra, rb) {
		t.Errorf("trip records: %v, after the round trip %v", ra, rb)
	}
}

// TestIngestThroughQueue queues the demo documents with `ingest --nats` (the
// same files twice: queued once) and has `worker --until-idle` store them.
func TestIngestThroughQueue(t *testing.T) {
	url := startNATS(t)
	docs := filepath.Join("..", "..", "internal", "democorpus", "docs")
	code, _, errs := vt(t, "ingest", "--nats", url, docs)
	if code != 0 || !strings.Contains(errs, "job(s) queued, 0 already queued") {
		t.Fatalf("ingest --nats: %d\n%s", code, errs)
	}
	code, _, errs = vt(t, "ingest", "--nats", url, docs)
	if code != 0 || !strings.Contains(errs, " 0 job(s) queued") {
		t.Fatalf("ingest --nats again: %d\n%s", code, errs)
	}
	code, _, errs = vt(t, "worker", "--nats", url, "--workers", "2", "--no-ocr", "--until-idle")
	if code != 0 {
		t.Fatalf("worker: %d\n%s", code, errs)
	}
	st, err := natsstore.Open(context.Background(), url, natsstore.Config{Name: "vanthu"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Len(context.Background())
	if err != nil || n < 10 {
		t.Fatalf("the cluster holds %d documents (%v), want the demo corpus", n, err)
	}
	d, err := st.FindNumber(context.Background(), "05/CT-UBND")
	if err != nil || len(d) != 1 {
		t.Errorf("FindNumber 05/CT-UBND: %d documents, %v", len(d), err)
	}
}

// TestCrawlThroughQueue crawls a saved portal page in cluster mode: the page
// and its attachments become jobs, and a worker stores them.
func TestCrawlThroughQueue(t *testing.T) {
	url := startNATS(t)
	site := httptest.NewServer(http.FileServer(http.Dir(filepath.Join("..", "..", "ingest", "crawl", "testdata", "site"))))
	defer site.Close()
	data := t.TempDir()
	code, out, errs := vt(t, "crawl", "--data", data, "--nats", url, "--delay", "0", "--max-depth", "1", "--json", site.URL+"/doc-cv-1188.html")
	if code != 0 || !strings.Contains(out, `"queued"`) {
		t.Fatalf("crawl --nats: %d\n%s\n%s", code, out, errs)
	}
	code, _, errs = vt(t, "worker", "--nats", url, "--no-ocr", "--until-idle")
	if code != 0 {
		t.Fatalf("worker: %d\n%s", code, errs)
	}
	st, err := natsstore.Open(context.Background(), url, natsstore.Config{Name: "vanthu"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.FindNumber(context.Background(), "1188/SNgV-LS")
	if err != nil || len(ds) == 0 {
		n, _ := st.Len(context.Background())
		t.Fatalf("the crawled dispatch is not in the cluster (%d documents, %v)\n%s", n, err, out)
	}
}

// TestSearchNodeKeepsReview migrates a data directory where a person
// corrected one document's title and withdrew another into a cluster, and
// has a search node's follower build its index: it finds the document by
// the corrected title and does not find the withdrawn one, as one machine
// would.
func TestSearchNodeKeepsReview(t *testing.T) {
	url := startNATS(t)
	data := t.TempDir()
	if code, out, errs := vt(t, "demo", "--data", data, "--no-serve"); code != 0 {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := vt(t, "set", "--data", data, "05/CT-UBND", "title=Chỉ thị về đoàn ra năm Ất Tỵ"); code != 0 {
		t.Fatalf("set: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := vt(t, "rm", "--data", data, "211/TB-UBND", "--reason", "gửi nhầm"); code != 0 {
		t.Fatalf("rm: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := vt(t, "migrate", "--data", data, "--to", url); code != 0 {
		t.Fatalf("migrate --to: %d\n%s\n%s", code, out, errs)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := natsstore.Open(ctx, url, natsstore.Config{Name: "vanthu"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := review.NewStore(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.DefaultConfig(filepath.Join(t.TempDir(), "index")))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	f := &cluster.Follower{Store: st, Index: reviewedIndex{rs: rs, ix: ix}}
	fctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.Run(fctx) }()
	for {
		if ok, err := f.CaughtUp(ctx); err == nil && ok {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("the follower did not catch up")
		case <-time.After(20 * time.Millisecond):
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	numbers := func(q string) []string {
		t.Helper()
		res, err := ix.Search(ctx, index.Query{Text: q, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Number)
		}
		return out
	}
	if got := numbers(`"ất tỵ"`); !slices.Contains(got, "05/CT-UBND") {
		t.Errorf(`search "ất tỵ" (the corrected title) finds %v, want 05/CT-UBND`, got)
	}
	if got := numbers("thông báo"); slices.Contains(got, "211/TB-UBND") {
		t.Errorf(`search "thông báo" finds the withdrawn 211/TB-UBND: %v`, got)
	}
	if got := numbers("đoàn ra"); len(got) == 0 {
		t.Error(`search "đoàn ra" finds nothing: the index was not built`)
	}

	// Later corrections and a restore, migrated while the node is down,
	// apply when it starts again, though its follower resumes after the
	// documents it indexed before.
	if code, out, errs := vt(t, "set", "--data", data, "05/CT-UBND", "title=Chỉ thị về đoàn ra, bản hiệu đính lần hai"); code != 0 {
		t.Fatalf("set: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := vt(t, "restore", "--data", data, "211/TB-UBND"); code != 0 {
		t.Fatalf("restore: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := vt(t, "migrate", "--data", data, "--to", url); code != 0 {
		t.Fatalf("migrate --to again: %d\n%s\n%s", code, out, errs)
	}
	rs, err = review.NewStore(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := reindexReviewed(ctx, rs, ix); err != nil {
		t.Fatal(err)
	}
	if got := numbers(`"hiệu đính lần hai"`); !slices.Contains(got, "05/CT-UBND") {
		t.Errorf(`after the restart, search "hiệu đính lần hai" (the new title) finds %v, want 05/CT-UBND`, got)
	}
	if got := numbers(`"ất tỵ"`); slices.Contains(got, "05/CT-UBND") {
		t.Errorf(`after the restart, search "ất tỵ" (the old title) still finds 05/CT-UBND`)
	}
	if got := numbers("thông báo"); !slices.Contains(got, "211/TB-UBND") {
		t.Errorf(`after the restart, search "thông báo" does not find the restored 211/TB-UBND: %v`, got)
	}
}
