package generate

import (
	"fmt"
	"time"
)

// stampAppearance builds the visible stamp: a form XObject with three lines
// in the style of the e-signature block printed by Vietnamese signing
// software ("Người ký", "Cơ quan", "Thời gian ký: 31.05.2019 15:01:05
// +07:00"). The document's own font subsets may lack letters the stamp
// needs ("+", a digit), so the stamp embeds its own copy of Liberation Serif
// (only when a visible stamp is asked for).
func stampAppearance(f *pdfFile, u *update, s *sigField, name, org string, when time.Time) (*pdfDict, error) {
	rect, _ := s.field.Get("Rect").(pdfArray)
	if len(rect) != 4 {
		return nil, &PDFError{Offset: f.xref, Msg: "signature field has no /Rect", Err: ErrNotPDF}
	}
	var r [4]float64
	for i, v := range rect {
		switch x := v.(type) {
		case float64:
			r[i] = x
		case pdfRaw:
			fmt.Sscanf(string(x), "%g", &r[i])
		}
	}
	w, h := r[2]-r[0], r[3]-r[1]
	sf, err := newStampFont()
	if err != nil {
		return nil, err
	}
	lines := []string{"Người ký: " + name}
	if org != "" {
		lines = append(lines, "Cơ quan: "+org)
	}
	lines = append(lines, "Thời gian ký: "+when.Format("02.01.2006 15:04:05")+" +07:00")
	var content []byte
	content = append(content, "q 0 0 0.6 RG 0.8 w 2 2 "...)
	content = append(content, fmt.Sprintf("%.2f %.2f re S Q\n", w-4, h-4)...)
	size := 10.0
	y := h/2 + size*float64(len(lines))/2 - size
	for _, l := range lines {
		content = append(content, fmt.Sprintf("BT 0 0 0.6 rg /F1 %.1f Tf 6 %.2f Td <", size, y)...)
		content = append(content, sf.encode(l)...)
		content = append(content, "> Tj ET\n"...)
		y -= size * 1.25
	}
	num := u.add()
	res := newDict()
	fonts := newDict()
	fonts.Set("F1", sf.write(u))
	res.Set("Font", fonts)
	d := newDict()
	d.Set("Type", pdfName("XObject"))
	d.Set("Subtype", pdfName("Form"))
	d.Set("BBox", pdfArray{0.0, 0.0, w, h})
	d.Set("Resources", res)
	d.Set("Length", len(content))
	u.setRaw(num, streamObject(d, content))
	ap := newDict()
	ap.Set("N", pdfRef{num, 0})
	return ap, nil
}
