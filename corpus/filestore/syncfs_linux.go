package filestore

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

var errNoSyncfs = errors.New("filestore: no syncfs on this system")

// syncfs flushes the file system holding dir: data, metadata and the
// journal, for every file on it (syncfs(2)).
func syncfs(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
