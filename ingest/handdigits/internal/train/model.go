package main

import (
	"math"
	"math/rand/v2"
	"sync"

	"vanthu/ingest/handdigits/internal/cnn"
	"vanthu/ingest/handdigits/internal/train/mlp"
)

// model is what the training loop needs of an architecture.
type model interface {
	// step runs one mini-batch of SGD; get returns sample i (nil to skip).
	step(idx []int, workers int, get func(int) ([]float32, int), rate float32) float64
	predictor() func([]float32) []float32
	marshal() []byte
}

// unmarshal decodes a model file of either architecture, as handdigits does.
func unmarshal(data []byte) (func([]float32) []float32, error) {
	if cnn.HasMagic(data) {
		n, err := cnn.Unmarshal(data)
		if err != nil {
			return nil, err
		}
		return (&cnnModel{net: n}).predictor(), nil
	}
	n, err := mlp.Unmarshal(data)
	if err != nil {
		return nil, err
	}
	return (&mlpModel{t: &trainer{net: n}}).predictor(), nil
}

type mlpModel struct{ t *trainer }

func newMLP(rng *rand.Rand, hidden int) *mlpModel {
	net := mlp.NewNet(784, hidden, 10)
	initWeights(rng, net)
	return &mlpModel{t: newTrainer(net, 1)}
}

func (m *mlpModel) step(idx []int, workers int, get func(int) ([]float32, int), rate float32) float64 {
	if len(m.t.workers) != workers {
		m.t = newTrainer(m.t.net, workers)
	}
	return m.t.step(idx, get, rate)
}

func (m *mlpModel) predictor() func([]float32) []float32 {
	n := m.t.net
	return func(x []float32) []float32 {
		h, out := make([]float32, n.Hidden), make([]float32, n.Out)
		n.Forward(x, h, out)
		return out
	}
}

func (m *mlpModel) marshal() []byte { return m.t.net.Marshal() }

// cnnModel trains a cnn.Net with SGD, momentum and weight decay; the batch
// is split over workers whose gradients are summed in a fixed order.
type cnnModel struct {
	net  *cnn.Net
	vel  [][]float32
	work []cnnWorker
}

type cnnWorker struct {
	acts *cnn.Acts
	grad *cnn.Grad
}

func newCNN(rng *rand.Rand, hidden, classes int) *cnnModel {
	n := cnn.NewNet(8, 16, hidden, classes)
	he := func(w []float32, fanIn int) {
		s := math.Sqrt(2 / float64(fanIn))
		for i := range w {
			w[i] = float32(rng.NormFloat64() * s)
		}
	}
	he(n.W1, 25)
	he(n.W2, 25*n.C1)
	he(n.W3, len(n.W3)/n.H)
	s := math.Sqrt(2 / float64(n.H+n.Out))
	for i := range n.W4 {
		n.W4[i] = float32(rng.NormFloat64() * s)
	}
	m := &cnnModel{net: n}
	for _, p := range n.Slices() {
		m.vel = append(m.vel, make([]float32, len(p)))
	}
	return m
}

func (m *cnnModel) step(idx []int, workers int, get func(int) ([]float32, int), rate float32) float64 {
	for len(m.work) < workers {
		m.work = append(m.work, cnnWorker{m.net.NewActs(), m.net.NewGrad()})
	}
	var wg sync.WaitGroup
	per := (len(idx) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := min(w*per, len(idx)), min((w+1)*per, len(idx))
		wk := m.work[w]
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk.grad.Zero()
			for _, i := range idx[lo:hi] {
				if x, label := get(i); x != nil {
					m.net.Backprop(x, label, wk.acts, wk.grad)
				}
			}
		}()
	}
	wg.Wait()
	const momentum, decay = 0.9, 1e-4
	scale := 1 / float32(len(idx))
	var loss float64
	params := m.net.Slices()
	grads := make([][][]float32, workers)
	for w := range grads {
		grads[w] = m.work[w].grad.Slices()
	}
	for pi, p := range params {
		wd := float32(decay)
		if pi%2 == 1 {
			wd = 0 // no decay on biases
		}
		v := m.vel[pi]
		for i := range p {
			var g float32
			for _, gs := range grads {
				g += gs[pi][i]
			}
			v[i] = momentum*v[i] - rate*(g*scale+wd*p[i])
			p[i] += v[i]
		}
	}
	for _, wk := range m.work[:workers] {
		loss += wk.grad.Loss
	}
	return loss
}

func (m *cnnModel) predictor() func([]float32) []float32 {
	return func(x []float32) []float32 {
		a := m.net.NewActs()
		m.net.Forward(x, a)
		return a.P
	}
}

func (m *cnnModel) marshal() []byte { return m.net.Marshal() }
