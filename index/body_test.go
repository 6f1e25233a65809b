package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// bodyTexts are texts with what the analyzers care about: tone placement,
// upper case, decomposed marks, đ, codes and numbers, punctuation between
// words, non-Latin letters, and a stray combining mark.
var bodyTexts = []string{
	"",
	"Đoàn ra",
	"UỶ BAN NHÂN DÂN TỈNH QUẢNG NINH\nSố: 38-CT/TW, ngày 31/5/2019. Hoà thuận, khoẻ, thuỷ lợi; TP.HCM 5.000 người",
	"Kho\u0300a ho\u0323c Đà Nẵng — 北京 Москва, ĐOÀN VÀO: \u0301x a\u0301 ",
	strings.Repeat("Thực hiện chỉ đạo của Thường trực Tỉnh ủy về tăng cường quản lý các đoàn đi công tác nước ngoài. ", 20),
}

// TestBodyAnalysisMatchesMapping checks that the one-pass analysis of the
// body gives every body field exactly the tokens its mapping analyzer gives.
func TestBodyAnalysisMatchesMapping(t *testing.T) {
	texts := append([]string(nil), bodyTexts...)
	g, err := gencorpus.New(gencorpus.Config{Seed: 3, N: 20, TextBytes: 4096, CiteOutside: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < g.Len(); i++ {
		texts = append(texts, g.Doc(i).Text)
	}
	if seeds, _ := filepath.Glob("../../shared/seeds/*.txt"); len(seeds) > 0 {
		for _, p := range seeds {
			b, err := os.ReadFile(p)
			if err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		if err := compareBody(m.AnalyzerNamed, text); err != nil {
			t.Errorf("text %d (%.40q): %v", i, text, err)
		}
	}
}

func compareBody(named func(string) analysis.Analyzer, text string) error {
	txt := corpus.NFC(text)
	b := &bodyAnalysis{text: []byte(txt), stats: newRestoreStats()}
	// Hand the maps back, as Rebuild does: the next text's analysis counts
	// into them and must find them empty.
	defer b.release()
	for _, c := range []struct {
		field, analyzer, input string
	}{{fText, anExact, txt}, {fTextFold, anFold, txt}, {fTextBiFold, anBiFold, txt}} {
		stream := named(c.analyzer).Analyze([]byte(c.input))
		want := analysis.TokenFrequency(stream, nil, index.IndexField)
		f := &bodyField{b: b, name: c.field}
		f.Analyze()
		if f.AnalyzedLength() != len(stream) {
			return fmt.Errorf("%s: length %d, the analyzer gives %d", c.field, f.AnalyzedLength(), len(stream))
		}
		got := f.AnalyzedTokenFrequencies()
		if len(got) != len(want) {
			return fmt.Errorf("%s: %d terms, the analyzer gives %d", c.field, len(got), len(want))
		}
		for k, w := range want {
			g, ok := got[k]
			if !ok {
				return fmt.Errorf("%s: term %q missing", c.field, k)
			}
			if string(g.Term) != string(w.Term) || g.Frequency() != w.Frequency() || len(g.Locations) != 0 {
				return fmt.Errorf("%s: term %q: %q ×%d, the analyzer gives %q ×%d", c.field, k, g.Term, g.Frequency(), w.Term, w.Frequency())
			}
		}
	}
	// The restoration statistics: the syllables and pairs the shipped
	// model's counter finds in the same text.
	want := map[string]int{}
	countRestoreTerms(want, txt, 1)
	got := map[string]int{}
	for w, n := range b.stats.uni {
		got[w] = int(n)
	}
	for p, n := range b.stats.pair {
		got[p] = int(n)
	}
	if len(got) != len(want) {
		return fmt.Errorf("restoration statistics: %d spellings, the model's counter finds %d", len(got), len(want))
	}
	for w, n := range want {
		if got[w] != n {
			return fmt.Errorf("restoration statistics: %q ×%d, the model's counter finds ×%d", w, got[w], n)
		}
	}
	for f, sp := range b.stats.spell {
		for _, w := range sp {
			if foldString(w) != f || b.stats.uni[w] == 0 {
				return fmt.Errorf("restoration statistics: spelling %q under %q", w, f)
			}
		}
	}
	return nil
}

func FuzzBodyAnalysis(f *testing.F) {
	for _, s := range bodyTexts {
		f.Add(s)
	}
	m, err := newMapping()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if err := compareBody(m.AnalyzerNamed, text); err != nil {
			t.Error(err)
		}
	})
}
