package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
)

// The pdf library trusts the cross-reference data. A /Prev chain that loops
// makes it spin forever; a /Size, /Index subsection or /W width of a billion
// makes it allocate tens of gigabytes before reading a byte (a Go
// out-of-memory cannot be recovered); an object stream that /Extends itself,
// or whose entry points into another object stream, makes it loop or recurse
// until the stack overflows (fatal too). checkXref reads the chain first,
// exactly as the library will (the last of a repeated key wins, the whole of
// a classic table is read, not a prefix), and a file that fails is opened
// through rebuildXref instead: a fresh table written from the objects found
// in the file, which never points into an object stream.

const (
	maxXrefHops = 64
	// maxObjStmBytes bounds one object stream, decoded. Producers pack a
	// few hundred objects in each (tens of kilobytes); the library decodes
	// one again for every object it reads from it.
	maxObjStmBytes = 8 << 20
	// maxColumns bounds a PNG predictor's row: the library allocates it
	// from /DecodeParms /Columns before reading anything.
	maxColumns = 1 << 16
	maxWidth   = 8 // bytes of one field of an xref stream entry
)

var errUnsafeXref = errors.New("cross-reference chain loops, is too large or points where the library cannot follow")

func unsafeXref(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUnsafeXref, fmt.Sprintf(format, args...))
}

// xentry is one effective cross-reference entry.
type xentry struct {
	typ    int   // 1 in the file, 2 in an object stream
	offset int64 // type 1: byte offset
	stream int64 // type 2: the object stream's number
}

// xrefMap is what checkXref learned: the entries the library will use (the
// first definition of an object along the chain wins, as in the library),
// and whether the file is encrypted (object streams are then decrypted as
// the library would, crypt.go, before they are measured).
type xrefMap struct {
	entries   map[int64]xentry
	encrypted bool
	trailer   object // the library's trailer: the first section's

	keyDone, keyOK, useAES bool
	key                    []byte
}

// checkXref reports whether the library can read the file's
// cross-reference chain without looping, recursing or allocating more than
// maxObjects entries, and measures its object streams against the budget
// (m may be nil). An error wrapping errUnsafeXref means "rebuild"; one
// wrapping ErrTooLarge means the document is over budget.
func checkXref(r io.ReaderAt, size int64, maxObjects int, m *meter) (*xrefMap, error) {
	if maxObjects <= 0 {
		maxObjects = 10_000_000
	}
	off, err := libraryStartxref(r, size)
	if err != nil {
		return nil, err
	}
	x := &xrefMap{entries: map[int64]xentry{}}
	seen := map[int64]bool{}
	var firstSize int64 = -1
	for hop := 0; ; hop++ {
		if hop >= maxXrefHops {
			return nil, unsafeXref("more than %d cross-reference sections", maxXrefHops)
		}
		if seen[off] {
			return nil, unsafeXref("/Prev loops back to offset %d", off)
		}
		if off < 0 || off >= size {
			return nil, unsafeXref("section offset %d outside the file", off)
		}
		seen[off] = true
		l := newLexer(io.NewSectionReader(r, off, size-off), false, 1<<20)
		l.keep = 256
		t := l.next()
		var trailer object
		switch {
		case t.is("xref"):
			if trailer, err = x.readTable(l, maxObjects); err != nil {
				return nil, err
			}
		case t.kind == tokInt:
			if trailer, err = x.readStream(r, size, off, maxObjects, firstSize); err != nil {
				return nil, err
			}
		default:
			return nil, unsafeXref("no cross-reference section at offset %d", off)
		}
		if s := trailer.key("Size"); s.kind == tokInt {
			if s.i < 0 || s.i > int64(maxObjects) {
				return nil, unsafeXref("/Size %d (limit %d)", s.i, maxObjects)
			}
			if firstSize < 0 {
				firstSize = s.i
			}
		}
		if hop == 0 {
			x.trailer = trailer
			x.encrypted = trailer.has("Encrypt")
		}
		p := trailer.key("Prev")
		if p.kind != tokInt {
			break // absent (the end of the chain) or not a number (the library stops with an error)
		}
		off = p.i
	}
	if err := x.checkObjectStreams(r, size, maxObjects, m); err != nil {
		return nil, err
	}
	return x, nil
}

