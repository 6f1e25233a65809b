package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"vanthu/ingest"
)

// watchWriter is a goroutine-safe buffer that closes seen once its
// content contains want.
type watchWriter struct {
	mu   sync.Mutex
	b    bytes.Buffer
	want string
	seen chan struct{}
	once sync.Once
}

func newWatch(want string) *watchWriter { return &watchWriter{want: want, seen: make(chan struct{})} }

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if strings.Contains(w.b.String(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// vtAsync runs the CLI in-process on its own goroutine; the channel gets
// its exit status.
func vtAsync(ctx context.Context, stdout, stderr *watchWriter, args ...string) <-chan int {
	done := make(chan int, 1)
	e := &env{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, getenv: func(string) string { return "" }}
	go func() { done <- run(ctx, e, args) }()
	return done
}

// writeDocs writes n small documents with words of their own ("xq" +
// letters from tag and i) into a new folder and returns it.
func writeDocs(t *testing.T, dir, tag string, from, n int) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := from; i < from+n; i++ {
		text := fmt.Sprintf("UBND TỈNH QUẢNG NINH\nSố: %d/KH-UBND\nKẾ HOẠCH về đoàn ra, từ khoá %s.\n", 500+i, docWord(tag, i))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%03d.txt", tag, i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func docWord(tag string, i int) string { return "xq" + tag + crashWord(0, i)[2:] }

func searchHits(t *testing.T, data, word string) int {
	t.Helper()
	code, out, errs := vt(t, "search", word, "--data", data, "--json")
	if code != 0 {
		t.Fatalf("search %s while another vanthu writes: exit %d\n%s%s", word, code, out, errs)
	}
	var r struct{ Hits []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	return len(r.Hits)
}

// TestReadersWhileServing: with `vanthu serve` running (it holds the
// corpus's writer lock and the index), search, cites, show and verify
// answer from the command line; ingest and reindex go through the server;
// nothing is lost and verify is clean afterwards.
func TestReadersWhileServing(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	first := writeDocs(t, filepath.Join(root, "a"), "ab", 0, 5)
	if code, out, errs := vt(t, "ingest", first, "--data", data, "--no-ocr"); code != 0 {
		t.Fatalf("ingest: %d\n%s%s", code, out, errs)
	}
	ctx, stop := context.WithCancel(context.Background())
	sout, serr := newWatch("http://"), newWatch("\x00")
	served := vtAsync(ctx, sout, serr, "serve", "--data", data, "--addr", "127.0.0.1:0")
	defer func() {
		stop()
		if code := <-served; code != 0 {
			t.Errorf("serve: exit %d\n%s", code, serr)
		}
	}()
	select {
	case <-sout.seen:
	case code := <-served:
		t.Fatalf("serve stopped: %d\n%s%s", code, sout, serr)
	}

	for i := range 5 {
		if n := searchHits(t, data, docWord("ab", i)); n != 1 {
			t.Errorf("search %s while serving: %d hits, want 1", docWord("ab", i), n)
		}
	}
	if code, out, errs := vt(t, "cites", "502/KH-UBND", "--data", data); code != 0 {
		t.Errorf("cites while serving: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := vt(t, "show", "502/KH-UBND", "--data", data); code != 0 || !strings.Contains(out, docWord("ab", 2)) {
		t.Errorf("show while serving: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := vt(t, "verify", "--data", data); code != 0 || !strings.Contains(out, "5 documents indexed") {
		t.Errorf("verify while serving: exit %d\n%s%s", code, out, errs)
	}

	// Writing commands go through the server.
	second := writeDocs(t, filepath.Join(root, "b"), "cd", 10, 3)
	code, out, errs := vt(t, "ingest", second, "--data", data, "--json", "--no-ocr")
	if code != 0 || strings.Count(out, `"status":"stored"`) != 3 {
		t.Fatalf("ingest while serving: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := vt(t, "reindex", "--data", data); code != 0 || !strings.Contains(out, "8 documents") {
		t.Fatalf("reindex while serving: exit %d\n%s%s", code, out, errs)
	}
	for i := 10; i < 13; i++ {
		if n := searchHits(t, data, docWord("cd", i)); n != 1 {
			t.Errorf("search %s after ingest and reindex through the server: %d hits", docWord("cd", i), n)
		}
	}
	if code, out, errs := vt(t, "verify", "--data", data); code != 0 || !strings.Contains(out, "8 documents indexed") {
		t.Errorf("verify after reindex through the server: exit %d\n%s%s", code, out, errs)
	}
	if n := searchHits(t, data, docWord("ab", 1)); n != 1 {
		t.Errorf("search after reindex: %d hits", n)
	}
}

// TestWritersWait: a second writer (ingest, reindex) waits for the first
// with a message naming it, and runs once it is done; a reindex waiting
// for an ingest loses none of what the ingest stored.
func TestWritersWait(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	data := filepath.Join(root, "data")
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	holder, err := openApp(ctx, e, data, appOptions{write: true, index: true, command: "ingest", wait: true})
	if err != nil {
		t.Fatal(err)
	}
	folder := writeDocs(t, filepath.Join(root, "a"), "ef", 0, 4)
	iout, ierr := newWatch("\x00"), newWatch("waiting for it to finish")
	ingested := vtAsync(ctx, iout, ierr, "ingest", folder, "--data", data, "--no-ocr")
	rout, rerr := newWatch("\x00"), newWatch("waiting for it to finish")
	reindexed := vtAsync(ctx, rout, rerr, "reindex", "--data", data)
	<-ierr.seen
	<-rerr.seen
	if !strings.Contains(ierr.String(), "`vanthu ingest` (pid") {
		t.Errorf("the waiting message does not name the writer: %s", ierr)
	}
	// The first writer stores more while the others wait.
	more := writeDocs(t, filepath.Join(root, "b"), "gh", 20, 3)
	ents, _ := os.ReadDir(more)
	for _, en := range ents {
		b, _ := os.ReadFile(filepath.Join(more, en.Name()))
		if _, err := holder.pipeline.Ingest(ctx, ingestInput(filepath.Join(more, en.Name()), b)); err != nil {
			t.Fatal(err)
		}
	}
	holder.Close()
	if code := <-ingested; code != 0 {
		t.Fatalf("waiting ingest: exit %d\n%s%s", code, iout, ierr)
	}
	if code := <-reindexed; code != 0 {
		t.Fatalf("waiting reindex: exit %d\n%s%s", code, rout, rerr)
	}
	for i := 20; i < 23; i++ {
		if n := searchHits(t, data, docWord("gh", i)); n != 1 {
			t.Errorf("%s: %d hits", docWord("gh", i), n)
		}
	}
	for i := range 4 {
		if n := searchHits(t, data, docWord("ef", i)); n != 1 {
			t.Errorf("%s: %d hits", docWord("ef", i), n)
		}
	}
	if code, out, errs := vt(t, "verify", "--data", data); code != 0 || !strings.Contains(out, "7 documents indexed") {
		t.Errorf("verify: exit %d\n%s%s", code, out, errs)
	}
}

func ingestInput(name string, b []byte) ingest.Input { return ingest.Input{Name: name, Data: b} }
