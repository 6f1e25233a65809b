// Package cnn is a small convolutional digit classifier in the shape of
// LeNet-5 (LeCun et al., "Gradient-based learning applied to document
// recognition", 1998), written with plain slices: 28x28 input, 5x5
// convolution to C1 maps, ReLU, 2x2 max-pool, 5x5 convolution to C2 maps,
// ReLU, 2x2 max-pool, a ReLU layer of H units and a softmax over Out
// classes: the 10 digits and, when Out is 11, "not one digit" (two touching
// digits, part of a digit), which lets the reader tell a mark to cut from
// a digit.
// Convolutions share weights across the image, so a stroke is recognised
// wherever the normalisation left it, which is what a perceptron on raw
// pixels lacks on pen digits that MNIST never showed it.
package cnn

import "math"

const (
	side  = 28
	k     = 5 // kernel side
	kk    = k * k
	pad   = k / 2
	side2 = side / 2 // after the first pool
	side3 = side / 4 // after the second pool
)

// Net holds the weights. W1 is C1 kernels; W2 is C2 x C1 kernels; W3 is H
// rows over the C2*7*7 pooled maps; W4 is Out rows over H.
type Net struct {
	C1, C2, H, Out int
	W1, B1, W2, B2 []float32
	W3, B3, W4, B4 []float32
}

// NewNet returns a net of the given widths with zero weights.
func NewNet(c1, c2, h, out int) *Net {
	return &Net{C1: c1, C2: c2, H: h, Out: out,
		W1: make([]float32, c1*kk), B1: make([]float32, c1),
		W2: make([]float32, c2*c1*kk), B2: make([]float32, c2),
		W3: make([]float32, h*c2*side3*side3), B3: make([]float32, h),
		W4: make([]float32, out*h), B4: make([]float32, out)}
}

// Acts holds the activations of one forward pass, kept for backprop.
type Acts struct {
	x        []float32
	a1, p1   []float32 // conv1 pre-activation (C1x28x28), pooled (C1x14x14)
	i1       []int32   // argmax of each pool1 cell
	a2, p2   []float32 // conv2 pre-activation (C2x14x14), pooled (C2x7x7)
	i2       []int32
	h        []float32 // hidden ReLU
	P        []float32 // softmax over the Out classes
	dp1, da2 []float32 // backprop scratch
	dh, df   []float32
}

// NewActs allocates the buffers for n.
func (n *Net) NewActs() *Acts {
	return &Acts{
		a1: make([]float32, n.C1*side*side), p1: make([]float32, n.C1*side2*side2), i1: make([]int32, n.C1*side2*side2),
		a2: make([]float32, n.C2*side2*side2), p2: make([]float32, n.C2*side3*side3), i2: make([]int32, n.C2*side3*side3),
		h: make([]float32, n.H), P: make([]float32, n.Out), dp1: make([]float32, n.C1*side2*side2), da2: make([]float32, n.C2*side2*side2),
		dh: make([]float32, n.H), df: make([]float32, n.C2*side3*side3),
	}
}

// conv computes out[co] = b[co] + sum over ci of in[ci] * w[co][ci], same
// padding, for maps of side s.
func conv(in []float32, cin int, w, b []float32, cout, s int, out []float32) {
	for co := 0; co < cout; co++ {
		o := out[co*s*s : (co+1)*s*s]
		for i := range o {
			o[i] = b[co]
		}
		for ci := 0; ci < cin; ci++ {
			m := in[ci*s*s : (ci+1)*s*s]
			kw := w[(co*cin+ci)*kk : (co*cin+ci+1)*kk]
			for ky := 0; ky < k; ky++ {
				for kx := 0; kx < k; kx++ {
					wv := kw[ky*k+kx]
					if wv == 0 {
						continue
					}
					dy, dx := ky-pad, kx-pad
					for y := max(0, -dy); y < min(s, s-dy); y++ {
						row := o[y*s : (y+1)*s]
						src := m[(y+dy)*s : (y+dy+1)*s]
						for x := max(0, -dx); x < min(s, s-dx); x++ {
							row[x] += wv * src[x+dx]
						}
					}
				}
			}
		}
	}
}

// pool takes the 2x2 max of ReLU(in) for c maps of side s.
func pool(in []float32, c, s int, out []float32, arg []int32) {
	h := s / 2
	for ch := 0; ch < c; ch++ {
		for y := 0; y < h; y++ {
			for x := 0; x < h; x++ {
				best, bi := float32(0), int32(-1)
				for dy := 0; dy < 2; dy++ {
					for dx := 0; dx < 2; dx++ {
						i := ch*s*s + (2*y+dy)*s + 2*x + dx
						if v := in[i]; v > best {
							best, bi = v, int32(i)
						}
					}
				}
				out[ch*h*h+y*h+x] = best
				arg[ch*h*h+y*h+x] = bi
			}
		}
	}
}

// Forward runs x (28x28) through the net; a.P holds the probabilities.
func (n *Net) Forward(x []float32, a *Acts) {
	a.x = x
	conv(x, 1, n.W1, n.B1, n.C1, side, a.a1)
	pool(a.a1, n.C1, side, a.p1, a.i1)
	conv(a.p1, n.C1, n.W2, n.B2, n.C2, side2, a.a2)
	pool(a.a2, n.C2, side2, a.p2, a.i2)
	in := len(a.p2)
	for j := 0; j < n.H; j++ {
		w := n.W3[j*in : (j+1)*in]
		s := n.B3[j]
		for i, v := range a.p2 {
			s += w[i] * v
		}
		a.h[j] = max(s, 0)
	}
	maxv := float32(math.Inf(-1))
	z := a.P
	for c := 0; c < n.Out; c++ {
		w := n.W4[c*n.H : (c+1)*n.H]
		s := n.B4[c]
		for j, v := range a.h {
			s += w[j] * v
		}
		z[c] = s
		maxv = max(maxv, s)
	}
	var sum float64
	for c := range z {
		e := math.Exp(float64(z[c] - maxv))
		z[c] = float32(e)
		sum += e
	}
	for c := range a.P {
		a.P[c] = float32(float64(a.P[c]) / sum)
	}
}
