package vnenc

import (
	"strings"

	"vanthu/corpus"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// cp1252 is windows-1252 as a table; the five bytes it leaves undefined
// (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls of the same value, as
// Windows' own MultiByteToWideChar does, so that no byte is lost.
var cp1252 = func() [256]rune {
	var t [256]rune
	for i := range t {
		r := charmap.Windows1252.DecodeByte(byte(i))
		if r == '\uFFFD' {
			r = rune(i)
		}
		t[i] = r
	}
	return t
}()

// cp1252Reverse maps runes back to windows-1252 bytes.
var cp1252Reverse = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for i, r := range cp1252 {
		m[r] = byte(i)
	}
	return m
}()

// decode1252 reads bytes as windows-1252.
func decode1252(p []byte) string {
	var b strings.Builder
	b.Grow(len(p) + len(p)/4)
	for _, c := range p {
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteRune(cp1252[c])
		}
	}
	return b.String()
}

// cp1258 is windows-1258 as a table.
var cp1258 = func() [256]rune {
	var t [256]rune
	for i := range t {
		r := charmap.Windows1258.DecodeByte(byte(i))
		if r == '\uFFFD' {
			r = rune(i)
		}
		t[i] = r
	}
	return t
}()

var cp1258Reverse = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for i, r := range cp1258 {
		m[r] = byte(i)
	}
	return m
}()

// decode1258 reads windows-1258 bytes. The code page writes tones as
// combining marks (0xCC 0xEC 0xDE 0xD2 0xF2), so the result is recomposed.
func decode1258(p []byte) string {
	var b strings.Builder
	b.Grow(len(p) + len(p)/2)
	for _, c := range p {
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteRune(cp1258[c])
		}
	}
	return nfc(b.String())
}

// encode1258 writes NFC text the way Windows does for code page 1258:
// letters the page has precomposed (â ă ê ô ơ ư đ, and some toned Latin-1
// letters such as à á) as one byte, other tones as a base letter plus a
// combining mark. ok is false if a rune has no code.
func encode1258(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range nfc(s) {
		if r < 0x80 {
			out = append(out, byte(r))
			continue
		}
		if c, ok := cp1258Reverse[r]; ok {
			out = append(out, c)
			continue
		}
		// Decompose, then put the modifier back on the base letter.
		d := []rune(norm.NFD.String(string(r)))
		base := d[0]
		var marks []rune
		for _, m := range d[1:] {
			if isTone(m) {
				marks = append(marks, m)
				continue
			}
			composed := []rune(norm.NFC.String(string(base) + string(m)))
			if len(composed) != 1 {
				return out, false
			}
			base = composed[0]
		}
		c, ok := cp1258Reverse[base]
		if !ok {
			if base >= 0x80 {
				return out, false
			}
			c = byte(base)
		}
		out = append(out, c)
		for _, m := range marks {
			mc, ok := cp1258Reverse[m]
			if !ok {
				return out, false
			}
			out = append(out, mc)
		}
	}
	return out, true
}

// nfc normalises s to NFC, replacing invalid UTF-8 first.
func nfc(s string) string { return corpus.NFC(s) }
