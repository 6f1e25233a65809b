package trip

import (
	"errors"
	"fmt"
)

// ErrSyntax is matched (errors.Is) by every error about the form of a trip or
// history file: bad YAML or JSON, unknown fields, values of the wrong type.
var ErrSyntax = errors.New("trip: malformed file")

// ParseError says where in which file decoding failed.
type ParseError struct {
	Name string // file name as given to Parse
	Line int    // 1-based, 0 when unknown
	Msg  string
	Err  error // underlying decoder error, if any
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("trip: %s:%d: %s", e.Name, e.Line, e.Msg)
	}
	return fmt.Sprintf("trip: %s: %s", e.Name, e.Msg)
}

// Unwrap lets errors.Is(err, ErrSyntax) match, and exposes the decoder's error.
func (e *ParseError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrSyntax, e.Err}
	}
	return []error{ErrSyntax}
}
