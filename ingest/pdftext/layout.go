package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Layout thresholds, in multiples of the font size. They were tuned on the
// Công báo and Quảng Ngãi PDFs of corpus-real against pdftotext's reading
// order (docs/benchmarks/pdftext.md): a word space in Times is 0.25 em, kerned
// letters sit closer than 0.1 em, the gap inside "Số: 542      /TB-UBND" is
// about 1.2 em while the gutter between the issuer and the Quốc hiệu columns
// is 2.3 em or more.
const (
	spaceGap    = 0.14 // a gap wider than this starts a new word
	columnGap   = 1.9  // a gap wider than this starts a new column segment
	baselineTol = 0.35 // glyphs whose baselines differ by less share a row
	superTol    = 0.5  // the same for a superscript and its line
	lineGap     = 2.0  // rows further apart than this start a new block
	sizeRatio   = 1.05
	// maxOrderedBlocks bounds the cubic reading-order search per page.
	maxOrderedBlocks = 300 // rows whose font sizes differ more are different blocks
)

type segment struct {
	x0, x1 float64
	y      float64 // baseline
	top    float64 // baseline + size
	size   float64
	text   string
}

type block struct {
	x0, x1, top, bottom float64
	lines               []*segment
	closed              bool
}

// stampLine matches a line of an e-signature stamp (DOMAIN.md, "Stamps that
// are not the document"): "Ký bởi:", "Email:", "Cơ quan:", "Thời gian ký:", an
// e-mail address, or the signing time "06.11.2024 09:27:05 +07:00".
var stampLine = regexp.MustCompile(`(?i)^\s*(k[ýy] b[ởo]i|ng[ưu][ờo]i k[ýy]|email|c[ơo] quan|th[ờo]i gian k[ýy]|ng[àa]y k[ýy])\s*:|@[\w-]+\.|\d{1,2}\.\d{1,2}\.\d{4}\s+\d{1,2}:\d{2}|^\s*[+-]\d{2}:\d{2}\s*$`)

// layoutPage builds the reading-order text of one page from its glyphs. It
// also returns the number of letters outside e-signature stamp blocks: a
// scan's only text layer is often that stamp. Glyphs are laid out by the
// direction of their baseline: rotated text (a landscape table on a portrait
// page, a vertical note in the margin) is turned upright first, then read
// with the same rules, after the upright text.
func layoutPage(gs []glyph) (string, int) {
	var byDir [4][]glyph
	for _, g := range gs {
		if g.text == "" {
			continue
		}
		x, y := g.x, g.y
		switch g.dir {
		case 1:
			x, y = y, -x
		case 2:
			x, y = -x, -y
		case 3:
			x, y = -y, x
		}
		g.x, g.y = x, y
		byDir[g.dir] = append(byDir[g.dir], g)
	}
	var parts []string
	body := 0
	for _, d := range []int{0, 1, 3, 2} {
		if len(byDir[d]) == 0 {
			continue
		}
		text, letters := layoutUpright(byDir[d])
		if text != "" {
			parts = append(parts, text)
		}
		body += letters
	}
	return strings.TrimSpace(strings.Join(parts, "\n")), body
}

// layoutUpright lays out glyphs whose baselines run left to right.
func layoutUpright(gs []glyph) (string, int) {
	var horiz []glyph
	seen := make(map[[3]int64]string, len(gs))
	for _, g := range gs {
		// Fake bold and shadows draw the same glyph twice at nearly the same
		// place; pdftotext drops the copy and so do we.
		q := math.Max(g.size*0.2, 0.5)
		k := [3]int64{int64(math.Round(g.x / q)), int64(math.Round(g.y / q)), int64(len(g.text))}
		if t, ok := seen[k]; ok && t == g.text && !isSpace(g.text) {
			continue
		}
		seen[k] = g.text
		horiz = append(horiz, g)
	}
	var b strings.Builder
	segs := rows(horiz)
	body := 0
	for i, blk := range orderBlocks(splitBlocks(buildBlocks(segs))) {
		if i > 0 {
			b.WriteByte('\n')
		}
		stamp := false
		letters := 0
		for j, l := range blk.lines {
			if j > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l.text)
			// stamps are small blocks of short lines: skip the regexp on
			// paragraphs
			stamp = stamp || len(blk.lines) <= 8 && len(l.text) < 120 && stampLine.MatchString(l.text)
			for _, r := range l.text {
				if unicode.IsLetter(r) {
					letters++
				}
			}
		}
		if !stamp {
			body += letters
		}
	}
	return strings.TrimSpace(b.String()), body
}

func isSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != 0xA0 {
			return false
		}
	}
	return true
}

func isMark(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return s != ""
}

// rows groups glyphs by baseline and splits each row into column segments.
// A row of smaller glyphs just above a row of larger ones is its superscripts
// (footnote calls, "chính1."), and joins it, as in pdftotext.
func rows(gs []glyph) []*segment {
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].y != gs[j].y {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	type group struct {
		start, end int
		y, size    float64
	}
	var groups []group
	for i := 0; i < len(gs); {
		j := i + 1
		base, size := gs[i].y, gs[i].size
		for j < len(gs) && base-gs[j].y <= baselineTol*math.Max(size, gs[j].size) {
			size = math.Max(size, gs[j].size)
			j++
		}
		groups = append(groups, group{i, j, gs[j-1].y, size})
		i = j
	}
	var out []*segment
	for k := 0; k < len(groups); k++ {
		g := groups[k]
		if k+1 < len(groups) {
			n := groups[k+1]
			if g.size*1.15 < n.size && g.y-n.y <= superTol*n.size {
				groups[k+1].start = g.start // contiguous: superscripts first
				continue
			}
		}
		out = append(out, splitRow(gs[g.start:g.end])...)
	}
	return out
}

func splitRow(row []glyph) []*segment {
	sort.SliceStable(row, func(i, j int) bool {
		if math.Abs(row[i].x-row[j].x) > 0.01 {
			return row[i].x < row[j].x
		}
		return row[i].seq < row[j].seq
	})
	var out []*segment
	var cur *segment
	var b strings.Builder
	pendingSpace := false
	lastEnd := 0.0
	lastSrc := 0
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(b.String())
			if cur.text != "" {
				out = append(out, cur)
			}
		}
		cur = nil
		b.Reset()
	}
	for _, g := range row {
		if isSpace(g.text) {
			pendingSpace = cur != nil
			continue
		}
		size := g.size
		if size <= 0 {
			size = 1
		}
		if cur != nil {
			gap := g.x - lastEnd
			em := math.Max(size, cur.size)
			switch {
			case gap > columnGap*em:
				flush()
			case isMark(g.text):
				// a separately drawn accent belongs to the letter before it
			case g.src != lastSrc && gap > -0.1*em:
				// Text from another stream (a filled-in form field, the
				// stamp) is another word even when it touches.
				b.WriteByte(' ')
			case pendingSpace && gap > 0.08*em || gap > spaceGap*em:
				// A space glyph counts only where it leaves room: Word draws
				// stray spaces over words ("CỘ NG" otherwise).
				b.WriteByte(' ')
			}
		}
		pendingSpace = false
		lastSrc = g.src
		if cur == nil {
			cur = &segment{x0: g.x, y: g.y, size: size}
		}
		b.WriteString(g.text)
		end := g.x + g.w
		if end < g.x+0.01 && !isMark(g.text) {
			end = g.x + 0.3*size // zero-width glyph that is not an accent: guess
		}
		if end > lastEnd || b.Len() == len(g.text) {
			lastEnd = end
		}
		if end > cur.x1 {
			cur.x1 = end
		}
		cur.size = math.Max(cur.size, size)
		cur.top = math.Max(cur.top, g.y+size*0.8)
	}
	flush()
	return out
}

func overlapX(a0, a1, b0, b1 float64) bool { return a0 < b1 && b0 < a1 }

