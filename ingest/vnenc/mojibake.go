package vnenc

import "unicode/utf8"

// FromMojibake undoes one round of "UTF-8 read as windows-1252": it writes
// s back as windows-1252 bytes and reads them as UTF-8. ok is false when s
// is not such text (a rune without a windows-1252 code, or bytes that are
// not UTF-8), in which case s is returned unchanged.
func FromMojibake(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	high := false
	for _, r := range s {
		if r < 0x80 {
			out = append(out, byte(r))
			continue
		}
		c, ok := cp1252Reverse[r]
		if !ok {
			return s, false
		}
		high = true
		out = append(out, c)
	}
	if !high || !utf8.Valid(out) {
		return s, false
	}
	return nfc(string(out)), true
}
