package pdftext

import (
	"sort"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a parsed ToUnicode CMap (PDF 32000-1:2008, 9.10.3). Unlike the
// library's decoder it treats source codes as big-endian integers of 1-4
// bytes, so a bfrange such as <0000> <FFFF> <0000> (written by gofpdf and
// maroto for Identity-H fonts) maps every two-byte code, not only those whose
// high byte equals the range's: the library adds the offset to the last byte
// alone, which turns "CỘNG" into "CØNG".
type toUnicode struct {
	spaces []codespace       // codespace ranges; empty means "use the font's default width"
	chars  map[uint64]string // bfchar, keyed by nbytes<<32|code
	ranges []cmapRange       // bfrange, sorted by (n, lo)
}

type codespace struct {
	n      int
	lo, hi []byte
}

type cmapRange struct {
	n      int
	lo, hi uint32
	dst    []uint16 // base UTF-16 value, the last unit incremented by code-lo
	arr    []string // or one destination per code
}

func key(n int, code uint32) uint64 { return uint64(n)<<32 | uint64(code) }

func beInt(b string) uint32 {
	var v uint32
	for i := 0; i < len(b) && i < 4; i++ {
		v = v<<8 | uint32(b[i])
	}
	return v
}

func utf16String(b string) string {
	if len(b)%2 == 1 {
		b = "\x00" + b
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// maxCMapEntries bounds the bfchar entries, bfrange lines and array
// destinations kept from one CMap (and the W entries of one CIDFont), so a
// hostile font cannot exhaust memory. Ranges are never expanded, so the
// identity range <0000> <FFFF> counts as one.
const maxCMapEntries = 1 << 17

// parseToUnicode reads a ToUnicode stream with the library's PostScript
// interpreter. Malformed operators are skipped; a panic is left to the caller's
// recover (per page), so one broken font never takes down the document.
//
// scratch must be a dictionary value the caller owns (a freshly resolved
// font dictionary): "/CIDInit /ProcSet findresource begin" needs a dictionary
// on the stack and the library offers no exported way to make one. Nothing is
// defined into it, since CMaps open their own "n dict begin" for their defs.
func parseToUnicode(strm, scratch pdf.Value, budget *meter) *toUnicode {
	if err := budget.measure(strm, modeCMap); err != nil {
		panic(errStop{err})
	}
	m := &toUnicode{chars: map[uint64]string{}}
	mark := -1
	entries := 0
	take := func(stk *pdf.Stack) []pdf.Value {
		if mark < 0 || stk.Len() < mark {
			mark = -1
			return nil
		}
		vals := make([]pdf.Value, stk.Len()-mark)
		for i := len(vals) - 1; i >= 0; i-- {
			vals[i] = stk.Pop()
		}
		mark = -1
		return vals
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "begincmap", "endcmap":
		case "defineresource":
			stk.Pop()
			v := stk.Pop()
			stk.Pop()
			stk.Push(v)
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar", "beginnotdefrange":
			stk.Pop() // the count; we trust the operands actually present
			mark = stk.Len()
		case "endcodespacerange":
			vals := take(stk)
			for i := 0; i+1 < len(vals); i += 2 {
				lo, hi := vals[i].RawString(), vals[i+1].RawString()
				if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				m.spaces = append(m.spaces, codespace{len(lo), []byte(lo), []byte(hi)})
			}
		case "endbfchar":
			vals := take(stk)
			for i := 0; i+1 < len(vals) && entries < maxCMapEntries; i += 2 {
				src := vals[i].RawString()
				if len(src) == 0 || len(src) > 4 {
					continue
				}
				var dst string
				switch vals[i+1].Kind() {
				case pdf.String:
					dst = utf16String(vals[i+1].RawString())
				case pdf.Name: // a glyph name, allowed by the spec
					dst = glyphNameToString(vals[i+1].Name())
				}
				m.chars[key(len(src), beInt(src))] = dst
				entries++
			}
		case "endbfrange":
			vals := take(stk)
			for i := 0; i+2 < len(vals) && entries < maxCMapEntries; i += 3 {
				lo, hi := vals[i].RawString(), vals[i+1].RawString()
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				r := cmapRange{n: len(lo), lo: beInt(lo), hi: beInt(hi)}
				if r.hi < r.lo {
					continue
				}
				d := vals[i+2]
				switch d.Kind() {
				case pdf.String:
					s := d.RawString()
					if len(s)%2 == 1 {
						s = "\x00" + s
					}
					for j := 0; j+1 < len(s); j += 2 {
						r.dst = append(r.dst, uint16(s[j])<<8|uint16(s[j+1]))
					}
					if len(r.dst) == 0 {
						continue
					}
				case pdf.Array:
					for j := 0; j < d.Len() && j < maxCMapEntries; j++ {
						r.arr = append(r.arr, utf16String(d.Index(j).RawString()))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		default:
			if mark >= 0 {
				return // operands of an unknown operator inside a section: keep them
			}
			// Drop operands of unknown operators (usecmap, cid ranges) so the
			// stack does not grow without bound.
			for stk.Len() > 0 {
				stk.Pop()
			}
		}
	})
	sort.Slice(m.ranges, func(i, j int) bool {
		if m.ranges[i].n != m.ranges[j].n {
			return m.ranges[i].n < m.ranges[j].n
		}
		return m.ranges[i].lo < m.ranges[j].lo
	})
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// codeLen returns the byte length of the code starting at s[0] according to
// the codespace ranges, or def when none matches (or none is declared).
func (m *toUnicode) codeLen(s string, def int) int {
	for _, cs := range m.spaces {
		if cs.n > len(s) {
			continue
		}
		ok := true
		for k := 0; k < cs.n; k++ {
			if s[k] < cs.lo[k] || s[k] > cs.hi[k] {
				ok = false
				break
			}
		}
		if ok {
			return cs.n
		}
	}
	return def
}

// lookup maps one code of n bytes to text.
func (m *toUnicode) lookup(n int, code uint32) (string, bool) {
	if s, ok := m.chars[key(n, code)]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool {
		r := m.ranges[i]
		return r.n > n || r.n == n && r.hi >= code
	})
	for ; i < len(m.ranges); i++ {
		r := m.ranges[i]
		if r.n != n || r.lo > code {
			break
		}
		if code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		last := uint32(u[len(u)-1]) + off
		u[len(u)-1] = uint16(last)
		if last > 0xFFFF { // carry into a surrogate pair would be malformed; give the BMP code point
			return string(rune(last)), true
		}
		return string(utf16.Decode(u)), true
	}
	return "", false
}
