package index

import (
	"errors"
	"fmt"
)

// Sentinel errors, matched with errors.Is.
var (
	// ErrLocked: another vanthu process has the index open for writing.
	ErrLocked = errors.New("index: index in use by another vanthu process")
	// ErrCorrupt: the index cannot be opened (damaged, or written by another
	// mapping version). The data is safe in the corpus: `vanthu reindex`
	// rebuilds the index from it.
	ErrCorrupt = errors.New("index: index is corrupt or was built by an incompatible version; run `vanthu reindex` to rebuild it from the corpus")
	// ErrVersion: the index was built by another version of vanthu (another
	// mapping). errors.Is(err, ErrCorrupt) holds too: the way out is the
	// same, and a writer may take it on its own (nothing in the index is
	// lost: it is rebuilt from the corpus).
	ErrVersion error = versionError{}
	// ErrNoIndex: a read-only open found no index.
	ErrNoIndex = errors.New("index: no index yet; run `vanthu reindex` or ingest documents")
	// ErrClosed: the Index was closed.
	ErrClosed = errors.New("index: closed")
	// ErrReadOnly: a write on an index opened read-only.
	ErrReadOnly = errors.New("index: opened read-only")
	// ErrNotFound: no indexed document has the number asked for.
	ErrNotFound = errors.New("index: not found")
)

// OpenError says which index directory failed to open and why. Its Err is
// ErrLocked, ErrCorrupt or ErrNoIndex (errors.Is works through it); Cause is
// the underlying error from bleve or the file system.
type OpenError struct {
	Dir   string
	Err   error
	Cause error
}

func (e *OpenError) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%v (%s: %v)", e.Err, e.Dir, e.Cause)
	}
	return fmt.Sprintf("%v (%s)", e.Err, e.Dir)
}

func (e *OpenError) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

// recoverErr turns a panic from bleve into an error, so none crosses the
// package boundary (DESIGN.md, Conventions).
func recoverErr(op string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("index: %s: internal error in bleve: %v", op, r)
	}
}

type versionError struct{}

func (versionError) Error() string {
	return "index: the index was built by another version of vanthu; run `vanthu reindex` to rebuild it from the corpus"
}

func (versionError) Is(target error) bool { return target == ErrCorrupt }
