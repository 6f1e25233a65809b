package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// document is an opened PDF and the pages found by walking its page tree.
type document struct {
	r        *pdf.Reader
	pages    []pageRef
	repaired bool
}

type pageRef struct {
	v   pdf.Value // the page dictionary
	res pdf.Value // its Resources, inherited from the tree when absent
	box pdf.Value // its MediaBox, inherited likewise
}

// sniff finds the header (some producers put junk before it) and the last
// %%EOF (others append junk after it), since the library insists on both at
// the very ends of the file.
func sniff(r io.ReaderAt, size int64) (start, end int64, err error) {
	head := make([]byte, min(size, 1024))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return 0, 0, fmt.Errorf("%w: reading header: %v", ErrNotPDF, err)
	}
	i := bytes.Index(head, []byte("%PDF-"))
	if i < 0 {
		return 0, 0, ErrNotPDF
	}
	n := min(size, 1<<16)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return 0, 0, fmt.Errorf("%w: reading trailer: %v", ErrDamaged, err)
	}
	end = size
	if j := bytes.LastIndex(tail, []byte("%%EOF")); j >= 0 {
		end = size - n + int64(j) + 5
	}
	return int64(i), end, nil
}

// openReader calls the library, recovering its panics.
func openReader(r io.ReaderAt, size int64) (rd *pdf.Reader, err error) {
	defer func() {
		if v := recover(); v != nil {
			rd, err = nil, panicError(v)
		}
	}()
	rd, err = pdf.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	// Touch the catalog: a reader whose trailer leads nowhere is damaged.
	if rd.Trailer().Key("Root").Kind() != pdf.Dict {
		return nil, fmt.Errorf("%w: no document catalog (trailer /Root)", ErrDamaged)
	}
	return rd, nil
}

var encryptRe = regexp.MustCompile(`/Encrypt\s+\d+\s+\d+\s+R`)

