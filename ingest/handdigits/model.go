package handdigits

import (
	"fmt"

	"vanthu/ingest/handdigits/internal/cnn"
)

// loadModel decodes a CNN model file of the trainer into a classifier of 28x28 inputs
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
	return nil, fmt.Errorf("handdigits: the model file is not a CNN model (%d bytes)", len(data))
}
