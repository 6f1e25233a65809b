package vnenc

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// VNI-Windows writes a toned vowel as its ASCII base letter followed by one
// or two mark bytes; read as windows-1252 the marks look like accented Latin
// letters ("Vieät Nam" = "Việt Nam"). The tables below give the marks in
// lower case (the upper-case forms, 0x20 lower, carry the same marks and are
// used after capitals). Source: the VNI-Windows keyboard/font tables, as
// reproduced by every Vietnamese converter (Unikey, VietPad, vietuni).
type vniMark struct {
	mod  rune // modifier (circumflex, breve, horn) or 0
	tone rune // tone mark or 0
	base string
}

// vniMarks maps a mark character (as read in windows-1252, lower case) to
// what it adds and the base letters it may follow.
var vniMarks = map[rune]vniMark{
	'ù': {tone: toneSac, base: "aeiouyươ"},
	'ø': {tone: toneHuyen, base: "aeiouyươ"},
	'û': {tone: toneHoi, base: "aeiouyươ"},
	'õ': {tone: toneNga, base: "aeiouyươ"},
	'ï': {tone: toneNang, base: "aeiouyươ"},
	'â': {mod: modCircumflex, base: "aeo"},
	'ê': {mod: modBreve, base: "a"},
	'á': {mod: modCircumflex, tone: toneSac, base: "aeo"},
	'à': {mod: modCircumflex, tone: toneHuyen, base: "aeo"},
	'å': {mod: modCircumflex, tone: toneHoi, base: "aeo"},
	'ã': {mod: modCircumflex, tone: toneNga, base: "aeo"},
	'ä': {mod: modCircumflex, tone: toneNang, base: "aeo"},
	'é': {mod: modBreve, tone: toneSac, base: "a"},
	'è': {mod: modBreve, tone: toneHuyen, base: "a"},
	'ú': {mod: modBreve, tone: toneHoi, base: "a"},
	'ü': {mod: modBreve, tone: toneNga, base: "a"},
	'ë': {mod: modBreve, tone: toneNang, base: "a"},
}

// vniSingles are the letters VNI codes in one byte: i with tones, đ, and
// the horned vowels ư (ö) and ơ (ô), which take tone marks after them
// ("nöôùc" = "nước").
var vniSingles = map[rune]rune{
	'ì': 'ì', 'í': 'í', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'ñ': 'đ', 'ö': 'ư', 'ô': 'ơ',
	'Ì': 'Ì', 'Í': 'Í', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Ñ': 'Đ', 'Ö': 'Ư', 'Ô': 'Ơ',
}

// lookupMark returns the mark for r in either case.
func lookupMark(r rune) (vniMark, bool) {
	m, ok := vniMarks[unicode.ToLower(r)]
	return m, ok
}

// FromVNI converts text whose characters are VNI-Windows codes read as
// windows-1252 ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") to NFC Unicode.
// A mark is applied only after a base letter it can modify; anything else
// is kept as it is.
func FromVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if d, ok := vniSingles[r]; ok && (d == 'ư' || d == 'ơ' || d == 'Ư' || d == 'Ơ') {
			r = d
		}
		lower := unicode.ToLower(r)
		if strings.ContainsRune("aeiouyươ", lower) {
			// Up to two marks: a modifier (possibly with a tone), then a tone.
			var mod, tone rune
			j := i + 1
			for k := 0; k < 2 && j < len(rs); k++ {
				m, ok := lookupMark(rs[j])
				if !ok || !strings.ContainsRune(m.base, lower) {
					break
				}
				if (m.mod != 0 && (mod != 0 || tone != 0)) || (m.tone != 0 && tone != 0) {
					break
				}
				if m.mod != 0 {
					mod = m.mod
				}
				if m.tone != 0 {
					tone = m.tone
				}
				j++
			}
			b.WriteRune(r)
			if mod != 0 {
				b.WriteRune(mod)
			}
			if tone != 0 {
				b.WriteRune(tone)
			}
			i = j - 1
			continue
		}
		if d, ok := vniSingles[r]; ok {
			b.WriteRune(d)
			continue
		}
		b.WriteRune(r)
	}
	return nfc(b.String())
}

// withModifierCase is withModifier keeping the case of base.
func withModifierCase(base, mod rune) rune {
	m := withModifier(unicode.ToLower(base), mod)
	if unicode.IsUpper(base) {
		return unicode.ToUpper(m)
	}
	return m
}

// decodeVNI decodes raw VNI bytes.
func decodeVNI(p []byte) string { return FromVNI(decode1252(p)) }

// encodeVNI writes NFC text as VNI-Windows bytes; ok is false if a rune
// cannot be written.
func encodeVNI(s string) ([]byte, bool) {
	rev := make(map[[2]rune]rune, len(vniMarks))
	for c, m := range vniMarks {
		rev[[2]rune{m.mod, m.tone}] = c
	}
	singles := make(map[rune]rune, len(vniSingles))
	for c, u := range vniSingles {
		singles[u] = c
	}
	var text strings.Builder
	for _, r := range nfc(s) {
		if r < 0x80 {
			text.WriteRune(r)
			continue
		}
		if c, ok := singles[r]; ok {
			text.WriteRune(c)
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base := d[0]
		if len(d) > 1 && d[1] == modHorn {
			// ư, ơ are single codes; a tone follows them.
			text.WriteRune(singles[withModifierCase(base, modHorn)])
			if len(d) > 2 {
				c := rev[[2]rune{0, d[2]}]
				if unicode.IsUpper(base) {
					c = unicode.ToUpper(c)
				}
				text.WriteRune(c)
			}
			continue
		}
		if base >= 0x80 {
			text.WriteRune(r) // a Latin-1 letter VNI leaves alone
			continue
		}
		var mod, tone rune
		for _, m := range d[1:] {
			if isTone(m) {
				tone = m
			} else {
				mod = m
			}
		}
		upper := unicode.IsUpper(base)
		caseOf := func(c rune) rune {
			if upper {
				return unicode.ToUpper(c)
			}
			return c
		}
		text.WriteRune(base)
		c, ok := rev[[2]rune{mod, tone}]
		if !ok {
			return nil, false
		}
		text.WriteRune(caseOf(c))
	}
	out := make([]byte, 0, text.Len())
	for _, r := range text.String() {
		if r < 0x80 {
			out = append(out, byte(r))
			continue
		}
		c, ok := cp1252Reverse[r]
		if !ok {
			return out, false
		}
		out = append(out, c)
	}
	return out, true
}
