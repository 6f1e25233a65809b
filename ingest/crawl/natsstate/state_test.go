package natsstate

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"vanthu/ingest/crawl"
	"vanthu/internal/natsembed"
)

func TestResumeOnAnotherMachine(t *testing.T) {
	srv := startServer(t, "resume")
	testResume(t, srv.ClientURL(), srv.ClientURL(), 1)
}

func TestResumeOnAnotherMachineCluster(t *testing.T) {
	if raceDetector {
		t.Skip("three replicating nats-servers: not under -race (a data race inside nats-server)")
	}
	if testing.Short() {
		t.Skip("three servers: not in -short")
	}
	servers, err := natsembed.StartCluster(t.TempDir(), "crawl", 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range servers {
			s.Stop()
		}
	})
	testResume(t, servers[0].ClientURL(), servers[2].ClientURL(), 3)
}

// A crawl stopped on one machine continues on another from where it
// stopped: nothing fetched twice, every document handed over once, the
// counters carried over; the next run there makes conditional GETs with the
// validators the first machine kept, and reaches every document through the
// links kept for the 304 pages.
func testResume(t *testing.T, urlA, urlB string, replicas int) {
	const lists, perList = 3, 6
	const pages = lists * (1 + perList)
	site := newSite(t, lists, perList)
	src := site.source()
	sink := &memSink{}
	ctx := context.Background()

	a, _ := crawler(t, connect(t, urlA), "crawl-resume", replicas, sink, 8)
	rep, err := a.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Complete || rep.Stopped != "max-pages" || rep.Fetched != 8 {
		t.Fatalf("machine A: complete %v, stopped %q, fetched %d; want stopped at 8 pages", rep.Complete, rep.Stopped, rep.Fetched)
	}
	a.Close()

	b, _ := crawler(t, connect(t, urlB), "crawl-resume", replicas, sink, 0)
	rep, err = b.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Resumed || !rep.Complete || rep.Fetched != pages || rep.New != pages || rep.Queued != 0 {
		t.Errorf("machine B: resumed %v, complete %v, fetched %d, new %d, queued %d; want resumed, complete, %d fetched and new, 0 queued",
			rep.Resumed, rep.Complete, rep.Fetched, rep.New, rep.Queued, pages)
	}
	reqs := site.requests()
	times := map[string]int{}
	for _, p := range reqs {
		times[p]++
		if times[p] == 2 {
			t.Errorf("%s fetched twice", p)
		}
	}
	if len(times) != pages {
		t.Errorf("%d pages fetched, want %d", len(times), pages)
	}
	got := sink.counts()
	if len(got) != lists*perList {
		t.Errorf("%d documents handed over, want %d", len(got), lists*perList)
	}
	for name, n := range got {
		if n != 1 {
			t.Errorf("%s handed over %d times", name, n)
		}
	}

	// The next run, on machine A again: conditional GETs everywhere.
	a2, _ := crawler(t, connect(t, urlA), "crawl-resume", replicas, sink, 0)
	last, ok, err := a2.LastReport(src.Name)
	if err != nil || !ok || last.Fetched != pages || !last.Complete {
		t.Fatalf("last report seen from A: ok %v, fetched %d, complete %v, err %v", ok, last.Fetched, last.Complete, err)
	}
	rep, err = a2.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Resumed || !rep.Complete || rep.Fetched != pages || rep.NotModified != pages || rep.Documents != 0 || rep.DocumentPages != lists*perList {
		t.Errorf("second run: resumed %v, complete %v, fetched %d, 304 %d, documents %d, document pages %d; want a new complete run of %d 304s reaching %d document pages",
			rep.Resumed, rep.Complete, rep.Fetched, rep.NotModified, rep.Documents, rep.DocumentPages, pages, lists*perList)
	}
	if n := len(sink.counts()); n != lists*perList {
		t.Errorf("%d documents after the second run, want still %d", n, lists*perList)
	}
}

