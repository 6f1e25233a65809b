package web

import (
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"unicode/utf8"

	"vanthu/index"
)

// loopbackHost reports whether a request's Host names this machine:
// localhost or a loopback IP, with or without a port. Browsers send the
// name typed in the address bar, so a rebinding domain shows up here even
// when it resolved to 127.0.0.1.
func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "localhost" {
		return true
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.Unmap().IsLoopback()
}

// boundEcho cuts what a page repeats of a request to n bytes (at a rune
// boundary, with an ellipsis): a 100 KB query must not come back as a
// 10 MB page.
func boundEcho(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// Bounds on one search. A query's cost grows with its terms (each number
// expands to several spellings); a clerk's query is a few words or a
// document number, so these leave room for a pasted subject line.
const (
	maxQueryBytes   = 2000 // the text of q
	maxQueryTerms   = 64   // words of q
	maxQueryNumbers = 16   // words of q with a digit in them
	maxFilterBytes  = 300  // type, issuer, kind, source
)

// queryCost refuses a search too large to run cheaply, with a message
// naming the limit.
func queryCost(q index.Query) error {
	if len(q.Text) > maxQueryBytes {
		return badInputf("q", "câu tìm kiếm quá dài: %d byte, tối đa %d (query too long).", len(q.Text), maxQueryBytes)
	}
	terms, numbers := 0, 0
	for _, f := range strings.Fields(q.Text) {
		terms++
		if strings.ContainsAny(f, "0123456789") {
			numbers++
		}
	}
	if terms > maxQueryTerms {
		return badInputf("q", "câu tìm kiếm có %d từ, tối đa %d (too many terms).", terms, maxQueryTerms)
	}
	if numbers > maxQueryNumbers {
		return badInputf("q", "câu tìm kiếm có %d số, tối đa %d (too many numbers).", numbers, maxQueryNumbers)
	}
	for _, f := range []struct{ name, v string }{{"type", q.Type}, {"issuer", q.Issuer}, {"kind", q.Kind}, {"source", q.Source}, {"status", q.Status}} {
		if name, v := f.name, f.v; len(v) > maxFilterBytes {
			return badInputf(name, "bộ lọc quá dài: %d byte, tối đa %d (filter too long).", len(v), maxFilterBytes)
		}
	}
	return nil
}

// boundValues is a copy of v for a page to echo: each value cut to n bytes.
func boundValues(v url.Values, n int) url.Values {
	c := url.Values{}
	for k, vs := range v {
		if len(c) >= 20 {
			break
		}
		for i, x := range vs {
			if i >= 4 {
				break
			}
			c[boundEcho(k, 40)] = append(c[boundEcho(k, 40)], boundEcho(x, n))
		}
	}
	return c
}

// formToken reads the token field of a form without consuming a body that
// is not a form: a raw upload sent as application/x-www-form-urlencoded
// (curl --data-binary's default) would otherwise be parsed as a form, and
// the file stored empty. A multipart form, or a form already parsed, is
// read; otherwise only the URL's query.
func formToken(r *http.Request) string {
	if r.Form != nil || r.MultipartForm != nil {
		return r.FormValue("token")
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		return r.FormValue("token")
	}
	return r.URL.Query().Get("token")
}
