package pdftext

import (
	"runtime"
	"time"
)

// Options bound and configure one extraction. The zero value of a limit means
// "no limit"; DefaultOptions sets the ones vanthu uses.
type Options struct {
	MaxBytes   int64         // larger files fail with ErrTooLarge
	MaxPages   int           // documents with more pages fail with ErrTooLarge
	MaxObjects int           // trailer /Size above this fails with ErrTooLarge
	MaxGlyphs  int           // glyphs kept per page (the rest dropped, with a warning)
	Timeout    time.Duration // whole extraction, OCR included; ErrTimeout when exceeded
	Budget     Budget        // what reading the file may cost (bytes decoded, operators, forms, memory)

	OCR           bool   // OCR pages without a usable text layer
	OCRLanguage   string // tesseract language(s), "vie" or "vie+eng"
	OCRDPI        int    // pdftoppm resolution
	Workers       int    // pages OCR'd in parallel
	TesseractPath string // "" = look up "tesseract" on PATH
	PdftoppmPath  string // "" = look up "pdftoppm" on PATH
	// PageOCR, when set, reads the pages that need OCR instead of this
	// process (a cluster's workers); Workers, TesseractPath and
	// PdftoppmPath then do not apply here.
	PageOCR PageOCR

	// MinQuality is the syllable-validity share below which a text layer is
	// treated as unusable (glyph mismaps, undecoded legacy fonts) and the page
	// is OCR'd instead.
	MinQuality float64
}

// DefaultOptions are the limits and OCR settings vanthu uses: 200 MB, 2000
// pages, 2 million objects, 5 minutes per file (OCR at 300 dpi runs seconds a
// page), OCR on in Vietnamese with one worker per CPU.
func DefaultOptions() Options {
	return Options{
		MaxBytes:    200 << 20,
		MaxPages:    2000,
		MaxObjects:  2_000_000,
		MaxGlyphs:   200_000,
		Timeout:     5 * time.Minute,
		Budget:      DefaultBudget(),
		OCR:         true,
		OCRLanguage: "vie",
		OCRDPI:      300,
		Workers:     runtime.NumCPU(),
		MinQuality:  0.5,
	}
}
