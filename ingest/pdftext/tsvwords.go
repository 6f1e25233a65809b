package pdftext

import (
	"bufio"
	"bytes"
	"image"
	"slices"
	"strconv"
	"strings"
)

// ocrWord is one word of tesseract's TSV output (level 5): its box in page
// pixels, confidence 0..100 and text.
type ocrWord struct {
	box  image.Rectangle
	conf float64
	text string
}

// tsvWords reads the words of tesseract's TSV output: level page_num
// block_num par_num line_num word_num left top width height conf text;
// pageHeight is the height of the level-1 (page) row.
func tsvWords(tsv []byte) (out []ocrWord, pageHeight int) {
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) >= 10 && f[0] == "1" {
			if h, err := strconv.Atoi(f[9]); err == nil && h > 0 {
				pageHeight = h
			}
		}
		if len(f) < 12 || f[0] != "5" || strings.TrimSpace(f[11]) == "" {
			continue
		}
		var v [4]int
		ok := true
		for i := range v {
			n, err := strconv.Atoi(f[6+i])
			if err != nil || n < 0 || n > 1<<20 {
				ok = false
				break
			}
			v[i] = n
		}
		c, err := strconv.ParseFloat(f[10], 64)
		if !ok || err != nil || v[2] == 0 || v[3] == 0 {
			continue
		}
		out = append(out, ocrWord{box: image.Rect(v[0], v[1], v[0]+v[2], v[1]+v[3]), conf: c, text: strings.TrimSpace(f[11])})
	}
	return out, pageHeight
}

// medianInt is the median of xs (0 for none).
func medianInt(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// sameRow returns the words whose vertical centre is within tol pixels of
// anchor's, left to right: one printed line across both header columns,
// which tesseract may have put in different blocks.
func sameRow(words []ocrWord, anchor ocrWord, tol int) []ocrWord {
	cy := (anchor.box.Min.Y + anchor.box.Max.Y) / 2
	var row []ocrWord
	for _, w := range words {
		if c := (w.box.Min.Y + w.box.Max.Y) / 2; c >= cy-tol && c <= cy+tol {
			row = append(row, w)
		}
	}
	slices.SortStableFunc(row, func(a, b ocrWord) int { return a.box.Min.X - b.box.Min.X })
	return row
}
