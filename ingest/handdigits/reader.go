package handdigits

import (
	_ "embed"
	"fmt"
	"image"
	"math"
	"strings"

	"vanthu/ingest/handdigits/internal/mnistnorm"
)

// modelData is the classifier trained by internal/train on MNIST
// (docs/benchmarks/handdigits.md has its held-out accuracy).
//
//go:embed model.bin
var modelData []byte

// Config tunes a Reader.
type Config struct {
	// MaxDigits is the most marks a region may hold; more is ErrTooMany.
	MaxDigits int
	// MinHeight is the least height in pixels of a digit; smaller marks
	// are specks. At 300 dpi a handwritten digit is 30-80 pixels tall.
	MinHeight int
	// MaxPixels caps the region size (width*height).
	MaxPixels int
	// Model replaces the embedded model (a CNN model file of the trainer); nil keeps it.
	Model []byte
}

// DefaultConfig returns the settings for regions cut from pages scanned at
// 300 dpi.
func DefaultConfig() Config {
	return Config{MaxDigits: 8, MinHeight: 12, MaxPixels: 4 << 20}
}

// Reader reads runs of handwritten digits. It holds no mutable state and may
// be used by many goroutines.
type Reader struct {
	cfg     Config
	predict func(x []float32) []float32 // softmax over the digits (and "not one digit"); safe for concurrent use
}

// New returns a Reader for cfg.
func New(cfg Config) (*Reader, error) {
	if cfg.MaxDigits <= 0 || cfg.MinHeight <= 0 || cfg.MaxPixels <= 0 {
		return nil, fmt.Errorf("handdigits: config MaxDigits %d, MinHeight %d, MaxPixels %d: all must be > 0: %w",
			cfg.MaxDigits, cfg.MinHeight, cfg.MaxPixels, ErrConfig)
	}
	data := cfg.Model
	if data == nil {
		data = modelData
	}
	predict, err := loadModel(data)
	if err != nil {
		return nil, fmt.Errorf("handdigits: %w: %w", ErrModel, err)
	}
	return &Reader{cfg: cfg, predict: predict}, nil
}

// Digit is one digit read.
type Digit struct {
	Value      int         // 0..9
	Confidence float64     // softmax probability of Value, 0..1
	Probs      [10]float64 // softmax probability of every digit
	// NotDigit is the probability that the mark is not one digit (two
	// touching digits, part of one), for a model trained with that class;
	// Confidence and NotDigit and the other Probs add up to 1.
	NotDigit float64
	Box      image.Rectangle // where it was found, in the image's coordinates
}

// Result is a run of digits, left to right.
type Result struct {
	Digits []Digit
}

// String is the digits as text ("2191").
func (r Result) String() string {
	var b strings.Builder
	for _, d := range r.Digits {
		b.WriteByte(byte('0' + d.Value))
	}
	return b.String()
}

// Confidence is the least digit confidence: a run is as doubtful as its
// most doubtful digit. 0 for no digits.
func (r Result) Confidence() float64 {
	if len(r.Digits) == 0 {
		return 0
	}
	c := 1.0
	for _, d := range r.Digits {
		c = min(c, d.Confidence)
	}
	return c
}

// minSpread is the least gray-level distance between paper and the darkest
// ink for a region to hold a stroke; scanner noise on blank paper stays
// within a few dozen levels.
const minSpread = 64

// Read finds and classifies the digits in img, a region cut around a short
// handwritten run (dark ink on light paper). It never panics; errors wrap
// ErrImage, ErrNoInk or ErrTooMany.
func (r *Reader) Read(img image.Image) (Result, error) {
	if img == nil {
		return Result{}, fmt.Errorf("handdigits: nil image: %w", ErrImage)
	}
	b := img.Bounds()
	return r.ReadBetween(img, b.Min.X, b.Max.X)
}

