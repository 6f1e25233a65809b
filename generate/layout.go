package generate

import (
	"math"
	"strconv"
	"strings"

	"vanthu/templates"
)

// Font metrics of Liberation Serif (= Times New Roman) as fractions of the
// size: used to put a baseline inside a line box.
const (
	ascent  = 0.891
	descent = 0.216
)

type align uint8

const (
	alignLeft align = iota
	alignCenter
	alignRight
	alignJustify
)

// engine lays a templates.Doc out on pages.
type engine struct {
	m          *metrics
	l          templates.Layout
	d          *templates.Data
	doc        *templates.Doc
	plan       *Plan
	y          float64 // top of the next line box, mm from the page top
	sections   []int   // first page of each page-numbering section (an appendix restarts numbering)
	sigSet     bool
	lastCentre float64 // width of the last centred title, for the rule under it
}

func (e *engine) left() float64   { return e.l.Left }
func (e *engine) width() float64  { return e.l.PageWidth - e.l.Left - e.l.Right }
func (e *engine) right() float64  { return e.l.PageWidth - e.l.Right }
func (e *engine) bottom() float64 { return e.l.PageHeight - e.l.Bottom }

// lh is the height of a line at size points: a single line of Times New Roman
// is 1.15 em; the layout's line spacing multiplies it (1 to 1.5 lines).
func (e *engine) lh(size float64) float64 { return size * ptToMM * 1.15 * e.l.LineSpacing }

func (e *engine) baseline(top, size float64) float64 {
	s := size * ptToMM
	return top + (e.lh(size)-s*(ascent+descent))/2 + s*ascent
}

func (e *engine) page() *Page { return &e.plan.Pages[len(e.plan.Pages)-1] }

func (e *engine) newPage() {
	e.plan.Pages = append(e.plan.Pages, Page{})
	e.y = e.l.Top
}

// ensure starts a new page unless h more millimetres fit on this one.
func (e *engine) ensure(h float64) bool {
	if e.y+h > e.bottom()+1e-6 && e.y > e.l.Top+1e-6 {
		e.newPage()
		return true
	}
	return false
}

func (e *engine) text(x, y float64, s string, st style, size float64, role string) {
	if s == "" {
		return
	}
	e.page().Texts = append(e.page().Texts, Text{X: x, Y: y, S: s, Size: size, Bold: st&bold != 0, Italic: st&italic != 0, Role: role})
}

func (e *engine) rule(x1, x2, y, w float64, role string) {
	e.page().Rules = append(e.page().Rules, Rule{X1: x1, Y1: y, X2: x2, Y2: y, Width: w, Role: role})
}

// drawLine draws a broken line at baseline y between x and x+w.
func (e *engine) drawLine(ln line, x, w, y, size float64, al align, role string) {
	space := e.m.Width(" ", regular, size)
	switch al {
	case alignCenter:
		x += (w - ln.width) / 2
	case alignRight:
		x += w - ln.width
	case alignJustify:
		// Nghị định 30/2020, Phụ lục I, II.6.e: "canh đều cả hai lề"; the last
		// line of a paragraph keeps its natural spacing.
		if !ln.last && len(ln.words) > 1 {
			sum := 0.0
			for _, wd := range ln.words {
				sum += wd.width
			}
			gap := (w - sum) / float64(len(ln.words)-1)
			if gap < space*4 { // never stretch a line into a few islands of words
				for _, wd := range ln.words {
					e.drawWord(wd, x, y, size, role)
					x += wd.width + gap
				}
				return
			}
		}
	}
	// Left-set text: one string per run of words in the same face keeps the
	// PDF small and its text easy to extract.
	var b strings.Builder
	runX, runSt := x, style(255)
	flush := func() {
		if b.Len() > 0 {
			e.text(runX, y, b.String(), runSt, size, role)
			b.Reset()
		}
	}
	for i, wd := range ln.words {
		if i > 0 {
			if runSt == wd.segs[0].st {
				b.WriteByte(' ')
			} else {
				flush()
			}
			x += space
		}
		for _, sg := range wd.segs {
			if sg.st != runSt {
				flush()
				runX, runSt = x, sg.st
			}
			b.WriteString(sg.text)
			x += e.m.Width(sg.text, sg.st, size)
		}
	}
	flush()
}

func (e *engine) drawWord(wd word, x, y, size float64, role string) {
	for _, sg := range wd.segs {
		e.text(x, y, sg.text, sg.st, size, role)
		x += e.m.Width(sg.text, sg.st, size)
	}
}

// para flows a paragraph across pages.
func (e *engine) para(text string, st style, size, x, w, indent float64, al align, role string) {
	ws := e.m.words(parseSpans(text, st), size)
	lines := e.m.breakLines(ws, size, w-indent, w)
	for i, ln := range lines {
		e.ensure(e.lh(size))
		in := 0.0
		if i == 0 {
			in = indent
		}
		e.drawLine(ln, x+in, w-in, e.baseline(e.y, size), size, al, role)
		e.y += e.lh(size)
	}
}

