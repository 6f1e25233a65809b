package htmltext

import (
	"mime"
	"regexp"

	"vanthu/ingest/vnenc"
)

// prescanLimit: the HTML standard's encoding sniffing looks at the first
// 1024 bytes; Vietnamese portals put <meta charset> after kilobytes of
// scripts and styles, so we look further.
const prescanLimit = 64 << 10

var (
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)
	xmlEncoding = regexp.MustCompile(`(?i)^\s*<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)`)
	// Pages of the .VnTime era declare no charset but name the font.
	fontTCVN3 = regexp.MustCompile(`(?i)(font-family\s*:\s*["']?|face\s*=\s*["']?)\.vn[a-z]`)
	fontVNI   = regexp.MustCompile(`(?i)(font-family\s*:\s*["']?|face\s*=\s*["']?)vni[- ]`)
)

// declaredCharset returns the charset the page states: header first (the
// HTML standard's order), then the meta tag or XML declaration, then a
// legacy font name.
func declaredCharset(b []byte, contentType string) string {
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			return params["charset"]
		}
	}
	head := b[:min(len(b), prescanLimit)]
	if m := metaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	if fontTCVN3.Match(head) {
		return string(vnenc.TCVN3)
	}
	if fontVNI.Match(head) {
		return string(vnenc.VNI)
	}
	return ""
}

// decodePage converts the page to NFC UTF-8; label is the charset the page
// declared (for messages).
func decodePage(b []byte, contentType string) (text string, det vnenc.Detection, label string, err error) {
	label = declaredCharset(b, contentType)
	det, err = vnenc.Detect(b, label)
	return det.Text, det, label, err
}
