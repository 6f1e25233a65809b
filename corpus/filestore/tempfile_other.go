//go:build !unix

package filestore

import "os"

// createTemp writes data to a new file "<prefix><random>" in dir, mode
// 0644, without fsync, and returns its path.
func createTemp(dir, prefix string, data []byte) (path string, err error) {
	f, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	path = f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(path)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", err
	}
	if err = f.Chmod(0o644); err != nil {
		return "", err
	}
	return path, f.Close()
}

// renameFile renames a file over another.
func renameFile(from, to string) error { return os.Rename(from, to) }