// libraryStartxref finds the startxref offset the way the library does: in
// the last 100 bytes, on a line of its own, the file ending in %%EOF.
func libraryStartxref(r io.ReaderAt, size int64) (int64, error) {
	const endChunk = 100
	if size < endChunk {
		return 0, unsafeXref("file shorter than a trailer")
	}
	buf := make([]byte, endChunk)
	if _, err := r.ReadAt(buf, size-endChunk); err != nil && err != io.EOF {
		return 0, unsafeXref("reading the trailer: %v", err)
	}
	buf = bytes.TrimRight(buf, "\r\n\t ")
	if !bytes.HasSuffix(buf, []byte("%%EOF")) {
		return 0, unsafeXref("no %%%%EOF at the end")
	}
	i := -1
	for end := len(buf); ; {
		j := bytes.LastIndex(buf[:end], []byte("startxref"))
		if j <= 0 || j+9 >= len(buf) {
			break
		}
		if (buf[j-1] == '\n' || buf[j-1] == '\r') && (buf[j+9] == '\n' || buf[j+9] == '\r') {
			i = j
			break
		}
		end = j
	}
	if i < 0 {
		return 0, unsafeXref("no startxref line")
	}
	l := newLexer(bytes.NewReader(buf[i:]), true, 64)
	if !l.next().is("startxref") {
		return 0, unsafeXref("no startxref")
	}
	t := l.next()
	if t.kind != tokInt {
		return 0, unsafeXref("startxref not followed by an offset")
	}
	return t.i, nil
}

// readTable reads a classic table after its "xref" keyword, all of it, as
// the library's readXrefTableData does, and the trailer dictionary after it.
func (x *xrefMap) readTable(l *lexer, maxObjects int) (object, error) {
	for {
		t := l.next()
		if t.is("trailer") {
			break
		}
		n := l.next()
		if t.kind != tokInt || n.kind != tokInt {
			return object{}, unsafeXref("malformed xref table")
		}
		if t.i < 0 || n.i < 0 || t.i+n.i > int64(maxObjects) {
			return object{}, unsafeXref("xref subsection %d %d (limit %d objects)", t.i, n.i, maxObjects)
		}
		for k := int64(0); k < n.i; k++ {
			o, g, a := l.next(), l.next(), l.next()
			if o.kind != tokInt || g.kind != tokInt || !a.is("f") && !a.is("n") {
				return object{}, unsafeXref("malformed xref table entry")
			}
			id := t.i + k
			if _, ok := x.entries[id]; !ok && a.is("n") && o.i != 0 {
				x.entries[id] = xentry{typ: 1, offset: o.i}
			}
		}
	}
	tr, err := l.readObject(0)
	if err != nil || tr.kind != objDict {
		return object{}, unsafeXref("xref table not followed by a trailer dictionary")
	}
	return tr, nil
}

