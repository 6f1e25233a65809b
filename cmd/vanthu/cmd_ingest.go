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
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	wait := fs.Bool("wait", false, "cluster mode: wait until workers have stored every queued file")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("ingest needs at least one file or folder (vanthu ingest PATH...)")
	}
	if nf.url != "" {
		// Cluster mode: the files become jobs for `vanthu worker`.
		return ingestCluster(ctx, e, c, nf, paths, *wait)
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
	a, err := openApp(ctx, e, c.data, appOptions{write: true, index: true, ocr: !*noOCR, command: "ingest", wait: true, batchIndex: true})
	if err != nil {
		return err
	}
	defer a.Close()
	return ingestFiles(ctx, e, a, files, bad, c.json, *workers)
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
	// totalBytes is the size of all inputs, doneBytes of those printed:
	// records files hold an unknown number of documents, so the ETA is
	// reckoned in bytes.
	totalBytes, doneBytes int64
}

// indexWarning says stored documents did not reach the index, and what
// happens to them.
func (p *resultPrinter) indexWarning(err error) {
	fmt.Fprintf(p.e.stderr, "warning: %v; they are stored, and the next `vanthu ingest` indexes them (or run `vanthu reindex`)\n", err)
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

// progress prints documents done, documents per second and, once a few
// seconds have passed, the share of the input read and the time left, on
// stderr, at most once a second, so a long ingest shows it is alive and
// when it will end.
func (p *resultPrinter) progress(final bool) {
	now := time.Now()
	if final || now.Sub(p.last) < time.Second {
		return
	}
	p.last = now
	if p.total < 2 && p.n < 2 {
		return
	}
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(p.n) / el
	}
	line := fmt.Sprintf("[%d documents] %.0f docs/s", p.n, rate)
	if p.totalBytes > 0 && p.doneBytes > 0 && el >= 2 {
		frac := min(float64(p.doneBytes)/float64(p.totalBytes), 1)
		left := time.Duration(el * (1 - frac) / frac * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf(", %.0f%% read, ETA %s", 100*frac, left)
	}
	if p.tty {
		fmt.Fprintf(p.e.stderr, "\r%s ", line)
		return
	}
	fmt.Fprintln(p.e.stderr, line)
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
	el := time.Since(p.start).Seconds()
	fmt.Fprintf(p.e.stderr, "ingest: %d input(s) in %.1fs (%.0f docs/s): %s\n", p.n, el, float64(p.n)/max(el, 1e-3), strings.Join(parts, ", "))
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.counts["error"] > 0 && p.counts["error"] == p.n {
		return &exitError{code: 2, msg: "nothing could be ingested (không lưu được tệp nào)"}
	}
	return nil
}
