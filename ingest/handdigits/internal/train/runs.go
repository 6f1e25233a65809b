package main

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"vanthu/ingest/handdigits"
)

// evalRuns measures the whole reader (segmentation, cutting, pen-width
// matching, classification) on runs of 1-4 held-out MNIST test digits
// written side by side on white paper at pen size (2x, digits about 40
// pixels tall), as in "Số: 2191". Gaps between digits are drawn from -6 to
// +14 pixels: below zero the strokes may touch. It reports how many runs
// are read exactly, and how many are kept and wrong at the confidence
// pdftext accepts.
func evalRuns(test set, n int, seed uint64, model []byte, minConf float64) error {
	cfg := handdigits.DefaultConfig()
	cfg.Model = model
	r, err := handdigits.New(cfg)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x72756e73))
	type tally struct{ runs, right, kept, keptWrong int }
	var all, touching, apart tally
	for i := 0; i < n; i++ {
		k := 1 + rng.IntN(4)
		var want []byte
		page := image.NewGray(image.Rect(0, 0, 40+k*80, 120))
		for p := range page.Pix {
			page.Pix[p] = 255
		}
		x := 20
		touch := false
		for d := 0; d < k; d++ {
			j := rng.IntN(len(test.img))
			want = append(want, byte('0'+test.label[j]))
			gap := rng.IntN(21) - 6
			if d > 0 && gap < 0 {
				touch = true
			}
			if d > 0 {
				x += gap
			}
			x = drawDigit(page, test.img[j], x, 20+rng.IntN(9)-4)
		}
		res, err := r.Read(page)
		got := ""
		conf := 0.0
		if err == nil {
			got, conf = res.String(), res.Confidence()
		}
		for _, t := range []*tally{&all, &touching, &apart} {
			if (t == &touching && !touch) || (t == &apart && touch) {
				continue
			}
			t.runs++
			if got == string(want) {
				t.right++
			}
			if conf >= minConf {
				t.kept++
				if got != string(want) {
					t.keptWrong++
				}
			}
		}
	}
	for _, t := range []struct {
		name string
		t    tally
	}{{"all runs", all}, {"runs with a negative gap (strokes may touch)", touching}, {"runs with digits apart", apart}} {
		fmt.Printf("  %s: %d, read exactly %.4f; kept at least-digit confidence >= %.2f: %.4f, wrong among kept %.4f\n",
			t.name, t.t.runs, float64(t.t.right)/float64(max(t.t.runs, 1)), minConf,
			float64(t.t.kept)/float64(max(t.t.runs, 1)), float64(t.t.keptWrong)/float64(max(t.t.kept, 1)))
	}
	return nil
}

// drawDigit writes a 28x28 digit, cut to its ink and enlarged 2x, with its
// left edge at x; it returns the x after its right edge.
func drawDigit(page *image.Gray, img []float32, x, y int) int {
	x0, x1 := 28, -1
	for p, v := range img {
		if v > 0.1 {
			x0, x1 = min(x0, p%28), max(x1, p%28)
		}
	}
	if x1 < 0 {
		return x
	}
	const s = 2
	for py := 0; py < 28*s; py++ {
		for px := 0; px < (x1-x0+1)*s; px++ {
			v := sample(img, float64(px)/s+float64(x0)-0.25, float64(py)/s-0.25)
			X, Y := x+px, y+py
			if !image.Pt(X, Y).In(page.Bounds()) {
				continue
			}
			g := uint8(255 - math.Min(1, v)*255)
			if g < page.GrayAt(X, Y).Y {
				page.SetGray(X, Y, color.Gray{g})
			}
		}
	}
	return x + (x1-x0+1)*s
}