// readStream reads a cross-reference stream object at off: its dictionary
// (checked before the library allocates from /Size, /W and /Index) and its
// entries.
func (x *xrefMap) readStream(r io.ReaderAt, size, off int64, maxObjects int, firstSize int64) (object, error) {
	d, dataAt, err := readStreamHead(r, size, off)
	if err != nil {
		return object{}, err
	}
	if d.key("Type").s != "XRef" {
		return object{}, unsafeXref("xref stream without /Type /XRef")
	}
	sz := d.key("Size")
	if sz.kind != tokInt || sz.i < 0 || sz.i > int64(maxObjects) {
		return object{}, unsafeXref("xref stream /Size %d (limit %d)", sz.i, maxObjects)
	}
	if firstSize >= 0 && sz.i > firstSize {
		return object{}, unsafeXref("earlier xref stream larger than the last")
	}
	w := d.key("W")
	if w.kind != objArray || len(w.items) < 3 || len(w.items) > 8 {
		return object{}, unsafeXref("xref stream /W %v", w.items)
	}
	var ws []int
	total := 0
	for _, it := range w.items {
		if it.kind != tokInt || it.i < 0 || it.i > maxWidth {
			return object{}, unsafeXref("xref stream /W width out of range")
		}
		ws = append(ws, int(it.i))
		total += int(it.i)
	}
	index := []int64{0, sz.i}
	if ix := d.key("Index"); ix.kind == objArray {
		index = index[:0]
		if len(ix.items)%2 != 0 {
			return object{}, unsafeXref("odd /Index")
		}
		for _, it := range ix.items {
			if it.kind != tokInt {
				return object{}, unsafeXref("/Index entry not an integer")
			}
			index = append(index, it.i)
		}
	} else if d.has("Index") {
		return object{}, unsafeXref("/Index not an array")
	}
	for i := 0; i < len(index); i += 2 {
		if index[i] < 0 || index[i+1] < 0 || index[i]+index[i+1] > int64(maxObjects) {
			return object{}, unsafeXref("xref stream /Index %d %d (limit %d objects)", index[i], index[i+1], maxObjects)
		}
	}
	length := d.key("Length")
	if length.kind != tokInt || length.i < 0 || dataAt+length.i > size {
		return object{}, unsafeXref("xref stream /Length not a direct length inside the file")
	}
	data, err := decodeRaw(io.NewSectionReader(r, dataAt, length.i), d)
	if err != nil {
		return object{}, err
	}
	buf := make([]byte, total)
	for i := 0; i < len(index); i += 2 {
		for k := int64(0); k < index[i+1]; k++ {
			if _, err := io.ReadFull(data, buf); err != nil {
				// The library stops with an error here; what was read stands.
				return d, nil
			}
			f := [3]int64{}
			p := 0
			for j := 0; j < 3; j++ {
				for _, c := range buf[p : p+ws[j]] {
					f[j] = f[j]<<8 | int64(c)
				}
				p += ws[j]
			}
			if ws[0] == 0 {
				f[0] = 1
			}
			id := index[i] + k
			if _, ok := x.entries[id]; ok {
				continue
			}
			switch f[0] {
			case 0:
				x.entries[id] = xentry{}
			case 1:
				x.entries[id] = xentry{typ: 1, offset: f[1]}
			case 2:
				x.entries[id] = xentry{typ: 2, stream: f[1]}
			}
		}
	}
	return d, nil
}

// readStreamHead parses "N G obj << … >> stream" at off and returns the
// dictionary and where the data starts.
func readStreamHead(r io.ReaderAt, size, off int64) (object, int64, error) {
	if off <= 0 || off >= size {
		return object{}, 0, unsafeXref("object offset %d outside the file", off)
	}
	l := newLexer(io.NewSectionReader(r, off, size-off), false, 1<<20)
	l.keep = 256
	a, b, c := l.next(), l.next(), l.next()
	if a.kind != tokInt || b.kind != tokInt || !c.is("obj") {
		return object{}, 0, unsafeXref("no object at offset %d", off)
	}
	d, err := l.readObject(0)
	if err != nil || d.kind != objDict {
		return object{}, 0, unsafeXref("no dictionary at offset %d", off)
	}
	if !l.next().is("stream") {
		return d, 0, nil
	}
	// The stream keyword is followed by CRLF or LF; the data starts after.
	pos := l.offset()
	var nl [2]byte
	n, _ := r.ReadAt(nl[:], off+pos)
	switch {
	case n >= 1 && nl[0] == '\n':
		pos++
	case n == 2 && nl[0] == '\r' && nl[1] == '\n':
		pos += 2
	case n >= 1 && nl[0] == '\r':
		pos++
	default:
		return object{}, 0, unsafeXref("stream keyword not followed by a newline at offset %d", off)
	}
	return d, off + pos, nil
}

