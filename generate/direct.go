package generate

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"

	"vanthu/corpus"
)

// Engines that draw a Plan into a PDF.
const (
	// EngineMaroto draws through maroto (the default, as issue 6 asks).
	EngineMaroto = "maroto"
	// EngineDirect writes the PDF itself: the faces are parsed once per
	// Generator and only the used glyphs are cut per document, which is
	// several times faster than maroto (docs/benchmarks/generate.md). Same
	// Plan, same positions, same fonts, same signature field.
	EngineDirect = "direct"
)

// gidOf returns the glyph index of r in the face (0 when it has none).
func (f *face) gidOf(r rune) uint16 {
	if r >= 0 && r < rune(len(f.gid)) {
		return f.gid[r]
	}
	buf := f.pool.Get().(*sfnt.Buffer)
	defer f.pool.Put(buf)
	gi, err := f.font.GlyphIndex(buf, r)
	if err != nil {
		return 0
	}
	return uint16(gi)
}

// advance is the advance width of gid in thousandths of an em.
func (f *face) advance(gid uint16) int {
	hhea, hmtx := f.prog.tables["hhea"], f.prog.tables["hmtx"]
	n := int(binary.BigEndian.Uint16(hhea[34:]))
	i := int(gid)
	if i >= n {
		i = n - 1
	}
	if 4*i+2 > len(hmtx) || i < 0 {
		return 0
	}
	adv := binary.BigEndian.Uint16(hmtx[4*i:])
	return int(float64(adv)*1000/f.upem + 0.5)
}

// zlibWriters are reused: a new flate writer allocates and clears about a
// megabyte of state, more than compressing a page costs.
var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, zlib.DefaultCompression)
	return w
}}

func deflate(data []byte) []byte {
	var z bytes.Buffer
	z.Grow(len(data)/2 + 64)
	zw := zlibWriters.Get().(*zlib.Writer)
	zw.Reset(&z)
	zw.Write(data)
	zw.Close()
	zlibWriters.Put(zw)
	return z.Bytes()
}

// pdfWriter collects numbered objects and writes a classic-xref PDF.
type pdfWriter struct {
	objs [][]byte // index = object number - 1
}

func (w *pdfWriter) reserve() int {
	w.objs = append(w.objs, nil)
	return len(w.objs)
}

func (w *pdfWriter) set(num int, v any) {
	var b bytes.Buffer
	writeValue(&b, v)
	w.objs[num-1] = b.Bytes()
}

func (w *pdfWriter) stream(num int, d *pdfDict, data []byte, compress bool) {
	if compress {
		data = deflate(data)
		d.Set("Filter", pdfName("FlateDecode"))
	}
	d.Set("Length", len(data))
	w.objs[num-1] = streamObject(d, data)
}

