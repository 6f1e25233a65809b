package pdftext

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"
)

func TestDebugDump(t *testing.T) {
	f := os.Getenv("PDFTEXT_DUMP")
	if f == "" {
		t.Skip()
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	o.OCR = os.Getenv("PDFTEXT_OCR") != ""
	res, err := Extract(context.Background(), bytesReaderAt(b), int64(len(b)), o)
	fmt.Printf("err=%v status=%s q=%.3f warn=%v\n", err, res.Status, res.Quality, res.Warnings)
	os.WriteFile(os.Getenv("PDFTEXT_OUT"), []byte(res.Text()), 0o644)
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, fmt.Errorf("eof")
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, fmt.Errorf("eof")
	}
	return n, nil
}

func TestDebugGlyphs(t *testing.T) {
	f := os.Getenv("PDFTEXT_GLYPHS")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	doc, err := open(bytesReaderAt(b), int64(len(b)), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	in := &interpreter{ctx: context.Background(), fonts: map[string]*font{}, maxGlyphs: 1 << 20}
	p := doc.pages[0]
	in.run(p.v.Key("Contents"), p.res, identity)
	for _, g := range in.glyphs[:min(len(in.glyphs), 80)] {
		fmt.Printf("%q x=%.2f y=%.2f w=%.2f size=%.2f font=%s code=%x\n", g.text, g.x, g.y, g.w, g.size, g.font.name, g.code)
	}
}

func TestDebugBlocks(t *testing.T) {
	f := os.Getenv("PDFTEXT_BLOCKS")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	doc, err := open(bytesReaderAt(b), int64(len(b)), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	in := &interpreter{ctx: context.Background(), fonts: map[string]*font{}, maxGlyphs: 1 << 20}
	p := doc.pages[0]
	in.run(p.v.Key("Contents"), p.res, identity)
	runAnnotations(in, p.v)
	for _, bl := range orderBlocks(buildBlocks(rows(in.glyphs))) {
		fmt.Printf("block x=%.1f-%.1f top=%.1f bottom=%.1f %q\n", bl.x0, bl.x1, bl.top, bl.bottom, bl.lines[0].text)
		for _, l := range bl.lines {
			fmt.Printf("   y=%.1f size=%.2f %q\n", l.y, l.size, l.text)
		}
	}
	annots := p.v.Key("Annots")
	for i := 0; i < annots.Len(); i++ {
		a := annots.Index(i)
		fmt.Println(a.Key("Subtype"), a.Key("Rect"), a.Key("AP").Key("N").Key("BBox"), a.Key("AP").Key("N").Key("Matrix"), a.Key("F"))
	}
}

func TestDebugBadTokens(t *testing.T) {
	f := os.Getenv("PDFTEXT_BAD")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	counts := map[string]int{}
	for _, w := range strings.Fields(string(b)) {
		for _, tk := range strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' || r == '–' }) {
			tk = strings.Trim(tk, tokenPunct)
			if tk == "" || isASCII(tk) || !strings.ContainsFunc(tk, unicode.IsLetter) {
				continue
			}
			if !validSyllable(strings.ToLower(tk)) {
				counts[tk]++
			}
		}
	}
	fmt.Println(counts)
}

func TestDebugPages(t *testing.T) {
	f := os.Getenv("PDFTEXT_PAGES")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	o := DefaultOptions()
	o.OCR = false
	res, _ := Extract(context.Background(), bytesReaderAt(b), int64(len(b)), o)
	for _, p := range res.Pages {
		if p.needsOCR {
			fmt.Printf("page %d q=%.2f %q\n", p.Number, p.Quality, p.Text[:min(200, len(p.Text))])
		}
	}
}

func TestDebugFonts(t *testing.T) {
	f := os.Getenv("PDFTEXT_FONTS")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	doc, _ := open(bytesReaderAt(b), int64(len(b)), DefaultOptions())
	in := &interpreter{ctx: context.Background(), fonts: map[string]*font{}, maxGlyphs: 1 << 22}
	per := map[string]string{}
	for _, p := range doc.pages {
		in.glyphs = in.glyphs[:0]
		in.run(p.v.Key("Contents"), p.res, identity)
		for _, g := range in.glyphs {
			if g.font.byName != legacyNone && len(per[g.font.name]) < 300 {
				per[g.font.name] += fmt.Sprintf("%s[%x]", g.text, g.code)
			}
		}
	}
	fmt.Println(per)
}
