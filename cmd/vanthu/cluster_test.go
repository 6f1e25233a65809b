package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
	vtOK(t, "demo", "--data", a, "--no-serve")
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

// A records file queued in cluster mode is a job a record: bad lines are
// named when queued (and make the exit status 1), the good ones are stored
// by the workers under their own ids, as one machine stores them.
func TestRecordsThroughQueue(t *testing.T) {
	url := startNATS(t)
	f := filepath.Join(t.TempDir(), "luat.jsonl")
	lines := `{"id":"alqac-1","title":"Điều 1. Phạm vi điều chỉnh","text":"Luật này quy định về hộ chiếu công vụ."}
not json
{"title":"Điều 3","text":"no id"}

{"id":"alqac-2","title":"Điều 2. Đối tượng áp dụng","text":"Cán bộ, công chức đi công tác nước ngoài."}
`
	if err := os.WriteFile(f, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := vt(t, "ingest", "--nats", url, f)
	if code != 1 || !strings.Contains(errs, "2 job(s) queued, 0 already queued, 2 record line(s) rejected") ||
		!strings.Contains(errs, "luat.jsonl:2") || !strings.Contains(errs, `luat.jsonl:3: the record has no "id"`) {
		t.Fatalf("ingest --nats records: %d\n%s", code, errs)
	}
	code, _, errs = vt(t, "worker", "--nats", url, "--workers", "1", "--no-ocr", "--until-idle")
	if code != 0 {
		t.Fatalf("worker: %d\n%s", code, errs)
	}
	st, err := natsstore.Open(context.Background(), url, natsstore.Config{Name: "vanthu"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range []string{"alqac-1", "alqac-2"} {
		d, err := st.Get(context.Background(), id)
		if err != nil || d.Kind != "record" || !strings.HasPrefix(d.Title, "Điều") {
			t.Errorf("record %s: %+v, %v", id, d.Title, err)
		}
	}
	if n, err := st.Len(context.Background()); err != nil || n != 2 {
		t.Errorf("the cluster holds %d documents (%v), want 2", n, err)
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

// TestCrawlResumesOnAnotherMachine stops a cluster-mode crawl after two
// pages on one machine (its own data directory) and runs it again on
// another: the second continues the first's run from the cluster's crawl
// state, and no page is fetched twice.
func TestCrawlResumesOnAnotherMachine(t *testing.T) {
	url := startNATS(t)
	var mu sync.Mutex
	fetched := map[string]int{}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		fetched[r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			fmt.Fprint(w, "<html><body><h1>Sở Ngoại vụ: văn bản</h1>")
			for i := range 5 {
				fmt.Fprintf(w, `<a href="/vb/%d.html">Công văn %d/SNgV-LS</a>`, i, 1200+i)
			}
			fmt.Fprint(w, "</body></html>")
			return
		}
		fmt.Fprintf(w, "<html><body><h1>Công văn về đoàn ra %s</h1><p>Kính gửi các sở, ban, ngành.</p></body></html>", r.URL.Path)
	}))
	defer site.Close()
	sources := filepath.Join(t.TempDir(), "sources.yaml")
	yaml := "sources:\n  - name: so-ngoai-vu\n    start: [\"" + site.URL + "/\"]\n    links:\n      document: {patterns: ['/vb/\\d+\\.html$']}\n"
	if err := os.WriteFile(sources, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := vt(t, "crawl", "--data", t.TempDir(), "--nats", url, "--delay", "0", "--max-pages", "2", "--json", "--sources", sources)
	if code != 0 || !strings.Contains(out, `"stopped":"max-pages"`) || !strings.Contains(out, `"fetched":2,`) {
		t.Fatalf("crawl --nats --max-pages 2 on machine A: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = vt(t, "crawl", "--data", t.TempDir(), "--nats", url, "--delay", "0", "--json", "--sources", sources)
	if code != 0 || !strings.Contains(out, `"complete":true`) || !strings.Contains(out, `"resumed":true`) || !strings.Contains(out, `"fetched":6,`) {
		t.Fatalf("crawl --nats on machine B: %d\n%s\n%s", code, out, errs)
	}
	// The sources' status, recorded by each run in the cluster, is read
	// from any machine.
	code, out, errs = vt(t, "sources", "status", "--data", t.TempDir(), "--nats", url, "--json")
	if code != 0 || !strings.Contains(out, `"name":"so-ngoai-vu"`) || !strings.Contains(out, `"state":"ok"`) || !strings.Contains(out, `"documents":5,`) {
		t.Errorf("sources status --nats (5 documents, from two parts of one run): %d\n%s\n%s", code, out, errs)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(fetched) != 6 {
		t.Errorf("%d pages fetched, want 6: %v", len(fetched), fetched)
	}
	for p, n := range fetched {
		if n != 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
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
	vtOK(t, "demo", "--data", data, "--no-serve")
	vtOK(t, "set", "--data", data, "05/CT-UBND", "title=Chỉ thị về đoàn ra năm Ất Tỵ")
	vtOK(t, "rm", "--data", data, "211/TB-UBND", "--reason", "gửi nhầm")
	vtOK(t, "migrate", "--data", data, "--to", url)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, rs, ix := searchNodeParts(t, ctx, url)
	f := &cluster.Follower{Store: st, Index: reviewedIndex{rs: rs, ix: ix}}
	fctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.Run(fctx) }()
	waitCaughtUp(t, ctx, f)
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	numbers := func(q string) []string { return hitNumbers(t, ctx, ix, q) }
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
	vtOK(t, "set", "--data", data, "05/CT-UBND", "title=Chỉ thị về đoàn ra, bản hiệu đính lần hai")
	vtOK(t, "restore", "--data", data, "211/TB-UBND")
	vtOK(t, "migrate", "--data", data, "--to", url)
	rs, err := review.NewStore(ctx, st)
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

// TestReadCommandsOnCluster migrates a data directory (a corrected title,
// the demo's trip register) into a cluster; show, trips list and trips show
// with --nats print what they print over the data directory.
func TestReadCommandsOnCluster(t *testing.T) {
	url := startNATS(t)
	data := t.TempDir()
	vtOK(t, "demo", "--data", data, "--no-serve")
	vtOK(t, "set", "--data", data, "05/CT-UBND", "title=Chỉ thị về đoàn ra năm Ất Tỵ")
	vtOK(t, "migrate", "--data", data, "--to", url)
	elsewhere := t.TempDir()
	same := func(args ...string) string {
		t.Helper()
		code, want, errs := vt(t, append(args, "--data", data)...)
		if code != 0 {
			t.Fatalf("%v over the data directory: %d\n%s\n%s", args, code, want, errs)
		}
		code, got, errs := vt(t, append(args, "--data", elsewhere, "--nats", url)...)
		if code != 0 {
			t.Fatalf("%v --nats: %d\n%s\n%s", args, code, got, errs)
		}
		if got != want {
			t.Errorf("%v --nats prints\n%s\nover the data directory\n%s", args, got, want)
		}
		return got
	}
	if out := same("show", "05/CT-UBND"); !strings.Contains(out, "Chỉ thị về đoàn ra năm Ất Tỵ") {
		t.Errorf("show --nats does not carry the correction:\n%s", out)
	}
	same("show", "--json", "05/CT-UBND")
	list := same("trips", "list", "--json", "--as-of", "2025-06-01")
	var l struct {
		Total int `json:"total"`
		Trips []struct {
			ID string `json:"id"`
		} `json:"trips"`
	}
	if err := json.Unmarshal([]byte(list), &l); err != nil || l.Total == 0 || len(l.Trips) == 0 {
		t.Fatalf("trips list --json: %v, %d trips\n%s", err, l.Total, list)
	}
	same("trips", "list", "--as-of", "2025-06-01")
	same("trips", "show", "--json", "--as-of", "2025-06-01", l.Trips[0].ID)
	same("trips", "show", "--versions", l.Trips[0].ID)
	for _, args := range [][]string{
		{"trips", "due", "--as-of", "2025-06-01", "--all", "--json"},
		{"trips", "stats", "--from", "2025-01-01", "--to", "2025-12-31", "--as-of", "2025-12-31"},
		{"trips", "overlaps", "--json"},
		{"trips", "plan", "--year", "2025", "--json"},
		{"trips", "report", "--year", "2025", "--as-of", "2025-12-31", "--json"},
	} {
		if out := same(args...); len(out) < 20 {
			t.Errorf("%v printed almost nothing: %q", args, out)
		}
	}
	dir := t.TempDir()
	vtOK(t, "trips", "export", "--data", data, "-o", filepath.Join(dir, "a.csv"))
	vtOK(t, "trips", "export", "--data", elsewhere, "--nats", url, "-o", filepath.Join(dir, "b.csv"))
	want, _ := os.ReadFile(filepath.Join(dir, "a.csv"))
	if got, _ := os.ReadFile(filepath.Join(dir, "b.csv")); len(want) == 0 || string(got) != string(want) {
		t.Errorf("trips export --nats wrote\n%s\nover the data directory\n%s", got, want)
	}
}

// Trips are filed and moved on the cluster from any machine, with no data
// directory of their own: one machine files, another moves it, a third
// reads it with both versions.
func TestTripsWrittenOnCluster(t *testing.T) {
	url := startNATS(t)
	ex := filepath.Join("..", "..", "examples", "trips")
	code, out, errs := vt(t, "trips", "file", filepath.Join(ex, "bgddt-vkhgd-nop-ho-so-muon.yaml"), "--data", t.TempDir(), "--nats", url, "--json", "--by", "clerk")
	if code != 0 {
		t.Fatalf("trips file --nats: %d %s", code, errs)
	}
	var filed struct {
		Created bool `json:"created"`
		Entry   struct {
			ID string `json:"id"`
		} `json:"entry"`
	}
	if err := json.Unmarshal([]byte(out), &filed); err != nil || !filed.Created {
		t.Fatalf("%v %s", err, out)
	}
	id := filed.Entry.ID
	if code, _, errs := vt(t, "trips", "set", id, "--data", t.TempDir(), "--nats", url, "--status", "proposed", "--number", "112/VKHGD-HTQT", "--date", "2026-04-20"); code != 0 {
		t.Fatalf("trips set --nats: %d %s", code, errs)
	}
	code, out, errs = vt(t, "trips", "show", id, "--data", t.TempDir(), "--nats", url, "--versions", "--json")
	var shown struct {
		Entry struct {
			Status string `json:"status"`
		} `json:"entry"`
		Versions []any `json:"versions"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil || code != 0 || shown.Entry.Status != "proposed" || len(shown.Versions) != 2 {
		t.Fatalf("trips show --nats: %v exit %d %+v %s", err, code, shown, errs)
	}
	// Filing the same trip again from another machine adds nothing.
	code, out, _ = vt(t, "trips", "file", filepath.Join(ex, "bgddt-vkhgd-nop-ho-so-muon.yaml"), "--data", t.TempDir(), "--nats", url, "--json")
	if code != 0 || !strings.Contains(out, `"created":false`) {
		t.Errorf("filed twice: exit %d %s", code, out)
	}
}

// Corrections, withdrawals and restores made on the cluster (set, rm and
// restore with --nats, from a machine with no data of its own) reach a
// running search node through its feed, without a restart.
func TestClusterReviewLive(t *testing.T) {
	url := startNATS(t)
	data := t.TempDir()
	vtOK(t, "demo", "--data", data, "--no-serve")
	vtOK(t, "migrate", "--data", data, "--to", url)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, rs, ix := searchNodeParts(t, ctx, url)
	ri := reviewedIndex{rs: rs, ix: ix}
	f := &cluster.Follower{Store: st, Index: ri, Records: []string{review.KindCorrection, review.KindWithdrawal}, OnRecord: ri.apply}
	fctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.Run(fctx) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	caughtUp := func() { waitCaughtUp(t, ctx, f) }
	numbers := func(q string) []string { return hitNumbers(t, ctx, ix, q) }
	caughtUp()
	if got := numbers("thông báo"); !slices.Contains(got, "211/TB-UBND") {
		t.Fatalf(`search "thông báo" finds %v before any change, want 211/TB-UBND`, got)
	}
	elsewhere := t.TempDir()
	for _, args := range [][]string{
		{"set", "05/CT-UBND", "title=Chỉ thị về đoàn ra năm Ất Tỵ", "--by", "lan"},
		{"rm", "211/TB-UBND", "--reason", "gửi nhầm"},
	} {
		if code, out, errs := vt(t, append(args, "--data", elsewhere, "--nats", url)...); code != 0 {
			t.Fatalf("%v --nats: %d\n%s\n%s", args, code, out, errs)
		}
	}
	caughtUp()
	if got := numbers(`"ất tỵ"`); !slices.Contains(got, "05/CT-UBND") {
		t.Errorf(`search "ất tỵ" (the title corrected on the cluster) finds %v, want 05/CT-UBND`, got)
	}
	if got := numbers("thông báo"); slices.Contains(got, "211/TB-UBND") {
		t.Errorf(`search "thông báo" finds 211/TB-UBND, withdrawn on the cluster: %v`, got)
	}
	vtOK(t, "restore", "211/TB-UBND", "--data", elsewhere, "--nats", url)
	caughtUp()
	if got := numbers("thông báo"); !slices.Contains(got, "211/TB-UBND") {
		t.Errorf(`search "thông báo" does not find 211/TB-UBND, restored on the cluster: %v`, got)
	}
	// The correction is the cluster's: read back from any machine.
	if code, out, _ := vt(t, "show", "05/CT-UBND", "--data", t.TempDir(), "--nats", url); code != 0 || !strings.Contains(out, "Ất Tỵ") {
		t.Errorf("show --nats after the correction: %d\n%s", code, out)
	}
	if code, _, errs := vt(t, "rm", "211/TB-UBND", "--purge", "--confirm", "x", "--data", elsewhere, "--nats", url); code != 2 || !strings.Contains(errs, "data directory only") {
		t.Errorf("rm --purge --nats: exit %d, %s; want a usage error", code, errs)
	}
}

// waitCaughtUp waits until the follower's index holds every write the
// cluster has made.
func waitCaughtUp(t *testing.T, ctx context.Context, f *cluster.Follower) {
	t.Helper()
	for {
		if ok, err := f.CaughtUp(ctx); err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatal("the follower did not catch up")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// hitNumbers are the numbers of the documents the index finds for q.
func hitNumbers(t *testing.T, ctx context.Context, ix *index.Index, q string) []string {
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

// searchNodeParts opens what a search node works on: the cluster's store,
// its corrected view, and a new empty index, closed when the test ends.
func searchNodeParts(t *testing.T, ctx context.Context, url string) (*natsstore.Store, *review.Store, *index.Index) {
	t.Helper()
	st, err := natsstore.Open(ctx, url, natsstore.Config{Name: "vanthu"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rs, err := review.NewStore(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.DefaultConfig(filepath.Join(t.TempDir(), "index")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return st, rs, ix
}

// vtOK runs vanthu and fails the test unless it exits 0; it returns stdout.
func vtOK(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := vt(t, args...)
	if code != 0 {
		t.Fatalf("vanthu %s: exit %d\n%s\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}
