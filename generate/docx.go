package generate

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"vanthu/corpus"
	"vanthu/templates"
)

// RenderDOCX writes the same letter as RenderNotes as a Word document
// (WordprocessingML in a zip, ISO/IEC 29500), for staff who edit a draft in
// Word or LibreOffice before signing: A4 and the layout's margins, Times New
// Roman (Liberation Serif has its metrics, so lines break where the PDF's
// do), the two-column header as a borderless table, the same paragraphs,
// tables and signature block, page numbers centred in the top margin from
// page 2 (an appendix restarts them). Real paragraphs, not positioned lines,
// so that the text stays editable.
func (g *Generator) RenderDOCX(ctx context.Context, kind string, trip corpus.Trip, notes Notes) (out []byte, err error) {
	defer recoverInto(&err, "docx "+kind)
	d, doc, err := g.document(ctx, kind, &trip, notes)
	if err != nil {
		return nil, err
	}
	w := &docxWriter{m: g.m, l: g.set.Layout(), d: d, doc: doc}
	w.write()
	return w.pack(g.now(), d.IssuerName)
}

// Units: WordprocessingML measures lengths in twentieths of a point (twips)
// and font sizes in half-points.
func twips(mm float64) int      { return int(math.Round(mm / 25.4 * 1440)) }
func ptTwips(pt float64) int    { return int(math.Round(pt * 20)) }
func halfPoints(pt float64) int { return int(math.Round(pt * 2)) }

type docxWriter struct {
	m          *metrics
	l          templates.Layout
	d          *templates.Data
	doc        *templates.Doc
	b          strings.Builder
	lastCentre float64 // width of the last centred bold line (mm), for a rule under it
	section    int     // sections written so far (the appendix is the second)
}

// para describes one paragraph's properties.
type para struct {
	align      string  // "left", "center", "right", "both"
	size       float64 // points
	firstLine  float64 // mm
	left       float64 // mm
	right      float64 // mm
	hanging    float64 // mm
	before     float64 // points
	after      float64 // points
	lineFactor float64 // of the layout's line height; 0 = 1
	keepNext   bool
	border     bool // a bottom border: a rule
	exact      float64
}

func (w *docxWriter) lineTwips(size, factor float64) int {
	if factor == 0 {
		factor = 1
	}
	return ptTwips(size * 1.15 * w.l.LineSpacing * factor)
}

func (w *docxWriter) pPr(p para, extra string) string {
	var b strings.Builder
	b.WriteString("<w:pPr>")
	if p.keepNext {
		b.WriteString("<w:keepNext/>")
	}
	b.WriteString(`<w:widowControl w:val="0"/>`)
	if p.border {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>`)
	}
	line := w.lineTwips(p.size, p.lineFactor)
	if p.exact > 0 {
		line = ptTwips(p.exact)
	}
	fmt.Fprintf(&b, `<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="exact"/>`, ptTwips(p.before), ptTwips(p.after), line)
	if p.left != 0 || p.right != 0 || p.firstLine != 0 || p.hanging != 0 {
		b.WriteString(`<w:ind`)
		if p.left != 0 {
			fmt.Fprintf(&b, ` w:left="%d"`, twips(p.left))
		}
		if p.right != 0 {
			fmt.Fprintf(&b, ` w:right="%d"`, twips(p.right))
		}
		if p.firstLine != 0 {
			fmt.Fprintf(&b, ` w:firstLine="%d"`, twips(p.firstLine))
		}
		if p.hanging != 0 {
			fmt.Fprintf(&b, ` w:hanging="%d"`, twips(p.hanging))
		}
		b.WriteString(`/>`)
	}
	if p.align != "" && p.align != "left" {
		fmt.Fprintf(&b, `<w:jc w:val="%s"/>`, p.align)
	}
	b.WriteString(extra)
	b.WriteString("</w:pPr>")
	return b.String()
}

// runs writes text with inline **bold** and __italic__ spans over the base
// style as runs.
func runs(text string, base style, size float64, underline bool) string {
	var b strings.Builder
	for _, sg := range parseSpans(text, base) {
		b.WriteString(run(sg.text, sg.st, size, underline))
	}
	return b.String()
}

func run(text string, st style, size float64, underline bool) string {
	var b strings.Builder
	b.WriteString("<w:r><w:rPr>")
	if st&bold != 0 {
		b.WriteString("<w:b/><w:bCs/>")
	}
	if st&italic != 0 {
		b.WriteString("<w:i/><w:iCs/>")
	}
	if underline {
		b.WriteString(`<w:u w:val="single"/>`)
	}
	fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">`, halfPoints(size), halfPoints(size))
	b.WriteString(xmlEscape(text))
	b.WriteString("</w:t></w:r>")
	return b.String()
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' || r == 0xFFFE || r == 0xFFFF {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (w *docxWriter) p(p para, body string) {
	w.b.WriteString("<w:p>")
	w.b.WriteString(w.pPr(p, ""))
	w.b.WriteString(body)
	w.b.WriteString("</w:p>")
}

