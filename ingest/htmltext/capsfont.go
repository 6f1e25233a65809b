package htmltext

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TCVN3 pages set capitals with a second font whose name ends in "H"
// (.VnTimeH, .VnArialH, .VnCentury SchoolbookH): the typist often typed
// lower case and the font drew capitals. The bytes then decode to lower
// case, so the text of elements in such a font is upper-cased here.
var (
	capsFontName  = regexp.MustCompile(`(?i)\.vn[a-z ]*h\b`)
	capsFontClass = regexp.MustCompile(`(?is)\.([a-z0-9_-]+)\s*\{[^}]*font-family\s*:\s*["']?\.vn[a-z ]*h\b`)
)

// applyCapsFonts upper-cases the text of elements set in a TCVN3 capitals
// font, named in a style attribute, a <font face>, or a class whose CSS
// rule (in a <style> element) names the font. It reports whether it changed
// anything.
func applyCapsFonts(doc *goquery.Document) bool {
	classes := map[string]bool{}
	doc.Find("style").Each(func(_ int, s *goquery.Selection) {
		for _, m := range capsFontClass.FindAllStringSubmatch(s.Text(), -1) {
			classes[strings.ToLower(m[1])] = true
		}
	})
	changed := false
	doc.Find("[style], font[face], [class]").Each(func(_ int, s *goquery.Selection) {
		caps := false
		if st, ok := s.Attr("style"); ok && strings.Contains(strings.ToLower(st), "font-family") && capsFontName.MatchString(st) {
			caps = true
		}
		if f, ok := s.Attr("face"); ok && capsFontName.MatchString(f) {
			caps = true
		}
		if c, ok := s.Attr("class"); ok {
			for _, k := range strings.Fields(strings.ToLower(c)) {
				caps = caps || classes[k]
			}
		}
		if !caps {
			return
		}
		for _, n := range s.Nodes {
			upperText(n, 0)
		}
		changed = true
	})
	return changed
}

func upperText(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	if n.Type == html.TextNode {
		n.Data = strings.ToUpper(n.Data)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		upperText(c, depth+1)
	}
}
