package htmltext

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"vanthu/corpus"
)

// skipped elements never carry document text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Button: true, atom.Select: true, atom.Option: true,
	atom.Input: true, atom.Textarea: true, atom.Img: true, atom.Video: true, atom.Audio: true,
	atom.Map: true, atom.Head: true,
}

// blocks end the current line before and after them.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true,
	atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Nav: true, atom.Aside: true, atom.Main: true,
	atom.Address: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true,
	atom.Form: true, atom.Fieldset: true, atom.Legend: true, atom.Center: true, atom.Details: true, atom.Summary: true,
}

// tagOf returns the element's atom from its name: libraries that rename
// elements (readability turns <div> into <p>, <br><br> into <p>) change
// Data but leave DataAtom stale.
func tagOf(n *html.Node) atom.Atom {
	if n.Type != html.ElementNode {
		return 0
	}
	return atom.Lookup([]byte(n.Data))
}

// renderer turns a DOM subtree into lines of text.
type renderer struct {
	lines []string
	cur   strings.Builder
	pre   int // depth inside <pre>
	depth int // element nesting, bounded by maxDepth
	// marker is a list marker waiting for the item's first text, so that
	// "<li><div>text</div></li>" reads "- text", not "-" then "text".
	marker string
}

// renderText renders n (and its subtree) as text, one block per line.
func renderText(n *html.Node) string {
	r := &renderer{}
	r.node(n)
	r.endLine()
	return strings.Join(r.lines, "\n")
}

func (r *renderer) endLine() {
	line := r.cur.String()
	r.cur.Reset()
	if r.pre == 0 {
		line = cleanLine(line)
	} else {
		line = strings.TrimRight(line, " \t")
	}
	if line != "" {
		r.lines = append(r.lines, line)
	}
}

func (r *renderer) text(s string) {
	if r.marker != "" && strings.TrimSpace(s) != "" {
		if strings.TrimSpace(r.cur.String()) == "" {
			r.cur.Reset()
			r.cur.WriteString(r.marker)
		}
		r.marker = ""
	}
	if r.pre > 0 {
		parts := strings.Split(s, "\n")
		for i, p := range parts {
			if i > 0 {
				r.endLine()
			}
			r.cur.WriteString(p)
		}
		return
	}
	r.cur.WriteString(s) // spaces are collapsed by cleanLine
}

// hidden reports elements a browser does not show.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// maxDepth bounds the recursion: text nested deeper than this is dropped
// (no real page comes near it; a hostile one could exhaust the stack).
const maxDepth = 512

func (r *renderer) node(n *html.Node) {
	if r.depth >= maxDepth {
		return
	}
	r.depth++
	defer func() { r.depth-- }()
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if skipped[tagOf(n)] || n.Data == "svg" || hidden(n) {
			return
		}
	}
	switch tagOf(n) {
	case atom.Br:
		r.endLine()
		return
	case atom.Table:
		r.endLine()
		r.table(n)
		return
	case atom.Li:
		r.endLine()
		r.marker = listMarker(n)
		r.children(n)
		r.marker = ""
		r.endLine()
		return
	case atom.Pre:
		r.endLine()
		r.pre++
		r.children(n)
		r.endLine()
		r.pre--
		return
	}
	block := n.Type == html.ElementNode && blocks[tagOf(n)]
	if block {
		r.endLine()
	}
	r.children(n)
	if block {
		r.endLine()
	}
}

func (r *renderer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
}

// listMarker is "- " for unordered lists, "N. " for ordered ones.
func listMarker(li *html.Node) string {
	p := li.Parent
	if p == nil || tagOf(p) != atom.Ol {
		return "- "
	}
	n := 1
	for s := p.FirstChild; s != nil && s != li; s = s.NextSibling {
		if s.Type == html.ElementNode && tagOf(s) == atom.Li {
			n++
		}
	}
	return strconv.Itoa(n) + ". "
}

// table renders a data table as "a | b | c" rows and a layout table (one or
// two columns, no header cells: the Quốc hiệu header and the signature
// block of an official document) as one block per cell.
func (r *renderer) table(t *html.Node) {
	var rows [][]*html.Node
	header := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || hidden(c) {
				continue
			}
			switch tagOf(c) {
			case atom.Table:
				continue // nested tables are rendered inside their cell
			case atom.Tr:
				var cells []*html.Node
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (tagOf(td) == atom.Td || tagOf(td) == atom.Th) && !hidden(td) {
						cells = append(cells, td)
						if tagOf(td) == atom.Th {
							header = true
						}
					}
				}
				rows = append(rows, cells)
			case atom.Caption:
				r.node(c)
			default:
				walk(c)
			}
		}
	}
	walk(t)
	cols := 0
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	// A data table has three or more columns (or header cells) and short
	// cells; cells holding lists, tables or many lines make it a layout
	// table (portals lay out whole pages and link lists in tables).
	data := header || cols >= 3
	for _, row := range rows {
		for _, c := range row {
			if !data {
				break
			}
			if hasDescendant(c, atom.Ul, atom.Ol, atom.Table) || strings.Count(renderText(c), "\n") >= 3 {
				data = false
			}
		}
	}
	for _, row := range rows {
		if !data {
			for _, c := range row {
				r.endLine()
				r.children(c)
				r.endLine()
			}
			continue
		}
		var cells []string
		empty := true
		for _, c := range row {
			s := strings.Join(strings.Split(renderText(c), "\n"), " ")
			if s != "" {
				empty = false
			}
			cells = append(cells, s)
		}
		if !empty {
			r.endLine()
			r.cur.WriteString(strings.Join(cells, " | "))
			r.endLine()
		}
	}
}

// hasDescendant reports whether n has an element child, at any depth, of
// one of the kinds given.
func hasDescendant(n *html.Node, kinds ...atom.Atom) bool {
	return hasDescendantDepth(n, 0, kinds)
}

func hasDescendantDepth(n *html.Node, depth int, kinds []atom.Atom) bool {
	if depth >= maxDepth {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a := tagOf(c)
		for _, k := range kinds {
			if a == k {
				return true
			}
		}
		if hasDescendantDepth(c, depth+1, kinds) {
			return true
		}
	}
	return false
}

// cleanLine collapses white space (including no-break and zero-width
// spaces), drops soft hyphens and returns NFC.
func cleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, c := range s {
		switch {
		case c == '\u00AD' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF':
			continue
		case unicode.IsSpace(c) || c == '\u00A0':
			space = true
			continue
		case unicode.IsControl(c):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(c)
	}
	return corpus.NFC(b.String())
}
