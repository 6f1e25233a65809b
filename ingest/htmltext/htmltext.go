package htmltext

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"runtime/debug"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"vanthu/ingest/vnenc"
)

// Methods recorded in Result.Method.
const (
	MethodVBPL        = "vbpl"
	MethodReadability = "readability"
	MethodFallback    = "fallback"
)

// Sentinel errors, matched with errors.Is on the *Error Extract returns.
var (
	ErrTooLarge = errors.New("htmltext: page too large")
	ErrEmpty    = errors.New("htmltext: no text in page")
	ErrNotHTML  = errors.New("htmltext: not an HTML page")
	ErrPanic    = errors.New("htmltext: internal failure")
)

// Error is what Extract returns on failure: it names the page.
type Error struct {
	URL    string // the page URL (or file name) given to Extract
	Reason string
	Err    error // a sentinel above, or ctx.Err(), possibly joined with a cause
}

func (e *Error) Error() string {
	name := e.URL
	if name == "" {
		name = "(no URL)"
	}
	if e.Err != nil {
		return fmt.Sprintf("htmltext %s: %s: %v", name, e.Reason, e.Err)
	}
	return fmt.Sprintf("htmltext %s: %s", name, e.Reason)
}

func (e *Error) Unwrap() error { return e.Err }

// Options tune Extract. Start from DefaultOptions: the zero value has no
// size limit and no site rules.
type Options struct {
	// MaxBytes rejects larger pages with ErrTooLarge (vbpl pages are ~1.2 MB,
	// most of it inline CSS and images).
	MaxBytes int
	// MinChars is the least text readability must find before the fallback
	// (whole body without navigation) is tried instead.
	MinChars int
	// SiteRules enables the vbpl.vn reader.
	SiteRules bool
	// AttachmentExts lists the file extensions (lower case, with the dot)
	// whose links are reported in Result.Links; nil means the default list.
	AttachmentExts []string
}

// DefaultOptions returns the options vanthu uses.
func DefaultOptions() Options {
	return Options{
		MaxBytes:       32 << 20,
		MinChars:       200,
		SiteRules:      true,
		AttachmentExts: []string{".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".7z", ".odt", ".ods", ".rtf", ".ppt", ".pptx"},
	}
}

// Result is what Extract read from a page.
type Result struct {
	Title string   `json:"title"`
	Text  string   `json:"text"`            // NFC, one line per block, "\n" line ends
	Links []string `json:"links,omitempty"` // absolute URLs of attached files, page order, no duplicates
	// Fields are the attributes the portal publishes beside the text (site
	// rules only), as the portal writes them (dates dd/mm/yyyy), under
	// stable keys: number, date, type, issuer, signer, signer_title,
	// effective, expires, status, source, gazette_date, scope, field,
	// sector, updated, amended_type; labels without a key are kept as
	// "vbpl:<folded label>". They are the portal's claims, not the
	// document's: keep them apart from metadata parsed from Text.
	Fields   map[string]string `json:"fields,omitempty"`
	Encoding vnenc.Encoding    `json:"encoding"`
	Method   string            `json:"method"`  // MethodVBPL, MethodReadability or MethodFallback
	Quality  float64           `json:"quality"` // share of valid Vietnamese syllables in Text
	Warnings []string          `json:"warnings,omitempty"`
}

// Extract reads the main content of the page b. pageURL (may be empty)
// resolves relative links and selects site rules; contentType is the HTTP
// Content-Type header if known. Errors are *Error wrapping ErrTooLarge,
// ErrNotHTML, ErrEmpty, ErrPanic or the context's error.
func Extract(ctx context.Context, b []byte, pageURL, contentType string, opts Options) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{}
			err = &Error{URL: pageURL, Reason: fmt.Sprintf("panic: %v\n%s", r, firstFrames(debug.Stack())), Err: ErrPanic}
		}
	}()
	fail := func(reason string, e error) (Result, error) {
		return Result{}, &Error{URL: pageURL, Reason: reason, Err: e}
	}
	if opts.MaxBytes > 0 && len(b) > opts.MaxBytes {
		return fail(fmt.Sprintf("%d bytes, limit %d", len(b), opts.MaxBytes), ErrTooLarge)
	}
	if err := ctx.Err(); err != nil {
		return fail("cancelled", err)
	}
	if reason := notHTML(b, contentType); reason != "" {
		return fail(reason, ErrNotHTML)
	}
	text, det, label, err := decodePage(b, contentType)
	if err != nil {
		return fail("undecodable", errors.Join(ErrNotHTML, err))
	}
	res.Encoding = det.Encoding
	if det.Overridden {
		res.Warnings = append(res.Warnings, fmt.Sprintf("declared charset %q, but the content reads as %s", label, det.Encoding))
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return fail("parse", errors.Join(ErrNotHTML, err))
	}
	if det.Encoding == vnenc.TCVN3 || det.Encoding == vnenc.TCVN3InUnicode {
		applyCapsFonts(doc)
	}
	base := baseURL(doc, pageURL)
	exts := opts.AttachmentExts
	if exts == nil {
		exts = DefaultOptions().AttachmentExts
	}
	res.Links = attachmentLinks(doc, base, exts)
	if (base == nil || !base.IsAbs()) && len(res.Links) > 0 {
		res.Warnings = append(res.Warnings, "no absolute page URL: attachment links are left relative")
	}

	done := false
	if opts.SiteRules {
		if r, ok := extractVBPL(doc, base); ok {
			res.Title, res.Text, res.Fields, res.Method = r.title, r.text, r.fields, MethodVBPL
			done = strings.TrimSpace(res.Text) != ""
		}
	}
	if !done {
		if err := ctx.Err(); err != nil {
			return fail("cancelled", err)
		}
		title, body, rerr := readable(ctx, doc.Get(0), base)
		switch {
		case rerr != nil && ctx.Err() != nil:
			return fail("cancelled", ctx.Err())
		case rerr != nil:
			res.Warnings = append(res.Warnings, "readability: "+rerr.Error()+"; whole page used")
		case len([]rune(body)) < opts.MinChars:
			res.Warnings = append(res.Warnings, fmt.Sprintf("readability found only %d characters; whole page used", len([]rune(body))))
		default:
			res.Title, res.Text, res.Method = title, body, MethodReadability
			done = true
		}
		if !done {
			res.Text, res.Method = fallbackText(doc), MethodFallback
			res.Title = title
		}
	}
	if res.Method != MethodVBPL {
		if h := soleH1(doc); h != "" {
			res.Title = h // more specific than <title>, which adds the site's name
		}
	}
	if res.Title == "" {
		res.Title = pageTitle(doc)
	}
	if res.Encoding == vnenc.TCVN3 || res.Encoding == vnenc.TCVN3InUnicode {
		res.Text = vnenc.RestoreTCVN3Caps(res.Text)
		res.Title = vnenc.RestoreTCVN3Caps(res.Title)
	}
	res.Title = cleanLine(res.Title)
	res.Text = dropFurniture(res.Text)
	if strings.TrimSpace(res.Text) == "" {
		return res, &Error{URL: pageURL, Reason: "no text found", Err: ErrEmpty}
	}
	res.Quality = vnenc.ValidSyllableRatio(res.Text)
	return res, nil
}

