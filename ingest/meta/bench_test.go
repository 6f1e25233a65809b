package meta

import (
	"os"
	"path/filepath"
	"testing"

	"vanthu/internal/sharedtest"
)

// BenchmarkParse measures Parse on seed 001 (Công văn 4060-CV/BTCTU, 5.5 kB).
func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Path(b, "seeds"), "001_*.txt"))
	if len(files) == 0 {
		b.Skip("seed 001 not found")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, string(data))
}

// BenchmarkParseLong measures Parse on the 30 kB text of Thông tư
// 25/2025/TT-BGDĐT (a fixture).
func BenchmarkParseLong(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "real", "vbpl_tt_25_2025.txt"))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, string(data))
}

func benchParse(b *testing.B, text string) {
	p, err := New(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Parse(text)
	}
}
