package pdftext

import (
	"sort"
	"strings"
	"unicode"

	"vanthu/corpus"
	"vanthu/ingest/vnenc"
)

// decodeTCVN3 reads one glyph code of a TCVN 5712:1993 VN3 font (.VnTime,
// "ABC"); upper is set for the "H" fonts (.VnTimeH), whose lower-case codes
// carry capital glyphs, since VN3 has no capitals with tones.
func decodeTCVN3(b byte, upper bool) string {
	r, ok := vnenc.TCVN3Letter(b)
	if !ok {
		r = winAnsi(b)
	}
	if upper {
		r = unicode.ToUpper(r)
	}
	return string(r)
}

// VNI Windows writes a toned vowel as the base letter followed by a mark
// byte; the marks (read as Latin-1) and the letters that stand alone:
var (
	vniMarks = map[rune]string{
		'ù': "\u0301", 'ø': "\u0300", 'û': "\u0309", 'õ': "\u0303", 'ï': "\u0323",
		'â': "\u0302", 'á': "\u0302\u0301", 'à': "\u0302\u0300", 'å': "\u0302\u0309", 'ã': "\u0302\u0303", 'ä': "\u0302\u0323",
		'ê': "\u0306", 'é': "\u0306\u0301", 'è': "\u0306\u0300", 'ú': "\u0306\u0309", 'ü': "\u0306\u0303", 'ë': "\u0306\u0323",
	}
	vniLetters = map[rune]rune{
		'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
		'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ',
	}
)

// vietLatin1 reports whether a Latin-1 letter is also a Vietnamese letter.
func vietLatin1(r rune) bool {
	return strings.ContainsRune("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ", r)
}

func vniBase(r rune) bool {
	return strings.ContainsRune("aeouyAEOUYơưƠƯ", r)
}

// decodeVNI converts a sequence of Latin-1 decoded glyph texts in drawing
// order; a mark merges into the glyph before it, which then returns "".
func decodeVNI(texts []string) []string {
	out := make([]string, len(texts))
	prev := -1
	for i, t := range texts {
		rs := []rune(t)
		if len(rs) != 1 {
			out[i] = t
			prev = -1
			continue
		}
		r := rs[0]
		if m, ok := vniMarks[unicode.ToLower(r)]; ok && prev >= 0 {
			out[prev] = corpus.NFC(out[prev] + m)
			out[i] = ""
			prev = -1 // a second mark would be a separate character
			if strings.Contains(m, "\u0302") || strings.Contains(m, "\u0306") {
				if len(m) == 2 { // circumflex or breve alone: a tone may follow
					prev = i - 1
					for prev >= 0 && out[prev] == "" {
						prev--
					}
				}
			}
			continue
		}
		if l, ok := vniLetters[r]; ok {
			r = l
		}
		out[i] = string(r)
		if vniBase(r) {
			prev = i
		} else {
			prev = -1
		}
	}
	return out
}

// fixLegacy re-decodes the glyphs of simple fonts whose text is in TCVN3 or
// VNI. The decision tests the output, not only the font name (DOMAIN.md: a
// PDF embedding a TCVN3 font may still extract cleanly): for each font the
// text as the PDF maps it and as TCVN3 and VNI would read it are scored by
// syllable validity, and a legacy reading wins only when it reads better, or
// as well when the font's name says it is legacy. It reports what it changed.
func fixLegacy(gs []glyph) string {
	byFont := map[*font][]int{}
	for i, g := range gs {
		if g.font != nil && !g.font.cid {
			byFont[g.font] = append(byFont[g.font], i)
		}
	}
	var notes []string
	for f, idx := range byFont {
		suspicious, high := 0, 0
		prevVowel := false
		for _, i := range idx {
			b := byte(gs[i].code)
			r := winAnsi(b)
			// A byte is a tell-tale when its WinAnsi reading is no letter
			// of Vietnamese (TCVN3's µ ¸ ¶ ¬ ...) or a VNI mark after a vowel.
			if b >= 0xA1 {
				high++
				if !vietLatin1(r) || prevVowel && vniMarks[unicode.ToLower(r)] != "" {
					suspicious++
				}
			}
			prevVowel = vniBase(r)
		}
		if high == 0 || f.byName == legacyNone && (suspicious < 3 || suspicious*5 < high) {
			// Below 0xA1 TCVN3 and VNI read as WinAnsi: nothing to choose
			// (a .Vn font that only draws spaces, as in the BLTTHS Công báo).
			// An unnamed font needs a few tell-tales, and a fifth of its
			// high bytes, before we doubt it: Latin-1 fonts of Unicode
			// documents carry à, é, ô and the odd § or °.
			continue
		}
		sort.Slice(idx, func(a, b int) bool { return gs[idx[a]].seq < gs[idx[b]].seq })
		cur := make([]string, len(idx))
		tc := make([]string, len(idx))
		latin := make([]string, len(idx))
		for k, i := range idx {
			cur[k] = gs[i].text
			b := byte(gs[i].code)
			tc[k] = decodeTCVN3(b, f.upper)
			latin[k] = string(winAnsi(b))
		}
		vni := decodeVNI(latin)
		qCur := quality(joinGlyphText(gs, idx, cur))
		qTC := quality(joinGlyphText(gs, idx, tc))
		qVNI := quality(joinGlyphText(gs, idx, vni))
		choice, q := "", qCur
		switch {
		case qTC > q+0.05 || f.byName == legacyTCVN3 && qTC >= q && qTC >= qVNI:
			choice, q = "TCVN3", qTC
		}
		if qVNI > q+0.05 || f.byName == legacyVNI && qVNI >= qCur && qVNI >= qTC {
			choice = "VNI"
		}
		var use []string
		switch choice {
		case "TCVN3":
			use = tc
		case "VNI":
			use = vni
		default:
			continue
		}
		changed := false
		last := -1
		for k, i := range idx {
			if gs[i].text != use[k] {
				changed = true
			}
			gs[i].text = use[k]
			gs[i].known = true
			if use[k] == "" && last >= 0 {
				// a VNI mark merged into its letter: the letter now spans
				// the mark's advance, so no gap opens in the word
				if end := gs[i].x + gs[i].w; end > gs[last].x+gs[last].w {
					gs[last].w = end - gs[last].x
				}
			} else if use[k] != "" {
				last = i
			}
		}
		if changed {
			notes = append(notes, "font "+f.name+" decoded as "+choice)
		}
	}
	sort.Strings(notes)
	return strings.Join(notes, "; ")
}

// joinGlyphText rebuilds approximate words from glyphs in drawing order,
// putting a space where the next glyph does not follow on the same line.
func joinGlyphText(gs []glyph, idx []int, texts []string) string {
	var b strings.Builder
	for k, i := range idx {
		if k > 0 {
			p := gs[idx[k-1]]
			g := gs[i]
			if abs(g.y-p.y) > 0.3*g.size || g.x-(p.x+p.w) > 0.15*g.size || g.x < p.x {
				b.WriteByte(' ')
			}
		}
		b.WriteString(texts[k])
	}
	return b.String()
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
