package generate

import (
	"time"

	"vanthu/templates"
)

// Plan is the laid-out document: every string and rule with its position,
// page by page. Render draws it through maroto; tests and the layout check
// read it to measure margins, columns and rule lengths against Nghị định
// 30/2020/NĐ-CP, Phụ lục I. Positions are millimetres from the top-left
// corner of the page; Y of a text is its baseline.
type Plan struct {
	Pages    []Page
	Sig      Rect // where the signer's block is: the empty signature field goes there
	SigPage  int  // 0-based page of Sig
	Title    string
	Subject  string
	Author   string
	Keywords string
	Created  time.Time // creation date written into the metadata

	// layout is the page geometry the plan was laid out on when it is not
	// the generator's (the yearly documents use landscape pages).
	layout *templates.Layout
}

// Page is one page of a Plan.
type Page struct {
	Texts []Text
	Rules []Rule
}

// Text is one string drawn in one face.
type Text struct {
	X, Y   float64 // left end of the baseline, mm
	S      string
	Size   float64 // points
	Bold   bool
	Italic bool
	Role   string // what it is: "parent", "issuer", "number", "vv", "nation", "motto", "date", "type", "subject", "body", "to", "sign", "signer", "cc-title", "cc", "page-number", "table", ...
}

// Rule is a straight line: horizontal for the rules of the header and
// title, horizontal or vertical for table borders.
type Rule struct {
	X1, Y1, X2, Y2 float64 // mm
	Width          float64 // line width, mm
	Role           string  // "issuer", "motto", "subject", "party", "annex", "table"
}

// Rect is a rectangle in mm from the page's top-left corner.
type Rect struct{ X, Y, W, H float64 }

func (t Text) style() style {
	s := regular
	if t.Bold {
		s |= bold
	}
	if t.Italic {
		s |= italic
	}
	return s
}
