package meta

import (
	"regexp"
	"strings"

	"vanthu/corpus"
)

// News pages and portal articles have no số ký hiệu: the headline comes first
// (after the portal's navigation lines), the publication time under it
// ("13/03/2018 09:04"), then the lead paragraph.

var reNewsDate = regexp.MustCompile(`^(?:(?i:ngày\s+đăng|đăng\s+ngày|cập\s+nhật|ngày\s+cập\s+nhật|thời\s+gian\s+đăng)\s*:?\s*)?(?:(?:Thứ\s+\S+|Chủ\s+nhật|T[2-7]|CN)\s*,?\s*)?(?:(?i:ngày)\s+)?(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?)?$`)

// defaultBoilerplate are portal lines that are never a headline, folded.
var defaultBoilerplate = []string{
	"gui y kien phan hoi", "thong ke truy cap", "lien ket", "website lien ket", "tin nong", "tin tieu diem",
	"lich cong tac", "tim kiem", "trang chu", "dang nhap", "in bai viet", "chia se", "hom nay", "da truy cap",
	"dang truc tuyen", "ban in", "quay lai", "tin lien quan", "tin khac", "cac tin khac", "xem them", "binh luan",
	"in trang", "tep dinh kem", "van ban lien quan",
	// labels of a portal's attribute table (Số ký hiệu / Ngày ban hành / ...)
	"so ky hieu", "ngay ban hanh", "co quan ban hanh", "loai van ban", "nguoi ky", "trich yeu", "linh vuc",
	"ngay hieu luc", "tinh trang hieu luc", "noi ban hanh", "thuoc tinh",
}

func (p *Parser) isBoilerplate(s string) bool {
	return p.isBoilerplateKey(labelKey(collapse(s)))
}

// labelKey is the form of a collapsed line that labels and boilerplate
// are compared in: folded, without a trailing colon.
func labelKey(s string) string { return strings.TrimRight(fold(s), " :") }

// isBoilerplateKey is isBoilerplate of a line whose labelKey is k.
func (p *Parser) isBoilerplateKey(k string) bool {
	for _, b := range p.boiler {
		// k is b, or b then ":", or b then " " and fewer than 23 more bytes
		if !strings.HasPrefix(k, b) {
			continue
		}
		if len(k) == len(b) || k[len(b)] == ':' || k[len(b)] == ' ' && len(k) < len(b)+24 {
			return true
		}
	}
	return false
}

// findNews reads the headline and the publication date of an article.
func (p *Parser) findNews(t *text, used []bool) (title string, tspan corpus.Span, date corpus.Date, dspan corpus.Span) {
	seen := 0
	skipNext := false
	for i := 0; i < len(t.lines) && seen < 12; i++ {
		if used[i] || t.blank(i) {
			continue
		}
		seen++
		ln := t.lines[i]
		s := collapse(t.work[ln.start:ln.end])
		if m := reNewsDate.FindStringSubmatchIndex(s); m != nil {
			skipNext = false
			if date.IsZero() {
				if d, _, ok := ParseDate(strings.ReplaceAll(s[m[2]:m[3]], " ", "")); ok {
					date = d
					c := ln.cells[0]
					dspan = t.span(c.start, ln.cells[len(ln.cells)-1].end)
				}
			}
			continue
		}
		// the key isAttrLabel and isBoilerplate make of a line, made
		// once: s is collapsed already, and collapse(s) is s
		k := labelKey(s)
		if isAttrLabelKey(k) {
			skipNext = true // the label's value follows it
			continue
		}
		if skipNext {
			skipNext = false
			continue
		}
		if p.isBoilerplateKey(k) || strings.Contains(s, "Ảnh:") {
			continue
		}
		if title != "" {
			if !date.IsZero() {
				break
			}
			continue
		}
		words := len(strings.Fields(s))
		if words < 3 || len(s) > 250 || strings.HasSuffix(s, ".") || strings.HasPrefix(s, "[") {
			// the lead paragraph (or a related link) came first: no headline
			if len(s) > 120 {
				break
			}
			continue
		}
		title = s
		tspan = t.span(ln.cells[0].start, ln.cells[len(ln.cells)-1].end)
	}
	return
}

// attrLabels are the labels of a portal's attribute table, folded.
var attrLabels = []string{"so ky hieu", "ngay ban hanh", "co quan ban hanh", "loai van ban", "nguoi ky", "trich yeu",
	"linh vuc", "ngay hieu luc", "tinh trang hieu luc", "noi ban hanh"}

// isAttrLabelKey reports whether a line whose labelKey is k is one of them.
func isAttrLabelKey(k string) bool {
	for _, l := range attrLabels {
		if k == l {
			return true
		}
	}
	return false
}