// decodeRaw applies a stream's filters as the library does (FlateDecode
// with or without the PNG Up predictor, ASCII85Decode); anything else the
// library cannot read either.
func decodeRaw(raw io.Reader, d object) (io.Reader, error) {
	filter, parms := d.key("Filter"), d.key("DecodeParms")
	var names []string
	var ps []object
	switch filter.kind {
	case tokEOF, tokKeyword: // absent or null
	case tokName:
		names, ps = []string{filter.s}, []object{parms}
	case objArray:
		for i, f := range filter.items {
			names = append(names, f.s)
			if parms.kind == objArray && i < len(parms.items) {
				ps = append(ps, parms.items[i])
			} else {
				ps = append(ps, object{})
			}
		}
	default:
		return nil, unsafeXref("stream filter of an unexpected kind")
	}
	rd := raw
	for i, n := range names {
		switch n {
		case "FlateDecode":
			zr, err := zlib.NewReader(rd)
			if err != nil {
				return nil, unsafeXref("flate: %v", err)
			}
			rd = zr
			p := ps[i]
			if pr := p.key("Predictor"); pr.kind != tokEOF && !(pr.kind == tokKeyword && pr.s == "null") {
				if pr.kind != tokInt || pr.i != 12 {
					return nil, unsafeXref("predictor the library does not read")
				}
				cols := p.key("Columns")
				if cols.kind != tokInt || cols.i < 0 || cols.i > maxColumns {
					return nil, unsafeXref("/Columns out of range")
				}
				rd = &pngUp{r: rd, hist: make([]byte, 1+cols.i), tmp: make([]byte, 1+cols.i)}
			}
		case "ASCII85Decode":
			rd = ascii85.NewDecoder(&a85Clean{r: rd})
		default:
			return nil, unsafeXref("filter %q the library does not read", n)
		}
	}
	return rd, nil
}

// pngUp undoes the PNG "Up" predictor row by row.
type pngUp struct {
	r         io.Reader
	hist, tmp []byte
	pend      []byte
}

func (p *pngUp) Read(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if len(p.pend) > 0 {
			m := copy(b, p.pend)
			n += m
			b = b[m:]
			p.pend = p.pend[m:]
			continue
		}
		if _, err := io.ReadFull(p.r, p.tmp); err != nil {
			return n, err
		}
		if p.tmp[0] != 2 {
			return n, fmt.Errorf("malformed PNG-Up encoding")
		}
		for i, c := range p.tmp {
			p.hist[i] += c
		}
		p.pend = p.hist[1:]
	}
	return n, nil
}

// a85Clean drops what the library's alpha reader drops before ASCII85.
type a85Clean struct{ r io.Reader }

func (a *a85Clean) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	j := 0
	for _, c := range p[:n] {
		if '!' <= c && c <= 'u' || c == 'z' {
			p[j] = c
			j++
		}
	}
	return j, err
}

// checkObjectStreams checks every object stream an entry points into: it is
// an object in the file (not itself in a stream, which would make the
// library recurse without end), its dictionary points nowhere into a stream,
// its /N is bounded, its /Extends chain ends, and its decoded bytes fit the
// budget as objects the library would build.
func (x *xrefMap) checkObjectStreams(r io.ReaderAt, size int64, maxObjects int, m *meter) error {
	checked := map[int64]bool{}
	for _, e := range x.entries {
		if e.typ != 2 || checked[e.stream] {
			continue
		}
		chain := map[int64]bool{}
		for id := e.stream; ; {
			if chain[id] {
				return unsafeXref("object stream %d extends itself", id)
			}
			chain[id] = true
			if checked[id] {
				break
			}
			checked[id] = true
			d, err := x.objStream(r, size, id, maxObjects, m)
			if err != nil {
				return err
			}
			ext := d.key("Extends")
			if ext.kind != objRef {
				break
			}
			id = ext.i
			if len(chain) > maxXrefHops {
				return unsafeXref("object stream /Extends chain longer than %d", maxXrefHops)
			}
		}
	}
	return nil
}

