package vnenc

import (
	"fmt"
	"unicode/utf16"
)

// Encode writes NFC text s in enc. It exists for tests and generators that
// need legacy inputs (a windows-1258 page for a crawler test, a TCVN3 text
// file) and for round-trip checks; vanthu itself stores only UTF-8. UTF-16
// is written without a byte-order mark. TCVN3 writes capital toned letters
// with their lower-case codes, as .VnTimeH users did, so it loses their case.
// The error wraps ErrUnsupported and names the first character that has no
// code in enc.
func Encode(s string, enc Encoding) ([]byte, error) {
	var (
		out []byte
		ok  = true
	)
	switch enc {
	case UTF8:
		return []byte(nfc(s)), nil
	case UTF16LE, UTF16BE:
		u := utf16.Encode([]rune(nfc(s)))
		out = make([]byte, 0, 2*len(u))
		for _, c := range u {
			if enc == UTF16BE {
				out = append(out, byte(c>>8), byte(c))
			} else {
				out = append(out, byte(c), byte(c>>8))
			}
		}
		return out, nil
	case Windows1258:
		out, ok = encode1258(s)
	case TCVN3:
		out, ok = encodeTCVN3(s)
	case VNI:
		out, ok = encodeVNI(s)
	case Windows1252:
		for _, r := range nfc(s) {
			c, found := cp1252Reverse[r]
			if r < 0x80 {
				c, found = byte(r), true
			}
			if !found {
				ok = false
				break
			}
			out = append(out, c)
		}
	case Mojibake:
		// UTF-8 bytes read as windows-1252, then written as UTF-8.
		var rs []rune
		for _, c := range []byte(nfc(s)) {
			if c < 0x80 {
				rs = append(rs, rune(c))
			} else {
				rs = append(rs, cp1252[c])
			}
		}
		return []byte(string(rs)), nil
	default:
		return nil, fmt.Errorf("encode %q: %w", enc, ErrUnsupported)
	}
	if !ok {
		return out, fmt.Errorf("encode %s: character at byte %d of the output has no code: %w", enc, len(out), ErrUnsupported)
	}
	return out, nil
}
