package main

import (
	"bytes"
	"context"

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
	m := map[string]ingest.Extractor{
		ingest.FormatPDF:  pdfExtractor{opts: popts},
		ingest.FormatText: plaintext.Extractor{},
		ingest.FormatWord: wordtext.Extractor{},
	}
	// htmltext.New only fails on invalid options; the defaults are valid.
	if hx, err := htmltext.New(htmltext.DefaultOptions()); err == nil {
		m[ingest.FormatHTML] = hx
	}
	return m
}

// pdfExtractor adapts pdftext to ingest.Extractor.
type pdfExtractor struct{ opts pdftext.Options }

func (x pdfExtractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
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