// open opens the PDF, repairing a broken cross-reference table by scanning
// the file for objects (as poppler does) when the library cannot read it.
func open(r io.ReaderAt, size int64, opts Options, m *meter) (*document, error) {
	start, end, err := sniff(r, size)
	if err != nil {
		return nil, err
	}
	src := io.NewSectionReader(r, start, end-start)
	n := end - start
	if err := measureFile(m.ctx, src, n, opts.Budget); err != nil && (errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTimeout) || m.ctx.Err() != nil) {
		return nil, err
	}
	var rd *pdf.Reader
	if _, err = checkXref(src, n, opts.MaxObjects, m); err == nil {
		rd, err = openReader(src, n)
	} else if !errors.Is(err, errUnsafeXref) {
		return nil, err // over budget or past the deadline
	}
	repaired := false
	if err != nil {
		data := make([]byte, n)
		if _, rerr := src.ReadAt(data, 0); rerr != nil && !errors.Is(rerr, io.EOF) {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, rerr)
		}
		if encryptRe.Match(data) {
			return nil, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		fixed, ok := rebuildXref(data)
		if !ok {
			if errors.Is(err, ErrDamaged) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		rd, err = openReader(bytes.NewReader(fixed), int64(len(fixed)))
		if err != nil {
			if errors.Is(err, ErrDamaged) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		repaired = true
	}
	if opts.MaxObjects > 0 {
		if s := rd.Trailer().Key("Size").Int64(); s > int64(opts.MaxObjects) {
			return nil, fmt.Errorf("%w: %d objects (limit %d)", ErrTooLarge, s, opts.MaxObjects)
		}
	}
	d := &document{r: rd, repaired: repaired}
	if err := d.walk(m.ctx, opts); err != nil {
		return nil, err
	}
	if len(d.pages) == 0 && !repaired {
		// A valid-looking xref that yields no pages is often a stale one
		// (incremental updates gone wrong): try the object scan too.
		data := make([]byte, n)
		if _, rerr := src.ReadAt(data, 0); rerr == nil || errors.Is(rerr, io.EOF) {
			if fixed, ok := rebuildXref(data); ok {
				if rd2, err := openReader(bytes.NewReader(fixed), int64(len(fixed))); err == nil {
					d2 := &document{r: rd2, repaired: true}
					if d2.walk(m.ctx, opts) == nil && len(d2.pages) > 0 {
						return d2, nil
					}
				}
			}
		}
	}
	return d, nil
}

var kidRefRe = regexp.MustCompile(`(\d+) (\d+) R`)

// walk collects the pages in order, inheriting Resources, refusing cycles
// (the library's own Page(n) loops forever on a Kids cycle) and stopping at
// MaxPages.
func (d *document) walk(ctx context.Context, opts Options) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = panicError(v)
		}
	}()
	root := d.r.Trailer().Key("Root").Key("Pages")
	seen := map[string]bool{}
	var visit func(node, res, box pdf.Value, depth int) error
	visit = func(node, res, box pdf.Value, depth int) error {
		if depth > 64 {
			return fmt.Errorf("%w: page tree deeper than 64 levels", ErrDamaged)
		}
		if err := ctx.Err(); err != nil {
			return ctxError(err)
		}
		if r := node.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		if b := node.Key("MediaBox"); b.Len() == 4 {
			box = b
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if node.Kind() == pdf.Dict {
				if opts.MaxPages > 0 && len(d.pages) >= opts.MaxPages {
					return fmt.Errorf("%w: more than %d pages", ErrTooLarge, opts.MaxPages)
				}
				d.pages = append(d.pages, pageRef{v: node, res: res, box: box})
			}
			return nil
		}
		refs := kidRefRe.FindAllString(kids.String(), -1)
		for i := 0; i < kids.Len(); i++ {
			if i < len(refs) {
				if seen[refs[i]] {
					continue
				}
				seen[refs[i]] = true
			}
			if err := visit(kids.Index(i), res, box, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(root, pdf.Value{}, pdf.Value{}, 0)
}

// maxRebuiltObjects bounds the table rebuildXref writes (20 bytes an entry).
const maxRebuiltObjects = 2_000_000

var objRe = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,7})\s+(\d{1,5})\s+obj\b`)

// rebuildXref scans data for "N G obj" and appends a fresh cross-reference
// table and trailer pointing at the last definition of each object and at the
// last /Type /Catalog found. It is poppler's reconstruction, reduced to what
// the library can then read; objects inside object streams are not found.
func rebuildXref(data []byte) ([]byte, bool) {
	offs := map[int]int{}
	gens := map[int]int{}
	maxID := 0
	for _, m := range objRe.FindAllSubmatchIndex(data, -1) {
		id, err := strconv.Atoi(string(data[m[2]:m[3]]))
		if err != nil {
			continue
		}
		offs[id] = m[2]
		gens[id], _ = strconv.Atoi(string(data[m[4]:m[5]]))
		maxID = max(maxID, id)
	}
	if len(offs) == 0 || maxID > maxRebuiltObjects {
		return nil, false
	}
	root := -1
	ids := make([]int, 0, len(offs))
	for id := range offs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	catRe := regexp.MustCompile(`/Type\s*/Catalog\b`)
	for _, id := range ids {
		o := offs[id]
		e := bytes.Index(data[o:], []byte("endobj"))
		if e < 0 {
			e = min(len(data)-o, 4096)
		}
		if catRe.Match(data[o : o+e]) {
			root = id
		}
	}
	if root < 0 {
		return nil, false
	}
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxID+1) + 200)
	b.Write(data)
	b.WriteString("\n")
	xrefAt := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", maxID+1)
	for id := 0; id <= maxID; id++ {
		if o, ok := offs[id]; ok && id != 0 {
			fmt.Fprintf(&b, "%010d %05d n \n", o, gens[id])
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", maxID+1, root, xrefAt)
	return b.Bytes(), true
}
