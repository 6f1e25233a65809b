package natsstate

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/ingest"
	"vanthu/ingest/crawl"
)

// fileSink appends each input's name to a file, synced, like a store that
// has made the document durable before the crawler commits the page.
type fileSink struct {
	mu sync.Mutex
	f  *os.File
}

func (s *fileSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := fmt.Fprintln(s.f, in.Name); err != nil {
		return ingest.Result{}, err
	}
	return ingest.Result{Input: in.Name, Status: "stored"}, s.f.Sync()
}

func killSource(siteURL string) crawl.Source {
	return crawl.Source{
		Name:  "kill",
		Start: []string{siteURL + "/ds/0"},
		Links: crawl.LinkRules{List: crawl.Rule{Patterns: []string{`/ds/\d+$`}}, Document: crawl.Rule{Patterns: []string{`/vb/[\d-]+\.html$`}}},
	}
}

// TestKillHelper is the crawling machine TestKilledCrawlResumesElsewhere
// kills.
func TestKillHelper(t *testing.T) {
	if os.Getenv("VANTHU_NATSSTATE_KILL_HELPER") == "" {
		t.Skip("run by TestKilledCrawlResumesElsewhere")
	}
	f, err := os.OpenFile(os.Getenv("VANTHU_NATSSTATE_SINK"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect(os.Getenv("VANTHU_NATSSTATE_NATS"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := crawler(t, nc, "crawl-kill", 1, &fileSink{f: f}, 0)
	_, _ = c.Run(context.Background(), killSource(os.Getenv("VANTHU_NATSSTATE_SITE")))
	time.Sleep(time.Minute) // the parent kills us before this ends
}

// kill -9 of the crawling process in the middle of a crawl, then the crawl
// started on another machine (here: this process, another connection):
// it resumes the run, nothing committed is fetched again, and at most the
// one page in flight when the process died is fetched and handed over twice.
func TestKilledCrawlResumesElsewhere(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	const lists, perList = 4, 50
	const pages = lists * (1 + perList)
	srv := startServer(t, "kill")
	site := newSite(t, lists, perList)
	dir := t.TempDir()
	sinkPath := filepath.Join(dir, "sink.txt")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "VANTHU_NATSSTATE_KILL_HELPER=1", "VANTHU_NATSSTATE_SITE="+site.srv.URL,
		"VANTHU_NATSSTATE_SINK="+sinkPath, "VANTHU_NATSSTATE_NATS="+srv.ClientURL())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for countLines(t, sinkPath) < 30 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the helper crawled nothing in 60 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no cleanup runs
		t.Fatal(err)
	}
	_ = cmd.Wait()
	before := countLines(t, sinkPath)
	fetchedBefore := len(site.requests())
	if before >= lists*perList {
		t.Fatalf("the helper finished (%d inputs) before it was killed", before)
	}

	f, err := os.OpenFile(sinkPath, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _ := crawler(t, connect(t, srv.ClientURL()), "crawl-kill", 1, &fileSink{f: f}, 0)
	rep, err := c.Run(context.Background(), killSource(site.srv.URL))
	if err != nil || !rep.Resumed || !rep.Complete {
		t.Fatalf("resumed elsewhere: %v, resumed %v, complete %v", err, rep.Resumed, rep.Complete)
	}
	times := map[string]int{}
	twice := 0
	for _, p := range site.requests() {
		times[p]++
		if times[p] == 2 {
			twice++
		}
	}
	if len(times) != pages {
		t.Errorf("%d pages fetched in all, want %d", len(times), pages)
	}
	if twice > 1 {
		t.Errorf("%d pages fetched twice, want at most the one in flight", twice)
	}
	seen := map[string]int{}
	dups := 0
	for _, name := range readLines(t, sinkPath) {
		seen[name]++
		if seen[name] == 2 {
			dups++
		}
	}
	if len(seen) != lists*perList {
		t.Errorf("%d distinct documents after the resumed run, want %d", len(seen), lists*perList)
	}
	if dups > 1 {
		t.Errorf("%d documents handed over twice, want at most the one in flight", dups)
	}
	t.Logf("killed after %d inputs and %d fetches; resumed run fetched %d more; %d fetched twice, %d handed twice",
		before, fetchedBefore, len(site.requests())-fetchedBefore, twice, dups)
}

func readLines(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func countLines(t *testing.T, path string) int { return len(readLines(t, path)) }
