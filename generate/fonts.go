package generate

import (
	"fmt"
	"math"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// fontFamily is the name the custom font is registered under in maroto.
// Liberation Serif has the metrics of Times New Roman, the face Nghị định
// 30/2020/NĐ-CP, Phụ lục I, I.4 prescribes; maroto's built-in fonts are
// Latin-1 only and turn Vietnamese letters into dots.
const fontFamily = "liberationserif"

// style is one of the four faces of the family.
type style uint8

const (
	regular style = iota
	bold
	italic
	boldItalic
)

func (s style) maroto() fontstyle.Type {
	return [...]fontstyle.Type{fontstyle.Normal, fontstyle.Bold, fontstyle.Italic, fontstyle.BoldItalic}[s]
}

func (s style) withBold() style   { return s | bold }
func (s style) withItalic() style { return s | italic }

// face holds one font's advance widths in thousandths of an em, rounded the
// way gofpdf rounds the /W array it writes, so a line measured here is the
// line a viewer draws.
type face struct {
	ttf   []byte
	font  *sfnt.Font
	upem  float64
	gid   [0x2100]uint16 // glyph index of U+0000..U+20FF
	fast  [0x2100]int32  // widths of U+0000..U+20FF, +1 (0 = not computed), filled in New: read without locks
	mu    sync.RWMutex
	width map[rune]int // the rest, filled on demand
	pool  sync.Pool    // *sfnt.Buffer: sfnt.Font is safe for concurrent use with distinct buffers
}

// metrics are the four faces, parsed once per Generator.
type metrics struct {
	faces  [4]*face
	copies sync.Pool // *[4][]byte: per-document copies of the TTF bytes for gofpdf
}

func loadMetrics() (*metrics, error) {
	m := &metrics{}
	for i, ttf := range [4][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("generate: parse Liberation Serif face %d: %w", i, err)
		}
		fc := &face{ttf: ttf, font: f, upem: float64(f.UnitsPerEm()), width: map[rune]int{}}
		fc.pool.New = func() any { return new(sfnt.Buffer) }
		// Every letter Vietnamese text uses is below U+2100: measure them
		// once, so that layout reads widths without locking.
		buf := new(sfnt.Buffer)
		for r := rune(0); r < rune(len(fc.fast)); r++ {
			fc.fast[r] = int32(fc.compute(r)) + 1
			if gi, err := f.GlyphIndex(buf, r); err == nil {
				fc.gid[r] = uint16(gi)
			}
		}
		m.faces[i] = fc
	}
	return m, nil
}

func (f *face) compute(r rune) int {
	buf := f.pool.Get().(*sfnt.Buffer)
	defer f.pool.Put(buf)
	gi, err := f.font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		gi = 0
	}
	adv, err := f.font.GlyphAdvance(buf, gi, fixed.Int26_6(f.font.UnitsPerEm())<<6, font.HintingNone)
	if err != nil {
		return 0
	}
	return int(math.Round(float64(adv) / 64 * 1000 / f.upem))
}

func (f *face) runeWidth(r rune) int {
	if r >= 0 && r < rune(len(f.fast)) {
		return int(f.fast[r]) - 1
	}
	f.mu.RLock()
	w, ok := f.width[r]
	f.mu.RUnlock()
	if ok {
		return w
	}
	w = f.compute(r)
	f.mu.Lock()
	f.width[r] = w
	f.mu.Unlock()
	return w
}

// Width is the width of s in millimetres at size points.
func (m *metrics) Width(s string, st style, size float64) float64 {
	f := m.faces[st]
	w := 0
	for _, r := range s {
		w += f.runeWidth(r)
	}
	return float64(w) * size / 1000 * ptToMM
}

// customFonts lists the faces for maroto's config. gofpdf writes into the
// font bytes it is given (its table checksum appends padding to sub-slices
// of them), so documents rendered at the same time must not share them:
// each takes a private copy from a pool and gives it back when done.
func (m *metrics) customFonts() ([]*entity.CustomFont, func()) {
	set, _ := m.copies.Get().(*[4][]byte)
	if set == nil {
		set = new([4][]byte)
		for i, f := range m.faces {
			set[i] = append([]byte(nil), f.ttf...)
		}
	}
	out := make([]*entity.CustomFont, 4)
	for i := range m.faces {
		out[i] = &entity.CustomFont{Family: fontFamily, Style: style(i).maroto(), Bytes: set[i]}
	}
	return out, func() { m.copies.Put(set) }
}

const ptToMM = 25.4 / 72
