package crawl

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"vanthu/corpus"
	"vanthu/ingest/vnenc"
)

// isHTML says whether a response is an HTML page (to read for links) rather
// than a file.
func isHTML(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "":
		return strings.HasPrefix(http.DetectContentType(body), "text/html")
	}
	return false
}

// decodeHTML returns the page as NFC UTF-8 for reading links and fields. The
// charset declared by the header or a <meta> is a hint to vnenc, which also
// recognises undeclared windows-1258, TCVN3 and VNI by scoring Vietnamese
// syllables (the HTML reader uses the same package, so fields and text agree).
// The bytes handed to the sink are never this text but the originals.
func decodeHTML(body []byte, contentType string) string {
	declared := ""
	if _, name, certain := charset.DetermineEncoding(body, contentType); certain {
		declared = name
	}
	if (declared == "" || declared == "utf-8") && utf8.Valid(body) {
		// The common case, and the cheap one: vnenc's syllable scoring
		// costs milliseconds a page and finds nothing to fix in UTF-8.
		return corpus.NFC(string(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	}
	if text, _, err := vnenc.Decode(body, declared); err == nil {
		return text
	}
	// Not text by vnenc's measure (NUL bytes): read what can be read.
	enc, _, _ := charset.DetermineEncoding(body, contentType)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		out = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return corpus.NFC(string(out))
}

// pageInfo is what the crawler reads from an HTML page.
type pageInfo struct {
	links   []Link            // followed links, classified, in page order
	fields  map[string]string // selected fields (document pages)
	matched map[string]bool   // field → its selector matched
	// textSHA is the SHA-256 of the page's visible text, words joined by
	// one space (document pages): a page whose bytes change but not its
	// text (a new menu class, a session id in a link) is not a new version.
	textSHA string
}

// jsLinkRE finds paths in javascript: links such as vbpl.vn's
// javascript:downloadfile('x.pdf','/TW/Lists/vbpq/Attachments/96172/x.pdf').
var jsLinkRE = regexp.MustCompile(`['"]((?:https?://|/)[^'"\s]+)['"]`)

// readPage parses an HTML page fetched from pageURL and classifies its links
// by the source's rules; fields are read when withFields.
func readPage(src *Source, pageURL *url.URL, body []byte, contentType string, withFields bool) (pageInfo, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(decodeHTML(body, contentType)))
	if err != nil {
		return pageInfo{}, err
	}
	base := pageURL
	if h, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := pageURL.Parse(strings.TrimSpace(h)); err == nil {
			base = b
		}
	}
	c := src.compiled
	var order []string
	seen := map[string]bool{}
	add := func(raw string) string {
		u := resolve(base, raw)
		if u != "" && !seen[u] {
			seen[u] = true
			order = append(order, u)
		}
		return u
	}
	collect := func(sel *goquery.Selection) []string {
		var out []string
		each := func(_ int, s *goquery.Selection) {
			for _, attr := range []string{"href", "src", "data"} {
				v, ok := s.Attr(attr)
				if !ok {
					continue
				}
				v = strings.TrimSpace(v)
				if strings.HasPrefix(strings.ToLower(v), "javascript:") {
					for _, m := range jsLinkRE.FindAllStringSubmatch(v, -1) {
						if u := add(m[1]); u != "" {
							out = append(out, u)
						}
					}
					continue
				}
				if u := add(v); u != "" {
					out = append(out, u)
				}
			}
		}
		sel.Each(each)
		sel.Not("a,area,iframe,embed,frame,object").Find("a[href],area[href]").Each(each)
		return out
	}
	collect(doc.Find("a[href], area[href], iframe[src], frame[src], embed[src], object[data]"))
	bySel := func(r compiledRule) map[string]bool {
		if len(r.selectors) == 0 {
			return nil
		}
		m := map[string]bool{}
		for _, s := range r.selectors {
			for _, u := range collect(doc.Find(s)) {
				m[u] = true
			}
		}
		return m
	}
	attSel, docSel, listSel := bySel(c.attachment), bySel(c.document), bySel(c.list)
	var info pageInfo
	for _, u := range order {
		kind := src.classify(u, attSel[u], docSel[u], listSel[u])
		if kind != "" {
			info.links = append(info.links, Link{URL: u, Kind: kind})
		}
	}
	if withFields {
		body := doc.Find("body")
		if body.Length() == 0 {
			body = doc.Selection
		}
		body = body.Clone()
		body.Find("script,style,noscript,template").Remove()
		info.textSHA = corpus.SHA256([]byte(strings.Join(strings.Fields(body.Text()), " ")))
	}
	if withFields && len(c.fields) > 0 {
		info.fields = map[string]string{}
		info.matched = map[string]bool{}
		for name, sel := range src.Page.selectors() {
			v := cleanField(name, doc.Find(sel).First().Text())
			info.matched[name] = v != ""
			if v != "" {
				info.fields[name] = v
			}
		}
	}
	return info, nil
}

// classify returns the kind of link u by the source's rules, or "" when it is
// not followed.
func (s *Source) classify(u string, inAtt, inDoc, inList bool) string {
	c := s.compiled
	pu, err := url.Parse(u)
	if err != nil || !c.hostAllowed(pu) {
		return ""
	}
	for _, re := range c.skip {
		if re.MatchString(u) {
			return ""
		}
	}
	switch {
	case c.attachment.match(u, inAtt):
		return KindAttachment
	case c.document.match(u, inDoc):
		return KindDocument
	case c.list.match(u, inList):
		return KindList
	}
	return ""
}

// resolve makes raw absolute against base and canonical: http(s) only,
// fragment dropped, scheme and host lower case, default port removed.
func resolve(base *url.URL, raw string) string {
	if raw == "" || strings.HasPrefix(raw, "#") {
		return ""
	}
	u, err := base.Parse(raw)
	if err != nil {
		return ""
	}
	return canonical(u)
}

func canonical(u *url.URL) string {
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	host := strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(host, ":443")) {
		host = host[:strings.LastIndexByte(host, ':')]
	}
	u.Host = host
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// CanonicalURL returns the form of a URL the crawl state is keyed by, or ""
// when it is not an absolute http(s) URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() {
		return ""
	}
	return canonical(u)
}

var (
	dmyRE     = regexp.MustCompile(`\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b`)
	ngayRE    = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	isoDateRE = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	labelRE   = regexp.MustCompile(`^[^\d:]{1,40}:\s*`)
)

// cleanField tidies a selected text: spaces collapsed, NFC, a leading label
// ("Số ký hiệu:", "Ngày ban hành:") dropped from values other than the
// title, and dates written as YYYY-MM-DD when they are real dates.
func cleanField(name, s string) string {
	s = corpus.NFC(strings.Join(strings.Fields(s), " "))
	if name != "title" {
		if loc := labelRE.FindStringIndex(s); loc != nil && loc[1] < len(s) {
			s = s[loc[1]:]
		}
	}
	if name == "date" {
		for _, re := range []*regexp.Regexp{dmyRE, ngayRE} {
			if m := re.FindStringSubmatch(s); m != nil {
				if d, ok := corpus.NewDate(atoi(m[3]), atoi(m[2]), atoi(m[1])); ok {
					return d.String()
				}
			}
		}
		if m := isoDateRE.FindStringSubmatch(s); m != nil {
			if d, ok := corpus.NewDate(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
				return d.String()
			}
		}
	}
	return s
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e6 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
