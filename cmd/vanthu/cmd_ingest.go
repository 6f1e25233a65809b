package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"vanthu/ingest"
	"vanthu/review"
)

func init() {
	register(command{"ingest", "store files or folders (.pdf, .html, .txt, .jsonl) in the corpus and index them", runIngest})
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "ingest", "PATH... [--data DIR] [--json] [--workers N] [--no-ocr]")
	workers := fs.Int("workers", runtime.NumCPU(), "files read in parallel")
	noOCR := fs.Bool("no-ocr", false, "do not OCR scanned pages (they are stored as needs-ocr)")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("ingest needs at least one file or folder (vanthu ingest PATH...)")
	}
	// A running server holds the data directory: it ingests for us.
	fargs := append([]string{"ingest"}, absPaths(paths)...)
	if c.json {
		fargs = append(fargs, "--json")
	}
	if *noOCR {
		fargs = append(fargs, "--no-ocr")
	}
	fargs = append(fargs, "--workers", strconv.Itoa(*workers))
	if err := forward(ctx, e, c.data, fargs); !errors.Is(err, errNoHolder) {
		return err
	}
	files, bad := expandPaths(paths)
	a, err := openApp(ctx, e, c.data, appOptions{write: true, index: true, ocr: !*noOCR, command: "ingest", wait: true})
	if err != nil {
		return err
	}
	defer a.Close()
	return ingestFiles(ctx, e, a, files, bad, c.json, *workers)
}

// ingestFiles runs the pipeline over files with a bounded pool of workers and
// prints one result per input in input order (records files print one per
// record). bad are inputs already known to be unusable (missing paths).
func ingestFiles(ctx context.Context, e *env, a *app, files []string, bad []ingest.Result, asJSON bool, workers int) error {
	out := newResultPrinter(e, asJSON, len(files)+len(bad), a.review)
	for _, r := range bad {
		out.print(r)
	}
	if workers < 1 {
		workers = 1
	}
	type job struct {
		i    int
		path string
	}
	results := make([][]ingest.Result, len(files))
	done := make([]chan struct{}, len(files))
	for i := range done {
		done[i] = make(chan struct{})
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results[j.i] = ingestOne(ctx, a, j.path)
				close(done[j.i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, f := range files {
			select {
			case jobs <- job{i, f}:
			case <-ctx.Done():
				for k := i; k < len(files); k++ {
					results[k] = []ingest.Result{{Input: files[k], Status: "error", Error: "not ingested: interrupted"}}
					close(done[k])
				}
				return
			}
		}
	}()
	for i := range files {
		<-done[i]
		for _, r := range results[i] {
			out.print(r)
		}
		results[i] = nil
	}
	wg.Wait()
	return out.finish(ctx)
}

func ingestOne(ctx context.Context, a *app, path string) []ingest.Result {
	if ingest.DetectFormat(ingest.Input{Name: path}) == ingest.FormatRecords {
		f, err := os.Open(path)
		if err != nil {
			return []ingest.Result{{Input: path, Status: "error", Error: readError(path, err)}}
		}
		defer f.Close()
		var rs []ingest.Result
		err = a.pipeline.IngestRecords(ctx, path, f, func(r ingest.Result) { rs = append(rs, r) })
		if err != nil {
			rs = append(rs, ingest.Result{Input: path, Status: "error", Error: err.Error()})
		}
		return rs
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return []ingest.Result{{Input: path, Status: "error", Error: readError(path, err)}}
	}
	fi, _ := os.Stat(path)
	in := ingest.Input{Name: path, Data: data}
	if fi != nil {
		in.FetchedAt = fi.ModTime()
	}
	r, _ := a.pipeline.Ingest(ctx, in)
	return []ingest.Result{r}
}

func readError(path string, err error) string {
	switch {
	case os.IsNotExist(err):
		return path + ": no such file or folder (không tìm thấy tệp)"
	case os.IsPermission(err):
		return path + ": permission denied (không có quyền đọc)"
	}
	return fmt.Sprintf("%s: cannot read: %v", path, err)
}

// expandPaths turns files and folders into a sorted list of files; hidden files
// and folders (".git", ".DS_Store") are skipped. Missing paths become results.
func expandPaths(paths []string) ([]string, []ingest.Result) {
	var files []string
	var bad []ingest.Result
	seen := map[string]bool{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			bad = append(bad, ingest.Result{Input: p, Status: "error", Error: readError(p, err)})
			continue
		}
		if !fi.IsDir() {
			if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
			continue
		}
		var inDir []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, ingest.Result{Input: path, Status: "error", Error: readError(path, err)})
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !seen[path] {
				seen[path] = true
				inDir = append(inDir, path)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, ingest.Result{Input: p, Status: "error", Error: readError(p, err)})
		}
		sort.Strings(inDir)
		files = append(files, inDir...)
	}
	return files, bad
}

