package generate

import (
	"bytes"
	"fmt"
	"strconv"
)

// A minimal reader of PDF objects, enough to append incremental updates
// (ISO 32000-1, 7.5.6) to the classic-xref files gofpdf writes and most
// signing tools keep: it reads the cross-reference tables and trailers
// (following /Prev), and parses objects into Go values that write back
// unchanged. Streams are never decoded.

type (
	pdfName string
	pdfRef  struct{ Num, Gen int }
	pdfRaw  string // a token written back as is: numbers, true, false, null
	pdfStr  struct {
		b   []byte
		hex bool
	}
	pdfArray []any
	pdfDict  struct {
		keys []pdfName
		vals map[pdfName]any
	}
)

func newDict() *pdfDict { return &pdfDict{vals: map[pdfName]any{}} }

func (d *pdfDict) Get(k pdfName) any { return d.vals[k] }

func (d *pdfDict) Set(k pdfName, v any) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

// pdfFile is a parsed PDF: its bytes and where each object is.
type pdfFile struct {
	b       []byte
	offsets map[int]int64 // object number -> byte offset (newest revision)
	trailer *pdfDict      // newest trailer
	xref    int64         // offset of the newest xref section
	size    int           // /Size
}

const maxDepth = 64

func parsePDF(b []byte) (*pdfFile, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return nil, fmt.Errorf("generate: %w: no %%PDF- header", ErrNotPDF)
	}
	tail := b
	if len(tail) > 2048 {
		tail = tail[len(tail)-2048:]
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, &PDFError{Offset: int64(len(b)), Msg: "no startxref", Err: ErrNotPDF}
	}
	p := &parser{b: b, pos: len(b) - len(tail) + i + len("startxref")}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	off, err := strconv.ParseInt(string(asRaw(v)), 10, 64)
	if err != nil || off <= 0 || off >= int64(len(b)) {
		return nil, &PDFError{Offset: int64(p.pos), Msg: "startxref offset out of range", Err: ErrNotPDF}
	}
	f := &pdfFile{b: b, offsets: map[int]int64{}, xref: off}
	seen := map[int64]bool{}
	for off > 0 {
		if seen[off] || len(seen) > 1000 {
			return nil, &PDFError{Offset: off, Msg: "cross-reference /Prev loop", Err: ErrNotPDF}
		}
		seen[off] = true
		tr, err := f.readXref(off)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = tr
			n, _ := strconv.Atoi(string(asRaw(tr.Get("Size"))))
			f.size = n
		}
		prev, ok := tr.Get("Prev").(pdfRaw)
		if !ok {
			break
		}
		off, err = strconv.ParseInt(string(prev), 10, 64)
		if err != nil || off <= 0 || off >= int64(len(b)) {
			return nil, &PDFError{Offset: off, Msg: "trailer /Prev out of range", Err: ErrNotPDF}
		}
	}
	if f.trailer.Get("Encrypt") != nil {
		return nil, fmt.Errorf("generate: %w: encrypted PDF", ErrUnsupportedPDF)
	}
	if _, ok := f.trailer.Get("Root").(pdfRef); !ok {
		return nil, &PDFError{Offset: f.xref, Msg: "trailer has no /Root", Err: ErrNotPDF}
	}
	return f, nil
}

