package meta

import (
	"regexp"
	"strings"
	"unicode"

	"vanthu/corpus"
)

// "Kính gửi:" names one addressee on its line or a list under it, each item
// "- name;" and the last ending "." (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
// 7). "Nơi nhận:" is the distribution list at the foot, each item "- ...;"
// and the last "- Lưu: VT, ...".

var (
	// OCR under a receiving stamp changes the tones: "Kinh gứi", "Kỉnh gừi".
	reKinhGui  = regexp.MustCompile(`^(?:[-–]\s*)?(?i:k[íiìỉĩịÍÌỈĨỊ]nh\s*g[ửưuứừữựúùủũụ]i)\s*[:;.]?\s*(.*)$`)
	reNoiNhan  = regexp.MustCompile(`^(?i:nơi\s+nhận)\s*:?\s*(.*)$`)
	reListItem = regexp.MustCompile(`^[-–+•]\s*`)
)

// cleanItem removes the list dash and the trailing ";", "," or "."; on a
// scan, also what OCR ran into the item from the column beside it, after its
// ";" ("(để b/c); XE? £®RBƯỞNG BAN"), and noise at its end.
func cleanItem(s string) string {
	s = collapse(s)
	for k := 0; k < len(s); {
		i := strings.IndexAny(s[k:], ";,")
		if i < 0 {
			break
		}
		k += i + 1
		// noise, or a run of capitals then noise (the signature column)
		if ws := strings.Fields(s[k:]); len(ws) > 0 && (noiseToken(ws[0]) || len(ws) > 1 && isCaps(ws[0]) && noiseToken(ws[1])) {
			s = s[:k-1]
			break
		}
	}
	s = trimNoiseTail(s)
	s = reListItem.ReplaceAllString(s, "")
	s = strings.TrimRight(s, " ;,.:-(")
	return strings.TrimSpace(s)
}

func endsItem(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ";") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",")
}

// findRecipients reads the Kính gửi block.
func (p *Parser) findRecipients(t *text, used []bool) ([]string, corpus.Span) {
	limit := min(len(t.lines), p.cfg.HeaderLines+20)
	for i := 0; i < limit; i++ {
		if used[i] {
			continue
		}
		for _, c := range t.lines[i].cells {
			m := reKinhGui.FindStringSubmatchIndex(t.cellText(c))
			if m == nil {
				continue
			}
			rest := t.cellText(c)[m[2]:m[3]]
			if k := strings.Index(rest, "- "); k > 0 && k <= 4 && strings.TrimSpace(rest[:k]) != "" && noiseToken(strings.TrimSpace(rest[:k])) {
				rest = rest[k:] // "Kính gứi:Ị - Công an tỉnh;": the stamp's stroke
			}
			start, end := c.start, c.end
			var out []string
			list := reListItem.MatchString(rest) // "- Kính gửi: - Các Ban Đảng, ...;"
			if r := cleanItem(rest); r != "" {
				out = append(out, r)
				if !list && !strings.HasSuffix(strings.TrimSpace(rest), ";") {
					return out, t.span(start, end)
				}
			}
			col := -1
			for j := i + 1; j < len(t.lines) && j <= i+40; j++ {
				if t.blank(j) {
					if len(out) > 0 && (len(out) > 1 || list) {
						break
					}
					continue
				}
				nc := t.lines[j].cells[0]
				s := t.cellText(nc)
				switch {
				case reListItem.MatchString(s):
					out = append(out, cleanItem(s))
					if col < 0 {
						col = nc.col
					}
				case len(out) > 0 && (!endsItem(prevRaw(t, j)) || startsLower(s)) && len(s) < 120 && (col < 0 || nc.col <= col+6):
					out[len(out)-1] = cleanItem(out[len(out)-1] + trailingSep(prevRaw(t, j)) + " " + s)
				default:
					return out, t.span(start, end)
				}
				end = nc.end
				if strings.HasSuffix(strings.TrimSpace(s), ".") {
					return out, t.span(start, end)
				}
			}
			return out, t.span(start, end)
		}
	}
	return nil, corpus.Span{}
}

