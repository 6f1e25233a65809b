package htmltext

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"vanthu/corpus"
)

// vbplResult is what the vbpl.vn reader found.
type vbplResult struct {
	title, text string
	fields      map[string]string
}

// isVBPL: the host is vbpl.vn, or the page has one of its containers (saved
// pages often lose their URL).
func isVBPL(doc *goquery.Document, base *url.URL) bool {
	if base != nil {
		h := strings.ToLower(base.Hostname())
		if h == "vbpl.vn" || strings.HasSuffix(h, ".vbpl.vn") {
			return true
		}
	}
	return doc.Find("[data-vbpl-content-root], #toanvancontent, .vbProperties, .box-tab-vb a[href*='vbpq-']").Length() > 0
}

// extractVBPL reads the vbpl.vn page kinds that carry a document:
// the 2025+ page (text in [data-vbpl-content-root], header with status and
// dates), the old "Toàn văn" page (#toanvancontent inside .fulltext, with
// the header tables and the signature table around it) and the old
// "Thuộc tính" page (.vbProperties); and the other tabs of the old layout
// (.box-tab-vb: "Lược đồ", "VB liên quan"). ok is false for other pages
// (search results): readability handles those.
func extractVBPL(doc *goquery.Document, base *url.URL) (vbplResult, bool) {
	if !isVBPL(doc, base) {
		return vbplResult{}, false
	}
	r := vbplResult{fields: map[string]string{}}
	switch {
	case doc.Find("[data-vbpl-content-root]").Length() > 0:
		root := doc.Find("[data-vbpl-content-root]").First()
		r.text = renderSel(root)
		r.title = strings.TrimSpace(doc.Find("[class*=lawDocumentHeader_title]").First().Text())
		if s := strings.TrimSpace(doc.Find("[class*=detailStatusTag]").First().Text()); s != "" {
			r.fields["status"] = cleanLine(s)
		}
		doc.Find("[class*=lawDocumentHeader_dateItem]").Each(func(_ int, it *goquery.Selection) {
			label := it.Find("[class*=lawDocumentHeader_dateLabel]").Text()
			value := it.Find("[class*=lawDocumentHeader_dateValue]").Text()
			setField(r.fields, []string{label}, []string{value})
		})
	case doc.Find("#toanvancontent").Length() > 0:
		tv := doc.Find("#toanvancontent").First()
		full := tv.Closest(".fulltext")
		if full.Length() == 0 {
			full = tv
		}
		readInfo(full.Find(".vbInfo"), r.fields)
		c := full.Clone()
		c.Find(".vbInfo, .vbFile, .fileAttack, script, style").Remove()
		r.text = renderSel(c)
		r.title = breadcrumbTitle(doc)
	case doc.Find(".vbProperties").Length() > 0:
		props := doc.Find(".vbProperties").First()
		readInfo(doc.Find(".vbInfo"), r.fields)
		readProperties(props, r.fields)
		r.title = cleanLine(props.Find("td.title").First().Text())
		c := props.Clone()
		c.Find(".fileAttack, .qLink, script, style").Remove()
		r.text = renderSel(c)
		if r.title == "" {
			r.title = breadcrumbTitle(doc)
		}
	case doc.Find(".box-tab-vb").Length() > 0:
		// Other old pages of a document ("Lược đồ", "VB liên quan",
		// "Lịch sử"): the tab's content without breadcrumb, tabs and the
		// hidden download dialogs; the facet menus are outside it.
		box := doc.Find(".box-tab-vb").First()
		readInfo(box.Find(".vbInfo"), r.fields)
		c := box.Clone()
		c.Find(".box-map, .header, .fileAttack, .vbInfo, .qLink, script, style").Remove()
		r.text = renderSel(c)
		r.title = breadcrumbTitle(doc)
	default:
		return vbplResult{}, false
	}
	if len(r.fields) == 0 {
		r.fields = nil
	}
	return r, true
}

func renderSel(s *goquery.Selection) string {
	var parts []string
	for _, n := range s.Nodes {
		parts = append(parts, renderText(n))
	}
	return strings.Join(parts, "\n")
}

