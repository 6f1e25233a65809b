package pdftext

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error Extract returns wraps one of them (or the
// context's error), so callers match with errors.Is and never by string.
var (
	// ErrNotPDF: the bytes do not start with a PDF header.
	ErrNotPDF = errors.New("pdftext: not a PDF")
	// ErrEncrypted: the file is encrypted and cannot be opened without a password.
	ErrEncrypted = errors.New("pdftext: encrypted PDF")
	// ErrDamaged: the file is a PDF but its structure (xref, trailer, page
	// tree, objects) cannot be read.
	ErrDamaged = errors.New("pdftext: damaged PDF")
	// ErrTooLarge: a configured limit (bytes, pages, objects) or the
	// document's Budget is exceeded; the file is not read at all. Its text
	// is what people see beside the kept original.
	ErrTooLarge = errors.New("pdftext: too large or malformed, not read (tệp quá lớn hoặc hỏng, không đọc)")
	// ErrTimeout: the extraction did not finish within Options.Timeout.
	ErrTimeout = errors.New("pdftext: extraction timed out")
)

// Error is an extraction error tied to a page (Page 0 means the whole file)
// and the operation that failed. The caller adds the file name, since
// Extract only sees an io.ReaderAt.
type Error struct {
	Page int    // 1-based page number, 0 for the document
	Op   string // what was being done: "open", "page", "ocr", "render"...
	Err  error  // wraps one of the sentinels above
}

func (e *Error) Error() string {
	if e.Page > 0 {
		return fmt.Sprintf("pdftext: %s page %d: %v", e.Op, e.Page, e.Err)
	}
	return fmt.Sprintf("pdftext: %s: %v", e.Op, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// panicError turns a recovered panic value of the pdf library into an error
// wrapping ErrDamaged: the library signals malformed input by panicking.
func panicError(v any) error {
	if err, ok := v.(error); ok {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return fmt.Errorf("%w: %v", ErrDamaged, v)
}
