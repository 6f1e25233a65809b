package meta

import (
	_ "embed"
	"strings"

	"vanthu/corpus"
)

// bodiesData is the table of Vietnamese public bodies (bodies.txt).
//
//go:embed bodies.txt
var bodiesData string

// bodyTable maps the match key of a body's name to its right name.
type bodyTable struct {
	byKey  map[string]string
	keys   []string // every key, for the near matches
	alone  map[string]bool
	places map[string]string // the key of a province's or city's name → its name ("quang ngai" → "Quảng Ngãi")
}

// defaultBodies is the table of bodies.txt, built once.
var defaultBodies = parseBodies(bodiesData, nil)

// parseBodies reads the table and adds the extra names (one body each).
func parseBodies(data string, extra []string) *bodyTable {
	b := &bodyTable{byKey: map[string]string{}, alone: map[string]bool{}, places: map[string]string{}}
	dup := map[string]bool{}
	add := func(name string, alone bool) {
		k := bodyKey(name)
		if k == "" {
			return
		}
		if old, ok := b.byKey[k]; ok && old != name {
			dup[k] = true // two names fold alike: neither is guessed
		}
		b.byKey[k] = name
		if alone {
			b.alone[k] = true
		}
	}
	var areas, locals []string
	section := ""
	for _, ln := range strings.Split(data, "\n") {
		ln = strings.TrimSpace(ln)
		switch {
		case ln == "" || strings.HasPrefix(ln, "#"):
		case strings.HasPrefix(ln, "[") && strings.HasSuffix(ln, "]"):
			section = ln
		case section == "[area]":
			areas = append(areas, ln)
		case section == "[body]":
			add(ln, true)
		case section == "[local]":
			locals = append(locals, ln)
		}
	}
	for _, a := range areas {
		name := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(a, "tỉnh "), "thành phố "), "Thành phố "))
		b.places[bodyKey(name)] = name
		party := "Tỉnh ủy " + name
		if !strings.HasPrefix(a, "tỉnh ") {
			party = "Thành ủy " + name
		}
		for _, l := range locals {
			r := strings.NewReplacer("{area}", a, "{name}", name, "{party}", party)
			add(r.Replace(l), false)
		}
	}
	for _, e := range extra {
		add(collapse(e), true)
	}
	for k := range dup {
		delete(b.byKey, k)
	}
	for k := range b.byKey {
		b.keys = append(b.keys, k)
	}
	return b
}

// bodyKey is the match key of a body's name: folded, lower case, words only,
// "ubnd"/"hdnd" spelt out.
func bodyKey(s string) string {
	k := fold(s)
	var ws []string
	for _, w := range strings.FieldsFunc(k, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		switch w {
		case "ubnd":
			ws = append(ws, "uy", "ban", "nhan", "dan")
		case "hdnd":
			ws = append(ws, "hoi", "dong", "nhan", "dan")
		case "tp":
			ws = append(ws, "thanh", "pho")
		default:
			ws = append(ws, w)
		}
	}
	return strings.Join(ws, " ")
}

// lookup returns the right name of the body read as s: the body whose key is
// s's, else the one body whose key is one letter away from it (OCR that lost
// or doubled a letter) when the name is long enough for that to be safe.
func (b *bodyTable) lookup(s string) (string, bool) {
	k := bodyKey(s)
	if k == "" {
		return "", false
	}
	if name, ok := b.byKey[k]; ok {
		return name, true
	}
	if len(k) < 16 {
		return "", false
	}
	found := ""
	for _, c := range b.keys {
		if abs(len(c)-len(k)) <= 1 && within1(c, k) {
			if found != "" {
				return "", false
			}
			found = c
		}
	}
	if found == "" {
		return "", false
	}
	return b.byKey[found], true
}

// namedAlone reports whether s is a body named without its parent (Cục Thuế,
// Bộ Ngoại giao) or one that names its area.
func (b *bodyTable) namedAlone(s string) bool {
	name, ok := b.lookup(s)
	return ok && b.alone[bodyKey(name)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// within1 reports whether a and b (ASCII) are at most one edit apart.
func within1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i:] == b[i+1:]
}

// fileIssuer files the issuer and its parent under their names in the table,
// keeping the form read when it differs.
func (h *header) fileIssuer(tbl *bodyTable) {
	if name, ok := tbl.lookup(h.issuer); ok && name != h.issuer {
		h.read, h.issuer = h.issuer, name
	}
	if name, ok := tbl.lookup(h.parent); ok {
		h.parent = name
	}
	if h.parent == h.issuer {
		// a consolidated text prints its body above the text and again
		// above the certification at its end
		h.parent, h.parSpan = "", corpus.Span{}
	}
}

// place returns the right spelling of a place read as s when it is the name
// of a province or city ("Quảng Ngải" → "Quảng Ngãi"), else s.
func (b *bodyTable) place(s string) string {
	if name, ok := b.places[bodyKey(s)]; ok {
		return name
	}
	return s
}