// breadcrumbTitle: the last item of the old portal's breadcrumb
// ("Hiến pháp Không số").
func breadcrumbTitle(doc *goquery.Document) string {
	return cleanLine(doc.Find(".box-map li").Last().Text())
}

// readInfo reads the old pages' status box: "Hiệu lực: Còn hiệu lực",
// "Ngày có hiệu lực: 01/01/2014".
func readInfo(info *goquery.Selection, fields map[string]string) {
	info.Find("li").Each(func(_ int, li *goquery.Selection) {
		label := li.Find("span").First().Text()
		value := strings.TrimPrefix(cleanLine(li.Text()), cleanLine(label))
		setField(fields, []string{label}, []string{value})
	})
}

// readProperties reads the "Thuộc tính" table: rows of label cells
// (class "label") each followed by its value cells. A label naming several
// attributes ("Cơ quan ban hành/ Chức danh / Người ký") takes as many value
// cells, in the label's order (which differs between page kinds).
func readProperties(t *goquery.Selection, fields map[string]string) {
	t.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.ChildrenFiltered("td, th")
		for i := 0; i < cells.Length(); i++ {
			c := cells.Eq(i)
			if c.HasClass("title") {
				// "Tình trạng hiệu lực: Còn hiệu lực"
				if k, v, ok := strings.Cut(cleanLine(c.Text()), ":"); ok {
					setField(fields, []string{k}, []string{v})
				}
				continue
			}
			if !c.HasClass("label") {
				continue
			}
			labels := strings.Split(c.Text(), "/")
			var values []string
			for j := i + 1; j < cells.Length() && len(values) < len(labels); j++ {
				if cells.Eq(j).HasClass("label") {
					break
				}
				values = append(values, valueText(cells.Eq(j)))
			}
			setField(fields, labels, values)
			i += len(values)
		}
	})
}

// valueText: a cell's text; list items joined by "; ".
func valueText(c *goquery.Selection) string {
	if li := c.Find("li"); li.Length() > 0 {
		var parts []string
		li.Each(func(_ int, s *goquery.Selection) {
			if t := cleanLine(s.Text()); t != "" {
				parts = append(parts, t)
			}
		})
		return strings.Join(parts, "; ")
	}
	return cleanLine(c.Text())
}

// fieldKeys maps the folded labels of vbpl.vn to the stable keys of
// Result.Fields.
var fieldKeys = map[string]string{
	"so ky hieu":                   "number",
	"ngay ban hanh":                "date",
	"ngay xac thuc":                "date", // văn bản hợp nhất: the date of authentication is its date
	"loai van ban":                 "type",
	"loai vb duoc sua doi bo sung": "amended_type",
	"ngay co hieu luc":             "effective",
	"ngay het hieu luc":            "expires",
	"hieu luc":                     "status",
	"tinh trang hieu luc":          "status",
	"tinh trang":                   "status",
	"nguon thu thap":               "source",
	"nguon trich":                  "source",
	"ngay dang cong bao":           "gazette_date",
	"co quan ban hanh":             "issuer",
	"co quan hop nhat":             "issuer",
	"chuc danh":                    "signer_title",
	"nguoi ky":                     "signer",
	"pham vi":                      "scope",
	"linh vuc":                     "field",
	"nganh":                        "sector",
	"ngay cap nhat":                "updated",
}

// setField stores values under the keys of labels; unknown labels are kept
// under "vbpl:" + their folded form, so nothing the portal says is lost.
func setField(fields map[string]string, labels, values []string) {
	for i, l := range labels {
		if i >= len(values) {
			break
		}
		v := cleanLine(values[i])
		k := corpus.MatchKey(l)
		if v == "" || k == "" {
			continue
		}
		key, ok := fieldKeys[k]
		if !ok {
			key = "vbpl:" + strings.ReplaceAll(k, " ", "_")
		}
		if _, dup := fields[key]; !dup {
			fields[key] = v
		}
	}
}
