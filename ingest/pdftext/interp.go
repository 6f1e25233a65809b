package pdftext

import (
	"context"
	"fmt"
	"math"
	"regexp"

	"github.com/ledongthuc/pdf"
)

// glyph is one shown character with its position in user space (y up).
type glyph struct {
	x, y  float64 // origin on the baseline
	w     float64 // advance along the baseline
	size  float64 // effective font size
	text  string
	font  *font
	code  uint32
	known bool // the font said what the code means
	dir   int  // baseline direction in quarter turns: 0 →, 1 ↑, 2 ←, 3 ↓
	seq   int  // content order, for stable sorting
	src   int  // which content stream drew it (page, form, annotation)
}

type affine [6]float64 // a b c d e f, PDF's [a b 0; c d 0; e f 1]

var identity = affine{1, 0, 0, 1, 0, 0}

func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                affine
	tc, tw, th, tl, ts float64
	tfs                float64
	font               *font
}

// errStop aborts an interpretation from inside the library's callback (a
// deadline passed or a limit was hit); it is recovered by runPage.
type errStop struct{ err error }

// maxPageOps bounds the content operators run for one page, forms included;
// far more than any text page needs, so this only stops content bombs.
const maxPageOps = 20_000_000

// interpreter turns page content into glyphs. One interpreter serves one
// document (fonts are cached by object reference across pages) and one
// goroutine at a time.
type interpreter struct {
	ctx       context.Context
	m         *meter
	fonts     map[string]*font
	maxGlyphs int
	glyphs    []glyph
	ops       int
	pageOps   int // ops when the current page started
	depth     int
	formRuns  int  // form XObjects run on this page
	streams   int  // content streams run so far: the src of their glyphs
	images    bool // an image was drawn (Do of an image XObject, inline image)
}

var refRe = regexp.MustCompile(`/([^\s/<>\[\]()]+) (\d+) (\d+) R`)

// fontRefs maps resource names to object references ("12 0") by reading the
// printed form of the Font resource dictionary: the library exposes no object
// identity, and caching fonts by reference is what keeps a 60-page Công báo
// from re-parsing the same ToUnicode CMap on every page.
func fontRefs(fontDict pdf.Value) map[string]string {
	refs := map[string]string{}
	for _, m := range refRe.FindAllStringSubmatch(fontDict.String(), -1) {
		refs[m[1]] = m[2] + " " + m[3]
	}
	return refs
}

func (in *interpreter) font(res pdf.Value, refs map[string]string, name string) *font {
	if ref, ok := refs[name]; ok {
		if f, ok := in.fonts[ref]; ok {
			return f
		}
		f := loadFont(res.Key("Font").Key(name), in.m)
		in.fonts[ref] = f
		return f
	}
	return loadFont(res.Key("Font").Key(name), in.m)
}

// run interprets one content stream (a page or a form XObject).
func (in *interpreter) run(strm, res pdf.Value, ctm affine) {
	if in.depth > in.m.b.FormDepth {
		return // forms nested deeper than any producer writes: a loop
	}
	if in.depth > 0 {
		if in.formRuns++; in.formRuns > in.m.b.FormRuns {
			panic(errStop{over("more than %d form XObjects drawn on one page", in.m.b.FormRuns)})
		}
	}
	// Measure before the library reads: it builds whatever the stream
	// describes, however large, and cannot be stopped once it has started.
	if err := in.m.measure(strm, modeContent); err != nil {
		panic(errStop{err})
	}
	in.depth++
	defer func() { in.depth-- }()
	in.streams++
	ts := &textState{in: in, res: res, refs: fontRefs(res.Key("Font")), src: in.streams, g: gstate{ctm: ctm, th: 1}}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		in.ops++
		if in.ops&1023 == 0 {
			if err := in.m.check(); err != nil {
				panic(errStop{err})
			}
			if in.ops-in.pageOps > maxPageOps {
				// forms drawing forms drawing forms: a content bomb
				panic(errStop{fmt.Errorf("%w: more than %d content operators on the page", ErrTooLarge, maxPageOps)})
			}
		}
		if op == "Do" || op == "Tf" {
			// These look up resources, and every lookup of an object in an
			// object stream decodes that stream again: check the deadline
			// at each, not every 1024 operators.
			if err := in.ctx.Err(); err != nil {
				panic(errStop{ctxError(err)})
			}
		}
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		ts.do(op, args)
	})
}

// textState is the graphics and text state of one content stream as its
// operators run: what places each glyph on the page.
type textState struct {
	in      *interpreter
	res     pdf.Value
	refs    map[string]string // the resources' font references (fontRefs)
	src     int               // the stream's number, the src of its glyphs
	g       gstate
	stack   []gstate
	tm, tlm affine
}

