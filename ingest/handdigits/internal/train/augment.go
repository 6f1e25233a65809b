package main

import (
	"math"
	"math/rand/v2"
)

// canvas is the side of the image a 28x28 digit is distorted into, large
// enough that rotation, shear and scaling never cut the digit.
const canvas = 44

// field is one smooth random displacement field for elastic distortion
// (Simard, Steinkraus, Platt, "Best practices for convolutional neural
// networks applied to visual document analysis", ICDAR 2003: uniform random
// displacements smoothed by a Gaussian of sigma 4 and scaled by alpha 34 for
// 28x28 digits).
type field struct{ dx, dy []float64 }

func newFields(rng *rand.Rand, n int) []field {
	const sigma = 4.0
	fs := make([]field, n)
	for i := range fs {
		fs[i] = field{smooth(rng, sigma), smooth(rng, sigma)}
	}
	return fs
}

// smooth returns a canvas-sized uniform(-1,1) field blurred by a Gaussian.
func smooth(rng *rand.Rand, sigma float64) []float64 {
	n := canvas * canvas
	a := make([]float64, n)
	for i := range a {
		a[i] = rng.Float64()*2 - 1
	}
	r := int(3 * sigma)
	k := make([]float64, 2*r+1)
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
	}
	tmp := make([]float64, n)
	for y := 0; y < canvas; y++ {
		for x := 0; x < canvas; x++ {
			var s, w float64
			for i, kv := range k {
				if xx := x + i - r; xx >= 0 && xx < canvas {
					s += kv * a[y*canvas+xx]
					w += kv
				}
			}
			tmp[y*canvas+x] = s / w
		}
	}
	out := make([]float64, n)
	var m float64
	for y := 0; y < canvas; y++ {
		for x := 0; x < canvas; x++ {
			var s, w float64
			for i, kv := range k {
				if yy := y + i - r; yy >= 0 && yy < canvas {
					s += kv * tmp[yy*canvas+x]
					w += kv
				}
			}
			out[y*canvas+x] = s / w
			m = math.Max(m, math.Abs(out[y*canvas+x]))
		}
	}
	// Unit peak, so alpha is the largest displacement in pixels.
	for i := range out {
		out[i] /= m
	}
	return out
}

// distort draws src (28x28) into a canvas through a random affine map
// (rotation, slant, aspect, size), an elastic field, pen-width change and,
// half of the time, the hard threshold the reader applies to scans.
func distort(rng *rand.Rand, src []float32, fields []field) []float32 {
	rot := (rng.Float64()*2 - 1) * 15 * math.Pi / 180
	shear := (rng.Float64()*2 - 1) * 0.4
	sx := 0.8 + rng.Float64()*0.4
	sy := 0.85 + rng.Float64()*0.3
	// Forward map A = R * Shear * Scale; sample through its inverse.
	c, s := math.Cos(rot), math.Sin(rot)
	a00, a01 := sx*c, sy*(c*shear-s)
	a10, a11 := sx*s, sy*(s*shear+c)
	det := a00*a11 - a01*a10
	i00, i01, i10, i11 := a11/det, -a01/det, -a10/det, a00/det
	var fl *field
	alpha := 0.0
	if rng.Float64() < 0.7 {
		fl = &fields[rng.IntN(len(fields))]
		alpha = 1 + rng.Float64()*2.5
	}
	out := make([]float32, canvas*canvas)
	const half = canvas / 2.0
	for y := 0; y < canvas; y++ {
		for x := 0; x < canvas; x++ {
			px, py := float64(x)+0.5-half, float64(y)+0.5-half
			if fl != nil {
				px += alpha * fl.dx[y*canvas+x]
				py += alpha * fl.dy[y*canvas+x]
			}
			u := i00*px + i01*py + 14 - 0.5
			v := i10*px + i11*py + 14 - 0.5
			out[y*canvas+x] = float32(sample(src, u, v))
		}
	}
	switch r := rng.Float64(); {
	case r < 0.25:
		out = dilate(out, float32(0.4+rng.Float64()*0.6))
	case r < 0.45:
		out = erode(out, float32(0.3+rng.Float64()*0.4))
	}
	if rng.Float64() < 0.5 {
		t := float32(0.3 + rng.Float64()*0.3)
		for i, v := range out {
			if v > t {
				out[i] = 1
			} else {
				out[i] = 0
			}
		}
	}
	return out
}

