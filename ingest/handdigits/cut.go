package handdigits

import (
	"image"
	"math"
	"slices"
)

const (
	// mayTouch is the width/height above which a mark may be two touching
	// digits: two narrow digits side by side (a 1 and a 0) start there,
	// while half of MNIST's single digits are narrower than 0.75.
	mayTouch = 0.9
	// mustTouch is the width/height above which a mark is cut whatever the
	// classifier says: 99% of MNIST training digits are narrower (the
	// measurement is in docs/benchmarks/handdigits.md).
	mustTouch = 1.43
	// digitAspect is the width of one digit of a run in heights, used to
	// guess where the first digit of a wide mark ends (MNIST's median).
	digitAspect = 0.75
	// sureDigit is the confidence above which a whole mark is not cut:
	// on held-out MNIST digits read at 0.9 or more, errors are under 0.2%.
	sureDigit = 0.9
	// maxCuts bounds the recursion: a run of touching digits has at most
	// this many cuts.
	maxCuts = 5
)

// join decides whether two tall marks that overlap in x are one digit:
// they are two when the classifier is sure of each (a 1 and a 7 written
// close); otherwise one when it is surer of the union than of the weaker
// piece (the two strokes of a 4).
func (r *Reader) join(a, b *blob, w int) bool {
	da, oka := r.classify(a, w)
	db, okb := r.classify(b, w)
	if !oka || !okb {
		return true
	}
	weaker := min(da.Confidence, db.Confidence)
	if weaker >= sureDigit {
		return false
	}
	u := &blob{box: a.box.Union(b.box), px: append(slices.Clone(a.px), b.px...)}
	du, ok := r.classify(u, w)
	return ok && du.Confidence > weaker
}

// readMark classifies a mark, cutting it when it is two or more touching
// digits: always when it is wider than nearly every single digit
// (mustTouch); when it may be two digits (wider than mayTouch), only if the
// classifier is sure of every part and the parts together are at least as
// likely as the whole (segmentation by recognition). A network is often
// fairly confident of half a digit (half a 3 reads as a 9), so the parts
// must each be sure. The rule was chosen on synthetic runs of MNIST
// training digits (docs/benchmarks/handdigits.md).
func (r *Reader) readMark(b *blob, w int, depth int) []Digit {
	whole, ok := r.classify(b, w)
	aspect := float64(b.box.Dx()) / float64(b.box.Dy())
	if aspect <= mayTouch || depth >= maxCuts {
		if !ok {
			return nil
		}
		return []Digit{whole}
	}
	k := max(2, int(math.Round(aspect/digitAspect)))
	left, right := cutFirst(b, w, k)
	if left == nil {
		if !ok {
			return nil
		}
		return []Digit{whole}
	}
	// The left part is one digit by construction (the cut was placed
	// where the first of k digits ends); only the rest may hold more. So
	// a mark costs at most 2*maxCuts+1 classifications, not 2^maxCuts.
	first, ok1 := r.classify(left, w)
	var parts []Digit
	if ok1 {
		parts = append(parts, first)
	}
	parts = append(parts, r.readMark(right, w, depth+1)...)
	if aspect > mustTouch || !ok {
		return parts
	}
	// Parts win when each is sure and together (the product of their
	// probabilities) they are at least as likely as the whole.
	least, joint := 1.0, 1.0
	for _, d := range parts {
		least = min(least, d.Confidence)
		joint *= d.Confidence
	}
	if len(parts) >= 2 && least >= sureDigit && joint >= whole.Confidence {
		return parts
	}
	return []Digit{whole}
}

// cutFirst separates the first of about k touching digits from the rest
// along a top-to-bottom path through the least ink, moving at most one
// column a row so it can follow italic slant, near the column where the
// first digit should end. It returns nil when a part would be a sliver
// (less than a third of the mark's height): that is a stroke, not a digit.
func cutFirst(b *blob, w int, k int) (left, right *blob) {
	bw, bh := b.box.Dx(), b.box.Dy()
	ink := make([]bool, bw*bh)
	for _, p := range b.px {
		ink[(p/w-b.box.Min.Y)*bw+p%w-b.box.Min.X] = true
	}
	ideal := float64(bw) / float64(k)
	lo := max(1, int(ideal-ideal/2))
	hi := min(bw-1, int(ideal+ideal/2))
	if lo >= hi {
		return nil, nil
	}
	// cost[y][x]: ink crossed by the best path from the top to (x, y), plus
	// a slight pull toward the ideal column so flat ties fall near it.
	n := hi - lo + 1
	cost := make([]float64, bh*n)
	from := make([]int8, bh*n)
	at := func(x, y int) float64 {
		c := math.Abs(float64(x)-ideal) * 1e-3
		if ink[y*bw+x] {
			c++
		}
		return c
	}
	for i := 0; i < n; i++ {
		cost[i] = at(lo+i, 0)
	}
	for y := 1; y < bh; y++ {
		for i := 0; i < n; i++ {
			best, bd := math.Inf(1), int8(0)
			for d := -1; d <= 1; d++ {
				if j := i + d; j >= 0 && j < n && cost[(y-1)*n+j] < best {
					best, bd = cost[(y-1)*n+j], int8(d)
				}
			}
			cost[y*n+i] = best + at(lo+i, y)
			from[y*n+i] = bd
		}
	}
	end := 0
	for i := 1; i < n; i++ {
		if cost[(bh-1)*n+i] < cost[(bh-1)*n+end] {
			end = i
		}
	}
	path := make([]int, bh)
	for y, i := bh-1, end; y >= 0; y-- {
		path[y] = lo + i
		i += int(from[y*n+i])
	}
	left, right = &blob{}, &blob{}
	for _, p := range b.px {
		if p%w-b.box.Min.X < path[p/w-b.box.Min.Y] {
			left.px = append(left.px, p)
		} else {
			right.px = append(right.px, p)
		}
	}
	for _, part := range []*blob{left, right} {
		if len(part.px) == 0 {
			return nil, nil
		}
		part.box = bounds(part.px, w)
		if 3*part.box.Dy() < bh {
			return nil, nil
		}
	}
	return left, right
}

func bounds(px []int, w int) image.Rectangle {
	x0, y0, x1, y1 := math.MaxInt, math.MaxInt, -1, -1
	for _, p := range px {
		x, y := p%w, p/w
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return image.Rect(x0, y0, x1+1, y1+1)
}
