package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// benchIngest measures `vanthu ingest` end to end against plain bleve
// indexing the same inputs on disk (bleve's default mapping, batches of
// 1,000, the documents' own fields), side by side in one run: each round
// runs both, each on a fresh directory, so a machine shared with other
// work slows both alike. The figure that matters is the ratio of the
// medians (vanthu time / bleve time).
//
// Both sides are measured the same way: the side that goes first
// alternates from round to round, and each starts after a garbage
// collection, so neither pays for the other's garbage, page cache or
// background writes more often than the other. The rounds' directories
// are removed only at the end: on ext4 without a journal (this project's
// build machine), creating a file skips over every inode of its block
// group freed in the last minute or more, so thousands of files deleted
// just before a round would make the next round's file creation cost
// grow with them, and the figure would measure the benchmark's own
// clean-up. Each round first times the creation of a few hundred empty
// files in its directory (kept until the end) and prints it, so a disk
// slowed that way by anything else (another run's clean-up, tests
// deleting their temp directories nearby) shows in the output.
func benchIngest(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, "bench ingest", "[--records FILE.jsonl] [--folder DIR] [--docs N] [--format jsonl|text|html] [--rounds R] [--dir DIR] [--cpuprofile FILE]")
	records := fs.String("records", "", "a records file to ingest")
	folder := fs.String("folder", "", "a folder of text or HTML files to ingest")
	docs := fs.Int("docs", 2000, "without --records or --folder: generated documents")
	format := fs.String("format", "jsonl", "generated inputs as jsonl records, or as a folder of text or html files")
	bytes := fs.Int("bytes", 1500, "approximate text bytes per generated document")
	rounds := fs.Int("rounds", 3, "rounds, each running both")
	dir := fs.String("dir", "", "where the rounds' directories go (default: the system's temp directory)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of each vanthu round (not plain bleve's) to FILE.1, FILE.2...")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(*dir, "vanthu-bench-ingest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	input := *records
	if *folder != "" {
		input = *folder
	}
	if input == "" {
		if input, err = writeBenchInput(ctx, tmp, *docs, *bytes, *format); err != nil {
			return err
		}
	}
	items, err := benchItems(input)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "bench ingest: %s, %d documents, %d rounds (vanthu ingest and plain bleve each round, taking turns to go first)\n", input, len(items), *rounds)
	var vt, bt []float64
	for r := range *rounds {
		probe, err := probeCreate(filepath.Join(tmp, fmt.Sprintf("probe-%d", r)), probeFiles)
		if err != nil {
			return err
		}
		vanthu := func() (float64, error) {
			return timeVanthuIngest(ctx, input, filepath.Join(tmp, fmt.Sprintf("vanthu-%d", r)), *cpuprofile, r)
		}
		plain := func() (float64, error) {
			runtime.GC()
			start := time.Now()
			err := plainBleve(filepath.Join(tmp, fmt.Sprintf("bleve-%d", r)), items)
			return time.Since(start).Seconds(), err
		}
		first, second, order := vanthu, plain, "vanthu first"
		if r%2 == 1 {
			first, second, order = plain, vanthu, "bleve first"
		}
		a, err := first()
		if err != nil {
			return err
		}
		b, err := second()
		if err != nil {
			return err
		}
		v, p := a, b
		if r%2 == 1 {
			v, p = b, a
		}
		vt, bt = append(vt, v), append(bt, p)
		fmt.Fprintf(e.stdout, "round %d (%s; file creation %.0f µs): vanthu %.2fs (%.0f docs/s), bleve %.2fs (%.0f docs/s): ratio %.2f\n",
			r+1, order, probe.Seconds()*1e6, v, float64(len(items))/v, p, float64(len(items))/p, v/p)
	}
	mv, mb := medianSeconds(vt), medianSeconds(bt)
	fmt.Fprintf(e.stdout, "median: vanthu %.2fs, bleve %.2fs: vanthu/bleve = %.2f\n", mv, mb, mv/mb)
	return nil
}

// timeVanthuIngest runs `vanthu ingest` of input into a new data
// directory, in this process, and returns its wall time.
func timeVanthuIngest(ctx context.Context, input, data, cpuprofile string, round int) (float64, error) {
	runtime.GC()
	stop, err := startRoundProfile(cpuprofile, round)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	var sink strings.Builder
	ie := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &sink, getenv: func(string) string { return "" }}
	code := run(ctx, ie, []string{"ingest", input, "--data", data, "--no-ocr"})
	v := time.Since(start).Seconds()
	if err := stop(); err != nil {
		return 0, err
	}
	if code != 0 {
		return 0, fmt.Errorf("bench ingest: vanthu ingest exit %d: %s", code, sink.String())
	}
	return v, nil
}

