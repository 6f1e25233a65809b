// Package mnistnorm puts a digit image into the form of the MNIST database
// (LeCun, Cortes, Burges, "The MNIST database of handwritten digits": each
// digit "size normalized to fit in a 20x20 pixel box while preserving their
// aspect ratio", then "centered in a 28x28 image by computing the center of
// mass of the pixels"). The trainer and the reader both call Normalize, so
// the classifier sees scanned digits exactly as it saw its training digits.
package mnistnorm

import "math"

// Side is the side of a normalised image; Box the side of the box the digit
// is scaled into.
const (
	Side = 28
	Box  = 20
)

// inkFloor is the ink level below which a pixel is paper when the bounding
// box is measured: MNIST's anti-aliased rims go down to a few percent.
const inkFloor = 0.05

// Normalize maps an ink image (w*h values in 0..1, 1 = full ink, row-major)
// to a 28x28 MNIST image. ok is false when there is no ink.
func Normalize(ink []float32, w, h int) (out [Side * Side]float32, ok bool) {
	if w <= 0 || h <= 0 || len(ink) < w*h {
		return out, false
	}
	x0, y0, x1, y1 := w, h, -1, -1
	var mass, mx, my float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := ink[y*w+x]
			if v <= inkFloor {
				continue
			}
			x0, y0 = min(x0, x), min(y0, y)
			x1, y1 = max(x1, x), max(y1, y)
			mass += float64(v)
			mx += float64(v) * (float64(x) + 0.5)
			my += float64(v) * (float64(y) + 0.5)
		}
	}
	if x1 < 0 {
		return out, false
	}
	bw, bh := float64(x1-x0+1), float64(y1-y0+1)
	s := Box / math.Max(bw, bh)
	cx, cy := mx/mass, my/mass
	// k*k samples per output pixel: enough to average every source pixel
	// under it when shrinking (area filter), bilinear when enlarging.
	k := int(math.Ceil(2 / s))
	k = max(2, min(k, 12))
	inv := 1 / float64(k)
	for Y := 0; Y < Side; Y++ {
		for X := 0; X < Side; X++ {
			var sum float64
			for sy := 0; sy < k; sy++ {
				for sx := 0; sx < k; sx++ {
					tx := float64(X) + (float64(sx)+0.5)*inv
					ty := float64(Y) + (float64(sy)+0.5)*inv
					sum += bilinear(ink, w, h, (tx-Side/2)/s+cx-0.5, (ty-Side/2)/s+cy-0.5)
				}
			}
			out[Y*Side+X] = float32(math.Min(1, sum*inv*inv))
		}
	}
	return out, true
}

// bilinear samples ink at (x, y) in pixel-centre coordinates; outside is paper.
func bilinear(ink []float32, w, h int, x, y float64) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int(fx), int(fy)
	ax, ay := x-fx, y-fy
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return float64(ink[y*w+x])
	}
	return (1-ay)*((1-ax)*at(ix, iy)+ax*at(ix+1, iy)) + ay*((1-ax)*at(ix, iy+1)+ax*at(ix+1, iy+1))
}

// StrokeWidth estimates the pen width of a binary mask (true = ink) in
// pixels as 2*area/perimeter: a stroke of width t and length L has area tL
// and a rim of about 2L.
func StrokeWidth(mask []bool, w, h int) float64 {
	area, rim := 0, 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if !mask[y*w+x] {
				continue
			}
			area++
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				nx, ny := x+d[0], y+d[1]
				if nx < 0 || ny < 0 || nx >= w || ny >= h || !mask[ny*w+nx] {
					rim++
				}
			}
		}
	}
	if rim == 0 {
		return 0
	}
	return 2 * float64(area) / float64(rim)
}
