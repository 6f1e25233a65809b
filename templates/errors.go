package templates

import (
	"errors"
	"fmt"
)

// ErrUnknownKind is returned for a document kind no template exists for.
var ErrUnknownKind = errors.New("templates: unknown document kind")

// SyntaxError is a fault in a template file (embedded or overriding): a
// text/template parse or execution error, a markup directive the layout does
// not know, or a layout value outside what Nghị định 30/2020 allows.
type SyntaxError struct {
	Template string // file name, e.g. "proposal.tmpl"
	Line     int    // 1-based; for markup, the line of the rendered output; 0 when unknown
	Msg      string
	Err      error // the underlying error, when there is one
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("templates: %s:%d: %s", e.Template, e.Line, e.Msg)
	}
	return fmt.Sprintf("templates: %s: %s", e.Template, e.Msg)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
