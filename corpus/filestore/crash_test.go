package filestore

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanthu/corpus"
)

// The crash test: "kill -9 during a large ingest loses nothing already
// reported as stored". A child process (this test binary re-executed
// with crashChildEnv set) Puts documents in a loop and prints one line per
// Put right after Put returns; the parent kills it with SIGKILL at a random
// moment, reopens the store, and checks that everything reported is there,
// whole. Rounds reuse one directory, so later children meet the debris of
// earlier kills (temp files, orphan objects) and add versions to documents
// stored before.

const (
	crashChildEnv = "VANTHU_FILESTORE_CRASH_DIR"
	crashSeedEnv  = "VANTHU_FILESTORE_CRASH_SEED"
	// crashWorkersEnv: Puts the child runs at once, so kills also land
	// inside a group commit (commit.go) with many Puts waiting on it.
	crashWorkersEnv = "VANTHU_FILESTORE_CRASH_WORKERS"
	crashRounds     = 10
)

// TestCrashChild is the child's body; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("runs only as the child of TestCrash")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	s, err := Open(Config{Dir: dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	workers, _ := strconv.Atoi(os.Getenv(crashWorkersEnv))
	for w := 1; w < workers; w++ {
		go crashPuts(s, seed, uint64(w))
	}
	crashPuts(s, seed, 0)
}

func crashPuts(s *Store, seed, worker uint64) {
	rng := rand.New(rand.NewPCG(seed, 1+worker))
	for i := 0; ; i++ {
		b, doc := crashDoc(rng, seed, int(worker)*1000000+i)
		r, err := s.Put(bg, b, doc)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(4)
		}
		// One write(2) per line: the line reaches the pipe whole or not at all.
		fmt.Fprintf(os.Stdout, "%s %s %s\n", r.ID, corpus.SHA256(b), corpus.SHA256([]byte(doc.Text)))
	}
}

// crashDoc makes document i of a child: one of 40 numbers (so rounds add
// versions to the same documents), originals up to 512 KiB (so kills often
// land inside a write), and texts that differ with the bytes.
func crashDoc(rng *rand.Rand, seed uint64, i int) ([]byte, corpus.Document) {
	n := rng.IntN(40)
	num := fmt.Sprintf("%d-KH/TU", 100+n)
	b := make([]byte, 16+rng.IntN(512<<10))
	for j := range b {
		b[j] = byte(rng.Uint32())
	}
	copy(b, fmt.Sprintf("%%PDF %d %d ", seed, i))
	status := corpus.StatusOK
	if rng.IntN(5) == 0 {
		status = corpus.StatusNeedsOCR
	}
	return b, corpus.Document{
		Kind: corpus.KindDocument, Number: num, NumberKey: corpus.NumberKey(num), Type: "KH",
		Issuer: "Thành ủy Hà Nội", Date: corpus.Date{Year: 2018, Month: 1, Day: 9},
		Title:  fmt.Sprintf("Kế hoạch %d", n),
		Text:   strings.Repeat(fmt.Sprintf("Kế hoạch %d, lần %d/%d. ", n, seed, i), 1+rng.IntN(2000)),
		Source: corpus.Version{MIME: "application/pdf", Source: fmt.Sprintf("in/%d-%d.pdf", seed, i), Status: status},
	}
}

type reported struct{ id, sha, textSHA string }

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped in -short")
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	var all []reported
	for round := 0; round < crashRounds; round++ {
		lines := runAndKill(t, dir, uint64(round+1), rng, 1+round%2*15)
		t.Logf("round %d: child reported %d Puts before kill -9", round, len(lines))
		all = append(all, lines...)
		checkAfterCrash(t, dir, all)
	}
}

// runAndKill runs a child until it has reported a random number of Puts and
// a random extra delay has passed, kills it, and returns every line it got
// out before dying.
func runAndKill(t *testing.T, dir string, seed uint64, rng *rand.Rand, workers int) []reported {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashSeedEnv+"="+strconv.FormatUint(seed, 10), crashWorkersEnv+"="+strconv.Itoa(workers))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var lines []reported
	want := 1 + rng.IntN(15)
	delay := time.Duration(rng.IntN(30)) * time.Millisecond
	var killed chan struct{}
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue // the test framework's own output
		}
		lines = append(lines, reported{f[0], f[1], f[2]})
		if len(lines) == want {
			killed = make(chan struct{})
			go func() {
				defer close(killed)
				time.Sleep(delay)
				cmd.Process.Kill() // SIGKILL: no deferred code, no flush, no unlock
			}()
		}
	}
	io.Copy(io.Discard, out)
	err = cmd.Wait()
	if killed == nil {
		t.Fatalf("child exited by itself after %d Puts: %v\n%s", len(lines), err, stderr.String())
	}
	<-killed
	return lines
}

func checkAfterCrash(t *testing.T, dir string, all []reported) {
	t.Helper()
	s, err := Open(Config{Dir: dir}) // the dead child's lock is gone with it
	if err != nil {
		t.Fatalf("reopen after kill -9: %v", err)
	}
	defer s.Close()
	if w := s.Warnings(); len(w) != 0 {
		t.Fatalf("warnings after kill -9: %q", w)
	}
	for _, r := range all {
		d, err := s.Get(bg, r.id)
		if err != nil {
			t.Fatalf("reported %s but after kill -9: %v", r.id, err)
		}
		if !containsSHA(d.Versions, r.sha) {
			t.Fatalf("%s: reported version %s missing from %v", r.id, r.sha, shas(d.Versions))
		}
		text, err := s.VersionText(bg, r.sha)
		if err != nil || corpus.SHA256([]byte(text)) != r.textSHA {
			t.Fatalf("%s: text of version %s damaged: %v", r.id, r.sha, err)
		}
		rc, err := s.Original(bg, r.sha)
		if err != nil {
			t.Fatalf("%s: original %s: %v", r.id, r.sha, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || corpus.SHA256(b) != r.sha {
			t.Fatalf("%s: original %s damaged: %v", r.id, r.sha, err)
		}
		if view, err := s.VersionText(bg, d.Source.SHA256); err != nil || view != d.Text {
			t.Fatalf("%s: view text is not the text of its source version: %v", r.id, err)
		}
	}
	p, err := s.Verify(bg)
	if err != nil || len(p) != 0 {
		t.Fatalf("Verify after kill -9: %v, %v", p, err)
	}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(e.Name(), tmpPrefix) {
			t.Errorf("temp file survived the writer's Open: %s", p)
		}
		return nil
	})
}

func containsSHA(vs []corpus.Version, sha string) bool {
	for _, v := range vs {
		if v.SHA256 == sha {
			return true
		}
	}
	return false
}
