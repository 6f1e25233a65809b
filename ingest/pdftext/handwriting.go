package pdftext

import (
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
	"vanthu/ingest/handdigits"
)

// Offices print a letter, sign it, and then the clerk writes the number
// and the day in ink in the blanks left for them ("Số:      /UBND-KTTH",
// "ngày    tháng 02 năm 2025": Nghị định 30/2020/NĐ-CP, Điều 15, gives a
// letter its number and date once it is signed). Tesseract, trained on print, reads
// those blanks as nothing or noise. This pass finds the blanks from the
// printed words around them in tesseract's word boxes, reads the ink with
// handdigits, and rewrites the page text only when the digits are confident
// and make a valid number or calendar date; the result always carries a
// warning that it came from handwriting.

const (
	// printedConf is the tesseract word confidence above which a word is
	// taken as print read right: printed words of the header lines of
	// 300 dpi scans score 90 and more, handwritten ones far less.
	printedConf = 80
	// minHandConf is the least per-digit confidence accepted from
	// handdigits: of held-out MNIST digits read at 0.9 or more, 0.1% are
	// wrong; of runs of digits written apart, 1%; of runs whose strokes
	// touch, far more (docs/benchmarks/handdigits.md), hence the warning
	// on every field taken from handwriting.
	minHandConf = 0.9
	// runeWidth is the width of a printed character in row heights, an
	// upper bound used to place the end of the word before a blank (and
	// the start of a keyword after it) when tesseract's box for it
	// swallowed the ink next to it.
	runeWidth = 0.6
	// headerShare is the percentage of the page height searched.
	headerShare = 40
)

// handPass reads the handwritten fields of one OCR'd page.
type handPass struct {
	reader *handdigits.Reader
	page   int
	words  []ocrWord
	img    func() (image.Image, error) // the rendered page, decoded once
	hMed   int                         // median height of printed words
	warns  []string
}

// readHandwritten returns text with the handwritten number and date read
// where tesseract failed, and the warnings to add to the page.
// A failure of the pass (even a panic) leaves the text as tesseract read
// it: it runs in a page worker goroutine, where a panic would end vanthu.
// words and height are tesseract's words and page height (tsvWords).
func readHandwritten(page int, text string, words []ocrWord, height int, img func() (image.Image, error), rd *handdigits.Reader) (out string, warns []string) {
	defer func() {
		if p := recover(); p != nil {
			out = text
			warns = []string{fmt.Sprintf("page %d: the handwritten number and date were not read (internal error: %v): check them against the scan", page, p)}
		}
	}()
	return handwritingPass(page, text, words, height, img, rd)
}

// handwritingPass is readHandwritten without the recover (fuzzed bare).
func handwritingPass(page int, text string, words []ocrWord, height int, img func() (image.Image, error), rd *handdigits.Reader) (string, []string) {
	hp := &handPass{reader: rd, page: page, img: img}
	// The number and date blanks are in the header: the top of the page
	// (Nghị định 30/2020/NĐ-CP, Phụ lục I, lays out the first page). Dates
	// and "Số:" further down are body text or the signature block.
	for _, w := range words {
		if height == 0 || w.box.Max.Y <= height*headerShare/100 {
			hp.words = append(hp.words, w)
		}
	}
	var hs []int
	for _, w := range words {
		if w.conf >= printedConf {
			hs = append(hs, w.box.Dy())
		}
	}
	hp.hMed = medianInt(hs)
	if hp.hMed == 0 {
		return text, nil
	}
	text = hp.number(text)
	text = hp.date(text)
	return text, hp.warns
}

func (hp *handPass) warnf(format string, args ...any) {
	hp.warns = append(hp.warns, fmt.Sprintf("page %d: ", hp.page)+fmt.Sprintf(format, args...))
}

// keyword reports whether w is the printed word key (compared without
// diacritics or case, so "thảng" is "tháng"), possibly glued to what came
// before it ("Nội,ngày"), and how many runes of w.text run through it.
func keyword(w ocrWord, key string, prefix bool) (int, bool) {
	f := corpus.FoldLower(corpus.NFC(w.text))
	switch {
	case prefix && strings.HasPrefix(f, key):
		return utf8.RuneCountInString(key), true
	case !prefix && strings.HasSuffix(strings.TrimRight(f, ",."), key):
		return utf8.RuneCountInString(strings.TrimRight(f, ",.")), true
	}
	return 0, false
}