func item(u string) crawl.QueueItem { return crawl.QueueItem{URL: u, Kind: crawl.KindList} }

// A crawler killed right after the commit point of a page (its pending write
// not applied) leaves the page committed: the machine that resumes sees its
// record, its links, its new entries in the frontier and in the seen-set,
// and the counters. The crawler that was replaced cannot commit any more.
func TestCommitPointIsTheCommit(t *testing.T) {
	srv := startServer(t, "commit")
	ctx := context.Background()
	open := func() *State {
		st, err := New(ctx, connect(t, srv.ClientURL()), Config{Name: "crawl-commit"})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	const name, fp = "src", "fp1"
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	h1 := open()
	rep, resumed, err := h1.BeginRun(ctx, name, fp, []crawl.QueueItem{item("http://a/"), item("http://a/")}, now)
	if err != nil || resumed || rep.Queued != 1 {
		t.Fatalf("begin: %v, resumed %v, queued %d; want a new run with 1 queued", err, resumed, rep.Queued)
	}
	it, ok, err := h1.Next(ctx, name)
	if err != nil || !ok || it.URL != "http://a/" {
		t.Fatalf("next: %+v %v %v", it, ok, err)
	}
	h1.stopAfterCommitPoint = true
	rep.Fetched = 1
	added, err := h1.Commit(ctx, name, crawl.Commit{
		Item:     it,
		Record:   &crawl.URLRecord{Kind: crawl.KindList, ETag: `"v1"`, SHA256: "abc"},
		Links:    []crawl.Link{{URL: "http://a/b", Kind: crawl.KindDocument}},
		SetLinks: true,
		Enqueue:  []crawl.QueueItem{item("http://a/b"), item("http://a/c"), item("http://a/b"), item("http://a/")},
		Report:   &rep,
	})
	if err != nil || added != 2 {
		t.Fatalf("commit: added %d, %v; want 2 (b and c; a seen, b once)", added, err)
	}

	h2 := open()
	rep2, resumed, err := h2.BeginRun(ctx, name, fp, nil, now)
	if err != nil || !resumed || rep2.Queued != 2 || rep2.Fetched != 1 {
		t.Fatalf("resume: %v, resumed %v, queued %d, fetched %d; want resumed with 2 queued, 1 fetched", err, resumed, rep2.Queued, rep2.Fetched)
	}
	if rec, found, err := h2.Record(ctx, "http://a/"); err != nil || !found || rec.ETag != `"v1"` {
		t.Errorf("record after resume: %+v %v %v", rec, found, err)
	}
	if ls, err := h2.Links(ctx, name, "http://a/"); err != nil || len(ls) != 1 || ls[0].URL != "http://a/b" {
		t.Errorf("links after resume: %+v %v", ls, err)
	}
	it, ok, err = h2.Next(ctx, name)
	if err != nil || !ok || it.URL != "http://a/b" {
		t.Fatalf("next after resume: %+v %v %v; want http://a/b", it, ok, err)
	}

	// h1 was replaced: its commit fails, nothing of it lands.
	h1.stopAfterCommitPoint = false
	if _, err := h1.Commit(ctx, name, crawl.Commit{Item: crawl.QueueItem{URL: "http://a/b", Seq: 1}, Enqueue: []crawl.QueueItem{item("http://a/x")}}); !errors.Is(err, ErrTakenOver) && err == nil {
		t.Errorf("commit by the replaced crawler: %v, want it refused", err)
	}

	added, err = h2.Commit(ctx, name, crawl.Commit{Item: it, Enqueue: []crawl.QueueItem{item("http://a/c"), item("http://a/d")}, Report: &rep2})
	if err != nil || added != 1 {
		t.Fatalf("commit b: added %d, %v; want 1 (c seen)", added, err)
	}
	var urls []string
	for {
		it, ok, err := h2.Next(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		urls = append(urls, it.URL)
		if _, err := h2.Commit(ctx, name, crawl.Commit{Item: it, Report: &rep2}); err != nil {
			t.Fatal(err)
		}
	}
	if len(urls) != 2 || urls[0] != "http://a/c" || urls[1] != "http://a/d" {
		t.Errorf("rest of the frontier: %v, want c then d (http://a/x never queued)", urls)
	}
	if rep2.Queued != 0 {
		t.Errorf("queued at the end: %d", rep2.Queued)
	}
	rep2.Complete = true
	if err := h2.FinishRun(ctx, name, rep2); err != nil {
		t.Fatal(err)
	}
	last, ok, err := h1.LastReport(ctx, name)
	if err != nil || !ok || !last.Complete || last.Fetched != 1 {
		t.Errorf("last report: %+v %v %v", last, ok, err)
	}
	// A new run starts afresh: its seen-set is empty again.
	rep3, resumed, err := h1.BeginRun(ctx, name, fp, []crawl.QueueItem{item("http://a/")}, now)
	if err != nil || resumed || rep3.Queued != 1 {
		t.Errorf("next run: %v, resumed %v, queued %d", err, resumed, rep3.Queued)
	}
	if it, ok, err := h1.Next(ctx, name); err != nil || !ok || it.URL != "http://a/" {
		t.Errorf("next run's head: %+v %v %v", it, ok, err)
	}
}

// Starting a source's crawl on a second machine while the first still runs
// hands the run over: the second continues from the first's last commit, and
// the first stops with ErrTakenOver at its next commit, having fetched and
// handed over only the page it had in flight.
func TestTakeOverRunningCrawl(t *testing.T) {
	const lists, perList = 2, 5
	const pages = lists * (1 + perList)
	srv := startServer(t, "takeover")
	site := newSite(t, lists, perList)
	src := site.source()
	sink := &memSink{}
	ctx := context.Background()
	a, _ := crawler(t, connect(t, srv.ClientURL()), "crawl-takeover", 1, sink, 0)
	b, _ := crawler(t, connect(t, srv.ClientURL()), "crawl-takeover", 1, sink, 0)

	// A's request for the third document page is answered only once B
	// has taken the run over and finished it.
	inFlight := "/vb/0-2.html"
	var repB crawl.Report
	var errB error
	site.mu.Lock()
	site.holdPath = inFlight
	site.hold = func() { repB, errB = b.Run(ctx, src) }
	site.mu.Unlock()

	repA, errA := a.Run(ctx, src)
	if !errors.Is(errA, ErrTakenOver) || repA.Complete || repA.Stopped != "error" {
		t.Errorf("machine A: %v, complete %v, stopped %q; want it stopped by ErrTakenOver", errA, repA.Complete, repA.Stopped)
	}
	if errB != nil || !repB.Resumed || !repB.Complete {
		t.Fatalf("machine B: %v, resumed %v, complete %v", errB, repB.Resumed, repB.Complete)
	}
	times := map[string]int{}
	for _, p := range site.requests() {
		times[p]++
	}
	if len(times) != pages || times[inFlight] != 2 {
		t.Errorf("%d pages fetched, %s %d times; want %d, A's page in flight by A and by B", len(times), inFlight, times[inFlight], pages)
	}
	for p, n := range times {
		if n > 1 && p != inFlight {
			t.Errorf("%s fetched %d times; only A's page in flight may be fetched twice", p, n)
		}
	}
	for name, n := range sink.counts() {
		if n > 1 && !strings.HasSuffix(name, inFlight) {
			t.Errorf("%s handed over %d times", name, n)
		}
	}
	if last, ok, err := a.LastReport(src.Name); err != nil || !ok || !last.Complete {
		t.Errorf("last report: %+v %v %v; want B's complete run", last, ok, err)
	}
}

// The server leading the state's bucket dies in the middle of a crawl on a
// three-server cluster: the crawl waits for a new leader and goes on, and
// nothing is fetched or handed over twice.
func TestCrawlSurvivesLeaderLoss(t *testing.T) {
	if raceDetector {
		t.Skip("three replicating nats-servers: not under -race (a data race inside nats-server)")
	}
	if testing.Short() {
		t.Skip("three servers: not in -short")
	}
	servers, err := natsembed.StartCluster(t.TempDir(), "leader", 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range servers {
			s.Stop()
		}
	})
	var urls []string
	for _, s := range servers {
		urls = append(urls, s.ClientURL())
	}
	nc := connect(t, strings.Join(urls, ","))
	const lists, perList = 2, 10
	const pages = lists * (1 + perList)
	site := newSite(t, lists, perList)
	src := site.source()
	sink := &memSink{}
	c, st := crawler(t, nc, "crawl-leader", 3, sink, 0)

	stopped := ""
	site.mu.Lock()
	site.holdPath = "/vb/0-4.html"
	site.hold = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		info, err := st.stream.Info(ctx)
		if err != nil || info.Cluster == nil {
			t.Errorf("bucket's stream info: %v", err)
			return
		}
		for _, s := range servers {
			if s.Name() == info.Cluster.Leader {
				stopped = s.Name()
				s.Stop()
			}
		}
	}
	site.mu.Unlock()

	rep, err := c.Run(context.Background(), src)
	if stopped == "" {
		t.Fatal("the bucket's leader was not found and stopped")
	}
	if err != nil || !rep.Complete || rep.Fetched != pages {
		t.Fatalf("crawl with %s stopped: %v, complete %v, fetched %d of %d", stopped, err, rep.Complete, rep.Fetched, pages)
	}
	times := map[string]int{}
	for _, p := range site.requests() {
		times[p]++
		if times[p] == 2 {
			t.Errorf("%s fetched twice", p)
		}
	}
	got := sink.counts()
	if len(got) != lists*perList {
		t.Errorf("%d documents handed over, want %d", len(got), lists*perList)
	}
	for name, n := range got {
		if n != 1 {
			t.Errorf("%s handed over %d times", name, n)
		}
	}
	t.Logf("stopped %s, the bucket's leader, at the fifth document page; the crawl finished", stopped)
}

