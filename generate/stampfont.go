package generate

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"

	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// stampFont is Liberation Serif Regular embedded whole as a CIDFontType2
// with an identity CID-to-glyph map: text is written as glyph indices.
type stampFont struct {
	f      *sfnt.Font
	buf    sfnt.Buffer
	upem   float64
	widths map[sfnt.GlyphIndex]int
	text   []rune
}

func newStampFont() (*stampFont, error) {
	f, err := sfnt.Parse(liberationserifregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("generate: stamp font: %w", err)
	}
	return &stampFont{f: f, upem: float64(f.UnitsPerEm()), widths: map[sfnt.GlyphIndex]int{}}, nil
}

// encode writes s as hex glyph indices and records their widths.
func (sf *stampFont) encode(s string) []byte {
	var out []byte
	for _, r := range s {
		gi, err := sf.f.GlyphIndex(&sf.buf, r)
		if err != nil {
			gi = 0
		}
		if _, ok := sf.widths[gi]; !ok {
			adv, err := sf.f.GlyphAdvance(&sf.buf, gi, fixed.Int26_6(sf.f.UnitsPerEm())<<6, font.HintingNone)
			if err == nil {
				sf.widths[gi] = int(math.Round(float64(adv) / 64 * 1000 / sf.upem))
			}
		}
		sf.text = append(sf.text, r)
		out = append(out, fmt.Sprintf("%04X", int(gi))...)
	}
	return out
}

// write adds the font's objects to the update and returns the Type0 font.
func (sf *stampFont) write(u *update) pdfRef {
	fileNum, descNum, cidNum, fontNum, toUniNum := u.add(), u.add(), u.add(), u.add(), u.add()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(liberationserifregular.TTF)
	zw.Close()
	fd := newDict()
	fd.Set("Length", z.Len())
	fd.Set("Length1", len(liberationserifregular.TTF))
	fd.Set("Filter", pdfName("FlateDecode"))
	u.setRaw(fileNum, streamObject(fd, z.Bytes()))

	desc := newDict()
	desc.Set("Type", pdfName("FontDescriptor"))
	desc.Set("FontName", pdfName("LiberationSerif"))
	desc.Set("Flags", 34)
	desc.Set("FontBBox", pdfArray{-543, -303, 2000, 981})
	desc.Set("ItalicAngle", 0)
	desc.Set("Ascent", 891)
	desc.Set("Descent", -216)
	desc.Set("CapHeight", 662)
	desc.Set("StemV", 80)
	desc.Set("FontFile2", pdfRef{fileNum, 0})
	u.set(descNum, desc)

	var w pdfArray
	for gi, wd := range sf.widths {
		w = append(w, int(gi), pdfArray{wd})
	}
	cid := newDict()
	cid.Set("Type", pdfName("Font"))
	cid.Set("Subtype", pdfName("CIDFontType2"))
	cid.Set("BaseFont", pdfName("LiberationSerif"))
	si := newDict()
	si.Set("Registry", pdfStr{b: []byte("Adobe")})
	si.Set("Ordering", pdfStr{b: []byte("Identity")})
	si.Set("Supplement", 0)
	cid.Set("CIDSystemInfo", si)
	cid.Set("FontDescriptor", pdfRef{descNum, 0})
	cid.Set("DW", 500)
	cid.Set("W", w)
	cid.Set("CIDToGIDMap", pdfName("Identity"))
	u.set(cidNum, cid)

	// ToUnicode, so that the stamp's text can be copied and searched.
	var cm bytes.Buffer
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	seen := map[sfnt.GlyphIndex]bool{}
	var pairs []string
	for _, r := range sf.text {
		gi, err := sf.f.GlyphIndex(&sf.buf, r)
		if err != nil || gi == 0 || seen[gi] || r > 0xFFFF {
			continue
		}
		seen[gi] = true
		pairs = append(pairs, fmt.Sprintf("<%04X> <%04X>", int(gi), r))
	}
	for i := 0; i < len(pairs); i += 100 {
		j := min(i+100, len(pairs))
		fmt.Fprintf(&cm, "%d beginbfchar\n", j-i)
		for _, p := range pairs[i:j] {
			cm.WriteString(p + "\n")
		}
		cm.WriteString("endbfchar\n")
	}
	cm.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	td := newDict()
	td.Set("Length", cm.Len())
	u.setRaw(toUniNum, streamObject(td, cm.Bytes()))

	t0 := newDict()
	t0.Set("Type", pdfName("Font"))
	t0.Set("Subtype", pdfName("Type0"))
	t0.Set("BaseFont", pdfName("LiberationSerif"))
	t0.Set("Encoding", pdfName("Identity-H"))
	t0.Set("DescendantFonts", pdfArray{pdfRef{cidNum, 0}})
	t0.Set("ToUnicode", pdfRef{toUniNum, 0})
	u.set(fontNum, t0)
	return pdfRef{fontNum, 0}
}

func streamObject(d *pdfDict, data []byte) []byte {
	var b bytes.Buffer
	writeValue(&b, d)
	b.WriteString("\nstream\n")
	b.Write(data)
	b.WriteString("\nendstream")
	return b.Bytes()
}