// buildBlocks chains segments of successive rows that overlap horizontally
// into blocks (a column, a paragraph); a segment that touches two open blocks
// (a full-width line under a two-column header) closes both and starts anew.
func buildBlocks(segs []*segment) []*block {
	var blocks, open []*block
	for _, s := range segs {
		var cands []*block
		// only open blocks are candidates; dropping closed ones keeps this
		// linear on pages of scattered glyphs (fuzzed or plotted PDFs)
		kept := open[:0]
		for _, b := range open {
			if !b.closed {
				kept = append(kept, b)
			}
		}
		open = kept
		for _, b := range open {
			last := b.lines[len(b.lines)-1]
			dy := last.y - s.y
			if dy > lineGap*math.Max(s.size, last.size) {
				b.closed = true
				continue
			}
			big, small := math.Max(s.size, last.size), math.Min(s.size, last.size)
			if dy > 0.01 && overlapX(b.x0, b.x1, s.x0, s.x1) && big <= sizeRatio*small {
				cands = append(cands, b)
			}
		}
		if len(cands) == 1 {
			b := cands[0]
			b.lines = append(b.lines, s)
			b.x0, b.x1 = math.Min(b.x0, s.x0), math.Max(b.x1, s.x1)
			b.bottom = s.y
			continue
		}
		for _, b := range cands {
			b.closed = true
		}
		nb := &block{x0: s.x0, x1: s.x1, top: s.top, bottom: s.y, lines: []*segment{s}}
		blocks = append(blocks, nb)
		open = append(open, nb)
	}
	return blocks
}

// splitBlocks cuts a block where the space between two lines is clearly
// larger than its usual line pitch (a paragraph or a header item such as
// "Số: 507/UBND-KGVX" above its "V/v" subject), as pdftotext does; the parts
// keep their order through orderBlocks.
func splitBlocks(bs []*block) []*block {
	var out []*block
	for _, b := range bs {
		if len(b.lines) < 3 {
			out = append(out, b)
			continue
		}
		gaps := make([]float64, len(b.lines)-1)
		for i := range gaps {
			gaps[i] = b.lines[i].y - b.lines[i+1].y
		}
		sorted := append([]float64(nil), gaps...)
		sort.Float64s(sorted)
		med := sorted[len(sorted)/2]
		start := 0
		for i, g := range gaps {
			if g > 1.3*med && g > 1.2*b.lines[i+1].size {
				out = append(out, newBlock(b.lines[start:i+1]))
				start = i + 1
			}
		}
		out = append(out, newBlock(b.lines[start:]))
	}
	return out
}

func newBlock(lines []*segment) *block {
	b := &block{x0: lines[0].x0, x1: lines[0].x1, top: lines[0].top, bottom: lines[len(lines)-1].y, lines: lines}
	for _, l := range lines {
		b.x0, b.x1 = math.Min(b.x0, l.x0), math.Max(b.x1, l.x1)
		b.top = math.Max(b.top, l.top)
	}
	return b
}

// orderBlocks puts blocks in reading order: a block comes after every block
// above it that it overlaps horizontally and after every block to its left
// that it overlaps vertically; among the free ones the highest goes first.
func orderBlocks(bs []*block) []*block {
	if len(bs) > maxOrderedBlocks {
		// The ordering below is cubic; a page with this many blocks is a
		// chart or a table of scattered labels: read it top to bottom.
		out := append([]*block(nil), bs...)
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].top != out[j].top {
				return out[i].top > out[j].top
			}
			return out[i].x0 < out[j].x0
		})
		return out
	}
	done := make([]bool, len(bs))
	out := make([]*block, 0, len(bs))
	precedes := func(a, b *block) bool {
		tol := 1.0
		above := a.bottom >= b.top-tol && overlapX(a.x0, a.x1, b.x0, b.x1)
		left := a.x1 <= b.x0+tol && a.bottom < b.top && b.bottom < a.top
		return above || left
	}
	for len(out) < len(bs) {
		best := -1
		for i, b := range bs {
			if done[i] {
				continue
			}
			free := true
			for j, a := range bs {
				if !done[j] && j != i && precedes(a, b) {
					free = false
					break
				}
			}
			if free && (best < 0 || b.top > bs[best].top+0.5 || math.Abs(b.top-bs[best].top) <= 0.5 && b.x0 < bs[best].x0) {
				best = i
			}
		}
		if best < 0 { // a cycle: fall back to the highest remaining block
			for i, b := range bs {
				if !done[i] && (best < 0 || b.top > bs[best].top) {
					best = i
				}
			}
		}
		done[best] = true
		out = append(out, bs[best])
	}
	return out
}
