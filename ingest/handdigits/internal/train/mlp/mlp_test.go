package mlp

import (
	"errors"
	"math"
	"testing"
)

func TestMarshalRoundTrip(t *testing.T) {
	n := NewNet(6, 4, 3)
	for i := range n.W1 {
		n.W1[i] = float32(math.Sin(float64(i)))
	}
	for i := range n.W2 {
		n.W2[i] = float32(math.Cos(float64(i)))
	}
	n.B1[1], n.B2[2] = 0.5, -0.25
	m, err := Unmarshal(n.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	for i := range n.W1 {
		// int8 rows: error at most half a step of the row's scale.
		if d := math.Abs(float64(n.W1[i] - m.W1[i])); d > 1.0/127/2+1e-6 {
			t.Errorf("W1[%d]: %f vs %f", i, n.W1[i], m.W1[i])
		}
	}
	if m.B1[1] != 0.5 || m.B2[2] != -0.25 {
		t.Errorf("biases %v %v", m.B1, m.B2)
	}
	x := []float32{1, 0, 0.5, 0, 0, 1}
	h, p := make([]float32, 4), make([]float32, 3)
	m.Forward(x, h, p)
	var s float32
	for _, v := range p {
		s += v
	}
	if math.Abs(float64(s-1)) > 1e-5 {
		t.Errorf("softmax sums to %f", s)
	}
}

func TestUnmarshalBad(t *testing.T) {
	good := NewNet(2, 2, 2).Marshal()
	for name, b := range map[string][]byte{
		"empty":     nil,
		"magic":     []byte("XXXX"),
		"truncated": good[:len(good)-1],
		"long":      append(append([]byte(nil), good...), 0),
		"huge":      append([]byte("HDG1"), 0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0, 1, 0, 0, 0),
	} {
		if _, err := Unmarshal(b); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v, want ErrFormat", name, err)
		}
	}
}
