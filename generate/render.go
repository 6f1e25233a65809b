package generate

import (
	"bytes"
	"regexp"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	mdalign "github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"vanthu/templates"
)

// draw renders the plan through maroto: one maroto page per planned page,
// holding one full-height row whose only component is a canvas that draws
// the planned strings and rules at their positions. maroto keeps rows whole
// and cannot justify a line with its last line left-set, so the layout
// (line breaking, justification, pagination) is done by the engine and
// maroto is used as the page and font machinery.
func (g *Generator) draw(p *Plan) ([]byte, error) {
	l := g.layoutOf(p)
	fonts, release := g.m.customFonts()
	defer release()
	cfg := config.NewBuilder().
		WithDimensions(l.PageWidth, l.PageHeight).
		WithLeftMargin(l.Left).WithTopMargin(l.Top).WithRightMargin(l.Right).WithBottomMargin(l.Bottom).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: fontFamily, Style: fontstyle.Normal, Size: l.Sizes.Body}).
		WithCompression(true).
		WithTitle(p.Title, true).
		WithSubject(p.Subject, true).
		WithAuthor(p.Author, true).
		WithKeywords(p.Keywords, true).
		WithCreator(g.creator, true).
		WithCreationDate(p.Created).
		Build()
	m := maroto.New(cfg)
	h := l.PageHeight - l.Top - l.Bottom
	for i := range p.Pages {
		c := &canvas{page: &p.Pages[i], l: l, h: h}
		m.AddPages(page.New().Add(row.New(h).Add(col.New(12).Add(c))))
	}
	doc, err := m.Generate()
	if err != nil {
		return nil, err
	}
	return fixModDate(doc.GetBytes()), nil
}

// gofpdf writes fonts and other catalog entries in map order unless told to
// sort them; maroto does not expose the setting, so it is set once for the
// package's gofpdf. The same plan then gives the same bytes (the demo stores
// its letters again without new versions).
var _ = func() bool { gofpdf.SetDefaultCatalogSort(true); return true }()

var modDate = regexp.MustCompile(`/ModDate \(D:\d{14}\)`)
var creationDate = regexp.MustCompile(`/CreationDate \(D:(\d{14})\)`)

// fixModDate makes the /ModDate gofpdf writes (the time of rendering, which
// maroto cannot set) the creation date: a document drawn from the same plan
// is then the same file. The replacement has the same length, so the
// cross-reference offsets stay right.
func fixModDate(pdf []byte) []byte {
	c := creationDate.FindSubmatch(pdf)
	if c == nil {
		return pdf
	}
	loc := modDate.FindIndex(pdf)
	if loc == nil {
		return pdf
	}
	repl := []byte("/ModDate (D:" + string(c[1]) + ")")
	if len(repl) != loc[1]-loc[0] {
		return pdf
	}
	out := bytes.Clone(pdf)
	copy(out[loc[0]:], repl)
	return out
}

// canvas is a maroto component that draws one planned page.
type canvas struct {
	page *Page
	l    templates.Layout
	h    float64
}

var _ core.Component = (*canvas)(nil)

func (c *canvas) SetConfig(*entity.Config) {}

func (c *canvas) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "vanthu-canvas"})
}

func (c *canvas) GetHeight(core.Provider, *entity.Cell) float64 { return c.h }

func (c *canvas) Render(p core.Provider, _ *entity.Cell) {
	for _, t := range c.page.Texts {
		// maroto puts the baseline one font size (in mm) below the cell's
		// top, measured from the margins.
		cell := entity.Cell{X: t.X - c.l.Left, Y: t.Y - t.Size*ptToMM - c.l.Top, Width: 2 * c.l.PageWidth, Height: t.Size}
		p.AddText(t.S, &cell, &props.Text{Family: fontFamily, Style: t.style().maroto(), Size: t.Size, Align: mdalign.Left})
	}
	for _, r := range c.page.Rules {
		cell := entity.Cell{X: r.X1 - c.l.Left, Y: r.Y1 - c.l.Top, Width: r.X2 - r.X1, Height: r.Y2 - r.Y1}
		o := orientation.Horizontal
		if r.X1 == r.X2 {
			o = orientation.Vertical
		}
		p.AddLine(&cell, &props.Line{Thickness: r.Width, SizePercent: 100, Orientation: o, Style: linestyle.Solid})
	}
}
