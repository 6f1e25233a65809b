package meta

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
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

// BenchmarkParseArticles measures Parse on the 1,377 short law articles of
// ALQAC 2022 (about 1.2 kB each), the records of the ingest benchmark:
// one op parses them all.
func BenchmarkParseArticles(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(sharedtest.Path(b, "corpus-real"), "benchmark", "alqac2022", "law.json"))
	if err != nil {
		b.Skip("ALQAC law.json not found:", err)
	}
	var laws []struct {
		Articles []struct {
			Text string `json:"text"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(data, &laws); err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, l := range laws {
		for _, a := range l.Articles {
			texts = append(texts, corpus.NFC(a.Text))
		}
	}
	benchParseAll(b, texts)
}

// BenchmarkParseLetters measures Parse on the 2,000 generated letters of
// about 1.5 kB that the ingest benchmark writes as a folder of text files
// (vanthu bench gen --docs 2000 --bytes 1500): one op parses them all.
func BenchmarkParseLetters(b *testing.B) {
	cfg := gencorpus.DefaultConfig()
	cfg.N, cfg.TextBytes = 2000, 1500
	g, err := gencorpus.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, g.Len())
	for i := range texts {
		texts[i] = g.Doc(i).Text
	}
	benchParseAll(b, texts)
}

// benchParseAll parses every text once an op.
func benchParseAll(b *testing.B, texts []string) {
	p, err := New(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			_ = p.Parse(t)
		}
	}
}