// rule is an empty paragraph whose bottom border is the rule, width mm wide
// and centred in a column of colWidth mm.
func (w *docxWriter) rule(width, colWidth, before, after float64) {
	side := math.Max(0, (colWidth-width)/2)
	w.p(para{left: side, right: side, exact: 2, before: before, after: after, border: true}, "")
}

func (w *docxWriter) width() float64 { return w.l.PageWidth - w.l.Left - w.l.Right }

func (w *docxWriter) write() {
	w.header()
	w.titleBlock()
	blocks := w.doc.Blocks
	size := w.l.Sizes.Body
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.Op {
		case templates.OpTo:
			j := i
			for j < len(blocks) && blocks[j].Op == templates.OpTo {
				j++
			}
			w.kinhGui(blocks[i:j])
			i = j - 1
		case templates.OpBasis:
			j := i
			for j < len(blocks) && blocks[j].Op == templates.OpBasis {
				j++
			}
			for k, x := range blocks[i:j] {
				t := strings.TrimRight(strings.TrimSpace(x.Text), ";.,")
				if k == j-i-1 {
					t += "."
				} else {
					t += ";"
				}
				after := 2.0
				if k == j-i-1 {
					after += w.l.ParaSpacing
				}
				w.p(para{align: "both", size: size, firstLine: w.l.Indent, after: after}, runs(t, italic, size, false))
			}
			i = j - 1
		case templates.OpCC, templates.OpSign, templates.OpSigner:
			j := i
			for j < len(blocks) && (blocks[j].Op == templates.OpCC || blocks[j].Op == templates.OpSign || blocks[j].Op == templates.OpSigner) {
				j++
			}
			w.closing(blocks[i:j])
			i = j - 1
		case templates.OpTable:
			j := i + 1
			for j < len(blocks) && (blocks[j].Op == templates.OpTH || blocks[j].Op == templates.OpTR) {
				j++
			}
			w.table(b.Cells, blocks[i+1:j])
			i = j - 1
		case templates.OpPara:
			w.p(para{align: "both", size: size, firstLine: w.l.Indent, after: w.l.ParaSpacing}, runs(b.Text, regular, size, false))
		case templates.OpHeading:
			w.p(para{align: "both", size: size, firstLine: w.l.Indent, after: w.l.ParaSpacing, keepNext: true}, runs(b.Text, bold, size, false))
		case templates.OpAuthority:
			half := size * 1.15 * w.l.LineSpacing * 0.5
			w.p(para{align: "center", size: size, before: half, after: half}, run(strings.ToUpper(b.Text), bold, size, false))
		case templates.OpCenter:
			w.lastCentre = w.m.Width(b.Text, bold, size)
			w.p(para{align: "center", size: size, after: w.l.ParaSpacing, keepNext: true}, runs(b.Text, bold, size, false))
		case templates.OpNote:
			w.lastCentre = w.m.Width(b.Text, italic, size)
			w.p(para{align: "center", size: size}, runs(b.Text, italic, size, false))
		case templates.OpRule:
			w.rule(math.Max(w.lastCentre/3, 20), w.width(), 0, 3/ptToMM-2+w.l.ParaSpacing)
		case templates.OpNewPage:
			w.sectionBreak()
		case templates.OpSpace:
			pt, _ := strconv.ParseFloat(b.Text, 64)
			if pt > 0 {
				w.p(para{exact: pt}, "")
			}
		}
	}
}

