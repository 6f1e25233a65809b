package filestore

import (
	"fmt"
	"os"
)

func unlock(f *os.File) error {
	if f == nil {
		return nil
	}
	// Clear the pid first so the file does not name a process that has
	// let go (only a crashed writer leaves its pid behind); then closing the
	// descriptor releases the flock.
	f.Truncate(0)
	if err := f.Close(); err != nil {
		return fmt.Errorf("filestore: release lock %s: %w", f.Name(), err)
	}
	return nil
}
