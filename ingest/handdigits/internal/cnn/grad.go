package cnn

import "math"

// Grad accumulates the cross-entropy gradient of a mini-batch; its slices
// mirror Net's.
type Grad struct {
	W1, B1, W2, B2, W3, B3, W4, B4 []float32
	Loss                           float64
}

// NewGrad returns a zero gradient shaped like n.
func (n *Net) NewGrad() *Grad {
	m := NewNet(n.C1, n.C2, n.H, n.Out)
	return &Grad{W1: m.W1, B1: m.B1, W2: m.W2, B2: m.B2, W3: m.W3, B3: m.B3, W4: m.W4, B4: m.B4}
}

// Slices lists the parameter slices in a fixed order (weights, then their
// biases), pairing Net and Grad for the optimiser.
func (n *Net) Slices() [][]float32 {
	return [][]float32{n.W1, n.B1, n.W2, n.B2, n.W3, n.B3, n.W4, n.B4}
}

// Slices lists g's slices in Net.Slices order.
func (g *Grad) Slices() [][]float32 {
	return [][]float32{g.W1, g.B1, g.W2, g.B2, g.W3, g.B3, g.W4, g.B4}
}

// Zero clears g.
func (g *Grad) Zero() {
	for _, s := range g.Slices() {
		clear(s)
	}
	g.Loss = 0
}

// Backprop runs x forward and adds the gradient of -log P[label] to g.
func (n *Net) Backprop(x []float32, label int, a *Acts, g *Grad) {
	n.Forward(x, a)
	g.Loss -= math.Log(math.Max(float64(a.P[label]), 1e-12))
	// Output layer.
	clear(a.dh)
	for c := 0; c < n.Out; c++ {
		d := a.P[c]
		if c == label {
			d--
		}
		g.B4[c] += d
		w := n.W4[c*n.H : (c+1)*n.H]
		gw := g.W4[c*n.H : (c+1)*n.H]
		for j, hv := range a.h {
			gw[j] += d * hv
			a.dh[j] += d * w[j]
		}
	}
	// Hidden layer.
	in := len(a.p2)
	clear(a.df)
	for j, hv := range a.h {
		if hv <= 0 {
			continue
		}
		d := a.dh[j]
		g.B3[j] += d
		w := n.W3[j*in : (j+1)*in]
		gw := g.W3[j*in : (j+1)*in]
		for i, v := range a.p2 {
			gw[i] += d * v
			a.df[i] += d * w[i]
		}
	}
	// Pool 2 and ReLU: the gradient goes to the winning cell, if positive.
	clear(a.da2)
	for i, d := range a.df {
		if j := a.i2[i]; j >= 0 {
			a.da2[j] += d
		}
	}
	clear(a.dp1)
	convBack(a.p1, n.C1, n.W2, n.C2, side2, a.da2, g.W2, g.B2, a.dp1)
	// Pool 1 and ReLU, then the first convolution (no input gradient).
	da1 := make([]float32, len(a.a1))
	for i, d := range a.dp1 {
		if j := a.i1[i]; j >= 0 {
			da1[j] += d
		}
	}
	convBack(a.x, 1, n.W1, n.C1, side, da1, g.W1, g.B1, nil)
}

// convBack adds the weight and bias gradients of conv for output gradient
// dout, and the input gradient to din unless it is nil.
func convBack(in []float32, cin int, w []float32, cout, s int, dout, gw, gb, din []float32) {
	for co := 0; co < cout; co++ {
		do := dout[co*s*s : (co+1)*s*s]
		var bsum float32
		for _, d := range do {
			bsum += d
		}
		gb[co] += bsum
		for ci := 0; ci < cin; ci++ {
			m := in[ci*s*s : (ci+1)*s*s]
			var dm []float32
			if din != nil {
				dm = din[ci*s*s : (ci+1)*s*s]
			}
			base := (co*cin + ci) * kk
			for ky := 0; ky < k; ky++ {
				for kx := 0; kx < k; kx++ {
					dy, dx := ky-pad, kx-pad
					wv := w[base+ky*k+kx]
					var acc float32
					for y := max(0, -dy); y < min(s, s-dy); y++ {
						row := do[y*s : (y+1)*s]
						src := m[(y+dy)*s : (y+dy+1)*s]
						x0, x1 := max(0, -dx), min(s, s-dx)
						for x := x0; x < x1; x++ {
							acc += row[x] * src[x+dx]
						}
						if dm != nil {
							dst := dm[(y+dy)*s : (y+dy+1)*s]
							for x := x0; x < x1; x++ {
								dst[x+dx] += row[x] * wv
							}
						}
					}
					gw[base+ky*k+kx] += acc
				}
			}
		}
	}
}
