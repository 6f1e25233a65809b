package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/internal/hostilepdf"
	"vanthu/internal/sharedtest"
)

// maxHostileAlloc bounds what reading one hostile file may allocate in all
// (a bound on its peak memory too): the unguarded library allocates from 1.7
// to 32 GB on these files.
const maxHostileAlloc = 512 << 20

// extractBounded runs Extract on data and fails the test if it does not
// return within the timeout plus a grace, or allocates more than
// maxHostileAlloc.
func extractBounded(t *testing.T, name string, data []byte, opts Options) (Result, error) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	type out struct {
		res Result
		err error
	}
	ch := make(chan out, 1)
	go func() {
		res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
		ch <- out{res, err}
	}()
	var o out
	select {
	case o = <-ch:
	case <-time.After(opts.Timeout + 30*time.Second):
		t.Fatalf("%s: Extract did not return within its timeout", name)
	}
	runtime.ReadMemStats(&after)
	if a := after.TotalAlloc - before.TotalAlloc; a > maxHostileAlloc {
		t.Errorf("%s: allocated %d MB (bound %d MB)", name, a>>20, maxHostileAlloc>>20)
	}
	t.Logf("%s: %v, %d KB allocated, %v", name, time.Since(start).Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>10, o.err)
	return o.res, o.err
}

// TestHostileCases: every hostile file of the audit ends within its budget:
// an error or text, never a crash, a hang or gigabytes. The content bombs
// are refused as a whole ("too large or malformed, not read"), not read in
// part.
func TestHostileCases(t *testing.T) {
	opts := DefaultOptions()
	opts.OCR = false
	opts.Timeout = 20 * slowdown * time.Second
	bombs := map[string]bool{"tj-30m": true, "string-400mb": true, "cm-500mb": true, "cmap-1e8": true, "forms-8x300": true}
	for _, c := range hostilepdf.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			data := c.Make()
			if len(data) >= 1<<20 {
				t.Errorf("%s is %d bytes, want under 1 MB", c.Name, len(data))
			}
			res, err := extractBounded(t, c.Name, data, opts)
			if bombs[c.Name] && !errors.Is(err, ErrTooLarge) {
				t.Errorf("error %v, want ErrTooLarge", err)
			}
			if err == nil {
				if res.Status == "" {
					t.Errorf("no status")
				}
				return
			}
			if errors.Is(err, ErrTimeout) {
				t.Fatalf("timed out: the budget should have stopped it first: %v", err)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Errorf("error %v is not a *pdftext.Error", err)
			}
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrDamaged) {
				t.Errorf("error %v is neither ErrTooLarge nor ErrDamaged", err)
			}
		})
	}
}

// TestBudgetStopsAtDeadline: a document inside its budget but slow (forms
// drawing forms) stops soon after its deadline: the parse itself returns,
// not only Extract, so no goroutine keeps a core busy after the answer.
func TestBudgetStopsAtDeadline(t *testing.T) {
	data := hostilepdf.Cases()[len(hostilepdf.Cases())-1].Make() // forms-8x300
	opts := DefaultOptions()
	opts.OCR = false
	opts.Budget.FormRuns = 0 // no fan-out limit: only the deadline stops it
	opts.Budget.Operators = 0
	opts.Budget.DecodedBytes = 0
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := extract(ctx, bytes.NewReader(data), int64(len(data)), opts)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the parse ran %v past a 200ms deadline", d)
	}
}

// TestRealPDFsWithinBudget: the default budget reads every real PDF of the
// fixtures and corpus-real as before (no false refusals).
func TestRealPDFsWithinBudget(t *testing.T) {
	opts := DefaultOptions()
	opts.OCR = false
	for name, data := range corruptFixtures(t) {
		res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
		if err != nil || res.Status == corpus.StatusFailed {
			t.Errorf("%s: %v", name, err)
		}
		for _, w := range res.Warnings {
			if w == "cross-reference table damaged: objects located by scanning the file" {
				t.Errorf("%s: the xref pre-check refused a sound file", name)
			}
		}
	}
	shared := os.Getenv("VANTHU_SHARED")
	if shared == "" {
		shared = filepath.Join(sharedtest.Root(t), "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(shared, "corpus-real", "pdf", "*", "*.pdf"))
	t.Logf("%d corpus-real PDFs", len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := newMeter(context.Background(), opts.Budget)
		if _, err := checkXref(bytes.NewReader(data), int64(len(data)), opts.MaxObjects, m); err != nil {
			t.Errorf("%s: xref pre-check: %v", filepath.Base(f), err)
		}
	}
}
