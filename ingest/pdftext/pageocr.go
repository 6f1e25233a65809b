package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"vanthu/ingest/handdigits"
)

// PageOCR reads the pages that need OCR somewhere else than in this
// process: a cluster hands each page to whichever worker is free, so that
// one long scan is read on every machine's cores at once. ReadPages returns
// one reading per page number, in order; each reading says itself whether
// its page could be read (Failed). An error means no answer could be had
// (the context ended): Extract fails with it and nothing is stored.
type PageOCR interface {
	ReadPages(ctx context.Context, r io.ReaderAt, size int64, pages []int) ([]PageReading, error)
}

// PageReading is what OCR made of one page: the same whether this process
// or another machine read it (ReadPage), so a document reads the same
// either way.
type PageReading struct {
	Text       string   `json:"text"`
	Confidence float64  `json:"confidence"`         // tesseract's mean word confidence, 0..100
	Warnings   []string `json:"warnings,omitempty"` // the handwritten number and date pass's
	// Failed says why the page could not be read (pdftoppm or tesseract
	// failed on it); the rest is empty then.
	Failed string `json:"failed,omitempty"`
}

// ErrNoOCR is returned by ReadPage when this machine cannot OCR at all
// (tesseract, its Vietnamese data or pdftoppm missing): another machine
// may.
var ErrNoOCR = errors.New("pdftext: OCR is not possible on this machine")

// ReadPage OCRs page n of the PDF in r as Extract does for its own pages:
// rendered with pdftoppm, read by a single-threaded tesseract in one of the
// process's OCR slots (one a core), then the handwritten number and date
// pass. A page pdftoppm or tesseract fails on is a reading with Failed set;
// the error is for a machine that cannot OCR (ErrNoOCR), bad options and the
// context ending.
func ReadPage(ctx context.Context, r io.ReaderAt, size int64, n int, opts Options) (PageReading, error) {
	if err := opts.validate(); err != nil {
		return PageReading{}, err
	}
	if n < 1 {
		return PageReading{}, fmt.Errorf("pdftext: page %d: pages are numbered from 1", n)
	}
	tools := findOCRTools(ctx, opts)
	if tools.problem != "" {
		return PageReading{}, fmt.Errorf("%w: %s", ErrNoOCR, tools.problem)
	}
	dir, err := os.MkdirTemp("", "pdftext-page-")
	if err != nil {
		return PageReading{}, &Error{Op: "ocr", Err: err}
	}
	defer os.RemoveAll(dir)
	pdfPath := filepath.Join(dir, "in.pdf")
	if err := copyToFile(pdfPath, io.NewSectionReader(r, 0, size)); err != nil {
		return PageReading{}, &Error{Op: "ocr", Err: err}
	}
	text, conf, warns, err := ocrPageSlot(ctx, tools, pdfPath, dir, n, opts, sharedHandReader())
	if cerr := ctx.Err(); cerr != nil {
		return PageReading{}, &Error{Page: n, Op: "ocr", Err: ctxError(cerr)}
	}
	if err != nil {
		return PageReading{Failed: err.Error()}, nil
	}
	return PageReading{Text: text, Confidence: conf, Warnings: warns}, nil
}

// sharedHandReader is the handwriting reader ReadPage uses: it is stateless,
// and loading its model for every page of a cluster's scans would cost
// more than the pass. nil (pages still OCR'd) if its model is damaged.
var sharedHandReader = sync.OnceValue(func() *handdigits.Reader {
	h, err := handdigits.New(handdigits.DefaultConfig())
	if err != nil {
		return nil
	}
	return h
})

// OCRSlots is how many pages this process OCRs at once, whatever asks:
// one a core.
func OCRSlots() int { return cap(ocrSlots) }