// show places the glyphs of one string at the text matrix and advances it.
func (ts *textState) show(s string) {
	in, g := ts.in, &ts.g
	f := g.font
	if f == nil {
		return
	}
	for len(s) > 0 {
		code, n := f.next(s)
		s = s[n:]
		txt, known := f.text(code, n)
		w0 := f.width(code)
		trm := affine{g.tfs * g.th, 0, 0, g.tfs, 0, g.ts}.mul(ts.tm).mul(g.ctm)
		tx := (w0*g.tfs + g.tc) * g.th
		if n == 1 && code == 32 {
			tx += g.tw * g.th
		}
		adv := affine{1, 0, 0, 1, tx, 0}.mul(ts.tm).mul(g.ctm)
		x0, y0 := trm[4], trm[5]
		size := math.Hypot(trm[2], trm[3])
		gl := glyph{x: x0, y: y0, size: size, text: txt, font: f, code: code, known: known, seq: len(in.glyphs), src: ts.src}
		gl.w = math.Hypot(adv[4]-(ts.tm.mul(g.ctm))[4], adv[5]-(ts.tm.mul(g.ctm))[5])
		// Rotated text (landscape annex tables, vertical margin notes)
		// is laid out in its own frame; see layoutPage.
		gl.dir = (int(math.Round(math.Atan2(trm[1], trm[0])/(math.Pi/2))) + 4) % 4
		if g.tfs != 0 && len(in.glyphs) < in.maxGlyphs {
			in.glyphs = append(in.glyphs, gl)
		}
		ts.tm = affine{1, 0, 0, 1, tx, 0}.mul(ts.tm)
	}
}

// do runs one operator of the stream.
func (ts *textState) do(op string, args []pdf.Value) {
	in, res, g := ts.in, ts.res, &ts.g
	n := len(args)
	num := func(i int) float64 {
		if i < n {
			return args[i].Float64()
		}
		return 0
	}
	switch op {
	case "BI", "ID", "EI":
		in.images = true
	case "q":
		if len(ts.stack) < 64 {
			ts.stack = append(ts.stack, *g)
		}
	case "Q":
		if len(ts.stack) > 0 {
			*g = ts.stack[len(ts.stack)-1]
			ts.stack = ts.stack[:len(ts.stack)-1]
		}
	case "cm":
		if n == 6 {
			g.ctm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
		}
	case "BT":
		ts.tm, ts.tlm = identity, identity
	case "Tc":
		g.tc = num(0)
	case "Tw":
		g.tw = num(0)
	case "Tz":
		g.th = num(0) / 100
	case "TL":
		g.tl = num(0)
	case "Ts":
		g.ts = num(0)
	case "Tf":
		if n == 2 {
			g.font = in.font(res, ts.refs, args[0].Name())
			g.tfs = num(1)
		}
	case "Td", "TD":
		if n == 2 {
			if op == "TD" {
				g.tl = -num(1)
			}
			ts.tlm = affine{1, 0, 0, 1, num(0), num(1)}.mul(ts.tlm)
			ts.tm = ts.tlm
		}
	case "Tm":
		if n == 6 {
			ts.tlm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}
			ts.tm = ts.tlm
		}
	case "T*":
		ts.tlm = affine{1, 0, 0, 1, 0, -g.tl}.mul(ts.tlm)
		ts.tm = ts.tlm
	case "Tj":
		if n >= 1 {
			ts.show(args[n-1].RawString())
		}
	case "'", "\"":
		if op == "\"" && n == 3 {
			g.tw, g.tc = num(0), num(1)
		}
		ts.tlm = affine{1, 0, 0, 1, 0, -g.tl}.mul(ts.tlm)
		ts.tm = ts.tlm
		if n >= 1 {
			ts.show(args[n-1].RawString())
		}
	case "TJ":
		if n >= 1 {
			a := args[n-1]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					ts.show(x.RawString())
				} else {
					tx := -x.Float64() / 1000 * g.tfs * g.th
					ts.tm = affine{1, 0, 0, 1, tx, 0}.mul(ts.tm)
				}
			}
		}
	case "Do":
		if n >= 1 {
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() == "Image" {
				in.images = true
			}
			if xo.Key("Subtype").Name() == "Form" {
				m := identity
				if mx := xo.Key("Matrix"); mx.Len() == 6 {
					m = affine{mx.Index(0).Float64(), mx.Index(1).Float64(), mx.Index(2).Float64(), mx.Index(3).Float64(), mx.Index(4).Float64(), mx.Index(5).Float64()}
				}
				r := xo.Key("Resources")
				if r.IsNull() {
					r = res
				}
				in.run(xo, r, m.mul(g.ctm))
			}
		}
	}
}
