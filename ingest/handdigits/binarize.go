package handdigits

import (
	"image"
	"image/color"
)

// toGray copies img into a row-major slice of 8-bit gray levels.
func toGray(img image.Image) ([]uint8, int, int) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := make([]uint8, w*h)
	if gi, ok := img.(*image.Gray); ok {
		for y := 0; y < h; y++ {
			copy(g[y*w:(y+1)*w], gi.Pix[gi.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		return g, w, h
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g[y*w+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
		}
	}
	return g, w, h
}

// otsu returns the threshold that maximises the between-class variance of
// the gray histogram (N. Otsu, "A threshold selection method from
// gray-level histograms", IEEE SMC 1979); ink is gray <= threshold. spread
// is the distance between the darkest 0.2% and the median level (the
// paper), which tells blank paper (a few levels of scanner noise) from paper
// with a stroke of ink.
func otsu(g []uint8) (threshold uint8, spread int) {
	var hist [256]int
	for _, v := range g {
		hist[v]++
	}
	total := len(g)
	var sum float64
	for i, c := range hist {
		sum += float64(i * c)
	}
	var sumB, best float64
	wB := 0
	for t := 0; t < 256; t++ {
		wB += hist[t]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB := sumB / float64(wB)
		mF := (sum - sumB) / float64(wF)
		v := float64(wB) * float64(wF) * (mB - mF) * (mB - mF)
		if v > best {
			best, threshold = v, uint8(t)
		}
	}
	lo, hi, acc := -1, 0, 0
	for i, c := range hist {
		acc += c
		if lo < 0 && acc*1000 >= total*2 {
			lo = i
		}
		if acc*2 <= total {
			hi = i
		}
	}
	return threshold, hi - lo
}
