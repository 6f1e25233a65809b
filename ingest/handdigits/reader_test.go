package handdigits

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

func newReader(t testing.TB) *Reader {
	t.Helper()
	r, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSingleDigits reads held-out MNIST digits at their own size and
// enlarged to the size of pen digits scanned at 300 dpi (2x, 3x: digit
// boxes of 56 and 84 pixels). A digit may be misread only with a confidence
// a caller rejects (below 0.9), and nearly all must be read right.
func TestSingleDigits(t *testing.T) {
	r := newReader(t)
	const sure = 0.9
	samples := loadSamples(t)
	for _, k := range []int{1, 2, 3} {
		right := 0
		for _, s := range samples {
			res, err := r.Read(enlarge(s.img, k))
			if err != nil {
				t.Errorf("%s x%d: %v", s.name, k, err)
				continue
			}
			if got := res.String(); got == string(rune('0'+s.label)) {
				right++
			} else {
				t.Logf("%s x%d: read %q (confidence %.2f), want %d", s.name, k, got, res.Confidence(), s.label)
				if res.Confidence() >= sure {
					t.Errorf("%s x%d: confidently wrong: %q at %.2f, want %d", s.name, k, got, res.Confidence(), s.label)
				}
			}
		}
		if right < len(samples)-1 {
			t.Errorf("x%d: %d of %d read right, want at least %d", k, right, len(samples), len(samples)-1)
		}
	}
}

// TestRun reads a number written as separate digits, as "Số: 2191" is.
func TestRun(t *testing.T) {
	r := newReader(t)
	d := byLabel(loadSamples(t))
	for _, want := range []string{"2191", "07", "575", "20", "3864", "9"} {
		page := paper(40+len(want)*70, 120)
		for i, c := range want {
			stamp(page, enlarge(d[int(c-'0')].img, 2), 20+i*70, 30)
		}
		res, err := r.Read(page)
		if err != nil {
			t.Errorf("%s: %v", want, err)
			continue
		}
		if res.String() != want {
			t.Errorf("read %q, want %q", res.String(), want)
		}
		if len(res.Digits) == len(want) {
			for i, dg := range res.Digits {
				if dg.Box.Min.X < 20+i*70 || dg.Box.Max.X > 20+(i+1)*70 {
					t.Errorf("%s: digit %d box %v outside its cell", want, i, dg.Box)
				}
			}
		}
	}
}

// TestTouching reads two digits written so close that their strokes touch
// (one connected mark), which must be cut in two.
func TestTouching(t *testing.T) {
	r := newReader(t)
	d := byLabel(loadSamples(t))
	for _, want := range []string{"20", "08", "04", "75"} {
		a, b := enlarge(d[int(want[0]-'0')].img, 2), enlarge(d[int(want[1]-'0')].img, 2)
		page := paper(200, 100)
		stamp(page, a, 20, 20)
		// MNIST digits sit in 20x20 of 28x28: 8 pixels (x2) of margin
		// each side; an offset of 30 makes the strokes meet.
		stamp(page, b, 20+30, 20)
		g, w, h := toGray(page)
		th, _ := otsu(g)
		mask := make([]bool, len(g))
		for i, v := range g {
			mask[i] = v <= th
		}
		marks := segment(components(mask, w, h), 12, func(a, b *blob) bool { return true })
		res, err := r.Read(page)
		if err != nil {
			t.Errorf("%s: %v", want, err)
			continue
		}
		t.Logf("%s: %d connected marks, read %q confidence %.2f", want, len(marks), res.String(), res.Confidence())
		if len(marks) != 1 {
			t.Errorf("%s: %d marks, want the strokes to touch (1 mark)", want, len(marks))
		}
		if res.String() != want {
			t.Errorf("read %q, want %q", res.String(), want)
		}
	}
}

// TestReadBetween leaves out printed glyphs on either side of the blank,
// cut by the region or not, and keeps the digits between.
func TestReadBetween(t *testing.T) {
	r := newReader(t)
	d := byLabel(loadSamples(t))
	page := paper(400, 120)
	// A printed "/" of the next word, and the tail of the word before.
	draw.Draw(page, image.Rect(0, 30, 14, 90), image.NewUniform(color.Gray{0}), image.Point{}, draw.Src)
	draw.Draw(page, image.Rect(330, 30, 344, 90), image.NewUniform(color.Gray{0}), image.Point{}, draw.Src)
	stamp(page, enlarge(d[5].img, 2), 60, 25)
	stamp(page, enlarge(d[7].img, 2), 130, 25)
	stamp(page, enlarge(d[5].img, 2), 200, 25)
	res, err := r.ReadBetween(page, 30, 320)
	if err != nil {
		t.Fatal(err)
	}
	if res.String() != "575" {
		t.Errorf("read %q, want 575", res.String())
	}
	all, err := r.Read(page)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Digits) != 5 {
		t.Errorf("Read of the whole region found %d marks (%q), want 5 with the two bars", len(all.Digits), all.String())
	}
}

