package vnenc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchDecode(b *testing.B, enc Encoding) {
	text := strings.Repeat(sampleText, 100) // ~200 KB of text
	data, err := Encode(text, enc)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode(data, ""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeUTF8(b *testing.B)        { benchDecode(b, UTF8) }
func BenchmarkDecodeWindows1258(b *testing.B) { benchDecode(b, Windows1258) }
func BenchmarkDecodeTCVN3(b *testing.B)       { benchDecode(b, TCVN3) }
func BenchmarkDecodeVNI(b *testing.B)         { benchDecode(b, VNI) }

func BenchmarkValidSyllableRatio(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "sample.utf8.golden.txt"))
	if err != nil {
		b.Skip(err)
	}
	s := strings.Repeat(string(data), 100)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ValidSyllableRatio(s)
	}
}
