package pdftext

import (
	"image"
	"strings"
	"testing"

	"vanthu/ingest/handdigits"
)

// FuzzHandwriting feeds the handwriting pass arbitrary tesseract TSV and
// text over a synthetic header image: it must not panic (without the
// recover readHandwritten adds) and may only change the text with a
// warning.
func FuzzHandwriting(f *testing.F) {
	h := standard(f, "#", "575", "80", "20", "3", 95)
	f.Add(string(h.tsv()), h.text())
	g := newHeader()
	g.word("Số:", 100, 60, 95)
	g.word("01tháng", 1095, 240, 0)
	g.word("năm", 1400, 90, 96)
	g.word("2025", 1500, 100, 96)
	f.Add(string(g.tsv()), g.text())
	f.Add("5\t1\t1\t1\t1\t1\t-5\t99999999\t0\t0\tx\tSố:\n", "Số:")
	rd, err := handdigits.New(handdigits.DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	img := func() (image.Image, error) { return h.img, nil }
	f.Fuzz(func(t *testing.T, tsv, text string) {
		if len(tsv) > 1<<16 || len(text) > 1<<16 {
			return
		}
		words, height := tsvWords([]byte(tsv))
		out, warns := handwritingPass(1, text, words, height, img, rd)
		if out != text && len(warns) == 0 {
			t.Errorf("text changed without a warning")
		}
		for _, w := range warns {
			if !strings.HasPrefix(w, "page 1: ") {
				t.Errorf("warning %q does not name the page", w)
			}
		}
	})
}
