package generate

import (
	"strings"
	"unicode"
)

// seg is a run of text in one face.
type seg struct {
	text string
	st   style
}

// word is what a line breaks between: one or more segs without spaces.
type word struct {
	segs  []seg
	width float64 // mm
}

// parseSpans splits inline markup (**bold**, __italic__) into segments over
// the base face.
func parseSpans(s string, base style) []seg {
	var out []seg
	st := base
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, seg{b.String(), st})
			b.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "**"):
			flush()
			st ^= bold
			i += 2
		case strings.HasPrefix(s[i:], "__"):
			flush()
			st ^= italic
			i += 2
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	flush()
	return out
}

// words splits segments at white space and measures each word.
func (m *metrics) words(segs []seg, size float64) []word {
	var out []word
	var cur word
	closeWord := func() {
		if len(cur.segs) > 0 {
			out = append(out, cur)
			cur = word{}
		}
	}
	for _, sg := range segs {
		start := -1
		for i, r := range sg.text {
			if unicode.IsSpace(r) {
				if start >= 0 {
					cur.add(m, sg.text[start:i], sg.st, size)
					start = -1
				}
				closeWord()
				continue
			}
			if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			cur.add(m, sg.text[start:], sg.st, size)
		}
	}
	closeWord()
	return out
}

func (w *word) add(m *metrics, s string, st style, size float64) {
	w.segs = append(w.segs, seg{s, st})
	w.width += m.Width(s, st, size)
}

// line is a broken line of words.
type line struct {
	words []word
	width float64 // natural width with single spaces
	last  bool    // last line of its paragraph: never stretched
}

// breakLines fills lines greedily: first is the width of the first line
// (after the first-line indent), rest the width of the others. A word wider
// than a line is cut between letters so that nothing runs into the margin.
func (m *metrics) breakLines(ws []word, size, first, rest float64) []line {
	space := m.Width(" ", regular, size)
	var lines []line
	var cur line
	avail := first
	for _, w := range ws {
		for w.width > avail && len(cur.words) == 0 {
			head, tail := m.cutWord(w, size, avail)
			if len(head.segs) == 0 {
				break
			}
			lines = append(lines, line{words: []word{head}, width: head.width})
			avail = rest
			w = tail
		}
		need := w.width
		if len(cur.words) > 0 {
			need += space
		}
		if len(cur.words) > 0 && cur.width+need > avail+1e-6 {
			lines = append(lines, cur)
			cur = line{}
			avail = rest
			need = w.width
		}
		cur.words = append(cur.words, w)
		cur.width += need
	}
	if len(cur.words) > 0 {
		lines = append(lines, cur)
	}
	if len(lines) > 0 {
		lines[len(lines)-1].last = true
	}
	return lines
}

// cutWord splits a word so that its head fits in avail (at least one letter).
func (m *metrics) cutWord(w word, size, avail float64) (word, word) {
	var head, tail word
	width := 0.0
	cut := false
	for _, sg := range w.segs {
		if cut {
			tail.add(m, sg.text, sg.st, size)
			continue
		}
		for i, r := range sg.text {
			rw := m.Width(string(r), sg.st, size)
			if width > 0 && width+rw > avail {
				if i > 0 {
					head.add(m, sg.text[:i], sg.st, size)
				}
				tail.add(m, sg.text[i:], sg.st, size)
				cut = true
				break
			}
			width += rw
		}
		if !cut {
			head.add(m, sg.text, sg.st, size)
		}
	}
	return head, tail
}

// wrap breaks plain text in one face into lines no wider than width.
func (m *metrics) wrap(s string, st style, size, width float64) []string {
	lines := m.breakLines(m.words([]seg{{s, st}}, size), size, width, width)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.plain()
	}
	return out
}

func (l line) plain() string {
	var b strings.Builder
	for i, w := range l.words {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, sg := range w.segs {
			b.WriteString(sg.text)
		}
	}
	return b.String()
}