// A write of the run record that landed but whose answer was lost (a
// leader dying before it answers) is retried; the retry finds the value it
// wrote and counts as done, rather than as another crawler's write.
func TestLostAnswerIsNoTakeOver(t *testing.T) {
	srv := startServer(t, "lost")
	ctx := context.Background()
	st, err := New(ctx, connect(t, srv.ClientURL()), Config{Name: "crawl-lost"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	st.loseAnswers = 1
	rep, _, err := st.BeginRun(ctx, "src", "fp", []crawl.QueueItem{item("http://a/")}, now)
	if err != nil {
		t.Fatalf("begin with its answer lost: %v", err)
	}
	it, ok, err := st.Next(ctx, "src")
	if err != nil || !ok {
		t.Fatalf("next: %v %v", ok, err)
	}
	st.loseAnswers = 1
	added, err := st.Commit(ctx, "src", crawl.Commit{Item: it, Enqueue: []crawl.QueueItem{item("http://a/b")}, Report: &rep})
	if err != nil || added != 1 || st.loseAnswers != 0 {
		t.Fatalf("commit with its answer lost: added %d, %v (answers still to lose: %d)", added, err, st.loseAnswers)
	}
	st.loseAnswers = 1
	if err := st.SaveProgress(ctx, "src", rep); err != nil {
		t.Fatalf("save progress with its answer lost: %v", err)
	}
	if it, ok, err := st.Next(ctx, "src"); err != nil || !ok || it.URL != "http://a/b" {
		t.Fatalf("next after the commit: %+v %v %v", it, ok, err)
	}
}
