package pdftext

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// runAnnotations draws the normal appearance of the page's visible
// annotations. Signing software puts the e-signature stamp there, and
// e-office systems fill the number and date of a signed document ("Số: 542",
// "ngày 06") as form fields or free-text annotations: pdftotext shows them, so
// must we. The placement follows PDF 32000-1:2008, 12.5.5: the form's BBox,
// transformed by its Matrix, is mapped onto the annotation's Rect.
func runAnnotations(in *interpreter, page pdf.Value) {
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < 1000; i++ {
		a := annots.Index(i)
		sub := a.Key("Subtype").Name()
		if sub == "Popup" || sub == "Link" {
			continue
		}
		if a.Key("F").Int64()&(1|2|32) != 0 { // invisible, hidden, no-view
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict { // appearance states: pick the current one
			ap = ap.Key(a.Key("AS").Name())
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		rect := a.Key("Rect")
		bbox := ap.Key("BBox")
		if rect.Len() != 4 || bbox.Len() != 4 {
			continue
		}
		m := identity
		if mx := ap.Key("Matrix"); mx.Len() == 6 {
			m = affine{mx.Index(0).Float64(), mx.Index(1).Float64(), mx.Index(2).Float64(), mx.Index(3).Float64(), mx.Index(4).Float64(), mx.Index(5).Float64()}
		}
		bx0, by0, bx1, by1 := transformBox(m, bbox.Index(0).Float64(), bbox.Index(1).Float64(), bbox.Index(2).Float64(), bbox.Index(3).Float64())
		rx0, ry0, rx1, ry1 := rect.Index(0).Float64(), rect.Index(1).Float64(), rect.Index(2).Float64(), rect.Index(3).Float64()
		if rx0 > rx1 {
			rx0, rx1 = rx1, rx0
		}
		if ry0 > ry1 {
			ry0, ry1 = ry1, ry0
		}
		sx, sy := 1.0, 1.0
		if bx1-bx0 > 1e-6 {
			sx = (rx1 - rx0) / (bx1 - bx0)
		}
		if by1-by0 > 1e-6 {
			sy = (ry1 - ry0) / (by1 - by0)
		}
		fit := affine{sx, 0, 0, sy, rx0 - bx0*sx, ry0 - by0*sy}
		res := ap.Key("Resources")
		in.run(ap, res, m.mul(fit))
	}
}

func transformBox(m affine, x0, y0, x1, y1 float64) (float64, float64, float64, float64) {
	xs := [4]float64{}
	ys := [4]float64{}
	for i, p := range [4][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		xs[i] = p[0]*m[0] + p[1]*m[2] + m[4]
		ys[i] = p[0]*m[1] + p[1]*m[3] + m[5]
	}
	minx, maxx, miny, maxy := xs[0], xs[0], ys[0], ys[0]
	for i := 1; i < 4; i++ {
		minx, maxx = math.Min(minx, xs[i]), math.Max(maxx, xs[i])
		miny, maxy = math.Min(miny, ys[i]), math.Max(maxy, ys[i])
	}
	return minx, miny, maxx, maxy
}
