package pdftext

import (
	"context"
	"fmt"
	"io"
	"regexp"
)

// Extractor is an Extract bound to validated Options, the constructor form
// the rest of vanthu uses (New(cfg) / DefaultOptions()). It is safe for
// concurrent use: each call has its own state.
type Extractor struct {
	opts Options
}

// New checks opts and returns an Extractor using them.
func New(opts Options) (*Extractor, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	return &Extractor{opts: opts}, nil
}

// Extract reads the PDF of the given size from r with the Extractor's options.
func (e *Extractor) Extract(ctx context.Context, r io.ReaderAt, size int64) (Result, error) {
	return Extract(ctx, r, size, e.opts)
}

// Options returns the options the Extractor was built with.
func (e *Extractor) Options() Options { return e.opts }

// langRe is tesseract's language argument: "vie", "vie+eng".
var langRe = regexp.MustCompile(`^[A-Za-z_]+(\+[A-Za-z_]+)*$`)

func (o Options) validate() error {
	switch {
	case o.MaxBytes < 0 || o.MaxPages < 0 || o.MaxObjects < 0 || o.MaxGlyphs < 0:
		return fmt.Errorf("pdftext: options: negative limit")
	case o.Timeout < 0:
		return fmt.Errorf("pdftext: options: negative timeout %v", o.Timeout)
	case o.Workers < 0:
		return fmt.Errorf("pdftext: options: negative workers %d", o.Workers)
	case o.OCRDPI != 0 && (o.OCRDPI < 72 || o.OCRDPI > 1200):
		return fmt.Errorf("pdftext: options: OCR resolution %d dpi outside 72-1200", o.OCRDPI)
	case o.OCRLanguage != "" && !langRe.MatchString(o.OCRLanguage):
		return fmt.Errorf("pdftext: options: OCR language %q is not of the form vie or vie+eng", o.OCRLanguage)
	case o.Budget.validate() != nil:
		return o.Budget.validate()
	case o.MinQuality < 0 || o.MinQuality > 1:
		return fmt.Errorf("pdftext: options: MinQuality %v outside 0..1", o.MinQuality)
	}
	return nil
}
