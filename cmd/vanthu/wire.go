package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"vanthu/ingest"
	"vanthu/ingest/htmltext"
	"vanthu/ingest/pdftext"
	"vanthu/ingest/plaintext"
)

// extractors builds the readers the pipeline uses, one per format.
func extractors(opt appOptions) map[string]ingest.Extractor {
	popts := pdftext.DefaultOptions()
	popts.OCR = opt.ocr
	return map[string]ingest.Extractor{
		ingest.FormatPDF:  pdfExtractor{opts: popts},
		ingest.FormatHTML: htmlExtractor{opts: htmltext.DefaultOptions()},
		ingest.FormatText: plaintext.Extractor{},
	}
}

// pdfExtractor adapts pdftext to ingest.Extractor.
type pdfExtractor struct{ opts pdftext.Options }

func (x pdfExtractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	r, err := pdftext.Extract(ctx, bytes.NewReader(in.Data), int64(len(in.Data)), x.opts)
	if err != nil {
		return ingest.Extracted{}, fmt.Errorf("%s: %w", in.Name, err)
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

// htmlExtractor adapts htmltext to ingest.Extractor.
type htmlExtractor struct{ opts htmltext.Options }

func (x htmlExtractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	pageURL := ""
	if isURL(in.Name) {
		pageURL = in.Name
	}
	r, err := htmltext.Extract(ctx, in.Data, pageURL, in.MIME, x.opts)
	if err != nil {
		if errors.Is(err, htmltext.ErrEmpty) {
			return ingest.Extracted{Status: "empty", Extractor: "html", Message: err.Error()}, nil
		}
		return ingest.Extracted{}, fmt.Errorf("%s: %w", in.Name, err)
	}
	return ingest.Extracted{
		Text:      r.Text,
		Title:     r.Title,
		Extractor: "html/" + r.Method + " (" + string(r.Encoding) + ")",
		Quality:   r.Quality,
		Warnings:  r.Warnings,
		Links:     r.Links,
		Fields:    r.Fields,
	}, nil
}

func isURL(s string) bool {
	return len(s) > 8 && (s[:7] == "http://" || s[:8] == "https://")
}
