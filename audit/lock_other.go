//go:build !unix

package audit

import "os"

// lockFile: without flock, only this process's mutex orders appends.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}