// header is the first page's two columns (as header.go lays them out).
func (w *docxWriter) header() {
	s := w.l.Sizes
	lw := w.l.HeaderLeft
	rw := w.width() - lw
	party := w.d.Party
	var left, right strings.Builder
	cell := func(b *strings.Builder, p para, body string) {
		b.WriteString("<w:p>" + w.pPr(p, "") + body + "</w:p>")
	}
	ruleIn := func(b *strings.Builder, width, col float64) {
		side := math.Max(0, (col-width)/2)
		b.WriteString("<w:p>" + w.pPr(para{left: side, right: side, exact: 2, after: 4, border: true}, "") + "</w:p>")
	}
	if w.d.ParentIssuer != "" {
		cell(&left, para{align: "center", size: s.Parent}, run(w.d.ParentIssuer, regular, s.Parent, false))
	}
	cell(&left, para{align: "center", size: s.Issuer}, run(w.d.Issuer, bold, s.Issuer, false))
	if party {
		cell(&left, para{align: "center", size: s.Issuer}, run("*", regular, s.Issuer, false))
	} else {
		iw := 0.0
		for _, l := range w.m.wrap(w.d.Issuer, bold, s.Issuer, lw) {
			iw = math.Max(iw, w.m.Width(l, bold, s.Issuer))
		}
		ruleIn(&left, iw*0.4, lw)
	}
	num := "Số: " + w.d.Number
	if party {
		num = "Số " + w.d.Number
	}
	cell(&left, para{align: "center", size: s.Number}, run(num, regular, s.Number, false))
	if w.doc.Type == "" && w.doc.Subject != "" {
		cell(&left, para{align: "center", size: s.Subject, before: 3}, run(w.doc.Subject, regular, s.Subject, false))
	}
	if party {
		cell(&right, para{align: "center", size: s.Motto, after: 7}, run(partyHeader, bold, s.Motto, true))
	} else {
		ns := s.Nation
		if w.m.Width(nation, bold, ns) > rw {
			ns = 12
		}
		cell(&right, para{align: "center", size: ns}, run(nation, bold, ns, false))
		cell(&right, para{align: "center", size: s.Motto}, run(motto, bold, s.Motto, false))
		ruleIn(&right, w.m.Width(motto, bold, s.Motto), rw)
	}
	cell(&right, para{align: "center", size: s.Date}, run(placeDate(w.d), italic, s.Date, false))
	w.b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(twips(w.width())) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	fmt.Fprintf(&w.b, `<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr>`, twips(lw), twips(rw))
	fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>`, twips(lw), left.String())
	fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>`, twips(rw), right.String())
	w.b.WriteString(`</w:tr></w:tbl>`)
	w.p(para{exact: s.Body * 1.15 * w.l.LineSpacing * 0.6}, "")
}

func (w *docxWriter) titleBlock() {
	if w.doc.Type == "" {
		return
	}
	s := w.l.Sizes
	w.p(para{align: "center", size: s.Type, before: s.Type * 1.15 * w.l.LineSpacing * 0.3, keepNext: true}, run(strings.ToUpper(w.doc.Type), bold, s.Type, false))
	if w.doc.Subject != "" {
		sw := 0.0
		for _, l := range w.m.wrap(w.doc.Subject, bold, s.Type, w.width()*0.85) {
			sw = math.Max(sw, w.m.Width(l, bold, s.Type))
		}
		side := (w.width() - w.width()*0.85) / 2
		w.p(para{align: "center", size: s.Type, left: side, right: side, keepNext: true}, run(w.doc.Subject, bold, s.Type, false))
		w.rule(sw*0.4, w.width(), 1, s.Body*1.15*w.l.LineSpacing*0.5)
	}
}

