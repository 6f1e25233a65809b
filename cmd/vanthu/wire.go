package main

import (
	"bytes"
	"context"
	"fmt"
	"runtime"

	"vanthu/ingest"
	"vanthu/ingest/htmltext"
	"vanthu/ingest/pdftext"
	"vanthu/ingest/plaintext"
	"vanthu/ingest/wordtext"
)

// extractors builds the readers the pipeline uses, one per format.
func extractors(opt appOptions) map[string]ingest.Extractor {
	popts := pdftext.DefaultOptions()
	popts.OCR = opt.ocr
	popts.PageOCR = opt.pages
	// A server reads at most one PDF a core at a time: thirty uploads at
	// once, each OCR'ing pages with its own workers, would leave searches
	// no CPU (BENCHMARKS.md, "Hostile files"); the others wait their turn.
	var slots chan struct{}
	if opt.serve {
		slots = make(chan struct{}, runtime.NumCPU())
	}
	m := map[string]ingest.Extractor{
		ingest.FormatPDF:  pdfExtractor{opts: popts, slots: slots},
		ingest.FormatText: plaintext.Extractor{},
		ingest.FormatWord: wordtext.Extractor{},
	}
	// htmltext.New only fails on invalid options; the defaults are valid.
	if hx, err := htmltext.New(htmltext.DefaultOptions()); err == nil {
		m[ingest.FormatHTML] = hx
	}
	return m
}

// pdfExtractor adapts pdftext to ingest.Extractor. slots, when set, bounds
// the PDFs read at once.
type pdfExtractor struct {
	opts  pdftext.Options
	slots chan struct{}
}

func (x pdfExtractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	if x.slots != nil {
		select {
		case x.slots <- struct{}{}:
			defer func() { <-x.slots }()
		case <-ctx.Done():
			return ingest.Extracted{}, fmt.Errorf("waiting to be read: %w", ctx.Err()) // the pipeline names the input
		}
	}
	r, err := pdftext.Extract(ctx, bytes.NewReader(in.Data), int64(len(in.Data)), x.opts)
	if err != nil {
		return ingest.Extracted{}, err // the pipeline names the input
	}
	return ingest.Extracted{
		Text:      r.Text(),
		Pages:     r.CorpusPages(),
		Extractor: r.Extractor,
		Status:    r.Status,
		Quality:   r.Quality,
		Message:   r.Message,
		Warnings:  r.Warnings,
	}, nil
}
