package generate

import "errors"

var (
	// ErrNoReport: a report was asked for a trip without its report section.
	ErrNoReport = errors.New("trip has no report section (report: results, commitments, proposals)")
	// ErrInternal wraps a panic recovered from a dependency.
	ErrInternal = errors.New("internal error")
	// ErrNotPDF: the input is not a PDF this package can update.
	ErrNotPDF = errors.New("not a PDF")
	// ErrUnsupportedPDF: a PDF feature the incremental writer does not handle
	// (cross-reference streams, encryption).
	ErrUnsupportedPDF = errors.New("unsupported PDF")
	// ErrNoSignatureField: the PDF has no empty signature field to sign into.
	ErrNoSignatureField = errors.New("no empty signature field")
	// ErrBadCertificate: the PKCS#12 file cannot be read or holds no usable key.
	ErrBadCertificate = errors.New("bad certificate")
)

// PDFError is a fault in a PDF being updated or signed, with the byte
// offset where it was found.
type PDFError struct {
	Offset int64
	Msg    string
	Err    error
}

func (e *PDFError) Error() string {
	return "generate: pdf at byte " + itoa64(e.Offset) + ": " + e.Msg
}

func (e *PDFError) Unwrap() error { return e.Err }

func itoa64(i int64) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b [24]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}
