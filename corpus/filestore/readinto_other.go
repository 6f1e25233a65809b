//go:build !unix

package filestore

import (
	"bytes"
	"os"
)

// readInto reads a whole file into buf's storage (see the unix version for
// why it avoids os.Open there; elsewhere os.Open is the only portable way).
func readInto(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	b := bytes.NewBuffer(buf[:0])
	_, err = b.ReadFrom(f)
	return b.Bytes(), err
}
