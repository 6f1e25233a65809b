package wordtext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/ingest/vnenc"
)

// oleMagic starts every OLE2 compound file (.doc, but also .xls, .ppt).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// IsDOC reports whether data is a Word 97-2003 file: an OLE2 compound file
// holding a "WordDocument" stream (its name is stored in UTF-16).
func IsDOC(data []byte) bool {
	return bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"))
}

// IsDOCX reports whether data is a zip holding word/document.xml.
func IsDOCX(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data, []byte("word/document.xml"))
}

// Extractor adapts DOCX and DOC to ingest.Extractor.
type Extractor struct {
	Limits Limits
	DOC    DOCOptions
}

var _ ingest.Extractor = Extractor{}

// Extract implements ingest.Extractor. A file antiword cannot read, or a
// machine without antiword, gives a failed status with the reason (the
// original is kept, to read again later).
func (x Extractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	if err := ctx.Err(); err != nil {
		return ingest.Extracted{}, fmt.Errorf("wordtext: %w", err)
	}
	var (
		text, name string
		err        error
	)
	switch {
	case IsDOCX(in.Data):
		name = "wordtext (docx)"
		text, err = DOCX(ctx, in.Data, x.Limits)
	case IsDOC(in.Data):
		name = "wordtext (doc, antiword)"
		text, err = DOC(ctx, in.Data, x.DOC)
		if errors.Is(err, ErrNoTool) {
			return ingest.Extracted{Extractor: name, Status: corpus.StatusFailed, Message: err.Error() + "; the original is kept: ingest it again once antiword is installed"}, nil
		}
	default:
		return ingest.Extracted{}, &ingest.InputError{Name: in.Name, Reason: "not a Word file (.docx or .doc)", Err: ingest.ErrUnknownFormat}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ingest.Extracted{}, err
		}
		return ingest.Extracted{}, &ingest.InputError{Name: in.Name, Reason: "unreadable Word file", Err: err}
	}
	text = corpus.NFC(text)
	out := ingest.Extracted{Text: text, Extractor: name, Status: corpus.StatusOK}
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		out.Status, out.Message = corpus.StatusEmpty, "the Word file holds no text"
		return out, nil
	}
	total := 0.0
	for i, p := range strings.Split(text, "\f") {
		q := vnenc.ValidSyllableRatio(p)
		total += q
		out.Pages = append(out.Pages, corpus.Page{Number: i + 1, Source: "text", Quality: q, Chars: utf8.RuneCountInString(p)})
	}
	out.Quality = total / float64(len(out.Pages))
	return out, nil
}