func sample(src []float32, x, y float64) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int(fx), int(fy)
	ax, ay := x-fx, y-fy
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= 28 || y >= 28 {
			return 0
		}
		return float64(src[y*28+x])
	}
	return (1-ay)*((1-ax)*at(ix, iy)+ax*at(ix+1, iy)) + ay*((1-ax)*at(ix, iy+1)+ax*at(ix+1, iy+1))
}

// dilate thickens strokes by about a pixel: each pixel takes at least a
// times its strongest 4-neighbour (a < 1 gives a soft rim, as a wider pen
// scanned would).
func dilate(in []float32, a float32) []float32 {
	out := make([]float32, len(in))
	for y := 0; y < canvas; y++ {
		for x := 0; x < canvas; x++ {
			v := in[y*canvas+x]
			m := neighbours(in, x, y, func(p, q float32) float32 { return max(p, q) }, 0)
			out[y*canvas+x] = max(v, a*m)
		}
	}
	return out
}

// erode thins strokes: a pixel keeps at most its weakest 4-neighbour plus b,
// so a stroke one or two pixels wide fades but does not vanish.
func erode(in []float32, b float32) []float32 {
	out := make([]float32, len(in))
	for y := 0; y < canvas; y++ {
		for x := 0; x < canvas; x++ {
			v := in[y*canvas+x]
			m := neighbours(in, x, y, func(p, q float32) float32 { return min(p, q) }, 1)
			out[y*canvas+x] = min(v, m+b)
		}
	}
	return out
}

func neighbours(in []float32, x, y int, f func(p, q float32) float32, init float32) float32 {
	m := init
	for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
		nx, ny := x+d[0], y+d[1]
		v := float32(0)
		if nx >= 0 && ny >= 0 && nx < canvas && ny < canvas {
			v = in[ny*canvas+nx]
		}
		m = f(m, v)
	}
	return m
}

// notOneDigit draws a mark the reader must not take for a digit: two
// distorted training digits side by side with their strokes touching or
// crossing (60%), or the left or right 30-70% of one (40%), the two ways a
// mark is wrong when touching digits are merged or cut in the wrong place.
func notOneDigit(r *rand.Rand, s set, fields []field) ([]float32, int, int) {
	a := distort(r, s.img[r.IntN(len(s.img))], fields)
	ax0, ax1 := inkColumns(a)
	if r.Float64() < 0.6 {
		b := distort(r, s.img[r.IntN(len(s.img))], fields)
		bx0, _ := inkColumns(b)
		// b's first ink column lands 1 to 5 pixels left of a's last:
		// touching or crossing strokes.
		dx := ax1 - (1 + r.IntN(5)) - bx0
		w := 2 * canvas
		out := make([]float32, w*canvas)
		for y := 0; y < canvas; y++ {
			for x := 0; x < canvas; x++ {
				out[y*w+x] = a[y*canvas+x]
				if X := x + dx; X >= 0 && X < w {
					out[y*w+X] = max(out[y*w+X], b[y*canvas+x])
				}
			}
		}
		return out, w, canvas
	}
	cut := ax0 + int(float64(ax1-ax0+1)*(0.3+0.4*r.Float64()))
	left := r.IntN(2) == 0
	for y := 0; y < canvas; y++ {
		for x := 0; x < canvas; x++ {
			if (left && x >= cut) || (!left && x < cut) {
				a[y*canvas+x] = 0
			}
		}
	}
	return a, canvas, canvas
}

// inkColumns is the first and last column with ink of a canvas image.
func inkColumns(img []float32) (int, int) {
	x0, x1 := canvas, -1
	for p, v := range img {
		if v > 0.3 {
			x0, x1 = min(x0, p%canvas), max(x1, p%canvas)
		}
	}
	if x1 < 0 {
		return 0, canvas - 1
	}
	return x0, x1
}
