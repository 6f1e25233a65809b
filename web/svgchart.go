package web

import (
	"fmt"
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"
)

// Charts of the statistics page: plain SVG drawn on the server (no script,
// no CDN, readable without JavaScript and printable). Every label is
// escaped; colours are presentation attributes, which the page's
// Content-Security-Policy (no inline styles) allows.

// bar is one bar of a chart: a label and up to two values (delegations and
// person-trips).
type bar struct {
	Label string
	A, B  int
}

// barChart draws horizontal bars, two per group (A dark, B light), with the
// values written after them. title names the chart for screen readers.
func barChart(title, legendA, legendB string, bars []bar) template.HTML {
	if len(bars) == 0 {
		return template.HTML(`<p class="none">Chưa có số liệu.</p>`)
	}
	const (
		width  = 640
		labelW = 200
		rowH   = 30
		barH   = 11
		top    = 26
		right  = 60
	)
	maxV := 1
	for _, b := range bars {
		maxV = max(maxV, b.A, b.B)
	}
	scale := float64(width-labelW-right) / float64(maxV)
	h := top + rowH*len(bars) + 6
	var sb strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&sb, `<svg class="chart" role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`,
		esc(title), width, h, width, h)
	fmt.Fprintf(&sb, `<title>%s</title>`, esc(title))
	// Legend.
	fmt.Fprintf(&sb, `<rect x="%d" y="6" width="12" height="12" fill="#1f4e79"/><text x="%d" y="16" font-size="12">%s</text>`, labelW, labelW+16, esc(legendA))
	if legendB != "" {
		fmt.Fprintf(&sb, `<rect x="%d" y="6" width="12" height="12" fill="#9cc0e8"/><text x="%d" y="16" font-size="12">%s</text>`, labelW+150, labelW+166, esc(legendB))
	}
	for i, b := range bars {
		y := top + i*rowH
		fmt.Fprintf(&sb, `<g class="bar"><text x="%d" y="%d" font-size="12" text-anchor="end">%s</text>`, labelW-8, y+barH+4, esc(clip(b.Label, 30)))
		wa := float64(b.A) * scale
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#1f4e79"><title>%s: %d</title></rect>`, labelW, y, wa, barH, esc(b.Label), b.A)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="11">%d</text>`, float64(labelW)+wa+4, y+barH-1, b.A)
		if legendB != "" {
			wb := float64(b.B) * scale
			fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#9cc0e8"><title>%s: %d</title></rect>`, labelW, y+barH+1, wb, barH, esc(b.Label), b.B)
			fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="11">%d</text>`, float64(labelW)+wb+4, y+2*barH, b.B)
		}
		sb.WriteString(`</g>`)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// clip shortens a label to n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// sortedBars orders groups by delegations, then person-trips, then name,
// keeping the largest limit groups and summing the rest as "Khác".
func sortedBars(m map[string][2]int, limit int) []bar {
	bars := make([]bar, 0, len(m))
	for k, v := range m {
		bars = append(bars, bar{Label: k, A: v[0], B: v[1]})
	}
	sort.Slice(bars, func(i, j int) bool {
		if bars[i].A != bars[j].A {
			return bars[i].A > bars[j].A
		}
		if bars[i].B != bars[j].B {
			return bars[i].B > bars[j].B
		}
		return bars[i].Label < bars[j].Label
	})
	if limit > 0 && len(bars) > limit {
		rest := bar{Label: "Khác"}
		for _, b := range bars[limit-1:] {
			rest.A += b.A
			rest.B += b.B
		}
		bars = append(bars[:limit-1], rest)
	}
	return bars
}
