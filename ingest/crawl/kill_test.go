package crawl

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

	"vanthu/ingest"
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

func killSiteSource() Source {
	return Source{
		Name:  "kill",
		Start: []string{"http://" + portal + "/ds/0"},
		Links: LinkRules{List: Rule{Patterns: []string{`/ds/\d+$`}}, Document: Rule{Selectors: []string{".danh-sach a.tieu-de"}}},
	}
}

// TestKillHelper is the crawling process TestKillAndRestart kills.
func TestKillHelper(t *testing.T) {
	if os.Getenv("VANTHU_CRAWL_KILL_HELPER") == "" {
		t.Skip("run by TestKillAndRestart")
	}
	addr := os.Getenv("VANTHU_CRAWL_SITE")
	f, err := os.OpenFile(os.Getenv("VANTHU_CRAWL_SINK"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	site := &testSite{t: t, addrs: map[string]string{portal + ":80": addr}}
	cfg := DefaultConfig()
	cfg.DataDir = os.Getenv("VANTHU_CRAWL_DATA")
	cfg.Sink = &fileSink{f: f}
	cfg.Transport = site.transport()
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.Run(context.Background(), killSiteSource())
	time.Sleep(time.Minute) // the parent kills us before this ends
}

// kill -9 in the middle of a crawl, then start again: nothing is lost, and at
// most the one page in flight when the process died is handed over twice
// (the store sees the same bytes and keeps one copy).
func TestKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	const lists, perList = 3, 40
	site := benchSite(t, lists, perList)
	var addr string
	for _, a := range site.addrs {
		addr = a
	}
	dir := t.TempDir()
	sinkPath := filepath.Join(dir, "sink.txt")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "VANTHU_CRAWL_KILL_HELPER=1", "VANTHU_CRAWL_SITE="+addr,
		"VANTHU_CRAWL_SINK="+sinkPath, "VANTHU_CRAWL_DATA="+filepath.Join(dir, "data"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for countLines(t, sinkPath) < 50 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the helper crawled nothing in 60 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no cleanup runs
		t.Fatal(err)
	}
	_ = cmd.Wait()
	before := countLines(t, sinkPath)
	if before >= lists*perList {
		t.Fatalf("the helper finished (%d inputs) before it was killed", before)
	}

	f, err := os.OpenFile(sinkPath, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg := DefaultConfig()
	cfg.DataDir = filepath.Join(dir, "data")
	cfg.Sink = &fileSink{f: f}
	cfg.Transport = (&testSite{t: t, addrs: map[string]string{portal + ":80": addr}}).transport()
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rep, err := c.Run(context.Background(), killSiteSource())
	if err != nil || !rep.Resumed || !rep.Complete {
		t.Fatalf("restart: %v, resumed %v, complete %v", err, rep.Resumed, rep.Complete)
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
		t.Errorf("%d distinct documents after restart, want %d", len(seen), lists*perList)
	}
	if dups > 1 {
		t.Errorf("%d documents handed over twice, want at most the one in flight", dups)
	}
	t.Logf("killed after %d inputs; restart handed %d more; %d handed twice", before, len(readLines(t, sinkPath))-before, dups)
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