// probeFiles is how many empty files probeCreate makes: enough to see a
// creation cost of a millisecond (against tens of microseconds on a
// settled disk) without delaying the round noticeably.
const probeFiles = 200

// probeCreate creates n empty files in a new directory dir and returns the
// mean time of one creation. The files stay until the benchmark ends:
// deleting them would slow the next creations in turn.
func probeCreate(dir string, n int) (time.Duration, error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return 0, err
	}
	start := time.Now()
	for i := range n {
		f, err := os.OpenFile(filepath.Join(dir, strconv.Itoa(i)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return 0, err
		}
		if err := f.Close(); err != nil {
			return 0, err
		}
	}
	return time.Since(start) / time.Duration(n), nil
}

// startRoundProfile starts a CPU profile of one vanthu round, written to
// FILE.N (N from 1), so that plain bleve's rounds stay out of it; `go tool
// pprof` merges the rounds' files given together. Without a file it does
// nothing.
func startRoundProfile(file string, round int) (stop func() error, err error) {
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(fmt.Sprintf("%s.%d", file, round+1))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

func medianSeconds(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// writeBenchInput writes n generated documents as a records file or as a
// folder of text or HTML files, and returns its path.
func writeBenchInput(ctx context.Context, dir string, n, size int, format string) (string, error) {
	cfg := gencorpus.DefaultConfig()
	cfg.N, cfg.TextBytes = n, size
	g, err := gencorpus.New(cfg)
	if err != nil {
		return "", err
	}
	switch format {
	case "jsonl":
		path := filepath.Join(dir, "records.jsonl")
		f, err := os.Create(path)
		if err != nil {
			return "", err
		}
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		err = g.Each(ctx, func(d corpus.Document) error {
			return enc.Encode(map[string]string{"id": d.ID, "title": d.Title, "number": d.Number, "issuer": d.Issuer, "date": d.Date.String(), "text": d.Text})
		})
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return path, err
	case "text", "html":
		folder := filepath.Join(dir, "in")
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return "", err
		}
		i := 0
		err := g.Each(ctx, func(d corpus.Document) error {
			i++
			name := filepath.Join(folder, fmt.Sprintf("%06d.txt", i))
			body := d.Text
			if format == "html" {
				name = strings.TrimSuffix(name, ".txt") + ".html"
				var b strings.Builder
				fmt.Fprintf(&b, "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>%s</title></head><body><header>Cổng thông tin</header><main><article><h1>%s</h1>", htmlEscape(d.Title), htmlEscape(d.Title))
				for _, p := range strings.Split(d.Text, "\n") {
					fmt.Fprintf(&b, "<p>%s</p>\n", htmlEscape(p))
				}
				b.WriteString("</article></main><footer>© Sở Ngoại vụ</footer></body></html>\n")
				body = b.String()
			}
			return os.WriteFile(name, []byte(body), 0o644)
		})
		return folder, err
	}
	return "", usagef("--format must be jsonl, text or html")
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// benchItems reads the inputs as plain bleve gets them: a records file's
// objects, or each file of a folder as {"name","text"} with its raw
// content.
func benchItems(input string) ([]map[string]any, error) {
	fi, err := os.Stat(input)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	if !fi.IsDir() {
		f, err := os.Open(input)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				return nil, fmt.Errorf("bench ingest: %s: %w", input, err)
			}
			out = append(out, m)
		}
		return out, sc.Err()
	}
	ents, err := os.ReadDir(input)
	if err != nil {
		return nil, err
	}
	for _, en := range ents {
		if en.IsDir() || strings.HasPrefix(en.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(input, en.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, map[string]any{"id": en.Name(), "name": en.Name(), "text": string(b)})
	}
	return out, nil
}

// plainBleve is the reference: a bleve index on disk with the default
// mapping, the items indexed in batches of 1,000, closed at the end.
func plainBleve(dir string, items []map[string]any) error {
	idx, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	for i, m := range items {
		id, _ := m["id"].(string)
		if id == "" {
			id = fmt.Sprint(i)
		}
		if err := b.Index(id, m); err != nil {
			idx.Close()
			return err
		}
		if b.Size() >= batchSize {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return err
			}
			b.Reset()
		}
	}
	if b.Size() > 0 {
		if err := idx.Batch(b); err != nil {
			idx.Close()
			return err
		}
	}
	return idx.Close()
}
