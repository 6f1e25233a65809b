package handdigits

import (
	"fmt"

	"vanthu/ingest/handdigits/internal/cnn"
	"vanthu/ingest/handdigits/internal/mlp"
)

// loadModel decodes a model file of either architecture the trainer
// writes (told apart by their magic) into a classifier of 28x28 inputs
// returning the probabilities of the 10 digits and, for a model trained
// with it, of "not one digit" (index 10). Each call allocates its own
// activations, so the classifier is safe for concurrent use.
func loadModel(data []byte) (func([]float32) []float32, error) {
	if cnn.HasMagic(data) {
		n, err := cnn.Unmarshal(data)
		if err != nil {
			return nil, err
		}
		return func(x []float32) []float32 {
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
	return func(x []float32) []float32 {
		h, p := make([]float32, n.Hidden), make([]float32, n.Out)
		n.Forward(x, h, p)
		return p
	}, nil
}
