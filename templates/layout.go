package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Layout is the page geometry and type sizes, read from layout.json. The
// defaults follow Nghị định 30/2020/NĐ-CP, Phụ lục I; Validate refuses values
// outside the ranges that annex allows, so an office's override cannot
// produce a document the records office would send back.
type Layout struct {
	PageWidth  float64 `json:"page_width_mm"`    // A4: 210 (Phụ lục I, I.1)
	PageHeight float64 `json:"page_height_mm"`   // A4: 297
	Top        float64 `json:"margin_top_mm"`    // 20-25 (Phụ lục I, I.3)
	Bottom     float64 `json:"margin_bottom_mm"` // 20-25
	Left       float64 `json:"margin_left_mm"`   // 30-35
	Right      float64 `json:"margin_right_mm"`  // 15-20

	HeaderLeft float64 `json:"header_left_mm"` // width of the issuer column (ô số 2, 3, 5b)

	Sizes Sizes `json:"sizes"`

	Indent      float64 `json:"indent_mm"`            // first-line indent: 10 or 12.7 (Phụ lục I, II.6.e)
	LineSpacing float64 `json:"line_spacing"`         // 1 to 1.5 lines
	ParaSpacing float64 `json:"paragraph_spacing_pt"` // at least 6 pt
	SignWidth   float64 `json:"sign_width_mm"`        // width of the signature column
	SignSpace   float64 `json:"sign_space_mm"`        // room for the signature and seal
	CellPadding float64 `json:"cell_padding_mm"`      // table cell padding
}

// Sizes are type sizes in points, each with the range Phụ lục I, Mục V allows.
type Sizes struct {
	Parent     float64 `json:"parent"`      // 12-13, caps
	Issuer     float64 `json:"issuer"`      // 12-13, caps bold
	Number     float64 `json:"number"`      // 13
	Subject    float64 `json:"vv"`          // 12-13 ("V/v ..." of a công văn)
	Nation     float64 `json:"nation"`      // 12-13, caps bold (Quốc hiệu)
	Motto      float64 `json:"motto"`       // 13-14, bold (Tiêu ngữ)
	Date       float64 `json:"date"`        // 13-14, italic
	Type       float64 `json:"type"`        // 13-14, caps bold
	Body       float64 `json:"body"`        // 13-14
	Sign       float64 `json:"sign"`        // 13-14, caps bold
	CCTitle    float64 `json:"cc_title"`    // 12, bold italic
	CC         float64 `json:"cc"`          // 11
	PageNumber float64 `json:"page_number"` // 13-14
	Table      float64 `json:"table"`       // appendix tables: 12-13 in practice
	Stamp      float64 `json:"stamp"`       // 10 (e-signature information, Phụ lục I, II.8.b)
}

// DefaultLayout is the embedded layout.json.
func DefaultLayout() Layout {
	return Layout{
		PageWidth: 210, PageHeight: 297, Top: 20, Bottom: 20, Left: 30, Right: 15,
		HeaderLeft: 68,
		Sizes: Sizes{Parent: 13, Issuer: 13, Number: 13, Subject: 12, Nation: 13, Motto: 14, Date: 14,
			Type: 14, Body: 14, Sign: 14, CCTitle: 12, CC: 11, PageNumber: 14, Table: 12, Stamp: 10},
		Indent: 12.7, LineSpacing: 1.15, ParaSpacing: 6, SignWidth: 85, SignSpace: 25, CellPadding: 1.5,
	}
}

// ParseLayout reads layout.json over the defaults and validates it.
func ParseLayout(name string, b []byte) (Layout, error) {
	l := DefaultLayout()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		line := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case asErr(err, &se):
			line = lineAt(b, se.Offset)
		case asErr(err, &te):
			line = lineAt(b, te.Offset)
		}
		return Layout{}, &SyntaxError{Template: name, Line: line, Msg: err.Error()}
	}
	if err := l.Validate(); err != nil {
		return Layout{}, &SyntaxError{Template: name, Msg: err.Error()}
	}
	return l, nil
}

// Validate checks the layout against Nghị định 30/2020/NĐ-CP, Phụ lục I.
func (l Layout) Validate() error {
	type check struct {
		name      string
		v, lo, hi float64
	}
	s := l.Sizes
	for _, c := range []check{
		{"page_width_mm", l.PageWidth, 100, 600}, {"page_height_mm", l.PageHeight, 100, 900},
		{"margin_top_mm", l.Top, 20, 25}, {"margin_bottom_mm", l.Bottom, 20, 25},
		{"margin_left_mm", l.Left, 30, 35}, {"margin_right_mm", l.Right, 15, 20},
		{"header_left_mm", l.HeaderLeft, 40, 100},
		{"sizes.parent", s.Parent, 12, 13}, {"sizes.issuer", s.Issuer, 12, 13}, {"sizes.number", s.Number, 13, 13},
		{"sizes.vv", s.Subject, 12, 13}, {"sizes.nation", s.Nation, 12, 13}, {"sizes.motto", s.Motto, 13, 14},
		{"sizes.date", s.Date, 13, 14}, {"sizes.type", s.Type, 13, 14}, {"sizes.body", s.Body, 13, 14},
		{"sizes.sign", s.Sign, 13, 14}, {"sizes.cc_title", s.CCTitle, 12, 12}, {"sizes.cc", s.CC, 11, 11},
		{"sizes.page_number", s.PageNumber, 13, 14}, {"sizes.table", s.Table, 10, 14}, {"sizes.stamp", s.Stamp, 8, 12},
		{"indent_mm", l.Indent, 10, 12.7}, {"line_spacing", l.LineSpacing, 1, 1.5},
		{"paragraph_spacing_pt", l.ParaSpacing, 6, 24}, {"sign_width_mm", l.SignWidth, 50, 120},
		{"sign_space_mm", l.SignSpace, 15, 60}, {"cell_padding_mm", l.CellPadding, 0.5, 5},
	} {
		if c.v < c.lo || c.v > c.hi {
			return fmt.Errorf("%s = %g: Nghị định 30/2020/NĐ-CP, Phụ lục I allows %g to %g", c.name, c.v, c.lo, c.hi)
		}
	}
	if l.HeaderLeft > l.PageWidth-l.Left-l.Right-60 {
		return fmt.Errorf("header_left_mm = %g leaves less than 60 mm for the national motto", l.HeaderLeft)
	}
	return nil
}

func lineAt(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}