// rowOf returns the row of anchor and anchor's index in it.
func (hp *handPass) rowOf(anchor ocrWord) ([]ocrWord, int) {
	row := sameRow(hp.words, anchor, hp.hMed/2)
	for i, w := range row {
		if w == anchor {
			return row, i
		}
	}
	return row, -1
}

// rowHeight is the median height of the printed words of a row.
func (hp *handPass) rowMetrics(row []ocrWord) (h, top, bottom int) {
	var hs, ts, bs []int
	for _, w := range row {
		if w.conf >= printedConf {
			hs, ts, bs = append(hs, w.box.Dy()), append(ts, w.box.Min.Y), append(bs, w.box.Max.Y)
		}
	}
	if len(hs) == 0 {
		return hp.hMed, row[0].box.Min.Y, row[0].box.Max.Y
	}
	return medianInt(hs), medianInt(ts), medianInt(bs)
}

// readGap reads the ink between the printed word prev (whose first
// prevRunes characters are print) and the printed keyword next (possibly
// with the ink glued before it in one word: "04tháng").
func (hp *handPass) readGap(row []ocrWord, prev ocrWord, prevRunes int, next ocrWord, nextKey string) (handdigits.Result, error) {
	img, err := hp.img()
	if err != nil {
		return handdigits.Result{}, err
	}
	h, top, bottom := hp.rowMetrics(row)
	left := prev.box.Min.X + min(prev.box.Dx(), int(runeWidth*float64(h*prevRunes)))
	right := next.box.Min.X
	if glued, _ := splitGlued(next.text, nextKey); glued != "" {
		// The keyword is at the end of the box. Like the end of prev,
		// its start is placed with the widest printed character, so the
		// blank stops short of the print rather than running into it.
		right = next.box.Max.X - int(runeWidth*float64(h*utf8.RuneCountInString(nextKey)))
	}
	if right <= left {
		return handdigits.Result{}, fmt.Errorf("pdftext: no blank between %q and %q", prev.text, next.text)
	}
	// Reach into the words on either side so their glyphs are seen whole
	// (and left out by ReadBetween), and above and below the print, where
	// handwriting strays.
	r := image.Rect(left-h, top-h/2, right+h/2, bottom+h*3/10).Intersect(img.Bounds())
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok || r.Empty() {
		return handdigits.Result{}, fmt.Errorf("pdftext: blank %v outside the page", r)
	}
	return hp.reader.ReadBetween(sub.SubImage(r), left, right)
}

// splitGlued splits a word ending in the keyword key (compared folded) into
// what tesseract glued before it and the keyword ("04tháng": "04", "tháng").
func splitGlued(text, key string) (glued, rest string) {
	f := corpus.FoldLower(corpus.NFC(text))
	i := strings.LastIndex(f, key)
	if i <= 0 {
		return "", text
	}
	// Fold keeps one rune for one rune: cut text at the same rune count.
	n := utf8.RuneCountInString(f[:i])
	r := []rune(corpus.NFC(text))
	if n > len(r) {
		return "", text
	}
	return string(r[:n]), string(r[n:])
}

// between is the words strictly between row[i] and row[j], plus what
// tesseract glued before the keyword of row[j].
func between(row []ocrWord, i, j int, key string) []ocrWord {
	ws := append([]ocrWord(nil), row[i+1:j]...)
	if g, _ := splitGlued(row[j].text, key); g != "" {
		ws = append(ws, ocrWord{box: row[j].box, conf: row[j].conf, text: g})
	}
	return ws
}

// digitsOf joins the words' text and reports whether it is all digits
// read with print confidence.
func digitsOf(ws []ocrWord) (string, bool) {
	var b strings.Builder
	sure := len(ws) > 0
	for _, w := range ws {
		b.WriteString(w.text)
		sure = sure && w.conf >= printedConf
	}
	s := b.String()
	return s, sure && s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
}

