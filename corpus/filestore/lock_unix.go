//go:build unix

package filestore

import (
	"errors"
	"os"
	"syscall"
)

// lockExclusive takes an exclusive, non-blocking flock(2) on f.
func lockExclusive(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errLockHeld
	}
	return err
}
