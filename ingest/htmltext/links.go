package htmltext

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// jsDownload matches the download links of vbpl.vn and similar SharePoint
// portals: javascript:downloadfile('name.doc','/TW/Lists/.../name.doc').
var jsDownload = regexp.MustCompile(`(?i)^javascript:\s*\w*download\w*\(\s*'[^']*'\s*,\s*'([^']+)'`)

// navSelector: links inside these are site navigation, not attachments.
const navSelector = "nav, header, footer, [role=navigation], #menu, .menu, #footer, #header, .footer, .header-top, .topMenu"

// attachmentLinks returns the URLs (absolute when base is known) of links to files with one of
// exts, in page order and without duplicates.
func attachmentLinks(doc *goquery.Document, base *url.URL, exts []string) []string {
	var out []string
	seen := map[string]bool{}
	// Embedded viewers count too: <iframe src="/pdfjs/web/viewer.html?file=/uploads/x.pdf">,
	// <embed src="x.pdf">, <object data="x.pdf">, common on provincial portals.
	doc.Find("a[href], area[href], iframe[src], embed[src], object[data]").Each(func(_ int, a *goquery.Selection) {
		if a.Closest(navSelector).Length() > 0 {
			return
		}
		href, ok := a.Attr("href")
		if !ok {
			href, ok = a.Attr("src")
		}
		if !ok {
			href, _ = a.Attr("data")
		}
		href = strings.TrimSpace(href)
		if m := jsDownload.FindStringSubmatch(href); m != nil {
			href = m[1]
		} else if strings.HasPrefix(strings.ToLower(href), "javascript:") {
			return
		}
		u := resolve(base, href)
		// Without a page URL relative links stay relative (Extract warns).
		if u == nil || (u.IsAbs() && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ftp") {
			return
		}
		if !hasExt(u, exts) {
			return
		}
		u = viewerTarget(u, exts)
		s := u.String()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	})
	return out
}

// resolve parses href (escaping the spaces and backslashes portals leave in
// paths) and resolves it against base.
func resolve(base *url.URL, href string) *url.URL {
	if href == "" || strings.HasPrefix(href, "#") {
		return nil
	}
	href = strings.ReplaceAll(href, `\`, "/")
	href = strings.ReplaceAll(href, " ", "%20")
	u, err := url.Parse(href)
	if err != nil {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment = ""
	return u
}

// fileParams are query parameters that name the file a download script
// sends (download.aspx?file=x.pdf). Viewer parameters (SharePoint's
// WopiFrame.aspx?sourcedoc=) are not among them: they show, not fetch.
var fileParams = map[string]bool{"file": true, "filename": true, "f": true, "path": true, "name": true,
	"attachment": true, "download": true, "tenfile": true, "fileurl": true, "url": true}

// hasExt: the path, or a file parameter of the query, ends in one of exts.
func hasExt(u *url.URL, exts []string) bool {
	cands := []string{u.Path}
	for k, vs := range u.Query() {
		if fileParams[strings.ToLower(k)] {
			cands = append(cands, vs...)
		}
	}
	for _, c := range cands {
		e := strings.ToLower(path.Ext(c))
		for _, x := range exts {
			if e == x {
				return true
			}
		}
	}
	return false
}

// viewerTarget: a PDF viewer page (pdf.js "viewer.html?file=/uploads/x.pdf")
// stands for the file it shows; return the file's URL. Download scripts
// (download.aspx?file=x.xls) are kept: their parameter is a name, not a path.
func viewerTarget(u *url.URL, exts []string) *url.URL {
	if !strings.Contains(strings.ToLower(path.Base(u.Path)), "viewer") {
		return u
	}
	for _, k := range []string{"file", "fileurl", "url"} {
		v := u.Query().Get(k)
		if v == "" {
			continue
		}
		e := strings.ToLower(path.Ext(v))
		for _, x := range exts {
			if e == x {
				if t := resolve(u, v); t != nil {
					return t
				}
			}
		}
	}
	return u
}
