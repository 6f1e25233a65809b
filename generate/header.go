package generate

import (
	"math"
	"strconv"
	"strings"

	"vanthu/templates"
)

const (
	nation      = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto       = "Độc lập - Tự do - Hạnh phúc"
	partyHeader = "ĐẢNG CỘNG SẢN VIỆT NAM"
	// ruleWidth is the width of the rules under the issuer, motto and subject.
	ruleWidth = 0.3
)

// header draws the first page's two columns (Nghị định 30/2020/NĐ-CP, Phụ
// lục I, IV: ô số 1-5b). Left: parent body, issuer with its rule (Party: a
// star), number, and for a công văn the "V/v" line. Right: Quốc hiệu and
// Tiêu ngữ with its rule (Party: "ĐẢNG CỘNG SẢN VIỆT NAM" underlined), then
// the place and date on the number's line.
func (e *engine) header() {
	s := e.l.Sizes
	lx, lw := e.left(), e.l.HeaderLeft
	rx, rw := lx+lw, e.width()-e.l.HeaderLeft
	top := e.y
	party := e.d.Party

	// Left column.
	e.y = top
	if e.d.ParentIssuer != "" {
		e.centred(e.m.wrap(e.d.ParentIssuer, regular, s.Parent, lw), regular, s.Parent, lx, lw, "parent")
	}
	issuerLines := e.m.wrap(e.d.Issuer, bold, s.Issuer, lw)
	iw := e.centred(issuerLines, bold, s.Issuer, lx, lw, "issuer")
	if party {
		e.text(lx+(lw-e.m.Width("*", regular, s.Issuer))/2, e.baseline(e.y, s.Issuer), "*", regular, s.Issuer, "star")
		e.y += e.lh(s.Issuer)
	} else if len(issuerLines) > 0 {
		// Phụ lục I, II.2.b: a rule 1/3 to 1/2 as long as the issuer's line.
		w := iw * 0.4
		e.rule(lx+(lw-w)/2, lx+(lw+w)/2, e.y+0.6, ruleWidth, "issuer")
		e.y += 2.5
	}
	leftNumberTop := e.y

	// Right column.
	e.y = top
	var date string
	if party {
		pw := e.centred([]string{partyHeader}, bold, s.Motto, rx, rw, "party")
		e.rule(rx+(rw-pw)/2, rx+(rw+pw)/2, e.y-e.lh(s.Motto)+e.baseline(0, s.Motto)+0.8, ruleWidth, "party")
		e.y += 2.5
	} else {
		ns := s.Nation
		if e.m.Width(nation, bold, ns) > rw { // keep the Quốc hiệu on one line (12-13 pt allowed)
			ns = 12
		}
		e.centred([]string{nation}, bold, ns, rx, rw, "nation")
		mw := e.centred([]string{motto}, bold, s.Motto, rx, rw, "motto")
		// Phụ lục I, II.1.b: a solid rule as long as the motto.
		e.rule(rx+(rw-mw)/2, rx+(rw+mw)/2, e.y+0.6, ruleWidth, "motto")
		e.y += 2.5
	}
	rightDateTop := e.y
	date = placeDate(e.d)

	// The number and the place-and-date share a line (Phụ lục I, II.4.c).
	e.y = math.Max(leftNumberTop, rightDateTop)
	numTop := e.y
	numSize := s.Number
	num := "Số: " + e.d.Number
	if party {
		num = "Số " + e.d.Number
	}
	e.centred([]string{num}, regular, numSize, lx, lw, "number")
	leftBottom := e.y
	if e.doc.Type == "" && e.doc.Subject != "" {
		// Công văn: "V/v ..." under the number, 6 pt below it (II.5.b).
		e.y += 6 * ptToMM * 0.5
		e.centred(e.m.wrap(e.doc.Subject, regular, s.Subject, lw), regular, s.Subject, lx, lw, "vv")
		leftBottom = e.y
	}
	e.y = numTop
	// The date line is baseline-aligned with the number.
	e.text(rx+(rw-e.m.Width(date, italic, s.Date))/2, e.baseline(numTop, numSize), date, italic, s.Date, "date")
	e.y += e.lh(s.Date)
	e.y = math.Max(leftBottom, e.y) + e.lh(s.Body)*0.6
}

// placeDate writes "Hạ Long, ngày 05 tháng 01 năm 2026" (II.4.b); without a
// date it leaves blanks for the day the leader signs.
func placeDate(d *templates.Data) string {
	place := d.Place
	if place == "" {
		place = "......"
	}
	if d.Date.IsZero() {
		y := d.Departure.Year()
		if y < 1 {
			return place + ", ngày      tháng      năm 20..."
		}
		return place + ", ngày      tháng      năm " + strconv.Itoa(y)
	}
	return place + ", " + templates.LongDate(d.Date)
}

// titleBlock draws the type name and subject of a typed document, centred,
// with a rule 1/3-1/2 of the subject's width under it (II.5.b).
func (e *engine) titleBlock() {
	if e.doc.Type == "" {
		return
	}
	s := e.l.Sizes
	e.y += e.lh(s.Type) * 0.3
	e.centred([]string{strings.ToUpper(e.doc.Type)}, bold, s.Type, e.left(), e.width(), "type")
	if e.doc.Subject != "" {
		sw := e.centred(e.m.wrap(e.doc.Subject, bold, s.Type, e.width()*0.85), bold, s.Type, e.left(), e.width(), "subject")
		w := sw * 0.4
		cx := e.left() + e.width()/2
		e.rule(cx-w/2, cx+w/2, e.y+1.2, ruleWidth, "subject")
		e.y += 3
	}
	e.y += e.lh(s.Body) * 0.5
}

