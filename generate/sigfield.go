package generate

import (
	"bytes"
	"compress/zlib"
	"fmt"

	"vanthu/templates"

	"vanthu/corpus"
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
	if err := tagSubsets(f, u, page); err != nil {
		return nil, err
	}
	// gofpdf writes the creation date without its zone, which readers take
	// for UTC: write it again with +07:00.
	if ref, ok := f.trailer.Get("Info").(pdfRef); ok && !p.Created.IsZero() {
		info, err := f.dict(ref, "document information")
		if err != nil {
			return nil, err
		}
		info.Set("CreationDate", pdfStr{b: []byte("D:" + pdfDate(p.Created.In(corpus.VietnamZone)))})
		u.set(ref.Num, info)
	}
	return u.bytes(), nil
}

// subsetNames are the names the four faces get: gofpdf embeds subsets but
// names them "utf8liberationserifB"; ISO 32000-1, 9.6.4 wants a subset's
// name to start with a six-letter tag and "+", which is how readers (and
// PDF/A checkers) know the font is a subset.
var subsetNames = map[string]string{
	"utf8" + fontFamily:        "VANTHA+LiberationSerif",
	"utf8" + fontFamily + "B":  "VANTHB+LiberationSerif-Bold",
	"utf8" + fontFamily + "I":  "VANTHC+LiberationSerif-Italic",
	"utf8" + fontFamily + "BI": "VANTHD+LiberationSerif-BoldItalic",
}

// tagSubsets renames the embedded faces (Type0 font, its CIDFont and font
// descriptor) in the update.
func tagSubsets(f *pdfFile, u *update, page *pdfDict) error {
	res, err := f.dict(page.Get("Resources"), "page resources")
	if err != nil {
		return err
	}
	fonts, err := f.dict(res.Get("Font"), "font resources")
	if err != nil {
		return err
	}
	for _, k := range fonts.keys {
		ref, ok := fonts.Get(k).(pdfRef)
		if !ok {
			continue
		}
		t0, err := f.dict(ref, "font")
		if err != nil {
			return err
		}
		base, _ := t0.Get("BaseFont").(pdfName)
		name, ok := subsetNames[string(base)]
		if !ok {
			continue
		}
		t0.Set("BaseFont", pdfName(name))
		u.set(ref.Num, t0)
		// gofpdf writes its identity ToUnicode CMap uncompressed: replace
		// it by the same CMap, compressed.
		if tu, ok := t0.Get("ToUnicode").(pdfRef); ok {
			u.setRaw(tu.Num, identityToUnicode())
		}
		desc, _ := t0.Get("DescendantFonts").(pdfArray)
		if len(desc) != 1 {
			continue
		}
		cref, ok := desc[0].(pdfRef)
		if !ok {
			continue
		}
		cid, err := f.dict(cref, "CIDFont")
		if err != nil {
			return err
		}
		cid.Set("BaseFont", pdfName(name))
		u.set(cref.Num, cid)
		if dref, ok := cid.Get("FontDescriptor").(pdfRef); ok {
			fd, err := f.dict(dref, "font descriptor")
			if err != nil {
				return err
			}
			fd.Set("FontName", pdfName(name))
			u.set(dref.Num, fd)
		}
	}
	return nil
}

// identityToUnicode is the ToUnicode stream of a font whose character codes
// are UTF-16 code units (how gofpdf writes text), compressed.
func identityToUnicode() []byte {
	const cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(cmap))
	zw.Close()
	d := newDict()
	d.Set("Length", z.Len())
	d.Set("Filter", pdfName("FlateDecode"))
	return streamObject(d, z.Bytes())
}
