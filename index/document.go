package index

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"vanthu/corpus"
)

// storedCitation is the part of a corpus.Citation kept in the index for
// Cites: enough to show the edge without reading the store.
type storedCitation struct {
	Number string      `json:"number,omitempty"`
	Key    string      `json:"key,omitempty"`
	Type   string      `json:"type,omitempty"`
	Date   corpus.Date `json:"date"`
	Issuer string      `json:"issuer,omitempty"`
	Quote  string      `json:"quote,omitempty"`
}

// documentFields maps a corpus.Document to the fields the mapping indexes:
// a flat map whose keys are the field names of mapping.go. The body is not
// among them: bleveDocument adds its fields, analysed once.
func documentFields(d *corpus.Document) map[string]interface{} {
	m := map[string]interface{}{
		fTitle: clip(corpus.NFC(d.Title), maxTitleBytes),
		fKind:  clip(string(d.Kind), maxFieldBytes),
	}
	set := func(k, v string) {
		if v != "" {
			m[k] = clip(v, maxFieldBytes)
		}
	}
	number := d.Number
	key := d.NumberKey
	var parsed corpus.DocNumber
	var ok bool
	if number != "" {
		parsed, ok = corpus.ParseNumber(number)
		if key == "" && ok {
			key = parsed.Key
		}
	}
	set(fNumber, number)
	set(fNumberKey, key)
	typ := d.Type
	if typ == "" && ok {
		typ = parsed.Type
	}
	set(fType, typ)
	set(fTypeKey, typeKey(typ))
	tn := d.TypeName
	if tn == "" {
		tn = corpus.TypeName(typ)
	}
	set(fTypeName, tn)
	if aliases := numberAliases(key, parsed, ok, typ, d.Date.Year); len(aliases) > 0 {
		m[fNumAlias] = aliases
	}
	issuer := corpus.NFC(strings.TrimSpace(d.Issuer))
	set(fIssuer, issuer)
	set(fIssuerKey, corpus.MatchKey(issuer))
	set(fIssuerF, issuer)
	set(fPlace, corpus.MatchKey(d.Place))
	set(fSigner, corpus.MatchKey(d.Signer.Name))
	set(fSource, sourceHost(d.Source.Source))
	if !d.Date.IsZero() {
		m[fDate] = d.Date.Time()
		m[fDateS] = d.Date.String()
		m[fYear] = strconv.Itoa(d.Date.Year)
	}
	set(fStatus, d.Validity)
	if !d.Effective.IsZero() {
		m[fEffective] = d.Effective.Time()
	}
	if len(d.Citations) > 0 {
		var keys []string
		cs := make([]storedCitation, 0, len(d.Citations))
		seen := map[string]bool{}
		for _, c := range d.Citations {
			k := c.Key
			if k == "" && c.Number != "" {
				k = corpus.NumberKey(c.Number)
			}
			k = clip(k, maxFieldBytes)
			if k != "" && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
			cs = append(cs, storedCitation{Number: c.Number, Key: k, Type: c.Type, Date: c.Date, Issuer: c.Issuer, Quote: c.Quote})
		}
		if len(keys) > 0 {
			m[fCites] = keys
		}
		if b, err := json.Marshal(cs); err == nil {
			m[fCitesJSON] = string(b)
		}
	}
	return m
}

// What one document may put in the index. A keyword field is one term, so
// a megabyte of "issuer" is a megabyte-long term; the body is indexed and
// stored (for snippets) up to maxIndexedText, which holds the longest Công
// báo several times over, and kept whole in the corpus. Without these a
// 60 MB upload drove bleve past 12 GB, and every later start with it.
const (
	maxIndexedText = 8 << 20
	maxTitleBytes  = 4 << 10
	maxFieldBytes  = 1 << 10
)

// clip cuts s to at most n bytes, at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// numberAliases are the short keys a person types instead of the full
// number: "chỉ thị 38" → "CT|38", "nghị định 30/2020" → "ND|30|2020". The year
// is the number's year segment or, when the number has none (Party numbers,
// "11/TB-UBND"), the year of issue.
func numberAliases(key string, p corpus.DocNumber, ok bool, typ string, year int) []string {
	var out []string
	if key != "" {
		out = append(out, key)
	}
	if !ok || p.Num == 0 {
		return out
	}
	tk := typeKey(p.Type)
	if tk == "" {
		tk = typeKey(typ)
	}
	if tk == "" {
		return out
	}
	n := strconv.Itoa(p.Num)
	out = append(out, tk+"|"+n)
	if p.Year != 0 {
		out = append(out, tk+"|"+n+"|"+strconv.Itoa(p.Year))
	} else if year != 0 {
		out = append(out, tk+"|"+n+"|"+strconv.Itoa(year))
	}
	return out
}

// typeKey is the comparison form of a type code: folded, upper case ("QĐ" → "QD").
func typeKey(code string) string { return strings.ToUpper(corpus.Fold(strings.TrimSpace(code))) }

// sourceHost is the facet value for where a document came from: the host of
// its URL, or "file" for local paths.
func sourceHost(src string) string {
	if src == "" {
		return ""
	}
	if u, err := url.Parse(src); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	return "file"
}
