// Package mlp is the digit classifier of handdigits: a perceptron with one
// hidden layer (ReLU) and a softmax output, written with plain slices so
// vanthu needs no machine-learning dependency. The same type is trained by
// ../train and run by handdigits; the weights travel in a compact binary form
// (int8 per weight with one float32 scale per row, see Marshal).
package mlp

import (
	"math"
)

// Net is a 784-H-10 perceptron. W1 is H rows of In weights, W2 is Out rows of
// H weights, both row-major.
type Net struct {
	In, Hidden, Out int
	W1, B1, W2, B2  []float32
}

// NewNet returns a net with the given shape and zero weights.
func NewNet(in, hidden, out int) *Net {
	return &Net{In: in, Hidden: hidden, Out: out,
		W1: make([]float32, hidden*in), B1: make([]float32, hidden),
		W2: make([]float32, out*hidden), B2: make([]float32, out)}
}

// Forward fills h (len Hidden, the ReLU activations) and returns the softmax
// probabilities in p (len Out). x has len In.
func (n *Net) Forward(x, h, p []float32) {
	for j := 0; j < n.Hidden; j++ {
		w := n.W1[j*n.In : (j+1)*n.In]
		s := n.B1[j]
		for i, v := range x {
			s += w[i] * v
		}
		if s < 0 {
			s = 0
		}
		h[j] = s
	}
	maxv := float32(math.Inf(-1))
	for k := 0; k < n.Out; k++ {
		w := n.W2[k*n.Hidden : (k+1)*n.Hidden]
		s := n.B2[k]
		for j, v := range h {
			s += w[j] * v
		}
		p[k] = s
		if s > maxv {
			maxv = s
		}
	}
	var sum float64
	for k := range p[:n.Out] {
		e := math.Exp(float64(p[k] - maxv))
		p[k] = float32(e)
		sum += e
	}
	for k := range p[:n.Out] {
		p[k] = float32(float64(p[k]) / sum)
	}
}
