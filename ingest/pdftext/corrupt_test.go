package pdftext

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/internal/sharedtest"
)

// corruptFixtures are the small PDFs of testdata plus, when the shared
// material is present, the two Quảng Ngãi PDFs of corpus-real. The test does
// not skip without the shared material: testdata alone gives 300 variants.
func corruptFixtures(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	shared := os.Getenv("VANTHU_SHARED")
	if shared == "" {
		shared = filepath.Join(sharedtest.Root(t), "..", "shared")
	}
	for _, n := range []string{"qn_cv_507_UBND-KGVX_2025.pdf", "qn_tb_542_TB-UBND_2024.pdf"} {
		p := filepath.Join(shared, "corpus-real", "pdf", "text_layer", n)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

// mutate returns the k-th corrupted variant of data: truncated, bytes
// flipped, the cross-reference table removed, or a block zeroed.
func mutate(data []byte, k int, rng *rand.Rand) ([]byte, string) {
	b := bytes.Clone(data)
	switch k % 4 {
	case 0:
		return b[:rng.IntN(len(b))], "truncated"
	case 1:
		for i := 0; i < 1+rng.IntN(20); i++ {
			b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		}
		return b, "flipped"
	case 2:
		if i := bytes.LastIndex(b, []byte("xref")); i >= 0 {
			// blank the table (or stream keyword) and what follows up to the trailer
			end := bytes.Index(b[i:], []byte("trailer"))
			if end < 0 {
				end = min(len(b)-i, 4096)
			}
			for j := i; j < i+end; j++ {
				b[j] = ' '
			}
		}
		if rng.IntN(2) == 0 {
			if i := bytes.LastIndex(b, []byte("startxref")); i >= 0 {
				copy(b[i:], "startxref\n999999999\n")
			}
		}
		return b, "xref removed"
	default:
		at := rng.IntN(len(b))
		for j := at; j < min(len(b), at+1+rng.IntN(4096)); j++ {
			b[j] = 0
		}
		return b, "zeroed"
	}
}

// TestCorruptedVariants: 300 corrupted variants of the fixtures give an error
// or text, never a panic or a hang.
func TestCorruptedVariants(t *testing.T) {
	fixtures := corruptFixtures(t)
	if len(fixtures) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	names := make([]string, 0, len(fixtures))
	for n := range fixtures {
		names = append(names, n)
	}
	sort.Strings(names)
	opts := DefaultOptions()
	opts.OCR = false
	opts.Timeout = 20 * time.Second
	rng := rand.New(rand.NewPCG(3, 2026))
	const total = 300
	counts := map[string]int{}
	for k := 0; k < total; k++ {
		name := names[k%len(names)]
		data, how := mutate(fixtures[name], k/len(names), rng)
		done := make(chan struct{})
		var res Result
		var err error
		go func() {
			defer close(done)
			res, err = Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
		}()
		select {
		case <-done:
		case <-time.After(40 * time.Second):
			t.Fatalf("variant %d of %s (%s): Extract did not return in 40s", k, name, how)
		}
		switch {
		case err != nil:
			if !errors.Is(err, ErrNotPDF) && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrEncrypted) &&
				!errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTimeout) {
				t.Errorf("variant %d of %s (%s): error %v wraps no sentinel", k, name, how, err)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Errorf("variant %d of %s (%s): error %v is not a *pdftext.Error", k, name, how, err)
			}
			counts["error"]++
		case res.Status == corpus.StatusOK:
			counts["text"]++
		default:
			counts[string(res.Status)]++
		}
	}
	t.Logf("%d variants: %v", total, counts)
}
