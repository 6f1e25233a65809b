//go:build windows

package filestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/windows"
)

// lock takes the writer's lock: an exclusive, non-blocking LockFileEx on
// <dir>/LOCK, which Windows drops when the process dies, as flock(2) is on
// unix. The holder writes its pid into the file for the message a second
// writer gets.
func lock(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("filestore: open lock file %s: %w", path, err)
	}
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			pid := ""
			if b, rerr := os.ReadFile(path); rerr == nil {
				pid = strings.TrimSpace(string(b))
			}
			return nil, &LockedError{Dir: dir, PID: pid}
		}
		return nil, fmt.Errorf("filestore: lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}
