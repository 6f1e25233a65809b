//go:build !unix && !windows

package filestore

import (
	"fmt"
	"os"
	"path/filepath"
)

// lock opens <dir>/LOCK without locking it: this system has neither
// flock(2) nor LockFileEx, so two writers are not kept apart.
func lock(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("filestore: open lock file %s: %w", path, err)
	}
	return f, nil
}
