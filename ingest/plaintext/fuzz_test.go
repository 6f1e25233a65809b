package plaintext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzExtract: never panics; text is valid NFC UTF-8 without CR or NUL.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("a\r\rb\x00"), "windows-1258")
	f.Fuzz(func(t *testing.T, b []byte, declared string) {
		res, err := Extract(b, declared)
		if err != nil {
			return
		}
		if !utf8.ValidString(res.Text) || !norm.NFC.IsNormalString(res.Text) {
			t.Fatalf("bad text %q", res.Text)
		}
		if strings.ContainsAny(res.Text, "\r\x00") {
			t.Fatalf("CR/NUL left: %q", res.Text)
		}
		if res.Quality < 0 || res.Quality > 1 {
			t.Fatalf("quality %v", res.Quality)
		}
	})
}
