package pdftext

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
)

// The pdf library trusts the cross-reference data: a Prev chain that loops
// makes it spin forever, and a subsection or /Size of a billion entries makes
// it allocate tens of gigabytes before failing. xrefSane walks the chain
// first, bounded, and a file that fails the walk is opened through
// rebuildXref instead (a fresh table written from the objects actually found).

var (
	xrefStreamHead = regexp.MustCompile(`^\d+\s+\d+\s+obj\s*<<`)
	sizeKey        = regexp.MustCompile(`/Size\s+(\d+)`)
	prevKey        = regexp.MustCompile(`/Prev\s+(\d+)`)
	wKey           = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	indexKey       = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	startxrefRe    = regexp.MustCompile(`startxref\s+(\d+)`)
)

const maxXrefHops = 64

// xrefSane reports whether the library can read the file's cross-reference
// chain without looping or allocating more than maxObjects entries.
func xrefSane(r io.ReaderAt, size int64, maxObjects int) bool {
	if maxObjects <= 0 {
		maxObjects = 10_000_000
	}
	n := min(size, 1<<16)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && err != io.EOF {
		return false
	}
	ms := startxrefRe.FindAllSubmatch(tail, -1)
	if len(ms) == 0 {
		return false
	}
	off, err := strconv.ParseInt(string(ms[len(ms)-1][1]), 10, 64)
	if err != nil {
		return false
	}
	seen := map[int64]bool{}
	for hop := 0; ; hop++ {
		if hop >= maxXrefHops || seen[off] || off < 0 || off >= size {
			return false
		}
		seen[off] = true
		chunk := make([]byte, min(size-off, 1<<16))
		if _, err := r.ReadAt(chunk, off); err != nil && err != io.EOF {
			return false
		}
		chunk = bytes.TrimLeft(chunk, " \t\r\n\x00")
		var dict []byte
		switch {
		case bytes.HasPrefix(chunk, []byte("xref")):
			t := bytes.Index(chunk, []byte("trailer"))
			if t < 0 {
				// a table longer than 64 KB: check its subsection headers
				// as far as we read, and let the library read the rest
				t = len(chunk)
			}
			if !subsectionsSane(chunk[4:t], maxObjects) {
				return false
			}
			if t == len(chunk) {
				return true
			}
			dict = chunk[t:]
		case xrefStreamHead.Match(chunk):
			dict = chunk
			if s := bytes.Index(dict, []byte("stream")); s >= 0 {
				dict = dict[:s]
			}
			if m := wKey.FindSubmatch(dict); m != nil {
				for _, w := range m[1:] {
					if v, _ := strconv.Atoi(string(w)); v > 8 {
						return false
					}
				}
			}
			if m := indexKey.FindSubmatch(dict); m != nil {
				f := bytes.Fields(m[1])
				for i := 0; i+1 < len(f); i += 2 {
					a, _ := strconv.Atoi(string(f[i]))
					b, _ := strconv.Atoi(string(f[i+1]))
					if a < 0 || b < 0 || a+b > maxObjects {
						return false
					}
				}
			}
		default:
			return false
		}
		if e := bytes.Index(dict, []byte("startxref")); e > 0 {
			dict = dict[:e]
		}
		if m := sizeKey.FindSubmatch(dict); m != nil {
			if v, err := strconv.Atoi(string(m[1])); err != nil || v > maxObjects {
				return false
			}
		}
		m := prevKey.FindSubmatch(dict)
		if m == nil {
			return true
		}
		if off, err = strconv.ParseInt(string(m[1]), 10, 64); err != nil {
			return false
		}
	}
}

// subsectionsSane checks "start count" headers of an xref table: every
// subsection must stay under maxObjects.
func subsectionsSane(table []byte, maxObjects int) bool {
	lines := bytes.Split(table, []byte("\n"))
	for _, l := range lines {
		f := bytes.Fields(l)
		if len(f) != 2 {
			continue // entries have three fields
		}
		a, err1 := strconv.Atoi(string(f[0]))
		b, err2 := strconv.Atoi(string(f[1]))
		if err1 != nil || err2 != nil || a < 0 || b < 0 || a+b > maxObjects {
			return false
		}
	}
	return true
}
