package filestore

import (
	"errors"
	"fmt"
)

// Sentinel errors. Errors about one file name it; match with errors.Is.
var (
	// ErrLocked: another process holds the data directory for writing.
	// The error is a *LockedError.
	ErrLocked = errors.New("filestore: data directory is locked")
	// ErrReadOnly: a write on a store opened with Config.ReadOnly.
	ErrReadOnly = errors.New("filestore: store is opened read-only")
	// ErrClosed: a call after Close.
	ErrClosed = errors.New("filestore: store is closed")
	// ErrCorrupt: a file of the store cannot be read back as written.
	ErrCorrupt = errors.New("filestore: corrupt file")
	// ErrFormat: the directory holds a store of another, unknown layout.
	ErrFormat = errors.New("filestore: unknown store format")
)

// LockedError says which directory is in use and, when the holder wrote it,
// by which process.
type LockedError struct {
	Dir string
	PID string // the pid written in LOCK by the holder, "" when unknown
}

func (e *LockedError) Error() string {
	who := "another vanthu process"
	if e.PID != "" {
		who += " (pid " + e.PID + ")"
	}
	return fmt.Sprintf("filestore: data directory %s is in use by %s: "+
		"stop that process (for example a running `vanthu serve`) or use another --data directory; "+
		"commands that only read can open it read-only meanwhile", e.Dir, who)
}

func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Problem is one inconsistency found by Verify or met at Open.
type Problem struct {
	Path   string // the file concerned, relative to the data directory
	ID     string // the document, when known
	SHA256 string // the version, when known
	Reason string
}

func (p Problem) String() string {
	s := p.Path
	if p.ID != "" {
		s += " (document " + p.ID + ")"
	}
	return s + ": " + p.Reason
}
