package handdigits

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds Read images decoded from PNG seeds (the MNIST samples of
// testdata) and, when the bytes are not a PNG, gray images made of the raw
// bytes: Read must return digits or an error, never panic.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.png"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{7, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0})
	r, err := New(DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var img image.Image
		if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width*cfg.Height <= 1<<16 {
			img, _ = png.Decode(bytes.NewReader(data))
		}
		if img == nil && len(data) > 1 {
			w := int(data[0])%64 + 1
			pix := data[1:]
			h := len(pix) / w
			if h == 0 {
				return
			}
			img = &image.Gray{Pix: pix[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
		}
		if img == nil {
			return
		}
		res, err := r.Read(img)
		if err == nil {
			for _, d := range res.Digits {
				if d.Value < 0 || d.Value > 9 || d.Confidence < 0 || d.Confidence > 1 {
					t.Errorf("digit %+v out of range", d)
				}
			}
		}
		b := img.Bounds()
		r.ReadBetween(img, b.Min.X+b.Dx()/4, b.Max.X-b.Dx()/4)
	})
}