// describe is what a warning says of a handwriting read that was not used.
func describe(res handdigits.Result, err error) string {
	switch {
	case errors.Is(err, handdigits.ErrNoInk):
		return "no ink found there"
	case err != nil:
		return err.Error()
	}
	return fmt.Sprintf("read as %q with confidence %.2f, below %.2f", res.String(), res.Confidence(), minHandConf)
}

// number handles "Số: <ink> /CT-CS".
func (hp *handPass) number(text string) string {
	var so ocrWord
	found := false
	for _, w := range hp.words {
		_, ok := keyword(w, "so:", true)
		if f := corpus.FoldLower(corpus.NFC(w.text)); ok || f == "so" {
			if !found || w.box.Min.Y < so.box.Min.Y {
				so, found = w, true
			}
		}
	}
	if !found {
		return text
	}
	row, i := hp.rowOf(so)
	j := -1
	for k := i + 1; k < len(row) && k <= i+4; k++ {
		if t := row[k].text; strings.HasPrefix(t, "/") && utf8.RuneCountInString(t) >= 3 {
			j = k
			break
		}
	}
	if i < 0 || j < 0 {
		return text
	}
	suffix := row[j].text
	ocr, sure := digitsOf(row[i+1 : j])
	if sure && corpus.IsPlausibleNumber(ocr+suffix) {
		return text
	}
	res, err := hp.readGap(row, so, 3, row[j], "/")
	num := res.String() + suffix
	if err != nil || res.Confidence() < minHandConf || !corpus.IsPlausibleNumber(num) {
		if err == nil && res.Confidence() >= minHandConf {
			hp.warnf("the handwritten document number read as %q is not a valid number: check it against the scan", num)
		} else {
			hp.warnf("the document number is handwritten and could not be read (%s): check it against the scan", describe(res, err))
		}
		return text
	}
	out, ok := replaceSpan(text, so.text, suffix, "Số: "+res.String())
	if !ok {
		return text
	}
	hp.warnf("document number %q was read from handwriting (least digit confidence %.2f%s): check it against the scan", num, res.Confidence(), tesseractSaid(ocr, res.String()))
	return out
}

// date handles "ngày <ink> tháng <ink or print> năm 2026". The date of
// issue is the topmost "ngày ... tháng" of the page: when it cannot be
// read, a date below it is the body's ("... Chỉ thị số 12/CT-TTg ngày 16
// tháng 4 năm 2024") and is never taken for it.
func (hp *handPass) date(text string) string {
	var best []ocrWord
	bi, bn, bth := -1, 0, -1
	for _, w := range hp.words {
		n, ok := keyword(w, "ngay", false)
		if !ok {
			continue
		}
		row, i := hp.rowOf(w)
		if i < 0 {
			continue
		}
		th := -1
		for k := i + 1; k < len(row) && k <= i+8 && th < 0; k++ {
			if _, ok := keyword(row[k], "thang", false); ok {
				th = k
			}
		}
		if th >= 0 && (bi < 0 || w.box.Min.Y < best[bi].box.Min.Y) {
			best, bi, bn, bth = row, i, n, th
		}
	}
	if bi < 0 {
		return text
	}
	row, nm := best, -1
	for k := bth + 1; k < len(row) && k <= bi+8 && nm < 0; k++ {
		if _, ok := keyword(row[k], "nam", false); ok {
			nm = k
		}
	}
	if nm < 0 || nm+1 >= len(row) {
		return text
	}
	year, err := strconv.Atoi(strings.TrimRight(row[nm+1].text, ".,"))
	if err != nil || year < 1945 || year > 2100 {
		return text
	}
	return hp.dayMonth(text, row, bi, bn, bth, nm, year)
}

// field is the day or the month of a date: what tesseract read, and what
// handwriting gave.
type field struct {
	name     string // "day", "month"
	ocr      string
	sure     bool // tesseract read digits with print confidence
	value    string
	fromHand bool
	conf     float64
}

