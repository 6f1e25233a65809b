//go:build unix

package index

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// fileLock is an advisory lock on Dir/LOCK: exclusive for a writer, shared for
// read-only opens. It is taken before bleve opens anything, so a second
// process learns at once that the index is in use instead of waiting on bolt.
type fileLock struct{ f *os.File }

func lockDir(path string, shared bool) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil && shared {
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, fmt.Errorf("index: lock file %s: %w", path, err)
	}
	how := syscall.LOCK_EX
	if shared {
		how = syscall.LOCK_SH
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLockHeld
		}
		return nil, fmt.Errorf("index: lock %s: %w", path, err)
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}

const haveFileLock = true