// ReadBetween reads the digits of img that lie between columns x0 and x1
// (image coordinates): a mark is taken when at least half its width is
// inside. img may reach into the printed words on either side ("Số:",
// "/CT-CS"); their glyphs, cut by the region or not, fall mostly outside
// and are left out, while a handwritten digit that strays past a column
// is kept whole.
func (r *Reader) ReadBetween(img image.Image, x0, x1 int) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("handdigits: internal error reading region: %v: %w", p, ErrImage)
		}
	}()
	if img == nil {
		return Result{}, fmt.Errorf("handdigits: nil image: %w", ErrImage)
	}
	b := img.Bounds()
	if b.Empty() || b.Dx()*b.Dy() > r.cfg.MaxPixels || b.Dx() > r.cfg.MaxPixels || b.Dy() > r.cfg.MaxPixels {
		return Result{}, fmt.Errorf("handdigits: region %dx%d: empty or over %d pixels: %w", b.Dx(), b.Dy(), r.cfg.MaxPixels, ErrImage)
	}
	g, w, h := toGray(img)
	t, spread := otsu(g)
	if spread < minSpread {
		return Result{}, fmt.Errorf("handdigits: region %v: contrast %d gray levels: %w", b, spread, ErrNoInk)
	}
	mask := make([]bool, len(g))
	for i, v := range g {
		mask[i] = v <= t
	}
	var marks []*blob
	for _, m := range segment(components(mask, w, h), r.cfg.MinHeight, func(a, b *blob) bool { return r.join(a, b, w) }) {
		in := min(m.box.Max.X, x1-b.Min.X) - max(m.box.Min.X, x0-b.Min.X)
		if 2*in >= m.box.Dx() {
			marks = append(marks, m)
		}
	}
	if len(marks) == 0 {
		return Result{}, fmt.Errorf("handdigits: region %v: no mark %d pixels tall: %w", b, r.cfg.MinHeight, ErrNoInk)
	}
	if len(marks) > r.cfg.MaxDigits {
		return Result{}, fmt.Errorf("handdigits: region %v: %d marks, at most %d digits expected: %w", b, len(marks), r.cfg.MaxDigits, ErrTooMany)
	}
	for _, m := range marks {
		res.Digits = append(res.Digits, r.readMark(m, w, 0)...)
	}
	if len(res.Digits) > r.cfg.MaxDigits {
		return Result{}, fmt.Errorf("handdigits: region %v: %d digits, at most %d expected: %w", b, len(res.Digits), r.cfg.MaxDigits, ErrTooMany)
	}
	for i := range res.Digits {
		res.Digits[i].Box = res.Digits[i].Box.Add(b.Min)
	}
	return res, nil
}

// classify reads one mark; ok is false when it has no ink to normalise.
func (r *Reader) classify(bl *blob, w int) (Digit, bool) {
	x, ok := normalize(bl, w)
	if !ok {
		return Digit{}, false
	}
	p := r.predict(x[:])
	d := Digit{Box: bl.box}
	for k, v := range p[:10] {
		d.Probs[k] = float64(v)
		if v > p[d.Value] {
			d.Value = k
		}
	}
	if len(p) > 10 {
		d.NotDigit = float64(p[10])
	}
	d.Confidence = d.Probs[d.Value]
	return d, true
}

// mnistStroke is the pen width, in pixels of the 28x28 image, of MNIST
// digits binarised at half ink, as mnistnorm.StrokeWidth measures it (the
// trainer prints it: see docs/benchmarks/handdigits.md). A scanned digit
// whose pen is much thinner or bolder than this, once scaled, is thickened
// or thinned toward it before classification.
const mnistStroke = 2.1

// normalize cuts the blob's own pixels (not its neighbours' that fall in its
// box), matches its pen width to MNIST's and returns the 28x28 input.
func normalize(bl *blob, w int) ([mnistnorm.Side * mnistnorm.Side]float32, bool) {
	// One pixel of margin so dilation has room.
	const pad = 4
	bw, bh := bl.box.Dx()+2*pad, bl.box.Dy()+2*pad
	mask := make([]bool, bw*bh)
	for _, p := range bl.px {
		x, y := p%w-bl.box.Min.X+pad, p/w-bl.box.Min.Y+pad
		mask[y*bw+x] = true
	}
	scale := mnistnorm.Box / float64(max(bl.box.Dx(), bl.box.Dy()))
	target := mnistStroke / scale // wanted pen width in region pixels
	sw := mnistnorm.StrokeWidth(mask, bw, bh)
	// Change the pen by whole pixels on each side, only when it is off by
	// more than half: training distorted pen widths by about that much.
	switch {
	case sw < 0.5*target:
		for range min(pad, int(math.Round((target-sw)/2))) {
			mask = morph(mask, bw, bh, true)
		}
	case sw > 1.6*target:
		for range min(pad, int(math.Round((sw-target)/2))) {
			thin := morph(mask, bw, bh, false)
			if count(thin) < count(mask)/3 {
				break // would erase strokes, not thin them
			}
			mask = thin
		}
	}
	ink := make([]float32, len(mask))
	for i, on := range mask {
		if on {
			ink[i] = 1
		}
	}
	return mnistnorm.Normalize(ink, bw, bh)
}

// morph dilates (grow) or erodes a mask by one pixel with a 3x3 cross.
func morph(mask []bool, w, h int, grow bool) []bool {
	out := make([]bool, len(mask))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := mask[y*w+x]
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				nx, ny := x+d[0], y+d[1]
				n := nx >= 0 && ny >= 0 && nx < w && ny < h && mask[ny*w+nx]
				if grow {
					v = v || n
				} else {
					v = v && n
				}
			}
			out[y*w+x] = v
		}
	}
	return out
}

func count(mask []bool) int {
	n := 0
	for _, v := range mask {
		if v {
			n++
		}
	}
	return n
}
