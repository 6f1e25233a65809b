package handdigits

import (
	"image"
	"slices"
)

// blob is a set of ink pixels taken as one mark: a connected component, the
// pieces of one digit merged, or one part of a split blob.
type blob struct {
	box image.Rectangle // in region coordinates
	px  []int           // indices y*w+x of its pixels
}

func (b *blob) add(o *blob) {
	b.box = b.box.Union(o.box)
	b.px = append(b.px, o.px...)
}

// components labels the 8-connected components of mask.
func components(mask []bool, w, h int) []*blob {
	seen := make([]bool, len(mask))
	var out []*blob
	var stack []int
	for start, on := range mask {
		if !on || seen[start] {
			continue
		}
		b := &blob{}
		seen[start] = true
		stack = append(stack[:0], start)
		x0, y0, x1, y1 := w, h, -1, -1
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b.px = append(b.px, p)
			x, y := p%w, p/w
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					if q := ny*w + nx; mask[q] && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
		b.box = image.Rect(x0, y0, x1+1, y1+1)
		out = append(out, b)
	}
	return out
}

// xOverlap is how many columns a and b share.
func xOverlap(a, b image.Rectangle) int {
	return max(0, min(a.Max.X, b.Max.X)-max(a.Min.X, b.Min.X))
}

// segment turns the components of a region into digit candidates, left to
// right, before touching digits are cut (cut.go). Marks are "tall" when at
// least tallShare of the tallest mark's height; short marks (the flag of a
// 5, a dot of an i or a colon, specks) join the tall mark they mostly
// overlap in x, or are dropped. Two tall marks that mostly overlap in x may
// be pieces of one digit (a 4 drawn in two strokes) or two digits written
// close (a 1 leaning into a 7): join decides, and is asked only when the
// union is no wider than a digit.
func segment(comps []*blob, minHeight int, join func(a, b *blob) bool) []*blob {
	const (
		tallShare    = 0.45
		pieceOverlap = 0.5
		// maxAspect bounds the width/height of two strokes merged into
		// one digit: 99% of MNIST training digits are narrower than
		// 1.43 heights (docs/benchmarks/handdigits.md).
		maxAspect = 1.43
	)
	hmax := 0
	for _, c := range comps {
		hmax = max(hmax, c.box.Dy())
	}
	if hmax < minHeight {
		return nil
	}
	var tall, short []*blob
	for _, c := range comps {
		if float64(c.box.Dy()) >= tallShare*float64(hmax) && c.box.Dy() >= minHeight {
			tall = append(tall, c)
		} else {
			short = append(short, c)
		}
	}
	slices.SortFunc(tall, func(a, b *blob) int { return a.box.Min.X - b.box.Min.X })
	// Attach short marks first, so a piece is judged with its flags.
	for _, s := range short {
		var best *blob
		bestOv := 0
		for _, m := range tall {
			if ov := xOverlap(s.box, m.box); ov > bestOv {
				best, bestOv = m, ov
			}
		}
		if best == nil || float64(bestOv) < pieceOverlap*float64(s.box.Dx()) {
			continue
		}
		// Only marks near the digit: a speck far above or below is dirt.
		gap := max(best.box.Min.Y-s.box.Max.Y, s.box.Min.Y-best.box.Max.Y)
		if float64(gap) > 0.25*float64(best.box.Dy()) {
			continue
		}
		best.add(s)
	}
	var merged []*blob
	for _, c := range tall {
		if n := len(merged); n > 0 {
			last := merged[n-1]
			narrow := min(last.box.Dx(), c.box.Dx())
			u := last.box.Union(c.box)
			if float64(xOverlap(last.box, c.box)) >= pieceOverlap*float64(narrow) && float64(u.Dx()) <= maxAspect*float64(u.Dy()) && join(last, c) {
				last.add(c)
				continue
			}
		}
		merged = append(merged, c)
	}
	return merged
}
