package mnistnorm

import (
	"math"
	"testing"
)

// TestNormalize: a 10x40 bar becomes 5x20 (aspect kept) with its centre of
// mass at the centre of the 28x28 image.
func TestNormalize(t *testing.T) {
	w, h := 60, 80
	ink := make([]float32, w*h)
	for y := 20; y < 60; y++ {
		for x := 5; x < 15; x++ {
			ink[y*w+x] = 1
		}
	}
	out, ok := Normalize(ink, w, h)
	if !ok {
		t.Fatal("no ink")
	}
	var mass, mx, my float64
	x0, y0, x1, y1 := Side, Side, -1, -1
	for i, v := range out {
		x, y := i%Side, i/Side
		mass += float64(v)
		mx += float64(v) * (float64(x) + 0.5)
		my += float64(v) * (float64(y) + 0.5)
		if v > 0.5 {
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
		}
	}
	if cx, cy := mx/mass, my/mass; math.Abs(cx-14) > 0.3 || math.Abs(cy-14) > 0.3 {
		t.Errorf("centre of mass (%.2f, %.2f), want (14, 14)", cx, cy)
	}
	if bw, bh := x1-x0+1, y1-y0+1; bh != Box || bw < 4 || bw > 6 {
		t.Errorf("box %dx%d, want 5x20", bw, bh)
	}
	if math.Abs(mass-100) > 3 {
		t.Errorf("ink %.1f, want about 100 (5x20)", mass)
	}
	if _, ok := Normalize(make([]float32, 4), 2, 2); ok {
		t.Error("blank image normalised")
	}
	if _, ok := Normalize(nil, 3, 3); ok {
		t.Error("short slice normalised")
	}
}

func TestStrokeWidth(t *testing.T) {
	w, h := 50, 50
	mask := make([]bool, w*h)
	for y := 5; y < 45; y++ {
		for x := 10; x < 14; x++ {
			mask[y*w+x] = true
		}
	}
	if sw := StrokeWidth(mask, w, h); math.Abs(sw-4) > 0.5 {
		t.Errorf("stroke width %.2f, want about 4", sw)
	}
}
