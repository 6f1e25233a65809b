package generate

import (
	"fmt"

	"vanthu/templates"
)

// SignatureFieldName is the name (/T) of the empty signature field every
// generated PDF carries.
const SignatureFieldName = "Signature1"

const mmToPt = 72 / 25.4

// addSignatureField appends an incremental update that adds an empty
// signature field (AcroForm /FT /Sig with its widget) over the signer's
// block, so that standard signing tools (and Sign) sign into the place the
// leader signs on paper (Nghị định 30/2020/NĐ-CP, Phụ lục I, II.7.d: the
// signature image sits between the title and the name). gofpdf has no form
// support, hence the update.
func addSignatureField(raw []byte, p *Plan, l templates.Layout) ([]byte, error) {
	f, err := parsePDF(raw)
	if err != nil {
		return nil, err
	}
	catRef, _ := f.trailer.Get("Root").(pdfRef)
	cat, err := f.dict(catRef, "catalog")
	if err != nil {
		return nil, err
	}
	if cat.Get("AcroForm") != nil {
		return nil, fmt.Errorf("generate: %w: the PDF already has a form", ErrUnsupportedPDF)
	}
	pageRef, err := f.pageRef(p.SigPage)
	if err != nil {
		return nil, err
	}
	page, err := f.dict(pageRef, "page")
	if err != nil {
		return nil, err
	}
	u := newUpdate(f)
	fieldNum, formNum := u.add(), u.add()
	r := p.Sig
	field := newDict()
	field.Set("Type", pdfName("Annot"))
	field.Set("Subtype", pdfName("Widget"))
	field.Set("FT", pdfName("Sig"))
	field.Set("T", pdfStr{b: []byte(SignatureFieldName)})
	field.Set("TU", "Chữ ký của người có thẩm quyền")
	field.Set("F", 4) // print
	field.Set("Rect", pdfArray{r.X * mmToPt, (l.PageHeight - r.Y - r.H) * mmToPt, (r.X + r.W) * mmToPt, (l.PageHeight - r.Y) * mmToPt})
	field.Set("P", pageRef)
	u.set(fieldNum, field)
	form := newDict()
	form.Set("Fields", pdfArray{pdfRef{fieldNum, 0}})
	u.set(formNum, form)
	cat.Set("AcroForm", pdfRef{formNum, 0})
	u.set(catRef.Num, cat)
	annots, _ := page.Get("Annots").(pdfArray)
	if ref, ok := page.Get("Annots").(pdfRef); ok {
		v, err := f.object(ref.Num)
		if err != nil {
			return nil, err
		}
		annots, _ = v.(pdfArray)
	}
	page.Set("Annots", append(annots, pdfRef{fieldNum, 0}))
	u.set(pageRef.Num, page)
	return u.bytes(), nil
}
