package review

import (
	"fmt"
	"strings"

	"vanthu/corpus"
)

// FieldView is one field of a document as the document page shows it: its
// value, where it came from and how sure the reading is, the machine's
// reading beside a person's correction, and the issues about it.
type FieldView struct {
	Name       string   `json:"name"`
	Label      string   `json:"label"`
	Value      string   `json:"value"`
	Extracted  string   `json:"extracted,omitempty"` // what the machine read, when a person changed it
	Source     string   `json:"source,omitempty"`    // text, ocr, portal, record, correction
	Where      string   `json:"where,omitempty"`     // "trang 1, dòng 3"
	Confidence float64  `json:"confidence"`          // 0..1: how sure the reading is (1 for a person's value)
	Corrected  bool     `json:"corrected,omitempty"`
	Issues     []string `json:"issues,omitempty"`
}

// SourceHandwriting is the source of a value read from handwriting (the
// number and day written in ink after signing).
const SourceHandwriting = "handwriting"

// FieldViews describes every correctable field of d (the corrected view),
// given the document as extracted and its correction.
func FieldViews(d, extracted corpus.Document, c Correction) []FieldView {
	issues := Issues(d, c)
	var out []FieldView
	for _, f := range Fields {
		v := FieldView{Name: f.Name, Label: f.Label, Value: FieldValue(d, f.Name)}
		if _, ok := c.Fields[f.Name]; ok {
			v.Corrected = true
			v.Source = SourceCorrection
			v.Confidence = 1
			if ev := FieldValue(extracted, f.Name); ev != v.Value {
				v.Extracted = ev
			}
		} else if v.Value != "" {
			v.Source, v.Where, v.Confidence = provenance(d, f.Name)
		}
		for _, is := range issues {
			if is.Field == f.Name {
				v.Issues = append(v.Issues, is.Message)
				if !v.Corrected && v.Value != "" && strings.Contains(strings.ToLower(is.Message), "handwrit") {
					// Read by the handwriting reader, not tesseract.
					v.Source = SourceHandwriting
				}
			}
		}
		out = append(out, v)
	}
	return out
}

// provenance says where a field's value was read: its source (the text
// layer, OCR, a portal's attributes...), the page and line, and the reading
// confidence of that page.
func provenance(d corpus.Document, field string) (source, where string, conf float64) {
	key := field
	if strings.HasPrefix(field, "signer") {
		key = "signer"
	}
	source = d.FieldSources[key]
	sp, hasSpan := d.Spans[key]
	if !hasSpan && source == "" {
		source = "text"
	}
	if source != "" && source != "text" {
		// Stated by the source (portal, record, file name): as sure as the
		// source is, which vanthu cannot measure.
		return source, "", 1
	}
	page := 1
	if hasSpan && sp.Offset > 0 && sp.Offset <= len(d.Text) {
		page += strings.Count(d.Text[:sp.Offset], "\f")
	}
	conf = d.Source.Quality
	if conf == 0 && d.Source.Status == corpus.StatusOK {
		conf = 1
	}
	for _, p := range d.Source.Pages {
		if p.Number != page {
			continue
		}
		conf = PageConfidence(p)
		if p.Source == "ocr" {
			source = "ocr"
		}
	}
	if source == "" {
		source = "text"
	}
	if hasSpan && sp.Line > 0 {
		if len(d.Source.Pages) > 1 {
			where = fmt.Sprintf("trang %d, dòng %d", page, sp.Line)
		} else {
			where = fmt.Sprintf("dòng %d", sp.Line)
		}
	}
	return source, where, conf
}

// PageConfidence is how sure the reading of a page is, 0..1: tesseract's
// mean word confidence for an OCR'd page when known, else the page's text
// quality.
func PageConfidence(p corpus.Page) float64 {
	if p.Source == "ocr" && p.OCRConfidence > 0 {
		return p.OCRConfidence / 100
	}
	return p.Quality
}
