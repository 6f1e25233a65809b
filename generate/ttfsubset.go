package generate

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// ttf is a TrueType font split into its tables, read once, from which a
// subset holding only the glyphs a document uses is cut for each document
// (the "direct" engine). Glyph indices are kept: unused glyphs become empty,
// so text is written as the font's own glyph indices through an identity
// CIDToGIDMap, and no cmap is needed in the subset (ISO 32000-1, 9.9).
type ttf struct {
	tables    map[string][]byte
	numGlyphs int
	loca      []uint32 // numGlyphs+1 offsets into glyf
	glyf      []byte
	bbox      [4]int // head xMin, yMin, xMax, yMax in font units
	upem      int
	ascent    int
	descent   int
}

func parseTTF(b []byte) (*ttf, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("generate: font: too short")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	t := &ttf{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		r := 12 + 16*i
		if r+16 > len(b) {
			return nil, fmt.Errorf("generate: font: table directory truncated")
		}
		tag := string(b[r : r+4])
		off, ln := binary.BigEndian.Uint32(b[r+8:]), binary.BigEndian.Uint32(b[r+12:])
		if uint64(off)+uint64(ln) > uint64(len(b)) {
			return nil, fmt.Errorf("generate: font: table %s out of range", tag)
		}
		t.tables[tag] = b[off : off+ln]
	}
	head, maxp, hhea, loca := t.tables["head"], t.tables["maxp"], t.tables["hhea"], t.tables["loca"]
	if len(head) < 54 || len(maxp) < 6 || len(hhea) < 36 || loca == nil || t.tables["glyf"] == nil || t.tables["hmtx"] == nil {
		return nil, fmt.Errorf("generate: font: missing head, maxp, hhea, loca, glyf or hmtx")
	}
	t.upem = int(binary.BigEndian.Uint16(head[18:]))
	for i := range t.bbox {
		t.bbox[i] = int(int16(binary.BigEndian.Uint16(head[36+2*i:])))
	}
	t.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	t.descent = int(int16(binary.BigEndian.Uint16(hhea[6:])))
	t.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	t.loca = make([]uint32, t.numGlyphs+1)
	for i := range t.loca {
		if long {
			if 4*i+4 > len(loca) {
				return nil, fmt.Errorf("generate: font: loca truncated")
			}
			t.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			if 2*i+2 > len(loca) {
				return nil, fmt.Errorf("generate: font: loca truncated")
			}
			t.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	t.glyf = t.tables["glyf"]
	return t, nil
}

// glyph returns the glyf data of gid.
func (t *ttf) glyph(gid int) []byte {
	if gid < 0 || gid >= t.numGlyphs {
		return nil
	}
	a, b := t.loca[gid], t.loca[gid+1]
	if a >= b || int(b) > len(t.glyf) {
		return nil
	}
	return t.glyf[a:b]
}

// components adds the glyphs a composite glyph is built from (Vietnamese
// letters with two marks are composites in Liberation Serif).
func (t *ttf) components(gid int, used map[int]bool, depth int) {
	g := t.glyph(gid)
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 || depth > 8 {
		return
	}
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		c := int(binary.BigEndian.Uint16(g[p+2:]))
		if !used[c] {
			used[c] = true
			t.components(c, used, depth+1)
		}
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
}

// subset writes a TrueType font holding the glyphs in used (and glyph 0),
// every other glyph left empty.
func (t *ttf) subset(used map[int]bool) []byte {
	all := map[int]bool{0: true}
	for g := range used {
		all[g] = true
	}
	for g := range used {
		t.components(g, all, 0)
	}
	loca := make([]byte, 4*(t.numGlyphs+1))
	var glyf []byte
	for gid := 0; gid < t.numGlyphs; gid++ {
		binary.BigEndian.PutUint32(loca[4*gid:], uint32(len(glyf)))
		if all[gid] {
			glyf = append(glyf, t.glyph(gid)...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*t.numGlyphs:], uint32(len(glyf)))
	head := append([]byte(nil), t.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment: recomputed below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	tables := map[string][]byte{"head": head, "hhea": t.tables["hhea"], "maxp": t.tables["maxp"], "hmtx": t.tables["hmtx"], "loca": loca, "glyf": glyf}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if b, ok := t.tables[tag]; ok {
			tables[tag] = b
		}
	}
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	headAt := 0
	for i, tag := range tags {
		b := tables[tag]
		r := 12 + 16*i
		copy(out[r:], tag)
		binary.BigEndian.PutUint32(out[r+4:], checksum(b))
		binary.BigEndian.PutUint32(out[r+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[r+12:], uint32(len(b)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
