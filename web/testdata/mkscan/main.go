// Command mkscan makes scan-smudged.pdf, the browser test's scan of a
// dispatch whose handwritten number cannot be read: a page image of
// scan-cv.txt (printed to PDF by LibreOffice and rendered at 150 dpi by
// pdftoppm), with ink strokes over the digits of "Số: 15/UBND-KT" and scanner
// noise, saved as JPEG in an image-only PDF.
//
//	soffice --headless --convert-to pdf scan-cv.txt
//	pdftoppm -r 150 -gray -png -singlefile scan-cv.pdf page
//	go run ./web/testdata/mkscan page.png web/testdata/scan-smudged.pdf
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: mkscan page.png out.pdf")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	src, err := png.Decode(f)
	if err != nil {
		panic(err)
	}
	b := src.Bounds()
	img := image.NewGray(b)
	draw.Draw(img, b, src, b.Min, draw.Src)
	// The digits "15" sit at x 80.9-92.9 pt, y 89.6-102.6 pt on the page
	// (pdftotext -bbox), i.e. x 168-194, y 187-214 px at 150 dpi: scribble
	// over them as a pen would.
	rng := rand.New(rand.NewPCG(1, 2))
	for s := 0; s < 6; s++ {
		x0, y0 := 166+rng.Float64()*3, 193+rng.Float64()*14
		for t := 0.0; t < 1; t += 0.002 {
			x := x0 + t*26
			y := y0 + 7*math.Sin(t*math.Pi*(3+float64(s))) + float64(s%3-1)*4*t
			stamp(img, x, y, 2)
		}
	}
	// Scanner noise.
	for i := range img.Pix {
		v := float64(img.Pix[i]) + rng.NormFloat64()*8
		img.Pix[i] = uint8(max(0, min(255, v)))
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, &jpeg.Options{Quality: 60}); err != nil {
		panic(err)
	}
	if err := os.WriteFile(os.Args[2], imagePDF(jb.Bytes(), b.Dx(), b.Dy(), 150), 0o644); err != nil {
		panic(err)
	}
}

func stamp(img *image.Gray, x, y, r float64) {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if dx*dx+dy*dy <= r*r {
				img.SetGray(int(x+dx), int(y+dy), color.Gray{Y: 10})
			}
		}
	}
}

// imagePDF writes a one-page PDF showing a grey JPEG at dpi.
func imagePDF(jpg []byte, w, h, dpi int) []byte {
	pw, ph := float64(w)*72/float64(dpi), float64(h)*72/float64(dpi)
	content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", pw, ph),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", w, h, len(jpg), jpg),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}