// kinhGui writes the addressees as kinhGui in header.go places them.
func (w *docxWriter) kinhGui(bs []templates.Block) {
	size := w.l.Sizes.Body
	label := "Kính gửi:"
	lw := w.m.Width(label+" ", regular, size)
	if len(bs) == 1 {
		name := bs[0].Text
		full := w.m.Width(label+" "+name, regular, size)
		if full > w.width()-2*w.l.Indent {
			w.p(para{size: size, left: w.l.Indent + lw, hanging: lw, after: w.l.ParaSpacing}, run(label+" "+name, regular, size, false))
			return
		}
		w.p(para{align: "center", size: size, after: w.l.ParaSpacing}, run(label+" "+name, regular, size, false))
		return
	}
	dash := w.m.Width("- ", regular, size)
	longest := 0.0
	for _, b := range bs {
		longest = math.Max(longest, w.m.Width(b.Text+";", regular, size))
	}
	x := w.width() - lw - dash - longest
	x = math.Max(w.l.Indent, math.Min(x, w.width()/4))
	colon := x + w.m.Width("Kính gửi", regular, size)
	w.p(para{size: size, left: x}, run(label, regular, size, false))
	for i, b := range bs {
		end := ";"
		after := 0.0
		if i == len(bs)-1 {
			end, after = ".", w.l.ParaSpacing
		}
		w.p(para{size: size, left: colon + dash, hanging: dash, after: after}, run("- "+b.Text+end, regular, size, false))
	}
}

// table writes a bordered table; its header rows repeat on each page.
func (w *docxWriter) table(widths []string, rows []templates.Block) {
	size := w.l.Sizes.Table
	ws := make([]float64, len(widths))
	total := 0.0
	for i, x := range widths {
		ws[i], _ = strconv.ParseFloat(x, 64)
		total += ws[i]
	}
	for i := range ws {
		ws[i] = ws[i] / total * w.width()
	}
	pad := twips(w.l.CellPadding)
	fmt.Fprintf(&w.b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, twips(w.width()))
	w.b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&w.b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	fmt.Fprintf(&w.b, `</w:tblBorders><w:tblCellMar><w:top w:w="%d" w:type="dxa"/><w:left w:w="%d" w:type="dxa"/><w:bottom w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`, pad, pad, pad, pad)
	for _, x := range ws {
		fmt.Fprintf(&w.b, `<w:gridCol w:w="%d"/>`, twips(x))
	}
	w.b.WriteString(`</w:tblGrid>`)
	inHeader := true
	for _, r := range rows {
		base := regular
		w.b.WriteString("<w:tr>")
		if r.Op == templates.OpTH && inHeader {
			w.b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
			base = bold
		} else {
			inHeader = false
			if r.Op == templates.OpTH {
				base = bold
			}
		}
		for i := range ws {
			txt := ""
			if i < len(r.Cells) {
				txt = r.Cells[i]
			}
			al := "left"
			switch {
			case r.Op == templates.OpTH, txt == "x":
				al = "center"
			case numericCell.MatchString(strings.ReplaceAll(txt, "**", "")) && strings.TrimSpace(txt) != "":
				al = "right"
			}
			fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p>%s%s</w:p></w:tc>`,
				twips(ws[i]), w.pPr(para{align: al, size: size}, ""), runs(txt, base, size, false))
		}
		w.b.WriteString("</w:tr>")
	}
	w.b.WriteString("</w:tbl>")
	w.p(para{exact: 1}, "")
}

// closing writes Nơi nhận beside the signature block, kept on one page.
func (w *docxWriter) closing(bs []templates.Block) {
	s := w.l.Sizes
	var cc, sign []string
	var signer string
	for _, b := range bs {
		switch b.Op {
		case templates.OpCC:
			cc = append(cc, strings.TrimRight(strings.TrimSpace(b.Text), ";."))
		case templates.OpSign:
			if t := strings.TrimSpace(b.Text); t != "" {
				sign = append(sign, strings.ToUpper(t))
			}
		case templates.OpSigner:
			signer = strings.TrimSpace(b.Text)
		}
	}
	sw := w.l.SignWidth
	lw := w.width() - sw
	var left, right strings.Builder
	if len(cc) > 0 {
		left.WriteString("<w:p>" + w.pPr(para{size: s.Sign, keepNext: true}, "") + run("Nơi nhận:", boldItalic, s.CCTitle, false) + "</w:p>")
		dash := w.m.Width("- ", regular, s.CC)
		for i, c := range cc {
			end := ";"
			if i == len(cc)-1 {
				end = "."
			}
			left.WriteString("<w:p>" + w.pPr(para{size: s.CC, lineFactor: 0.9, left: dash, hanging: dash, keepNext: true}, "") + run("- "+c+end, regular, s.CC, false) + "</w:p>")
		}
	} else {
		left.WriteString("<w:p>" + w.pPr(para{size: s.CC}, "") + "</w:p>")
	}
	for i, t := range sign {
		after := 0.0
		if i == len(sign)-1 {
			after = w.l.SignSpace / ptToMM
		}
		right.WriteString("<w:p>" + w.pPr(para{align: "center", size: s.Sign, after: after, keepNext: true}, "") + run(t, bold, s.Sign, false) + "</w:p>")
	}
	right.WriteString("<w:p>" + w.pPr(para{align: "center", size: s.Sign}, "") + run(signer, bold, s.Sign, false) + "</w:p>")
	w.p(para{exact: s.Body * 1.15 * w.l.LineSpacing * 0.3, keepNext: true}, "")
	fmt.Fprintf(&w.b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`, twips(w.width()), twips(lw), twips(sw))
	fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>`, twips(lw), left.String())
	fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>`, twips(sw), right.String())
	w.b.WriteString(`</w:tr></w:tbl>`)
	w.p(para{exact: w.l.ParaSpacing}, "")
}