// TestSubImage: digit boxes are in the coordinates of the image passed,
// as for a region cut from a page.
func TestSubImage(t *testing.T) {
	r := newReader(t)
	d := byLabel(loadSamples(t))
	page := paper(600, 400)
	stamp(page, enlarge(d[3].img, 2), 300, 200)
	res, err := r.Read(page.SubImage(image.Rect(250, 150, 400, 300)))
	if err != nil {
		t.Fatal(err)
	}
	if res.String() != "3" || !res.Digits[0].Box.In(image.Rect(300, 200, 356, 256)) {
		t.Errorf("read %q at %v, want 3 inside (300,200)-(356,256)", res.String(), res.Digits)
	}
}

func TestErrors(t *testing.T) {
	r := newReader(t)
	if _, err := r.Read(nil); !errors.Is(err, ErrImage) {
		t.Errorf("nil image: %v, want ErrImage", err)
	}
	if _, err := r.Read(image.NewGray(image.Rect(0, 0, 0, 0))); !errors.Is(err, ErrImage) {
		t.Errorf("empty image: %v, want ErrImage", err)
	}
	if _, err := r.Read(paper(100, 60)); !errors.Is(err, ErrNoInk) {
		t.Errorf("blank paper: %v, want ErrNoInk", err)
	}
	specks := paper(100, 60)
	specks.SetGray(10, 10, color.Gray{0})
	specks.SetGray(50, 30, color.Gray{0})
	if _, err := r.Read(specks); !errors.Is(err, ErrNoInk) {
		t.Errorf("specks: %v, want ErrNoInk", err)
	}
	d := byLabel(loadSamples(t))
	long := paper(20+12*60, 100)
	for i := range 12 {
		stamp(long, enlarge(d[i%10].img, 2), 10+i*60, 20)
	}
	if _, err := r.Read(long); !errors.Is(err, ErrTooMany) {
		t.Errorf("12 digits: %v, want ErrTooMany", err)
	}
	cfg := DefaultConfig()
	cfg.MaxPixels = 100
	small, _ := New(cfg)
	if _, err := small.Read(paper(20, 20)); !errors.Is(err, ErrImage) {
		t.Errorf("over MaxPixels: %v, want ErrImage", err)
	}
}

func TestNew(t *testing.T) {
	if _, err := New(Config{}); !errors.Is(err, ErrConfig) {
		t.Errorf("zero config: %v, want ErrConfig", err)
	}
	cfg := DefaultConfig()
	cfg.Model = []byte("not a model")
	if _, err := New(cfg); !errors.Is(err, ErrModel) {
		t.Errorf("bad model: %v, want ErrModel", err)
	}
}

// TestConfidence: the probabilities are a distribution and Confidence is
// the least digit's.
func TestConfidence(t *testing.T) {
	r := newReader(t)
	s := loadSamples(t)[0]
	res, err := r.Read(enlarge(s.img, 2))
	if err != nil || len(res.Digits) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	var sum float64
	for _, p := range res.Digits[0].Probs {
		sum += p
	}
	if sum < 0.999 || sum > 1.001 {
		t.Errorf("probabilities sum to %f", sum)
	}
	if res.Confidence() != res.Digits[0].Confidence || (Result{}).Confidence() != 0 {
		t.Errorf("Confidence %f, digit %f", res.Confidence(), res.Digits[0].Confidence)
	}
}
