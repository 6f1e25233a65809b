package cnn

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func randomNet(rng *rand.Rand) *Net {
	n := NewNet(2, 3, 4, 11)
	for _, s := range n.Slices() {
		for i := range s {
			s[i] = float32(rng.NormFloat64() * 0.3)
		}
	}
	return n
}

// TestGradient compares Backprop with finite differences of the loss.
func TestGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := randomNet(rng)
	x := make([]float32, side*side)
	for i := range x {
		x[i] = float32(rng.Float64())
	}
	const label = 3
	a := n.NewActs()
	g := n.NewGrad()
	n.Backprop(x, label, a, g)
	loss := func() float64 {
		n.Forward(x, a)
		return -math.Log(float64(a.P[label]))
	}
	gs := g.Slices()
	for si, s := range n.Slices() {
		for _, i := range []int{0, len(s) / 2, len(s) - 1} {
			old := s[i]
			const eps = 1e-2
			s[i] = old + eps
			up := loss()
			s[i] = old - eps
			down := loss()
			s[i] = old
			num := (up - down) / (2 * eps)
			if d := math.Abs(num - float64(gs[si][i])); d > 1e-2*math.Max(1, math.Abs(num)) {
				t.Errorf("slice %d [%d]: backprop %g, numeric %g", si, i, gs[si][i], num)
			}
		}
	}
}

func TestMarshal(t *testing.T) {
	n := randomNet(rand.New(rand.NewPCG(3, 4)))
	m, err := Unmarshal(n.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float32, side*side)
	for i := range x {
		x[i] = float32(i%7) / 7
	}
	a, b := n.NewActs(), m.NewActs()
	n.Forward(x, a)
	m.Forward(x, b)
	for c := range a.P {
		if math.Abs(float64(a.P[c]-b.P[c])) > 0.02 {
			t.Errorf("class %d: %f before, %f after int8", c, a.P[c], b.P[c])
		}
	}
	good := n.Marshal()
	for name, data := range map[string][]byte{"empty": nil, "magic": []byte("HDG1xxxxxxxxxxxx"), "short": good[:len(good)-3],
		"wide": append([]byte("HDC1"), 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0)} {
		if _, err := Unmarshal(data); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v, want ErrFormat", name, err)
		}
	}
}
