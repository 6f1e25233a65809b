//go:build !unix && !windows

package filestore

import "os"

// lockExclusive does nothing: this system has neither flock(2) nor
// LockFileEx, so two writers are not kept apart.
func lockExclusive(*os.File) error { return nil }
