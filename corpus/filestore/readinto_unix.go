//go:build unix

package filestore

import (
	"io/fs"
	"syscall"
)

// readInto reads a whole file into buf's storage, growing it as needed:
// one buffer per worker instead of one allocation per file, and plain
// open/read/close system calls, because os.Open also registers every file
// with the runtime's poller (fcntl, epoll_ctl), which for 100,000 small
// files was a third of Open's time (docs/benchmarks/store.md).
func readInto(path string, buf []byte) ([]byte, error) {
	buf = buf[:0]
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return buf, &fs.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}
