package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vanthu/internal/hostilepdf"
)

// FuzzExtract feeds arbitrary bytes to Extract: it must return (an error or
// text) without panicking. Seeds are the small PDFs of testdata; crashers
// found by go test -fuzz are kept under testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 16<<10 {
			// large seeds (an embedded TrueType font) make each
			// minimisation step slow; the small ones cover the same code
			continue
		}
		f.Add(b)
	}
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	opts := DefaultOptions()
	opts.OCR = false
	opts.Timeout = 5 * time.Second
	opts.MaxPages = 50
	opts.MaxBytes = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
		if err == nil {
			_ = res.Text()
		}
	})
}

// FuzzMutatedPDF damages real PDFs with the hostile mutator (truncation,
// flips, duplicated keys, bombs, /Prev loops, a blanked xref, zeroed
// blocks), the fuzzer choosing the source, the kind and the seed: every file
// must end within its budget, without a crash, a hang or a heap past
// maxHostileHeap. The sources are testdata's PDFs and corpus-real's when
// the shared material is present.
func FuzzMutatedPDF(f *testing.F) {
	srcs := mutationSources(f)
	for k := 0; k < int(hostilepdf.Kinds); k++ {
		f.Add(uint8(0), uint8(k), uint64(k))
		f.Add(uint8(1+k%(len(srcs)-1)), uint8(k), uint64(100+k))
	}
	opts := mutationOptions()
	f.Fuzz(func(t *testing.T, src, kind uint8, seed uint64) {
		data := hostilepdf.Mutate(srcs[int(src)%len(srcs)], hostilepdf.Kind(kind), seed)
		res, err := extractBounded(t, fmt.Sprintf("source %d, %v, seed %d", src, hostilepdf.Kind(kind), seed), data, opts)
		if err == nil {
			_ = res.Text()
		}
	})
}
