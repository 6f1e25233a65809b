package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/internal/hostilepdf"
	"vanthu/internal/sharedtest"
)

// maxHostileHeap bounds the Go heap while one hostile file is read (a
// sampled peak): the unguarded library reaches 1.7 to 32 GB on these files.
const maxHostileHeap = 512 << 20

// extractBounded runs Extract on data and fails the test if it does not
// return within the timeout plus a grace, or if the heap goes past
// maxHostileHeap while it runs.
func extractBounded(t testing.TB, name string, data []byte, opts Options) (Result, error) {
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
	peak := int64(0)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(opts.Timeout + 30*time.Second)
	var o out
wait:
	for {
		select {
		case o = <-ch:
			break wait
		case <-tick.C:
			peak = max(peak, heapNow())
		case <-deadline:
			t.Fatalf("%s: Extract did not return within its timeout", name)
		}
	}
	peak = max(peak, heapNow())
	runtime.ReadMemStats(&after)
	if peak > maxHostileHeap {
		t.Errorf("%s: heap reached %d MB (bound %d MB)", name, peak>>20, maxHostileHeap>>20)
	}
	if testing.Verbose() {
		t.Logf("%s: %v, peak heap %d MB, %d KB allocated, %v", name, time.Since(start).Round(time.Millisecond), peak>>20, (after.TotalAlloc-before.TotalAlloc)>>10, o.err)
	}
	return o.res, o.err
}

// heapNow reads the live heap without the sampling cache of heapBytes.
func heapNow() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// TestHostileCases: every hostile file of the audit ends within its budget:
// an error or text, never a crash, a hang or gigabytes. The content bombs
// are refused as a whole ("too large or malformed, not read"), not read in
// part.
func TestHostileCases(t *testing.T) {
	opts := DefaultOptions()
	opts.OCR = false
	opts.Timeout = 20 * slowdown * time.Second
	bombs := map[string]bool{"tj-30m": true, "string-400mb": true, "cm-500mb": true, "cmap-1e8": true, "forms-8x300": true, "objstm-encrypted-bomb": true, "objstm-large": true}
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

// mutationSources are the real PDFs the mutator damages: the fixtures of
// testdata, every PDF of corpus-real when the shared material is present,
// and a plain one-page file.
func mutationSources(t testing.TB) [][]byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	shared := os.Getenv("VANTHU_SHARED")
	if shared == "" {
		shared = filepath.Join(sharedtest.Root(t), "..", "shared")
	}
	real, _ := filepath.Glob(filepath.Join(shared, "corpus-real", "pdf", "*", "*.pdf"))
	files = append(files, real...)
	out := [][]byte{hostilepdf.Plain()}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// mutationOptions are the options of the mutation runs: the default budget
// scaled down eightfold in decoded bytes and fivefold in operators, which
// still reads every real PDF whole (the largest decodes 2.1 MB with 188,000
// operators) and makes each bomb cost a fraction of a second, so that a
// fuzz run tries many files.
func mutationOptions() Options {
	opts := DefaultOptions()
	opts.OCR = false
	opts.Timeout = 20 * slowdown * time.Second
	opts.Budget.DecodedBytes = 16 << 20
	opts.Budget.Operators = 2_000_000
	return opts
}

// TestMutatedRealPDFs: each kind of damage (truncation, flips, duplicated
// keys, bombs, /Prev loops, a blanked xref, zeroed blocks) applied to every
// source ends within the budget: an error or text, no crash, no hang, the
// heap under its bound.
func TestMutatedRealPDFs(t *testing.T) {
	srcs := mutationSources(t)
	opts := mutationOptions()
	counts := map[string]int{}
	for i, src := range srcs {
		if slowdown > 1 && len(src) > 500<<10 {
			// Under the race detector the long Công báo take minutes; the
			// fuzz smoke (no race detector) covers them.
			continue
		}
		for k := hostilepdf.Kind(0); k < hostilepdf.Kinds; k++ {
			data := hostilepdf.Mutate(src, k, uint64(i*7+int(k)))
			_, err := extractBounded(t, fmt.Sprintf("source %d, %v", i, k), data, opts)
			switch {
			case err == nil:
				counts["read"]++
			case errors.Is(err, ErrTooLarge):
				counts["too large or malformed"]++
			case errors.Is(err, ErrDamaged), errors.Is(err, ErrNotPDF), errors.Is(err, ErrEncrypted):
				counts["damaged"]++
			default:
				t.Errorf("source %d, %v: error %v wraps no expected sentinel", i, k, err)
			}
		}
	}
	t.Logf("%d sources × %d kinds: %v", len(srcs), hostilepdf.Kinds, counts)
}

// TestHeapBound: past Budget.HeapBytes (the process's heap, whatever holds
// it) an extraction stops as over budget rather than push the process on.
func TestHeapBound(t *testing.T) {
	data := hostilepdf.Plain()
	opts := DefaultOptions()
	opts.OCR = false
	opts.Budget.HeapBytes = 1 // any heap is over
	_, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	opts.Budget.HeapBytes = 0
	if _, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts); err != nil {
		t.Fatalf("without the bound: %v", err)
	}
}