// prevRaw is the first cell of the nearest non-blank line above j.
func prevRaw(t *text, j int) string {
	for k := j - 1; k >= 0; k-- {
		if !t.blank(k) {
			return t.cellText(t.lines[k].cells[0])
		}
	}
	return ""
}

// findCC reads the Nơi nhận list. It returns the line of "Nơi nhận:" (-1 when
// absent) so the signature block can be looked for beside and below it.
func (p *Parser) findCC(t *text, used []bool) ([]string, corpus.Span, int) {
	for i := range t.lines {
		if used[i] {
			continue
		}
		for _, c := range t.lines[i].cells {
			m := reNoiNhan.FindStringSubmatchIndex(t.cellText(c))
			if m == nil {
				continue
			}
			var out []string
			start, end := c.start, c.end
			col := c.col
			if rest := t.cellText(c)[m[2]:m[3]]; cleanItem(rest) != "" && !isCaps(rest) {
				out = append(out, cleanItem(rest))
			}
			for j := i + 1; j < len(t.lines) && j <= i+60; j++ {
				if t.blank(j) {
					if len(out) > 0 && !itemFollows(t, j, col) {
						break // OCR leaves blank lines between items
					}
					continue
				}
				nc := t.lines[j].cells[0]
				s := t.cellText(nc)
				if nc.col > col+12 {
					// only the right column on this line (signature block)
					continue
				}
				if reListItem.MatchString(s) {
					out = append(out, cleanItem(s))
					end = nc.end
					continue
				}
				if trimNoiseTail(s) == "" {
					continue // a seal's noise
				}
				if len(out) == 0 && j <= i+4 {
					continue // the signature column's lines that OCR put first
				}
				if len(out) > 0 && wraps(out[len(out)-1], lastItemRaw(t, j, col), s) && !isCaps(s) && len(s) < 100 {
					out[len(out)-1] = cleanItem(out[len(out)-1] + trailingSep(lastItemRaw(t, j, col)) + " " + s)
					end = nc.end
					continue
				}
				break
			}
			return out, t.span(start, end), i
		}
	}
	return nil, corpus.Span{}, -1
}

// lastItemRaw is the left-column cell of the nearest line above j.
func lastItemRaw(t *text, j, col int) string {
	for k := j - 1; k >= 0; k-- {
		if t.blank(k) {
			continue
		}
		c := t.lines[k].cells[0]
		if c.col <= col+12 {
			return t.cellText(c)
		}
	}
	return ""
}

// startsLower reports whether s starts with a lower-case letter: a wrapped
// list item ("- VPCP: BTCN, các PCN, ...," / "các Vụ, Cục, ...;").
func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// trailingSep is the "," or ";" that ended a wrapped item's first line, kept
// when the item is joined with its next line.
func trailingSep(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return s[len(s)-1:]
	}
	return ""
}

// itemFollows reports whether the next non-blank line after j (within two)
// starts a list item in the list's column.
func itemFollows(t *text, j, col int) bool {
	for k := j + 1; k < len(t.lines) && k <= j+2; k++ {
		if t.blank(k) {
			continue
		}
		c := t.lines[k].cells[0]
		return c.col <= col+12 && reListItem.MatchString(t.cellText(c))
	}
	return false
}

// wraps reports whether line s continues the item whose last line is prev:
// prev does not end an item, or s starts in small letters, or prev left a
// parenthesis open ("- Bộ Ngoại giao (Cục Lãnh sự," / "Vụ Châu Âu);"). The
// "Lưu" item is the last: a name under it is the signer's.
func wraps(item, prev, s string) bool {
	if strings.HasPrefix(fold(item), "luu") && !startsLower(s) {
		return false
	}
	return !endsItem(prev) || startsLower(s) || strings.Count(prev, "(") > strings.Count(prev, ")")
}
