//go:build unix

package filestore

import (
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// createTemp writes data to a new file "<prefix><random>" in dir, mode
// 0644 whatever the umask, without fsync, and returns its path. It is
// os.CreateTemp, Write, Chmod and Close in four system calls: an ingest
// writes four files a document, and the *os.File route adds as many again
// (registering each file with the poller, which refuses regular files,
// and switching it back to blocking mode).
func createTemp(dir, prefix string, data []byte) (string, error) {
	var path string
	var fd int
	for try := 0; ; try++ {
		path = filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		var err error
		fd, err = unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o600)
		if err == nil {
			break
		}
		if errors.Is(err, unix.EEXIST) && try < 10000 {
			continue
		}
		if errors.Is(err, unix.EINTR) {
			continue
		}
		return "", &os.PathError{Op: "open", Path: path, Err: err}
	}
	fail := func(op string, err error) (string, error) {
		unix.Close(fd)
		os.Remove(path)
		return "", &os.PathError{Op: op, Path: path, Err: err}
	}
	for rest := data; len(rest) > 0; {
		n, err := unix.Write(fd, rest)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return fail("write", err)
		}
		if n == 0 {
			return fail("write", io.ErrShortWrite)
		}
		rest = rest[n:]
	}
	// The file is made 0600 by the open (only this process may touch it
	// until it is complete) and then 0644: the data directory is meant to
	// be readable by the other vanthu commands run by the same group.
	if err := ignoringEINTR(func() error { return unix.Fchmod(fd, 0o644) }); err != nil {
		return fail("chmod", err)
	}
	if err := unix.Close(fd); err != nil {
		os.Remove(path)
		return "", &os.PathError{Op: "close", Path: path, Err: err}
	}
	return path, nil
}

// renameFile renames a file over another: rename(2) itself, without the
// os.Rename's look at the target first (that look only shapes the error
// when the target is a directory, which rename(2) refuses anyway).
func renameFile(from, to string) error {
	if err := ignoringEINTR(func() error { return unix.Rename(from, to) }); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

func ignoringEINTR(fn func() error) error {
	for {
		err := fn()
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