// readXref reads one classic cross-reference section and its trailer;
// entries already known from a newer section win.
func (f *pdfFile) readXref(off int64) (*pdfDict, error) {
	p := &parser{b: f.b, pos: int(off)}
	p.skipSpace()
	if !p.consume("xref") {
		return nil, &PDFError{Offset: off, Msg: "cross-reference streams are not supported (only classic xref tables)", Err: ErrUnsupportedPDF}
	}
	for {
		p.skipSpace()
		if p.consume("trailer") {
			break
		}
		start, ok1 := p.int()
		p.skipSpace()
		count, ok2 := p.int()
		if !ok1 || !ok2 || start < 0 || count < 0 || count > 10_000_000 {
			return nil, &PDFError{Offset: int64(p.pos), Msg: "bad cross-reference subsection header", Err: ErrNotPDF}
		}
		for k := 0; k < count; k++ {
			p.skipSpace()
			o, ok1 := p.int()
			p.skipSpace()
			_, ok2 := p.int()
			p.skipSpace()
			if !ok1 || !ok2 || p.pos >= len(p.b) {
				return nil, &PDFError{Offset: int64(p.pos), Msg: "bad cross-reference entry", Err: ErrNotPDF}
			}
			kind := p.b[p.pos]
			p.pos++
			if _, known := f.offsets[start+k]; !known && kind == 'n' {
				f.offsets[start+k] = int64(o)
			} else if !known && kind == 'f' {
				f.offsets[start+k] = -1
			}
		}
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	d, ok := v.(*pdfDict)
	if !ok {
		return nil, &PDFError{Offset: int64(p.pos), Msg: "trailer is not a dictionary", Err: ErrNotPDF}
	}
	return d, nil
}

// object returns the value of indirect object num.
func (f *pdfFile) object(num int) (any, error) {
	off, ok := f.offsets[num]
	if !ok || off <= 0 || off >= int64(len(f.b)) {
		return nil, &PDFError{Offset: f.xref, Msg: fmt.Sprintf("object %d is not in the cross-reference table", num), Err: ErrNotPDF}
	}
	p := &parser{b: f.b, pos: int(off)}
	p.skipSpace()
	n, ok1 := p.int()
	p.skipSpace()
	_, ok2 := p.int()
	p.skipSpace()
	if !ok1 || !ok2 || n != num || !p.consume("obj") {
		return nil, &PDFError{Offset: off, Msg: fmt.Sprintf("object %d: header not found at its xref offset", num), Err: ErrNotPDF}
	}
	return p.value(0)
}

// resolve follows a reference (once; objects here never chain references).
func (f *pdfFile) resolve(v any) (any, error) {
	if r, ok := v.(pdfRef); ok {
		return f.object(r.Num)
	}
	return v, nil
}

func (f *pdfFile) dict(v any, what string) (*pdfDict, error) {
	v, err := f.resolve(v)
	if err != nil {
		return nil, err
	}
	d, ok := v.(*pdfDict)
	if !ok {
		return nil, &PDFError{Offset: f.xref, Msg: what + " is not a dictionary", Err: ErrNotPDF}
	}
	return d, nil
}

// pageRef returns the reference of the n-th page (0-based).
func (f *pdfFile) pageRef(n int) (pdfRef, error) {
	cat, err := f.dict(f.trailer.Get("Root"), "catalog")
	if err != nil {
		return pdfRef{}, err
	}
	var pages []pdfRef
	var walk func(v any, depth int) error
	walk = func(v any, depth int) error {
		if depth > maxDepth || len(pages) > n {
			return nil
		}
		r, ok := v.(pdfRef)
		if !ok {
			return &PDFError{Offset: f.xref, Msg: "page tree node is not a reference", Err: ErrNotPDF}
		}
		d, err := f.dict(r, "page tree node")
		if err != nil {
			return err
		}
		if t, _ := d.Get("Type").(pdfName); t == "Page" {
			pages = append(pages, r)
			return nil
		}
		kids, _ := d.Get("Kids").(pdfArray)
		for _, k := range kids {
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(cat.Get("Pages"), 0); err != nil {
		return pdfRef{}, err
	}
	if n < 0 || n >= len(pages) {
		return pdfRef{}, &PDFError{Offset: f.xref, Msg: fmt.Sprintf("page %d not found (%d pages)", n+1, len(pages)), Err: ErrNotPDF}
	}
	return pages[n], nil
}

func asRaw(v any) pdfRaw {
	r, _ := v.(pdfRaw)
	return r
}

// parser reads PDF tokens from b at pos.
type parser struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (p *parser) skipSpace() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		if isSpace(c) {
			p.pos++
			continue
		}
		if c == '%' {
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
			continue
		}
		return
	}
}

func (p *parser) consume(kw string) bool {
	if bytes.HasPrefix(p.b[p.pos:], []byte(kw)) {
		end := p.pos + len(kw)
		if end == len(p.b) || isSpace(p.b[end]) || isDelim(p.b[end]) {
			p.pos = end
			return true
		}
	}
	return false
}

func (p *parser) int() (int, bool) {
	start := p.pos
	for p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == start || p.pos-start > 12 {
		return 0, false
	}
	n, err := strconv.Atoi(string(p.b[start:p.pos]))
	return n, err == nil
}

func (p *parser) fail(msg string) error {
	return &PDFError{Offset: int64(p.pos), Msg: msg, Err: ErrNotPDF}
}

// value parses one object; "n g R" becomes a pdfRef.
func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.fail("objects nested too deep")
	}
	p.skipSpace()
	if p.pos >= len(p.b) {
		return nil, p.fail("unexpected end of file")
	}
	switch c := p.b[p.pos]; {
	case c == '/':
		p.pos++
		start := p.pos
		for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
			p.pos++
		}
		return pdfName(p.b[start:p.pos]), nil
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		p.pos += 2
		d := newDict()
		for {
			p.skipSpace()
			if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
				p.pos += 2
				return d, nil
			}
			k, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			name, ok := k.(pdfName)
			if !ok {
				return nil, p.fail("dictionary key is not a name")
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			d.Set(name, v)
		}
	case c == '<':
		p.pos++
		start := p.pos
		end := bytes.IndexByte(p.b[p.pos:], '>')
		if end < 0 {
			return nil, p.fail("unterminated hex string")
		}
		p.pos += end + 1
		return pdfStr{b: append([]byte(nil), p.b[start:start+end]...), hex: true}, nil
	case c == '(':
		start := p.pos
		p.pos++
		level := 1
		for p.pos < len(p.b) && level > 0 {
			switch p.b[p.pos] {
			case '\\':
				p.pos++
			case '(':
				level++
			case ')':
				level--
			}
			p.pos++
		}
		if level > 0 {
			return nil, p.fail("unterminated string")
		}
		return pdfStr{b: append([]byte(nil), p.b[start+1:p.pos-1]...)}, nil
	case c == '[':
		p.pos++
		var a pdfArray
		for {
			p.skipSpace()
			if p.pos < len(p.b) && p.b[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case isDelim(c):
		return nil, p.fail(fmt.Sprintf("unexpected %q", c))
	default:
		start := p.pos
		for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
			p.pos++
		}
		tok := string(p.b[start:p.pos])
		if tok == "" {
			return nil, p.fail("empty token")
		}
		// "n g R" is a reference.
		if n, err := strconv.Atoi(tok); err == nil && n >= 0 {
			save := p.pos
			p.skipSpace()
			if g, ok := p.int(); ok {
				p.skipSpace()
				if p.consume("R") {
					return pdfRef{n, g}, nil
				}
			}
			p.pos = save
		}
		return pdfRaw(tok), nil
	}
}