// kinhGui draws the addressees (II.9.d, ô 9a): one on the same line as
// "Kính gửi:", several as a dashed list aligned under the colon, each ending
// ";" and the last ".".
func (e *engine) kinhGui(bs []templates.Block) {
	size := e.l.Sizes.Body
	label := "Kính gửi:"
	lw := e.m.Width(label+" ", regular, size)
	if len(bs) == 1 {
		name := bs[0].Text
		full := e.m.Width(label+" "+name, regular, size)
		x := e.left() + (e.width()-full)/2
		if full > e.width()-2*e.l.Indent {
			x = e.left() + e.l.Indent
		}
		e.ensure(e.lh(size))
		e.text(x, e.baseline(e.y, size), label, regular, size, "to-label")
		lines := e.m.wrap(name, regular, size, e.right()-x-lw)
		for _, l := range lines {
			e.ensure(e.lh(size))
			e.text(x+lw, e.baseline(e.y, size), l, regular, size, "to")
			e.y += e.lh(size)
		}
		e.paraGap()
		return
	}
	// Several: the block is set so that the longest line ends near the right
	// margin but never starts left of two indents.
	dash := e.m.Width("- ", regular, size)
	longest := 0.0
	for _, b := range bs {
		longest = math.Max(longest, e.m.Width(b.Text+";", regular, size))
	}
	x := e.right() - lw - dash - longest
	x = math.Max(e.left()+e.l.Indent, math.Min(x, e.left()+e.width()/4))
	colon := x + e.m.Width("Kính gửi", regular, size)
	e.ensure(e.lh(size))
	e.text(x, e.baseline(e.y, size), label, regular, size, "to-label")
	e.y += e.lh(size)
	for i, b := range bs {
		end := ";"
		if i == len(bs)-1 {
			end = "."
		}
		lines := e.m.wrap(b.Text+end, regular, size, e.right()-colon-dash)
		for j, l := range lines {
			e.ensure(e.lh(size))
			if j == 0 {
				e.text(colon, e.baseline(e.y, size), "-", regular, size, "to")
			}
			e.text(colon+dash, e.baseline(e.y, size), l, regular, size, "to")
			e.y += e.lh(size)
		}
	}
	e.paraGap()
}

// bases draws the căn cứ lines: italic, each ending ";" and the last "."
// (II.6.a).
func (e *engine) bases(bs []templates.Block) {
	for i, b := range bs {
		t := strings.TrimRight(strings.TrimSpace(b.Text), ";.,")
		if i == len(bs)-1 {
			t += "."
		} else {
			t += ";"
		}
		e.para(t, italic, e.l.Sizes.Body, e.left(), e.width(), e.l.Indent, alignJustify, "basis")
		e.y += 2 * ptToMM
	}
	e.paraGap()
}

// closing draws Nơi nhận (left, 12 pt bold italic title, 11 pt list, level
// with the signer's title line, II.9.d ô 9b) beside the signature block
// (right, bold caps, room for signature and seal, name bold, II.7). The two
// are kept together on one page.
func (e *engine) closing(bs []templates.Block) {
	s := e.l.Sizes
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
	sx := e.right() - e.l.SignWidth
	sw := e.l.SignWidth
	ccw := sx - e.left() - 2
	var signLines []string
	for _, t := range sign {
		signLines = append(signLines, e.m.wrap(t, bold, s.Sign, sw)...)
	}
	var ccLines [][2]string // text, role
	for i, c := range cc {
		end := ";"
		if i == len(cc)-1 {
			end = "."
		}
		for j, l := range e.m.wrap(c+end, regular, s.CC, ccw-e.m.Width("- ", regular, s.CC)) {
			if j == 0 {
				l = "- " + l
			} else {
				l = "  " + l
			}
			ccLines = append(ccLines, [2]string{l, "cc"})
		}
	}
	rightH := float64(len(signLines))*e.lh(s.Sign) + e.l.SignSpace + e.lh(s.Sign)
	leftH := 0.0
	if len(cc) > 0 {
		leftH = e.lh(s.CCTitle) + float64(len(ccLines))*e.lh(s.CC)*0.9
	}
	e.y += e.lh(s.Body) * 0.3
	e.ensure(math.Max(leftH, rightH))
	top := e.y
	// Right: the signature block.
	e.y = top
	e.centred(signLines, bold, s.Sign, sx, sw, "sign")
	sigTop := top
	e.y += e.l.SignSpace
	if signer != "" {
		e.centred([]string{signer}, bold, s.Sign, sx, sw, "signer")
	}
	rightBottom := e.y
	if !e.sigSet {
		e.plan.Sig = Rect{X: sx, Y: sigTop, W: sw, H: rightBottom - sigTop}
		e.plan.SigPage = len(e.plan.Pages) - 1
		e.sigSet = true
	}
	// Left: Nơi nhận, its first line level with the signer's title line.
	if len(cc) > 0 {
		e.y = top
		by := e.baseline(top, s.Sign)
		e.text(e.left(), by, "Nơi nhận:", boldItalic, s.CCTitle, "cc-title")
		y := by + e.lh(s.CC)*0.9
		for _, l := range ccLines {
			e.text(e.left(), y, l[0], regular, s.CC, l[1])
			y += e.lh(s.CC) * 0.9
		}
		e.y = math.Max(rightBottom, y)
	}
	e.y = math.Max(e.y, rightBottom)
	e.paraGap()
}
