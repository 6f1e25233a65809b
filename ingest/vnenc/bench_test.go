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

// BenchmarkDetectShortTexts decodes many short UTF-8 texts (~1.5 kB), as
// an ingest of a folder of small files does: one op reads them all.
func BenchmarkDetectShortTexts(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "sample.utf8.golden.txt"))
	if err != nil {
		b.Skip(err)
	}
	words := strings.Fields(strings.Repeat(string(data), 20))
	var texts [][]byte
	for i := 0; i+300 <= len(words); i += 300 {
		texts = append(texts, []byte(strings.Join(words[i:i+300], " ")))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			if _, err := Detect(t, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRatioShortTexts judges the syllables of many short texts
// (~1.5 kB), as an ingest of a folder of small files does once a file.
func BenchmarkRatioShortTexts(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "sample.utf8.golden.txt"))
	if err != nil {
		b.Skip(err)
	}
	words := strings.Fields(strings.Repeat(string(data), 20))
	var texts []string
	for i := 0; i+300 <= len(words); i += 300 {
		texts = append(texts, strings.Join(words[i:i+300], " "))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			ValidSyllableRatio(t)
		}
	}
}
