package filestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// errLockHeld is what lockExclusive returns when another process holds
// the lock.
var errLockHeld = errors.New("filestore: lock held by another process")

// lock takes the writer's lock: an exclusive, non-blocking lock on
// <dir>/LOCK (lockExclusive: flock(2) on unix, LockFileEx on Windows). The
// system drops it when the process dies, kill -9 included, so a crash
// never leaves a stale lock behind (unlike a pid file). The holder writes
// its pid into the file for the message a second writer gets.
func lock(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("filestore: open lock file %s: %w", path, err)
	}
	if err := lockExclusive(f); err != nil {
		pid := ""
		if b, rerr := os.ReadFile(path); rerr == nil {
			pid = strings.TrimSpace(string(b))
		}
		f.Close()
		if errors.Is(err, errLockHeld) {
			return nil, &LockedError{Dir: dir, PID: pid}
		}
		return nil, fmt.Errorf("filestore: lock %s: %w", path, err)
	}
	// The pid is advice for a message only; failing to write it is harmless.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}

func unlock(f *os.File) error {
	if f == nil {
		return nil
	}
	// Clear the pid first so the file does not name a process that has
	// let go (only a crashed writer leaves its pid behind); then closing the
	// descriptor releases the lock.
	f.Truncate(0)
	if err := f.Close(); err != nil {
		return fmt.Errorf("filestore: release lock %s: %w", f.Name(), err)
	}
	return nil
}
