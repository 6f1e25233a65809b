package crawl

import "errors"

// Sentinel errors; match them with errors.Is.
var (
	// ErrInvalidSource marks a sources file or Source that cannot be used.
	ErrInvalidSource = errors.New("crawl: invalid source")
	// ErrOffHost is a URL or redirect outside the source's allowed hosts.
	ErrOffHost = errors.New("crawl: host not allowed")
	// ErrRobots is a URL that robots.txt forbids us to fetch.
	ErrRobots = errors.New("crawl: disallowed by robots.txt")
	// ErrTooLarge is a response bigger than Config.MaxBodySize.
	ErrTooLarge = errors.New("crawl: response too large")
	// ErrRedirectLoop is a redirect back to a URL already visited, or a
	// chain longer than ten hops: it will not end by trying again.
	ErrRedirectLoop = errors.New("crawl: redirect loop")
	// ErrStateLocked means another crawler holds the state database.
	ErrStateLocked = errors.New("crawl: state is locked by another crawl")
)

// SourceError says which file, source and field of a sources file is wrong.
type SourceError struct {
	File   string // the sources file, or "" for a Source built in code
	Source string // the source's name, or its index ("#2") when it has none
	Field  string // e.g. "start[0]", "links.document.patterns[1]"
	Reason string
	Err    error // an underlying error (regexp, CSS, YAML), if any
}

func (e *SourceError) Error() string {
	s := "crawl: "
	if e.File != "" {
		s += e.File + ": "
	}
	if e.Source != "" {
		s += "source " + e.Source + ": "
	}
	if e.Field != "" {
		s += e.Field + ": "
	}
	s += e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *SourceError) Unwrap() error { return e.Err }

// Is makes every SourceError match ErrInvalidSource.
func (e *SourceError) Is(target error) bool { return target == ErrInvalidSource }
