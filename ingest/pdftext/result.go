package pdftext

import (
	"strings"

	"vanthu/corpus"
)

// Page sources.
const (
	SourceText = "text" // the PDF's text layer
	SourceOCR  = "ocr"  // tesseract on the rendered page
	SourceNone = "none" // nothing usable
)

// Extractor names recorded with the stored text.
const (
	ExtractorText    = "pdftext (text layer)"
	ExtractorTextOCR = "pdftext (text layer + ocr)"
)

// Page is the text of one page.
type Page struct {
	Number        int      `json:"number"`
	Text          string   `json:"text"`
	Source        string   `json:"source"`  // SourceText, SourceOCR or SourceNone
	Quality       float64  `json:"quality"` // share of valid Vietnamese/ASCII syllables, 0..1
	Warnings      []string `json:"warnings,omitempty"`
	OCRConfidence float64  `json:"ocr_confidence,omitempty"` // tesseract's mean word confidence, 0..100
	needsOCR      bool
}

// Result is what Extract read from a PDF.
type Result struct {
	Pages     []Page        `json:"pages"`
	Quality   float64       `json:"quality"` // mean page quality weighted by text length
	Warnings  []string      `json:"warnings,omitempty"`
	Status    corpus.Status `json:"status"`
	Message   string        `json:"message,omitempty"` // why the status is not ok, and what to do about it
	Extractor string        `json:"extractor"`         // ExtractorText or ExtractorTextOCR
}

// Text joins the pages with form feeds, as pdftotext does.
func (r Result) Text() string {
	parts := make([]string, len(r.Pages))
	for i, p := range r.Pages {
		parts[i] = p.Text
	}
	return strings.Join(parts, "\f")
}

// CorpusPages converts the pages to the corpus form stored with a version.
func (r Result) CorpusPages() []corpus.Page {
	out := make([]corpus.Page, len(r.Pages))
	for i, p := range r.Pages {
		out[i] = corpus.Page{Number: p.Number, Source: p.Source, Quality: p.Quality,
			Chars: len([]rune(p.Text)), Warnings: p.Warnings, OCRConfidence: p.OCRConfidence}
	}
	return out
}