// TestDecodedBytesBudget: the decoded-bytes budget stops a stream of
// operators that the operator budget alone would let through.
func TestDecodedBytesBudget(t *testing.T) {
	content := hostilepdf.Flate("", hostilepdf.Repeat(nil, []byte("1 0 0 1 0 0 cm\n"), 300_000, []byte("BT /F1 12 Tf (x) Tj ET")))
	data := hostilepdf.Classic([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		content,
	}, "")
	opts := DefaultOptions()
	opts.OCR = false
	opts.Budget.DecodedBytes = 1 << 20 // the stream decodes to 4.5 MB
	_, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "decoded") {
		t.Fatalf("error %v, want ErrTooLarge for decoded bytes", err)
	}
	opts.Budget.DecodedBytes = 8 << 20
	if _, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts); err != nil {
		t.Fatalf("within the budget: %v", err)
	}
}

// TestHugePageNotRendered: a scanned-looking page of 1.7 m by 1.7 m is not
// handed to the renderer (400 megapixels at 300 dpi: pdftoppm alone took
// 2.7 GB and 32 s); it says why.
func TestHugePageNotRendered(t *testing.T) {
	var data []byte
	for _, c := range hostilepdf.Cases() {
		if c.Name == "page-huge" {
			data = c.Make()
		}
	}
	opts := DefaultOptions() // OCR on: where tesseract is installed it must not run
	opts.Timeout = 60 * slowdown * time.Second
	res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w, "too large to render")
	}
	if !found || anyOCR(res) {
		t.Errorf("warnings %q, OCR'd %v: want the page refused to the renderer", res.Warnings, anyOCR(res))
	}
}

// TestRawObjectBomb: an object written directly in a large file (here an
// /Annots array of 10 million numbers, 20 MB) is measured before the
// library parses it whole; stream data of a large sound file is skipped
// by the same scan, not taken for objects.
func TestRawObjectBomb(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots 6 0 R >>"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		page,
		hostilepdf.Stream("", []byte("BT /F1 12 Tf 72 720 Td (Cong van) Tj ET")),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"[" + strings.Repeat("0 ", 10_000_000) + "]",
	}
	data := hostilepdf.Classic(objs, "")
	opts := DefaultOptions()
	opts.OCR = false
	_, err := extractBounded(t, "raw array", data, opts)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}

	// A sound file of 8 MB: its image data (random bytes, delimiters and
	// all) is skipped, its text read.
	noise := make([]byte, 8<<20)
	for i := range noise {
		noise[i] = byte(i*7919 + i>>8)
	}
	objs[5] = "[]"
	objs = append(objs, hostilepdf.Stream("/Type /XObject /Subtype /Image /Width 2048 /Height 4096 /ColorSpace /DeviceGray /BitsPerComponent 8", noise))
	data = hostilepdf.Classic(objs, "")
	res, err := extractBounded(t, "large sound file", data, opts)
	if err != nil || !strings.Contains(res.Text(), "Cong van") {
		t.Fatalf("large sound file: %v, text %q", err, res.Text())
	}
}
