package handdigits

import (
	"bytes"
	"fmt"

	"vanthu/ingest/handdigits/internal/cnn"
	"vanthu/ingest/handdigits/internal/mlp"
)

// loadModel decodes a model file of either architecture the trainer
// writes (told apart by their magic) into a classifier of 28x28 inputs.
// Each call allocates its own activations, so the classifier is safe for
// concurrent use.
func loadModel(data []byte) (func([]float32) [10]float32, error) {
	if bytes.HasPrefix(data, cnn.Magic[:]) {
		n, err := cnn.Unmarshal(data)
		if err != nil {
			return nil, err
		}
		return func(x []float32) [10]float32 {
			a := n.NewActs()
			n.Forward(x, a)
			return a.P
		}, nil
	}
	n, err := mlp.Unmarshal(data)
	if err != nil {
		return nil, err
	}
	if n.In != 28*28 || n.Out != 10 {
		return nil, fmt.Errorf("handdigits: model shape %d-%d-%d, want 784-H-10", n.In, n.Hidden, n.Out)
	}
	return func(x []float32) (p [10]float32) {
		h := make([]float32, n.Hidden)
		n.Forward(x, h, p[:])
		return p
	}, nil
}