// sectPr is a section's page set-up: A4, the layout's margins, page numbers
// from the section's second page (titlePg with an empty first-page header),
// numbering restarted in every section after the first.
func (w *docxWriter) sectPr(next bool) string {
	var b strings.Builder
	b.WriteString("<w:sectPr>")
	b.WriteString(`<w:headerReference w:type="default" r:id="rIdHdrNum"/><w:headerReference w:type="first" r:id="rIdHdrFirst"/>`)
	if next {
		b.WriteString(`<w:type w:val="nextPage"/>`)
	}
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, twips(w.l.PageWidth), twips(w.l.PageHeight))
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		twips(w.l.Top), twips(w.l.Right), twips(w.l.Bottom), twips(w.l.Left), twips(w.l.Top/2-w.l.Sizes.PageNumber*ptToMM*0.6), twips(w.l.Bottom/2))
	if w.section > 0 {
		b.WriteString(`<w:pgNumType w:start="1"/>`)
	}
	b.WriteString(`<w:titlePg/></w:sectPr>`)
	return b.String()
}

// sectionBreak ends the current section (the appendix starts on a new page
// and numbers its pages on its own, Phụ lục I, III.1.đ).
func (w *docxWriter) sectionBreak() {
	w.b.WriteString("<w:p>" + w.pPr(para{exact: 1}, w.sectPr(false)) + "</w:p>")
	w.section++
}

const docxNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// pack zips the parts. Entries carry the generator's clock so that the same
// trip gives the same file.
func (w *docxWriter) pack(now time.Time, author string) ([]byte, error) {
	body := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document ` + docxNS + `><w:body>` + w.b.String() + w.sectPr(false) + `</w:body></w:document>`
	fontSize := halfPoints(w.l.Sizes.Body)
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles ` + docxNS + `><w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
		fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`, fontSize, fontSize) +
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`
	ps := w.l.Sizes.PageNumber
	hdrNum := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + docxNS + `><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
		fmt.Sprintf(`<w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`, halfPoints(ps), halfPoints(ps)) +
		fmt.Sprintf(`<w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`, halfPoints(ps), halfPoints(ps), halfPoints(ps))
	hdrFirst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + docxNS + `><w:p/></w:hdr>`
	settings := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:settings ` + docxNS + `><w:defaultTabStop w:val="720"/>` +
		`<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
	created := now.UTC().Format("2006-01-02T15:04:05Z")
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlEscape(w.doc.Title) + `</dc:title><dc:subject>` + xmlEscape(strings.TrimSpace(strings.TrimPrefix(w.doc.Subject, "V/v "))) + `</dc:subject>` +
		`<dc:creator>` + xmlEscape(author) + `</dc:creator><cp:keywords>` + xmlEscape(w.doc.Keywords) + `</cp:keywords><dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + created + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + created + `</dcterms:modified></cp:coreProperties>`
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
			`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
			`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
			`<Relationship Id="rIdHdrNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
			`<Relationship Id="rIdHdrFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>`},
		{"word/document.xml", body},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/header1.xml", hdrNum},
		{"word/header2.xml", hdrFirst},
		{"docProps/core.xml", core},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: now.UTC()})
		if err != nil {
			return nil, fmt.Errorf("generate: docx: %w", err)
		}
		if _, err := f.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("generate: docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("generate: docx: %w", err)
	}
	return buf.Bytes(), nil
}
