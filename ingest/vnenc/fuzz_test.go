package vnenc

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzDecode: never panics; the text is always valid UTF-8 in NFC; Decode
// is deterministic.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "sample.*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("Céng hoµ x· héi"), "iso-8859-1")
	f.Add([]byte{0xFF, 0xFE, 0x41}, "")
	f.Add([]byte("Cá»™ng"), "utf-8")
	f.Fuzz(func(t *testing.T, b []byte, declared string) {
		s, enc, err := Decode(b, declared)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 from %s", enc)
		}
		if !norm.NFC.IsNormalString(s) {
			t.Fatalf("not NFC from %s: %q", enc, s)
		}
		s2, enc2, _ := Decode(b, declared)
		if s2 != s || enc2 != enc {
			t.Fatal("not deterministic")
		}
		_ = ValidSyllableRatio(s)
		_ = FromTCVN3(string(b))
		_ = FromVNI(string(b))
	})
}
