package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"vanthu/corpus"
)

// Input is one original to ingest.
type Input struct {
	Name      string            // file path or URL: named in every message about it
	Data      []byte            // the untouched bytes
	MIME      string            // media type if known (HTTP header); sniffed when empty
	FetchedAt time.Time         // when it was read or downloaded; now when zero
	Of        string            // for an attachment: the URL of the page that links it
	Fields    map[string]string // metadata given alongside (a record's fields, a crawler's selectors)
}

// Extracted is what an Extractor read from an original.
type Extracted struct {
	Text      string        // NFC text; pages separated by form feed (\f)
	Title     string        // title given by the format (HTML <title>/<h1>, record title)
	Pages     []corpus.Page // per page: source, quality, warnings
	Extractor string        // name and mode, e.g. "pdftext (text layer)", "html/readability"
	Status    corpus.Status // ok, needs-ocr, failed, empty
	Quality   float64       // 0..1
	Message   string        // why the status is not ok, and what to do
	Warnings  []string
	Links     []string          // links to attachments found in the content (absolute URLs)
	Fields    map[string]string // metadata stated by the source (portal attribute tables)
}

// Extractor reads the text of one kind of original. It must not panic; an error
// means the input is unusable (not a PDF, encrypted, limits exceeded). Text that
// merely could not be read is reported through Status, not as an error.
// The pipeline adds the input's name to an error unless it is an
// *InputError (which names it already).
type Extractor interface {
	Extract(ctx context.Context, in Input) (Extracted, error)
}

// ExtractorFunc adapts a function to Extractor.
type ExtractorFunc func(ctx context.Context, in Input) (Extracted, error)

func (f ExtractorFunc) Extract(ctx context.Context, in Input) (Extracted, error) { return f(ctx, in) }

// Parser derives metadata (number, type, issuer, date, recipients, citations,
// rules...) from the NFC text of a document. It never fails: what it cannot find
// it leaves empty.
type Parser interface {
	Parse(text string) corpus.Document
}

// Indexer is told about every document stored or changed.
type Indexer interface {
	Index(ctx context.Context, doc corpus.Document) error
}

// InputError is a bad input: it names the file or URL and says what is wrong.
type InputError struct {
	Name   string
	Reason string
	Err    error
}

func (e *InputError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Name, e.Reason, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Name, e.Reason)
}

func (e *InputError) Unwrap() error { return e.Err }

// Sentinel reasons for InputError.
var (
	ErrEmpty         = errors.New("empty input")
	ErrUnknownFormat = errors.New("unknown format")
)

// Result reports what happened to one input; its JSON form is the line that
// `vanthu ingest --json` prints.
type Result struct {
	Input    string        `json:"input"`
	ID       string        `json:"id,omitempty"`
	Number   string        `json:"number,omitempty"`
	Type     string        `json:"type,omitempty"`
	Issuer   string        `json:"issuer,omitempty"`
	Date     string        `json:"date,omitempty"`
	Title    string        `json:"title,omitempty"`
	Kind     corpus.Kind   `json:"kind,omitempty"`
	Status   string        `json:"status"` // stored, new-version, unchanged, needs-ocr, error
	Extract  corpus.Status `json:"extract,omitempty"`
	Error    string        `json:"error,omitempty"`
	Links    []string      `json:"links,omitempty"`
	Warnings []string      `json:"warnings,omitempty"`
	// Review lists what a person should check in the stored document
	// ("cần kiểm tra"): filled by the caller from the review rules, since
	// corrections people made are kept outside the pipeline.
	Review []Note           `json:"review,omitempty"`
	Doc    *corpus.Document `json:"-"`
}

// Note is one thing to check in a stored document, tied to its field
// ("number", "date", ..., "text" for the text as a whole).
type Note struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}