func (x *xrefMap) objStream(r io.ReaderAt, size, id int64, maxObjects int, m *meter) (object, error) {
	e, ok := x.entries[id]
	if !ok || e.typ == 0 {
		return object{}, nil // the library finds no stream and fails cleanly
	}
	if e.typ == 2 {
		return object{}, unsafeXref("object stream %d is itself inside an object stream", id)
	}
	d, dataAt, err := readStreamHead(r, size, e.offset)
	if err != nil {
		return object{}, err
	}
	if err := x.refsOutsideStreams(d, 0); err != nil {
		return object{}, fmt.Errorf("object stream %d: %w", id, err)
	}
	if n := d.key("N"); n.kind == tokInt && (n.i < 0 || n.i > int64(maxObjects)) {
		return object{}, unsafeXref("object stream %d: /N %d (limit %d)", id, n.i, maxObjects)
	}
	if dataAt == 0 || m == nil {
		return d, nil
	}
	if x.encrypted && !x.fileKey(r, size) {
		return d, nil // the library cannot open it either
	}
	length := d.key("Length")
	if length.kind == objRef {
		length = x.lengthObject(r, size, length.i)
	}
	if length.kind != tokInt || length.i < 0 || dataAt+length.i > size {
		return d, nil // the library reads nothing useful either
	}
	var raw io.Reader = io.NewSectionReader(r, dataAt, length.i)
	if x.encrypted {
		raw = decrypt(x.key, x.useAES, id, 0, raw)
	}
	rd, err := decodeRaw(raw, d)
	if err != nil {
		return object{}, err
	}
	// The library decodes an object stream again for every object it
	// takes from it: a large one makes each lookup slow, which no
	// deadline check between lookups can help.
	cr := &countedReader{r: io.LimitReader(rd, maxObjStmBytes+1)}
	err = m.measureReader(cr, modeObjects)
	if err == nil && cr.n > maxObjStmBytes {
		err = over("an object stream of more than %d MB", maxObjStmBytes>>20)
	}
	if err != nil {
		if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTimeout) || m.ctx.Err() != nil {
			return object{}, fmt.Errorf("object stream %d: %w", id, err)
		}
		return object{}, unsafeXref("object stream %d: %v", id, err)
	}
	return d, nil
}

// fileKey derives (once) the key the library decrypts with.
func (x *xrefMap) fileKey(r io.ReaderAt, size int64) bool {
	if !x.keyDone {
		x.keyDone = true
		enc := x.trailer.key("Encrypt")
		if enc.kind == objRef {
			if e, ok := x.entries[enc.i]; ok && e.typ == 1 {
				enc, _, _ = readStreamHead(r, size, e.offset)
			}
		}
		x.key, x.useAES, x.keyOK = fileKey(enc, x.trailer)
	}
	return x.keyOK
}

// refsOutsideStreams checks that every reference in v points to an object
// in the file: the library resolves them while reading an object stream, and
// one that points back into a stream recurses.
func (x *xrefMap) refsOutsideStreams(v object, depth int) error {
	if depth > 16 {
		return unsafeXref("object stream dictionary nested too deep")
	}
	switch v.kind {
	case objRef:
		if e, ok := x.entries[v.i]; ok && e.typ == 2 {
			return unsafeXref("its dictionary refers to object %d inside an object stream", v.i)
		}
	case objArray:
		for _, it := range v.items {
			if err := x.refsOutsideStreams(it, depth+1); err != nil {
				return err
			}
		}
	case objDict:
		for _, it := range v.dict {
			if err := x.refsOutsideStreams(it, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// lengthObject reads "N G obj 1234 endobj", an indirect /Length.
func (x *xrefMap) lengthObject(r io.ReaderAt, size, id int64) object {
	e, ok := x.entries[id]
	if !ok || e.typ != 1 || e.offset <= 0 || e.offset >= size {
		return object{}
	}
	l := newLexer(io.NewSectionReader(r, e.offset, min(size-e.offset, 256)), true, 64)
	a, b, c, v := l.next(), l.next(), l.next(), l.next()
	if a.kind != tokInt || b.kind != tokInt || !c.is("obj") || v.kind != tokInt {
		return object{}
	}
	return object{kind: tokInt, i: v.i}
}

type countedReader struct {
	r io.Reader
	n int64
}

func (c *countedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