func (hp *handPass) dayMonth(text string, row []ocrWord, ngay, ngayRunes, th, nm, year int) string {
	day := field{name: "day"}
	day.ocr, day.sure = digitsOf(between(row, ngay, th, "thang"))
	month := field{name: "month"}
	month.ocr, month.sure = digitsOf(between(row, th, nm, "nam"))
	thRunes, _ := keyword(row[th], "thang", false)
	valid := func(d, m string) bool {
		dv, err1 := strconv.Atoi(d)
		mv, err2 := strconv.Atoi(m)
		_, ok := corpus.NewDate(year, mv, dv)
		return err1 == nil && err2 == nil && len(d) <= 2 && len(m) <= 2 && ok
	}
	read := func(f *field, prev ocrWord, prevRunes int, next ocrWord, nextKey string) (handdigits.Result, error) {
		if f.sure {
			f.value = f.ocr
			return handdigits.Result{}, nil
		}
		res, err := hp.readGap(row, prev, prevRunes, next, nextKey)
		if err == nil && res.Confidence() >= minHandConf && len(res.Digits) <= 2 {
			f.value, f.fromHand, f.conf = res.String(), true, res.Confidence()
		}
		return res, err
	}
	mres, merr := read(&month, row[th], thRunes, row[nm], "nam")
	dres, derr := read(&day, row[ngay], ngayRunes, row[th], "thang")
	// Fall back to tesseract's doubtful reading when handwriting gave
	// nothing confident, and say so.
	for _, f := range []*field{&day, &month} {
		if f.value == "" && f.ocr != "" && !strings.ContainsFunc(f.ocr, func(r rune) bool { return !unicode.IsDigit(r) }) {
			f.value = f.ocr
		}
	}
	if day.value != "" && month.value != "" && !valid(day.value, month.value) {
		hp.warnf("the handwritten date read as day %q, month %q, year %d is not a calendar date: check it against the scan", day.value, month.value, year)
		return text
	}
	if day.value == "" || month.value == "" {
		for _, f := range []struct {
			f   *field
			res handdigits.Result
			err error
		}{{&day, dres, derr}, {&month, mres, merr}} {
			if f.f.value == "" {
				hp.warnf("the %s of the date is handwritten and could not be read (%s): check it against the scan", f.f.name, describe(f.res, f.err))
			}
		}
		return text
	}
	out := text
	for _, f := range []struct {
		f        *field
		from, to ocrWord
		toKey    string
		repl     string
	}{
		{&day, row[ngay], row[th], "thang", "ngày"},
		{&month, row[th], row[nm], "nam", "tháng"},
	} {
		if f.f.sure {
			continue
		}
		// Replace from the keyword itself (tesseract may glue the ink
		// or a comma to it: "Nội,ngày", "04tháng") to the next keyword.
		_, to := splitGlued(f.to.text, f.toKey)
		o, ok := replaceSpan(out, lastWordOf(f.from.text), to, f.repl+" "+f.f.value+" ")
		if !ok {
			return text
		}
		out = o
		if f.f.fromHand {
			hp.warnf("the %s %q of the date %d was read from handwriting (least digit confidence %.2f%s): check it against the scan", f.f.name, f.f.value, year, f.f.conf, tesseractSaid(f.f.ocr, f.f.value))
		} else {
			hp.warnf("the %s %q of the date %d is handwritten; tesseract read it with low confidence and the handwriting reader could not confirm it: check it against the scan", f.f.name, f.f.value, year)
		}
	}
	return out
}

// tesseractSaid notes what tesseract read when it differs from the
// handwriting reading, so the archivist sees both.
func tesseractSaid(ocr, hand string) string {
	if ocr == "" || ocr == hand {
		return ""
	}
	return fmt.Sprintf("; tesseract read %q", ocr)
}

// lastWordOf is the trailing run of letters of s ("ngày" of "Nội,ngày").
func lastWordOf(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

// replaceSpan finds, on one line of text, the word from followed later by
// the word to, and replaces from through the space before to with repl
// (which should end where to begins). It reports whether it found them.
func replaceSpan(text, from, to, repl string) (string, bool) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		a := strings.Index(l, from)
		if a < 0 {
			continue
		}
		b := strings.Index(l[a+len(from):], to)
		if b < 0 {
			continue
		}
		b += a + len(from)
		lines[i] = l[:a] + repl + l[b:]
		return strings.Join(lines, "\n"), true
	}
	return text, false
}
