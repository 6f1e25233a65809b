package pdftext

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// legacy names an 8-bit Vietnamese font encoding that predates Unicode.
type legacy int

const (
	legacyNone  legacy = iota
	legacyTCVN3        // TCVN 5712:1993 VN3 ("ABC"), fonts named .VnTime, .VnArial...
	legacyVNI          // VNI Windows, fonts named VNI-Times, VNI-Helve...
)

// font is what the interpreter needs from a PDF font dictionary: how to split
// a string into codes, each code's text and advance width.
type font struct {
	name     string // BaseFont without the subset tag
	cid      bool   // Type0 (composite): codes are 1-4 bytes, default 2
	uni      *toUnicode
	simple   [256]string // simple fonts: text per code from Encoding/Differences
	hasDiffs [256]bool   // the code's text came from a Differences entry
	first    int
	widths   []float64
	cidW     map[uint32]float64
	dw       float64
	scale    float64 // glyph space to text space (1/1000, or a Type3 FontMatrix)
	byName   legacy  // legacy encoding suggested by the font name
	upper    bool    // a TCVN3 "H" font (.VnTimeH): lower-case codes drawn as capitals
	cache    map[uint64]string
}

// subsetTag strips "ABCDEF+" from a BaseFont.
func subsetTag(n string) string {
	if i := strings.IndexByte(n, '+'); i == 6 {
		return n[i+1:]
	}
	return n
}

func legacyByName(n string) (legacy, bool) {
	l := strings.ToLower(n)
	switch {
	case strings.HasPrefix(l, ".vn") || strings.HasPrefix(l, "vn") && !strings.HasPrefix(l, "vni"):
		// TCVN3 fonts are named .VnTime, .VnTimeH (capitals), .VnArial...; the
		// "H" suffix fonts carry capital glyphs at the lower-case codes.
		base := strings.SplitN(strings.TrimPrefix(l, "."), ",", 2)[0]
		base = strings.TrimSuffix(strings.TrimSuffix(base, "-bold"), "-italic")
		return legacyTCVN3, strings.HasSuffix(base, "h")
	case strings.HasPrefix(l, "vni-") || strings.HasPrefix(l, "vni_"):
		return legacyVNI, false
	}
	return legacyNone, false
}

// loadFont reads a font dictionary. It may panic on malformed input; the
// caller recovers per page.
func loadFont(v pdf.Value, m *meter) *font {
	f := &font{scale: 0.001, cache: map[uint64]string{}}
	f.name = subsetTag(v.Key("BaseFont").Name())
	f.byName, f.upper = legacyByName(f.name)
	sub := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.uni = parseToUnicode(tu, v, m)
	}
	if sub == "Type0" {
		f.cid = true
		d := v.Key("DescendantFonts").Index(0)
		if f.name == "" {
			f.name = subsetTag(d.Key("BaseFont").Name())
		}
		f.dw = 1000
		if x := d.Key("DW"); x.Kind() == pdf.Integer || x.Kind() == pdf.Real {
			f.dw = x.Float64()
		}
		f.cidW = map[uint32]float64{}
		w := d.Key("W")
		for i := 0; i < w.Len() && len(f.cidW) < maxCMapEntries; {
			c := uint32(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && len(f.cidW) < maxCMapEntries; j++ {
					f.cidW[c+uint32(j)] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			hi := uint32(next.Int64())
			wv := w.Index(i + 2).Float64()
			for k := c; k <= hi && len(f.cidW) < maxCMapEntries; k++ {
				f.cidW[k] = wv
			}
			i += 3
		}
		return f
	}
	if sub == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() == 6 {
			f.scale = m.Index(0).Float64()
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths = append(f.widths, ws.Index(i).Float64())
	}
	for i := range f.simple {
		f.simple[i] = string(winAnsi(byte(i)))
	}
	enc := v.Key("Encoding")
	if enc.Kind() == pdf.Name && enc.Name() == "MacRomanEncoding" {
		for i := 0x80; i < 0x100; i++ {
			f.simple[i] = string(macRoman[i-0x80])
		}
	}
	if enc.Kind() == pdf.Dict {
		diffs := enc.Key("Differences")
		code := 0
		for i := 0; i < diffs.Len(); i++ {
			x := diffs.Index(i)
			switch x.Kind() {
			case pdf.Integer:
				code = int(x.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					if s := glyphNameToString(x.Name()); s != "" {
						f.simple[code] = s
						f.hasDiffs[code] = true
					}
				}
				code++
			}
		}
	}
	return f
}

// width returns a code's advance in text space units (before font size).
func (f *font) width(code uint32) float64 {
	if f.cid {
		if w, ok := f.cidW[code]; ok {
			return w * f.scale
		}
		return f.dw * f.scale
	}
	i := int(code) - f.first
	if i >= 0 && i < len(f.widths) {
		return f.widths[i] * f.scale
	}
	return 0.5 // a missing width: half an em keeps positions monotonic
}

// next splits the first code off s: its value and byte length.
func (f *font) next(s string) (uint32, int) {
	def := 1
	if f.cid {
		def = 2
	}
	n := def
	if f.uni != nil && len(f.uni.spaces) > 0 {
		n = f.uni.codeLen(s, def)
	}
	if n > len(s) {
		n = len(s)
	}
	return beInt(s[:n]), n
}

// text returns the Unicode text of one code, and whether it was known.
func (f *font) text(code uint32, n int) (string, bool) {
	k := key(n, code)
	if s, ok := f.cache[k]; ok {
		return s, s != "\uFFFD"
	}
	s, ok := f.lookupText(code, n)
	if !ok {
		s = "\uFFFD"
	}
	f.cache[k] = s
	return s, ok
}

func (f *font) lookupText(code uint32, n int) (string, bool) {
	if f.uni != nil {
		if s, ok := f.uni.lookup(n, code); ok && s != "" {
			return s, true
		}
	}
	if f.cid {
		return "", false
	}
	if code < 256 {
		return f.simple[code], true
	}
	return "", false
}

// macRoman holds MacRomanEncoding at 0x80-0xFF (PDF 32000-1:2008 Annex D.2).
var macRoman = []rune("ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ")
