//go:build unix

package audit

import (
	"os"
	"syscall"
)

// lockFile holds the log against other processes' appends.
func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }

func unlockFile(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
