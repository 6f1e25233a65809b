package pdftext

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
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
