package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanthu/corpus/filestore"
	"vanthu/index"
	"vanthu/ingest"
)

// The kill -9 trials: a child process (this test binary, re-executed with
// crashArgsEnv set) runs `vanthu ingest` of a folder and is killed with
// SIGKILL at a random moment; then `vanthu ingest` of the same folder runs
// again, as an archivist would after a crash. Every document the store
// holds must then be found by search, without `vanthu reindex`, and
// `vanthu verify` must find nothing wrong. Trials share one data directory,
// so each meets what the kills before it left.

const (
	crashArgsEnv = "VANTHU_CRASH_INGEST_ARGS"
	crashTrials  = 12
	crashDocs    = 40 // files per trial
)

// TestIngestCrashChild is the child's body; it does nothing in a normal run.
func TestIngestCrashChild(t *testing.T) {
	args := os.Getenv(crashArgsEnv)
	if args == "" {
		t.Skip("runs only as the child of TestIngestKill9")
	}
	e := &env{stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr, getenv: func(string) string { return "" }}
	os.Exit(run(context.Background(), e, strings.Split(args, "\x1f")))
}

// crashWord is a word found in document i of trial k only: letters, so the
// tokenizer keeps it whole.
func crashWord(k, i int) string {
	n := k*1000 + i
	var b strings.Builder
	b.WriteString("xq")
	for range 4 {
		b.WriteByte(byte('a' + n%26))
		n /= 26
	}
	return b.String()
}

func writeCrashFolder(t *testing.T, dir string, k int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range crashDocs {
		text := fmt.Sprintf("UỶ BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: %d/KH-UBND\nQuảng Ninh, ngày 9 tháng 1 năm 2020\nKẾ HOẠCH\nVề việc đoàn ra số %d, từ khoá %s.\n%s",
			k*1000+i+1, i, crashWord(k, i), strings.Repeat("Đoàn công tác đi nước ngoài theo quy định. ", 20))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("kh-%02d-%03d.txt", k, i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIngestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped in -short")
	}
	root := t.TempDir()
	data := filepath.Join(root, "data")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	for k := range crashTrials {
		folder := filepath.Join(root, fmt.Sprintf("in-%02d", k))
		writeCrashFolder(t, folder, k)
		acked := killIngest(t, rng, []string{"ingest", folder, "--data", data, "--json", "--no-ocr"})
		// The resumed ingest, as a person would run it after the crash.
		code, out, errs := vt(t, "ingest", folder, "--data", data, "--json", "--no-ocr")
		if code != 0 {
			t.Fatalf("trial %d: resumed ingest: exit %d\n%s\n%s", k, code, out, errs)
		}
		t.Logf("trial %d: %d results acknowledged before kill -9; resumed: %d stored, %d unchanged", k, acked,
			strings.Count(out, `"status":"stored"`), strings.Count(out, `"status":"unchanged"`))
		checkSearchable(t, data, k)
		if code, out, errs := vt(t, "verify", "--data", data); code != 0 {
			t.Fatalf("trial %d: verify after kill -9 and resumed ingest: exit %d\n%s\n%s", k, code, out, errs)
		}
	}
}

// killIngest runs the CLI with args in a child process and kills it at a
// random moment between its start and the end of its work (most kills
// land while it stores and indexes). It returns how many result lines the
// child printed (acknowledged) before it died.
func killIngest(t *testing.T, rng *rand.Rand, args []string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashArgsEnv+"="+strings.Join(args, "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill after a random number of acknowledged results, or during the
	// start-up (opening and catching up), each a third of the time.
	want := rng.IntN(crashDocs + crashDocs/2)
	timer := time.AfterFunc(time.Duration(rng.IntN(400))*time.Millisecond, func() {
		if want >= crashDocs {
			cmd.Process.Kill()
		}
	})
	defer timer.Stop()
	n := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "{") {
			n++
		}
		if n == want+1 {
			cmd.Process.Kill()
		}
	}
	io.Copy(io.Discard, out)
	cmd.Wait()
	return n
}

// checkSearchable: the index holds every stored document at its current
// version, and the documents of trial k are found by their own word.
func checkSearchable(t *testing.T, data string, k int) {
	t.Helper()
	ctx := context.Background()
	st, err := filestore.Open(filestore.Config{Dir: filepath.Join(data, corpusDir), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := index.DefaultConfig(filepath.Join(data, indexDir))
	cfg.ReadOnly = true
	ix, err := index.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	g, err := ingest.CompareIndex(ctx, st, ix)
	if err != nil {
		t.Fatal(err)
	}
	if !g.OK() || g.Stored != (k+1)*crashDocs {
		t.Fatalf("trial %d: store %d documents (want %d), index %d: missing %v, stale %v, extra %v", k, g.Stored, (k+1)*crashDocs, g.Indexed, g.Missing, g.Stale, g.Extra)
	}
	for i := range crashDocs {
		res, err := ix.Search(ctx, index.Query{Text: crashWord(k, i), Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 {
			t.Fatalf("trial %d: search %q: %d hits, want the one document that has it", k, crashWord(k, i), len(res.Hits))
		}
	}
}
