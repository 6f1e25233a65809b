package generate

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"vanthu/templates"
)

var numericCell = regexp.MustCompile(`^[*\d.,\s%-]+$`)

// table draws a bordered table whose rows flow across pages; the header row
// is repeated at the top of each new page, and a row taller than a page is
// split between lines (maroto never splits a row, so the engine does).
func (e *engine) table(widths []string, rows []templates.Block) {
	size := e.l.Sizes.Table
	pad := e.l.CellPadding
	lh := e.lh(size)
	// Column widths, scaled to the text width.
	ws := make([]float64, len(widths))
	total := 0.0
	for i, w := range widths {
		ws[i], _ = strconv.ParseFloat(w, 64)
		total += ws[i]
	}
	xs := make([]float64, len(ws)+1)
	xs[0] = e.left()
	for i := range ws {
		ws[i] = ws[i] / total * e.width()
		xs[i+1] = xs[i] + ws[i]
	}
	type cellLines struct {
		lines []line
		al    align
	}
	prep := func(b templates.Block) []cellLines {
		out := make([]cellLines, len(ws))
		base := regular
		if b.Op == templates.OpTH {
			base = bold
		}
		for i := range ws {
			txt := ""
			if i < len(b.Cells) {
				txt = b.Cells[i]
			}
			al := alignLeft
			if b.Op == templates.OpTH {
				al = alignCenter
			} else if txt == "x" { // a form's tick mark
				al = alignCenter
			} else if numericCell.MatchString(strings.ReplaceAll(txt, "**", "")) && strings.TrimSpace(txt) != "" {
				al = alignRight
			}
			out[i] = cellLines{e.m.breakLines(e.m.words(parseSpans(txt, base), size), size, ws[i]-2*pad, ws[i]-2*pad), al}
		}
		return out
	}
	var header [][]cellLines
	// drawRow draws lines [from, from+n) of every cell as one row box.
	drawRow := func(cells []cellLines, from, n int) {
		top := e.y
		h := float64(n)*lh + 2*pad
		e.rule(xs[0], xs[len(xs)-1], top, 0.2, "table")
		e.rule(xs[0], xs[len(xs)-1], top+h, 0.2, "table")
		for i, c := range cells {
			for k := 0; k < n && from+k < len(c.lines); k++ {
				ln := c.lines[from+k]
				ln.last = true
				e.drawLine(ln, xs[i]+pad, ws[i]-2*pad, e.baseline(top+pad+float64(k)*lh, size), size, c.al, "table")
			}
		}
		for _, x := range xs {
			e.vrule(x, top, top+h)
		}
		e.y = top + h
	}
	rowLines := func(cells []cellLines) int {
		n := 1
		for _, c := range cells {
			n = max(n, len(c.lines))
		}
		return n
	}
	prevTH := false
	for _, r := range rows {
		cells := prep(r)
		n := rowLines(cells)
		if r.Op == templates.OpTH {
			// Consecutive header rows (names, then the forms' column
			// numbers) repeat together.
			if !prevTH {
				header = nil
			}
			header = append(header, cells)
		}
		prevTH = r.Op == templates.OpTH
		from := 0
		for from < n {
			room := int(math.Floor((e.bottom() - e.y - 2*pad) / lh))
			if room < min(n-from, 2) { // keep at least two lines of a row together
				e.newPage()
				if header != nil && r.Op != templates.OpTH {
					for _, h := range header {
						drawRow(h, 0, rowLines(h))
					}
				}
				room = int(math.Floor((e.bottom() - e.y - 2*pad) / lh))
			}
			k := min(room, n-from)
			if k < 1 {
				k = 1
			}
			drawRow(cells, from, k)
			from += k
		}
	}
	e.paraGap()
}

// vrule records a vertical table border.
func (e *engine) vrule(x, y1, y2 float64) {
	e.page().Rules = append(e.page().Rules, Rule{X1: x, Y1: y1, X2: x, Y2: y2, Width: 0.2, Role: "table"})
}
