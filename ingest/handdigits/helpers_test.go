package handdigits

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sample is one MNIST test digit from testdata.
type sample struct {
	name  string
	label int
	img   *image.Gray
}

func loadSamples(t testing.TB) []sample {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "mnist_t10k_*.png"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no MNIST samples in testdata: %v", err)
	}
	var out []sample
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".png")
		label, err := strconv.Atoi(base[len(base)-1:])
		if err != nil {
			t.Fatalf("%s: no label in name", f)
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		g := image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		out = append(out, sample{base, label, g})
	}
	return out
}

// enlarge scales a digit k times with bilinear interpolation, as a pen
// digit 28*k pixels tall looks at 300 dpi.
func enlarge(src *image.Gray, k int) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx()*k, b.Dy()*k
	dst := image.NewGray(image.Rect(0, 0, w, h))
	at := func(x, y int) float64 {
		x = max(0, min(b.Dx()-1, x))
		y = max(0, min(b.Dy()-1, y))
		return float64(src.GrayAt(b.Min.X+x, b.Min.Y+y).Y)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx := (float64(x)+0.5)/float64(k) - 0.5
			fy := (float64(y)+0.5)/float64(k) - 0.5
			ix, iy := int(fx+1)-1, int(fy+1)-1
			ax, ay := fx-float64(ix), fy-float64(iy)
			v := (1-ay)*((1-ax)*at(ix, iy)+ax*at(ix+1, iy)) + ay*((1-ax)*at(ix, iy+1)+ax*at(ix+1, iy+1))
			dst.SetGray(x, y, color.Gray{uint8(v + 0.5)})
		}
	}
	return dst
}

// paper is a white page of w x h.
func paper(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(g, g.Bounds(), image.NewUniform(color.Gray{255}), image.Point{}, draw.Src)
	return g
}

// stamp darkens dst with src placed at (x, y): ink adds like a pen on paper.
func stamp(dst, src *image.Gray, x, y int) {
	b := src.Bounds()
	for sy := 0; sy < b.Dy(); sy++ {
		for sx := 0; sx < b.Dx(); sx++ {
			p := image.Pt(x+sx, y+sy)
			if !p.In(dst.Bounds()) {
				continue
			}
			v := src.GrayAt(b.Min.X+sx, b.Min.Y+sy).Y
			if v < dst.GrayAt(p.X, p.Y).Y {
				dst.SetGray(p.X, p.Y, color.Gray{v})
			}
		}
	}
}

// byLabel returns the first sample of each digit.
func byLabel(ss []sample) map[int]sample {
	m := map[int]sample{}
	for _, s := range ss {
		if _, ok := m[s.label]; !ok {
			m[s.label] = s
		}
	}
	return m
}