// resultPrinter prints results (human lines or JSON lines on stdout), progress
// on stderr, and a summary.
type resultPrinter struct {
	e      *env
	json   bool
	total  int
	n      int
	counts map[string]int
	start  time.Time
	last   time.Time
	tty    bool
	review *review.Store // nil: no "cần kiểm tra" notes
}

func newResultPrinter(e *env, asJSON bool, total int, rs *review.Store) *resultPrinter {
	return &resultPrinter{e: e, json: asJSON, total: total, counts: map[string]int{}, start: time.Now(), tty: isTerminal(e.stderr), review: rs}
}

func (p *resultPrinter) print(r ingest.Result) {
	p.n++
	p.counts[r.Status]++
	p.addReview(&r)
	if p.json {
		b, _ := json.Marshal(r)
		fmt.Fprintf(p.e.stdout, "%s\n", b)
	} else {
		label := r.Number
		if label == "" {
			label = oneLine(r.Title)
		}
		if label == "" {
			label = r.ID
		}
		switch r.Status {
		case "error":
			fmt.Fprintf(p.e.stdout, "%-11s %s: %s\n", "error", r.Input, r.Error)
		default:
			fmt.Fprintf(p.e.stdout, "%-11s %s  %s  ← %s\n", r.Status, r.ID, label, r.Input)
			if r.Error != "" {
				fmt.Fprintf(p.e.stdout, "%-11s   %s\n", "", r.Error)
			}
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(p.e.stdout, "%-11s   warning: %s\n", "", w)
		}
		if len(r.Review) > 0 {
			fmt.Fprintf(p.e.stdout, "%-11s   %s\n", "", reviewLine(r.Review))
		}
	}
	p.progress(false)
}

// addReview fills r.Review with what a person should check in the stored
// document, unless someone already marked it checked.
func (p *resultPrinter) addReview(r *ingest.Result) {
	if p.review == nil || r.Doc == nil || r.Doc.ID == "" {
		return
	}
	c := p.review.Correction(r.Doc.ID)
	if !review.NeedsReview(*r.Doc, c) {
		return
	}
	for _, is := range review.Issues(*r.Doc, c) {
		r.Review = append(r.Review, ingest.Note{Field: is.Field, Message: is.Message})
	}
}

// reviewLine is the one-line "cần kiểm tra" note of a document: each field
// to check with the first reason.
func reviewLine(notes []ingest.Note) string {
	var parts []string
	seen := map[string]bool{}
	for _, n := range notes {
		if seen[n.Field] {
			continue
		}
		seen[n.Field] = true
		label := review.FieldLabel(n.Field)
		if n.Field == "text" {
			label = "văn bản"
		}
		parts = append(parts, strings.ToLower(label)+": "+shortReason(n.Message))
	}
	return "cần kiểm tra: " + strings.Join(parts, "; ")
}

// shortReason cuts a reader's warning to its first clause, without the
// page prefix and the "check it against the scan" advice every one ends with.
func shortReason(m string) string {
	m = strings.TrimSpace(m)
	if i := strings.Index(m, ": "); i >= 0 && strings.HasPrefix(m, "page ") {
		m = m[i+2:]
	}
	if i := strings.LastIndex(m, ": check"); i > 0 {
		m = m[:i]
	}
	if r := []rune(m); len(r) > 70 {
		m = string(r[:69]) + "…"
	}
	return m
}

// progress prints "[n/total] rate" on stderr at most once a second (always on
// a terminal), so a long ingest shows it is alive.
func (p *resultPrinter) progress(final bool) {
	now := time.Now()
	if !final && now.Sub(p.last) < time.Second {
		return
	}
	p.last = now
	if p.total < 2 && !final {
		return
	}
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(p.n) / el
	}
	if p.tty && !final {
		fmt.Fprintf(p.e.stderr, "\r[%d/%d] %.1f/s ", p.n, p.total, rate)
		return
	}
	if !final {
		fmt.Fprintf(p.e.stderr, "[%d/%d] %.1f/s\n", p.n, p.total, rate)
	}
}

func (p *resultPrinter) finish(ctx context.Context) error {
	if p.tty {
		fmt.Fprint(p.e.stderr, "\r")
	}
	var parts []string
	for _, s := range []string{"stored", "new-version", "unchanged", "needs-ocr", "error"} {
		if p.counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.counts[s], s))
		}
	}
	fmt.Fprintf(p.e.stderr, "ingest: %d input(s) in %.1fs: %s\n", p.n, time.Since(p.start).Seconds(), strings.Join(parts, ", "))
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.counts["error"] > 0 && p.counts["error"] == p.n {
		return &exitError{code: 2, msg: "nothing could be ingested (không lưu được tệp nào)"}
	}
	return nil
}