// notHTML says why b is certainly not a web page (a PDF or Office file
// handed over by mistake, a media type that is not HTML), or "".
func notHTML(b []byte, contentType string) string {
	if contentType != "" {
		if mt, _, err := mime.ParseMediaType(contentType); err == nil {
			switch {
			case mt == "text/html", mt == "application/xhtml+xml", mt == "text/plain",
				mt == "application/octet-stream", strings.HasSuffix(mt, "+xml"), mt == "text/xml", mt == "application/xml":
			default:
				return "media type " + mt + " is not HTML"
			}
		}
	}
	for _, magic := range []string{"%PDF-", "PK\x03\x04", "\xD0\xCF\x11\xE0", "\x89PNG", "\xFF\xD8\xFF", "GIF8"} {
		if strings.HasPrefix(string(b[:min(len(b), 8)]), magic) {
			return "the data is a PDF, Office, archive or image file"
		}
	}
	return ""
}

// baseURL is <base href> resolved against the page URL, else the page URL.
func baseURL(doc *goquery.Document, pageURL string) *url.URL {
	page, _ := url.Parse(strings.TrimSpace(pageURL))
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := url.Parse(strings.TrimSpace(href)); err == nil {
			if page != nil {
				return page.ResolveReference(b)
			}
			if b.IsAbs() {
				return b
			}
		}
	}
	return page
}

// soleH1 is the text of the page's only <h1>, or "".
func soleH1(doc *goquery.Document) string {
	h := doc.Find("h1")
	if h.Length() != 1 {
		return ""
	}
	return cleanLine(h.Text())
}

// pageTitle: the first <h1>, else <title>.
func pageTitle(doc *goquery.Document) string {
	if h := strings.TrimSpace(doc.Find("h1").First().Text()); h != "" {
		return h
	}
	return strings.TrimSpace(doc.Find("title").First().Text())
}

// firstFrames keeps the top of a stack trace for the error message.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return strings.Join(lines, "\n")
}
