package vnenc

import (
	"strings"
	"unicode"
)

// tcvn3Table maps the upper half of TCVN 5712:1993 VN3 ("TCVN3", "ABC",
// the .VnTime fonts) to Unicode. Bytes not listed are not used by VN3 and
// are read as windows-1252 (which they are on the machines that made the
// files). VN3 has no capital toned letters: those were drawn by the
// .VnTimeH fonts from the lower-case codes. 0xB0-0xB4 are the five tone
// marks as spacing accents, used after a base letter.
var tcvn3Table = [256]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB0: toneHuyen, 0xB1: toneHoi, 0xB2: toneNga, 0xB3: toneSac, 0xB4: toneNang,
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// tcvn3Reverse maps Unicode letters to VN3 bytes (capital toned letters to
// their lower-case code, as .VnTimeH typists did).
var tcvn3Reverse = func() map[rune]byte {
	m := make(map[rune]byte)
	for b, r := range tcvn3Table {
		if r != 0 && !isTone(r) {
			m[r] = byte(b)
		}
	}
	for b, r := range tcvn3Table {
		if r == 0 || isTone(r) || b <= 0xA7 {
			continue
		}
		if u := unicode.ToUpper(r); u != r {
			if _, ok := m[u]; !ok {
				m[u] = byte(b)
			}
		}
	}
	return m
}()

// FromTCVN3 converts text whose characters are TCVN3 codes read as
// Latin-1/windows-1252 (what a PDF with a .VnTime font, or a TCVN3 file
// opened as Latin-1, yields: "Céng hoµ x· héi chñ nghÜa ViÖt Nam") to NFC
// Unicode. Words written entirely in capitals keep their toned letters in
// capitals ("CéNG HßA" → "CỘNG HÒA"), since VN3 only has lower-case codes
// for them. A soft hyphen (U+00AD) is "ư": it must not have been dropped
// earlier; text from which it was removed cannot be repaired.
func FromTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if r >= 0xA0 && r <= 0xFF && tcvn3Table[r] != 0 {
			b.WriteRune(tcvn3Table[r])
			continue
		}
		b.WriteRune(r)
	}
	return nfc(RestoreTCVN3Caps(b.String()))
}

// FromTCVN3Caps is FromTCVN3 for text set in a capitals font (.VnTimeH,
// .VnArialH): every letter is returned in upper case.
func FromTCVN3Caps(s string) string {
	return nfc(strings.ToUpper(FromTCVN3(s)))
}

// decodeTCVN3 decodes raw VN3 bytes.
func decodeTCVN3(p []byte) string {
	var b strings.Builder
	b.Grow(len(p) + len(p)/2)
	for _, c := range p {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case tcvn3Table[c] != 0:
			b.WriteRune(tcvn3Table[c])
		default:
			b.WriteRune(cp1252[c])
		}
	}
	return nfc(RestoreTCVN3Caps(b.String()))
}

// encodeTCVN3 encodes NFC text as VN3; ok is false if a rune has no code.
func encodeTCVN3(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range nfc(s) {
		if r < 0x80 {
			out = append(out, byte(r))
			continue
		}
		c, ok := tcvn3Reverse[r]
		if !ok {
			return out, false
		}
		out = append(out, c)
	}
	return out, true
}

// RestoreTCVN3Caps upper-cases the lower-case toned letters of words set in
// capitals, undoing the lower-case codes of .VnTimeH. FromTCVN3 applies it;
// a caller that decoded a whole marked-up file (HTML) should apply it again
// to the extracted text, whose lines no longer hold lower-case tag names.
// It upper-cases a whole line whose
// ASCII letters are all capitals (at least four: a heading), or a word with
// at least two capitals and no lower-case ASCII letter ("CéNG" → "CỘNG";
// "Tù" stays "Tự", as a one-capital word is ambiguous).
func RestoreTCVN3Caps(s string) string {
	var out strings.Builder
	out.Grow(len(s))
	for line := range strings.SplitAfterSeq(s, "\n") {
		out.WriteString(upperCapsLine(line))
	}
	return out.String()
}

func upperCapsLine(line string) string {
	upper, lower := 0, 0
	for _, r := range line {
		if r < 0x80 && unicode.IsUpper(r) {
			upper++
		} else if r < 0x80 && unicode.IsLower(r) {
			lower++
		}
	}
	if upper >= 4 && lower == 0 {
		return strings.ToUpper(line)
	}
	if upper < 2 {
		return line
	}
	var b strings.Builder
	b.Grow(len(line))
	word := func(w string) {
		up, low := 0, 0
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				up++
			case r < 0x80 && unicode.IsLower(r):
				low++
			}
		}
		if up >= 2 && low == 0 {
			w = strings.ToUpper(w)
		}
		b.WriteString(w)
	}
	start := -1
	for i, r := range line {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(line[start:i])
			start = -1
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		word(line[start:])
	}
	return b.String()
}

// TCVN3Letter returns the Unicode letter a TCVN3 (VN3) byte stands for, for
// readers that meet VN3 codes one glyph at a time (a PDF's .VnTime font);
// false for bytes VN3 leaves to windows-1252 and for the spacing tone marks.
func TCVN3Letter(b byte) (rune, bool) {
	r := tcvn3Table[b]
	return r, r != 0 && !isTone(r)
}