func (w *pdfWriter) bytes(root, info int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(w.objs))
	for i, o := range w.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(o)
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(w.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	id := sha256.Sum256(b.Bytes())
	tr := newDict()
	tr.Set("Size", len(w.objs)+1)
	tr.Set("Root", pdfRef{root, 0})
	tr.Set("Info", pdfRef{info, 0})
	hexID := pdfStr{b: []byte(fmt.Sprintf("%X", id[:16])), hex: true}
	tr.Set("ID", pdfArray{hexID, hexID})
	b.WriteString("trailer\n")
	writeValue(&b, tr)
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// drawDirect writes the plan as a PDF: A4 pages, content streams, the four
// faces as Type0/CIDFontType2 subsets (Identity-H, glyph indices as codes,
// ToUnicode for extraction), metadata, and the empty signature field.
func (g *Generator) drawDirect(p *Plan) ([]byte, error) {
	l := g.layoutOf(p)
	w := &pdfWriter{}
	catalog, pages, info, res, field, form := w.reserve(), w.reserve(), w.reserve(), w.reserve(), w.reserve(), w.reserve()
	used := [4]map[int]rune{}
	ph := l.PageHeight * mmToPt
	kids := pdfArray{}
	pageNums := make([]int, len(p.Pages))
	for i, pg := range p.Pages {
		var c bytes.Buffer
		c.WriteString("0 g 0 G\n")
		for _, t := range pg.Texts {
			st := t.style()
			f := g.m.faces[st]
			if used[st] == nil {
				used[st] = map[int]rune{}
			}
			fmt.Fprintf(&c, "BT /F%d %s Tf %s %s Td <", st, num(t.Size), num(t.X*mmToPt), num(ph-t.Y*mmToPt))
			for _, r := range t.S {
				gid := f.gidOf(r)
				if _, ok := used[st][int(gid)]; !ok {
					used[st][int(gid)] = r
				}
				fmt.Fprintf(&c, "%04X", gid)
			}
			c.WriteString("> Tj ET\n")
		}
		for _, r := range pg.Rules {
			fmt.Fprintf(&c, "%s w %s %s m %s %s l S\n", num(r.Width*mmToPt), num(r.X1*mmToPt), num(ph-r.Y1*mmToPt), num(r.X2*mmToPt), num(ph-r.Y2*mmToPt))
		}
		pageNums[i] = w.reserve()
		contents := w.reserve()
		w.stream(contents, newDict(), c.Bytes(), true)
		d := newDict()
		d.Set("Type", pdfName("Page"))
		d.Set("Parent", pdfRef{pages, 0})
		d.Set("MediaBox", pdfArray{0, 0, l.PageWidth * mmToPt, ph})
		d.Set("Resources", pdfRef{res, 0})
		d.Set("Contents", pdfRef{contents, 0})
		if i == p.SigPage {
			d.Set("Annots", pdfArray{pdfRef{field, 0}})
		}
		w.set(pageNums[i], d)
		kids = append(kids, pdfRef{pageNums[i], 0})
	}
	fonts := newDict()
	for st := range used {
		if used[st] != nil {
			fonts.Set(pdfName("F"+strconv.Itoa(st)), pdfRef{g.writeFace(w, style(st), used[st]), 0})
		}
	}
	rd := newDict()
	rd.Set("Font", fonts)
	rd.Set("ProcSet", pdfArray{pdfName("PDF"), pdfName("Text")})
	w.set(res, rd)
	pd := newDict()
	pd.Set("Type", pdfName("Pages"))
	pd.Set("Kids", kids)
	pd.Set("Count", len(kids))
	w.set(pages, pd)

	// The empty signature field over the signer's block.
	r := p.Sig
	fd := newDict()
	fd.Set("Type", pdfName("Annot"))
	fd.Set("Subtype", pdfName("Widget"))
	fd.Set("FT", pdfName("Sig"))
	fd.Set("T", pdfStr{b: []byte(SignatureFieldName)})
	fd.Set("TU", "Chữ ký của người có thẩm quyền")
	fd.Set("F", 4)
	fd.Set("Rect", pdfArray{r.X * mmToPt, (l.PageHeight - r.Y - r.H) * mmToPt, (r.X + r.W) * mmToPt, (l.PageHeight - r.Y) * mmToPt})
	if len(pageNums) > 0 {
		fd.Set("P", pdfRef{pageNums[p.SigPage], 0})
	}
	w.set(field, fd)
	af := newDict()
	af.Set("Fields", pdfArray{pdfRef{field, 0}})
	w.set(form, af)

	cd := newDict()
	cd.Set("Type", pdfName("Catalog"))
	cd.Set("Pages", pdfRef{pages, 0})
	cd.Set("AcroForm", pdfRef{form, 0})
	cd.Set("Lang", pdfStr{b: []byte("vi-VN")})
	w.set(catalog, cd)

	id := newDict()
	for _, kv := range [][2]string{{"Title", p.Title}, {"Subject", p.Subject}, {"Author", p.Author}, {"Keywords", p.Keywords}, {"Creator", g.creator}, {"Producer", "vanthu"}} {
		if kv[1] != "" {
			id.Set(pdfName(kv[0]), kv[1])
		}
	}
	id.Set("CreationDate", pdfStr{b: []byte("D:" + pdfDate(p.Created.In(corpus.VietnamZone)))})
	w.set(info, id)
	return w.bytes(catalog, info), nil
}

// writeFace writes one face's Type0 font and returns its object number.
func (g *Generator) writeFace(w *pdfWriter, st style, used map[int]rune) int {
	f := g.m.faces[st]
	name := pdfName(subsetNames["utf8"+fontFamily+string(st.maroto())])
	gids := map[int]bool{}
	for gid := range used {
		gids[gid] = true
	}
	file, desc, cid, t0, tu := w.reserve(), w.reserve(), w.reserve(), w.reserve(), w.reserve()
	prog := f.prog.subset(gids)
	fd := newDict()
	fd.Set("Length1", len(prog))
	w.stream(file, fd, prog, true)

	flags := 32 | 2 // nonsymbolic, serif
	angle := 0
	if st&italic != 0 {
		flags |= 64
		angle = -15
	}
	k := 1000 / f.upem
	dd := newDict()
	dd.Set("Type", pdfName("FontDescriptor"))
	dd.Set("FontName", name)
	dd.Set("Flags", flags)
	bb := f.prog.bbox
	dd.Set("FontBBox", pdfArray{int(float64(bb[0]) * k), int(float64(bb[1]) * k), int(float64(bb[2]) * k), int(float64(bb[3]) * k)})
	dd.Set("ItalicAngle", angle)
	dd.Set("Ascent", int(float64(f.prog.ascent)*k))
	dd.Set("Descent", int(float64(f.prog.descent)*k))
	dd.Set("CapHeight", 662)
	dd.Set("StemV", 80)
	dd.Set("FontFile2", pdfRef{file, 0})
	w.set(desc, dd)

	sorted := make([]int, 0, len(used))
	for gid := range used {
		sorted = append(sorted, gid)
	}
	sort.Ints(sorted)
	widths := pdfArray{}
	for _, gid := range sorted {
		widths = append(widths, gid, pdfArray{f.advance(uint16(gid))})
	}
	cd := newDict()
	cd.Set("Type", pdfName("Font"))
	cd.Set("Subtype", pdfName("CIDFontType2"))
	cd.Set("BaseFont", name)
	si := newDict()
	si.Set("Registry", pdfStr{b: []byte("Adobe")})
	si.Set("Ordering", pdfStr{b: []byte("Identity")})
	si.Set("Supplement", 0)
	cd.Set("CIDSystemInfo", si)
	cd.Set("FontDescriptor", pdfRef{desc, 0})
	cd.Set("DW", 500)
	cd.Set("W", widths)
	cd.Set("CIDToGIDMap", pdfName("Identity"))
	w.set(cid, cd)

	var cm bytes.Buffer
	cm.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(sorted); i += 100 {
		j := min(i+100, len(sorted))
		fmt.Fprintf(&cm, "%d beginbfchar\n", j-i)
		for _, gid := range sorted[i:j] {
			fmt.Fprintf(&cm, "<%04X> <", gid)
			for _, u := range utf16.Encode([]rune{used[gid]}) {
				fmt.Fprintf(&cm, "%04X", u)
			}
			cm.WriteString(">\n")
		}
		cm.WriteString("endbfchar\n")
	}
	cm.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	w.stream(tu, newDict(), cm.Bytes(), true)

	td := newDict()
	td.Set("Type", pdfName("Font"))
	td.Set("Subtype", pdfName("Type0"))
	td.Set("BaseFont", name)
	td.Set("Encoding", pdfName("Identity-H"))
	td.Set("DescendantFonts", pdfArray{pdfRef{cid, 0}})
	td.Set("ToUnicode", pdfRef{tu, 0})
	w.set(t0, td)
	return t0
}

// num writes a coordinate with at most three decimals.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', 3, 64)
}
