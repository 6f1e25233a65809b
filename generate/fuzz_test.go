package generate

import (
	"context"
	"testing"

	"vanthu/templates"
)

// FuzzPDFUpdate feeds the PDF reader behind Sign and the signature field
// (a PDF given to Sign is outside input) with generated PDFs, a signed one,
// and mutations of them. It calls the internals directly, so that a panic is
// not hidden by Sign's recovery.
func FuzzPDFUpdate(f *testing.F) {
	g, err := New(Config{Now: fixedNow})
	if err != nil {
		f.Fatal(err)
	}
	pdf, err := g.Render(context.Background(), "decision", stateTrip())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pdf)
	if signed, err := Sign(pdf, testP12(f, "x"), "x", SignOptions{}); err == nil {
		f.Add(signed)
	}
	f.Add([]byte("%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1/Root 1 0 R>>\nstartxref\n9\n%%EOF"))
	f.Add([]byte("%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\nstartxref\n0\n%%EOF"))
	l := templates.DefaultLayout()
	f.Fuzz(func(t *testing.T, b []byte) {
		pf, err := parsePDF(b)
		if err != nil {
			return
		}
		if _, err := findSigField(pf, ""); err != nil {
			_, _ = addSignatureField(b, &Plan{Sig: Rect{X: 110, Y: 200, W: 85, H: 40}}, l)
			return
		}
		_, _ = pf.pageRef(0)
	})
}