// centred draws plain lines centred in [x, x+w] from the current y and
// returns the widest line's width.
func (e *engine) centred(lines []string, st style, size, x, w float64, role string) float64 {
	widest := 0.0
	for _, s := range lines {
		sw := e.m.Width(s, st, size)
		widest = math.Max(widest, sw)
		e.text(x+(w-sw)/2, e.baseline(e.y, size), s, st, size, role)
		e.y += e.lh(size)
	}
	return widest
}

func (e *engine) paraGap() { e.y += e.l.ParaSpacing * ptToMM }

// layout builds the plan.
func (e *engine) layout() {
	e.plan = &Plan{}
	e.newPage()
	e.sections = []int{0}
	e.header()
	e.titleBlock()
	blocks := e.doc.Blocks
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.Op {
		case templates.OpTo:
			j := i
			for j < len(blocks) && blocks[j].Op == templates.OpTo {
				j++
			}
			e.kinhGui(blocks[i:j])
			i = j - 1
		case templates.OpBasis:
			j := i
			for j < len(blocks) && blocks[j].Op == templates.OpBasis {
				j++
			}
			e.bases(blocks[i:j])
			i = j - 1
		case templates.OpCC, templates.OpSign, templates.OpSigner:
			j := i
			for j < len(blocks) && (blocks[j].Op == templates.OpCC || blocks[j].Op == templates.OpSign || blocks[j].Op == templates.OpSigner) {
				j++
			}
			e.closing(blocks[i:j])
			i = j - 1
		case templates.OpTable:
			j := i + 1
			for j < len(blocks) && (blocks[j].Op == templates.OpTH || blocks[j].Op == templates.OpTR) {
				j++
			}
			e.table(b.Cells, blocks[i+1:j])
			i = j - 1
		case templates.OpTH, templates.OpTR: // only after @table, which Parse checks
		case templates.OpPara:
			e.para(b.Text, regular, e.l.Sizes.Body, e.left(), e.width(), e.l.Indent, alignJustify, "body")
			e.paraGap()
		case templates.OpHeading:
			// Keep a heading with the first line of what follows it.
			e.ensure(e.lh(e.l.Sizes.Body) * 2)
			e.para(b.Text, bold, e.l.Sizes.Body, e.left(), e.width(), e.l.Indent, alignJustify, "heading")
			e.paraGap()
		case templates.OpAuthority:
			e.y += e.lh(e.l.Sizes.Body) * 0.5
			e.ensure(e.lh(e.l.Sizes.Body))
			e.centred(e.m.wrap(strings.ToUpper(b.Text), bold, e.l.Sizes.Body, e.width()), bold, e.l.Sizes.Body, e.left(), e.width(), "authority")
			e.y += e.lh(e.l.Sizes.Body) * 0.5
		case templates.OpCenter:
			e.ensure(e.lh(e.l.Sizes.Body) * 2)
			e.lastCentre = e.centred(e.m.wrap(b.Text, bold, e.l.Sizes.Body, e.width()*0.9), bold, e.l.Sizes.Body, e.left(), e.width(), "center")
			e.paraGap()
		case templates.OpNote:
			e.ensure(e.lh(e.l.Sizes.Body))
			e.y -= e.l.ParaSpacing * ptToMM
			e.lastCentre = e.centred(e.m.wrap(b.Text, italic, e.l.Sizes.Body, e.width()*0.9), italic, e.l.Sizes.Body, e.left(), e.width(), "note")
		case templates.OpRule:
			w := math.Max(e.lastCentre/3, 20)
			cx := e.left() + e.width()/2
			e.rule(cx-w/2, cx+w/2, e.y+1.2, ruleWidth, "annex")
			e.y += 3 + e.l.ParaSpacing*ptToMM
		case templates.OpNewPage:
			e.newPage()
			e.sections = append(e.sections, len(e.plan.Pages)-1)
		case templates.OpSpace:
			pt, _ := strconv.ParseFloat(b.Text, 64)
			e.y += pt * ptToMM
		}
	}
	e.pageNumbers()
	e.plan.Title = e.doc.Title
	e.plan.Subject = strings.TrimSpace(strings.TrimPrefix(e.doc.Subject, "V/v "))
	e.plan.Keywords = e.doc.Keywords
}

// pageNumbers numbers the pages from 2, centred in the top margin, each
// appendix on its own (Nghị định 30/2020, Phụ lục I, I.7 and III.1.đ).
func (e *engine) pageNumbers() {
	size := e.l.Sizes.PageNumber
	for s, start := range e.sections {
		end := len(e.plan.Pages)
		if s+1 < len(e.sections) {
			end = e.sections[s+1]
		}
		for p := start + 1; p < end; p++ {
			n := strconv.Itoa(p - start + 1)
			w := e.m.Width(n, regular, size)
			y := e.l.Top/2 + size*ptToMM*ascent/2
			e.plan.Pages[p].Texts = append(e.plan.Pages[p].Texts, Text{X: e.left() + (e.width()-w)/2, Y: y, S: n, Size: size, Role: "page-number"})
		}
	}
}
