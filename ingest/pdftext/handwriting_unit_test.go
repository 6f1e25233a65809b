package pdftext

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/ingest/handdigits"
)

// header is a synthetic scanned header: printed words (boxes as tesseract
// reports them; the image holds no print) and MNIST digits written in the
// blanks, enlarged 2x to the size of pen digits at 300 dpi.
type header struct {
	words      []ocrWord
	img        *image.Gray
	pageHeight int // the level-1 row's height; 0: none
}

func digitImage(t testing.TB, d rune) *image.Gray {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "handwriting", fmt.Sprintf("mnist_t10k_*_%c.png", d)))
	if len(files) == 0 {
		t.Fatalf("no MNIST %c in testdata/handwriting", d)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := src.Bounds()
	g := image.NewGray(image.Rect(0, 0, 2*b.Dx(), 2*b.Dy()))
	for y := 0; y < g.Bounds().Dy(); y++ {
		for x := 0; x < g.Bounds().Dx(); x++ {
			g.Set(x, y, src.At(b.Min.X+x/2, b.Min.Y+y/2))
		}
	}
	return g
}

func newHeader() *header {
	g := image.NewGray(image.Rect(0, 0, 1700, 300))
	draw.Draw(g, g.Bounds(), image.NewUniform(color.Gray{255}), image.Point{}, draw.Src)
	return &header{img: g}
}

func (h *header) word(text string, x, w int, conf float64) {
	h.words = append(h.words, ocrWord{box: image.Rect(x, 100, x+w, 145), conf: conf, text: text})
}

// write puts digits at x, 45 pixels apart (an MNIST digit box is 56
// pixels here, its digit about 40 wide).
func (h *header) write(t testing.TB, x int, digits string) {
	for i, d := range digits {
		src := digitImage(t, d)
		at := image.Pt(x+45*i-8, 95)
		for y := 0; y < src.Bounds().Dy(); y++ {
			for xx := 0; xx < src.Bounds().Dx(); xx++ {
				if v := src.GrayAt(xx, y).Y; v < h.img.GrayAt(at.X+xx, at.Y+y).Y {
					h.img.SetGray(at.X+xx, at.Y+y, color.Gray{v})
				}
			}
		}
	}
}

func (h *header) tsv() []byte {
	var b strings.Builder
	b.WriteString("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	if h.pageHeight > 0 {
		fmt.Fprintf(&b, "1\t1\t0\t0\t0\t0\t0\t0\t1700\t%d\t-1\t\n", h.pageHeight)
	}
	for i, w := range h.words {
		fmt.Fprintf(&b, "5\t1\t1\t1\t1\t%d\t%d\t%d\t%d\t%d\t%f\t%s\n", i+1, w.box.Min.X, w.box.Min.Y, w.box.Dx(), w.box.Dy(), w.conf, w.text)
	}
	return []byte(b.String())
}

// text is the line tesseract would print for the words.
func (h *header) text() string {
	var parts []string
	for _, w := range h.words {
		parts = append(parts, w.text)
	}
	return "ỦY BAN NHÂN DÂN\n" + strings.Join(parts, " ") + "\nV/v tham gia ý kiến"
}

func (h *header) run(t testing.TB) (string, []string) {
	t.Helper()
	rd, err := handdigits.New(handdigits.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	img := func() (image.Image, error) { return h.img, nil }
	words, height := tsvWords(h.tsv())
	return readHandwritten(1, h.text(), words, height, img, rd)
}

// standard lays out "Số: <num> /UBND-KTTH Quảng Ngãi, ngày <day> tháng
// <month> năm 2018" with the given OCR readings of the blanks (conf < 0:
// no word) and writes the given ink into them.
func standard(t testing.TB, ocrNum, inkNum, ocrDay, inkDay, month string, monthConf float64) *header {
	h := newHeader()
	h.word("Số:", 100, 60, 95)
	if ocrNum != "" {
		h.word(ocrNum, 175, 40, 20)
	}
	h.word("/UBND-KTTH", 330, 230, 95)
	h.write(t, 180, inkNum)
	h.word("Quảng", 700, 140, 96)
	h.word("Ngãi,", 850, 110, 96)
	h.word("ngày", 980, 100, 96)
	if ocrDay != "" {
		h.word(ocrDay, 1100, 40, 30)
	}
	h.write(t, 1100, inkDay)
	h.word("tháng", 1210, 120, 96)
	if month != "" {
		h.word(month, 1345, 30, monthConf)
	}
	h.word("năm", 1395, 90, 96)
	h.word("2018", 1500, 100, 96)
	return h
}

func TestHandwritingRead(t *testing.T) {
	h := standard(t, "#", "575", "80", "20", "3", 95)
	text, warns := h.run(t)
	want := "Số: 575/UBND-KTTH Quảng Ngãi, ngày 20 tháng 3 năm 2018"
	if !strings.Contains(text, want) {
		t.Errorf("text %q, want the line %q", text, want)
	}
	joined := strings.Join(warns, "\n")
	for _, w := range []string{`document number "575/UBND-KTTH" was read from handwriting`, `the day "20" of the date 2018 was read from handwriting`} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings %q lack %q", warns, w)
		}
	}
	if strings.Contains(joined, "month") {
		t.Errorf("the printed month was flagged: %q", warns)
	}
}

// TestHandwritingBlank: nothing written: the text stays and the page says
// the number and the day could not be read.
func TestHandwritingBlank(t *testing.T) {
	h := standard(t, "", "", "", "", "3", 95)
	text, warns := h.run(t)
	if text != h.text() {
		t.Errorf("text changed to %q", text)
	}
	joined := strings.Join(warns, "\n")
	for _, w := range []string{"the document number is handwritten and could not be read (no ink found there)", "the day of the date is handwritten and could not be read (no ink found there)"} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings %q lack %q", warns, w)
		}
	}
}

// TestHandwritingNotADate: a day read confidently that the month does not
// have is not written into the text.
func TestHandwritingNotADate(t *testing.T) {
	h := standard(t, "", "7", "", "30", "2", 95)
	text, warns := h.run(t)
	if strings.Contains(text, "ngày 30") {
		t.Errorf("30 February written: %q", text)
	}
	if !strings.Contains(strings.Join(warns, "\n"), "is not a calendar date") {
		t.Errorf("warnings %q do not say the date is impossible", warns)
	}
	if !strings.Contains(text, "Số: 7/UBND-KTTH") {
		t.Errorf("number not read: %q", text)
	}
}

// TestHandwritingMonth: the month written by hand too ("tháng 4").
func TestHandwritingMonth(t *testing.T) {
	h := standard(t, "", "21", "", "9", "", 0)
	h.write(t, 1340, "3")
	text, warns := h.run(t)
	if !strings.Contains(text, "ngày 9 tháng 3 năm 2018") {
		t.Errorf("text %q, want ngày 9 tháng 3 năm 2018; warnings %q", text, warns)
	}
	if !strings.Contains(strings.Join(warns, "\n"), `the month "3" of the date 2018 was read from handwriting`) {
		t.Errorf("warnings %q", warns)
	}
}

// TestHandwritingPrinted: a printed number and date are left alone.
func TestHandwritingPrinted(t *testing.T) {
	h := newHeader()
	h.word("Số:", 100, 60, 95)
	h.word("12/2025/NĐ-CP", 175, 300, 93)
	h.word("Hà", 900, 60, 96)
	h.word("Nội,", 970, 80, 96)
	h.word("ngày", 1060, 100, 96)
	h.word("05", 1170, 40, 95)
	h.word("tháng", 1220, 120, 96)
	h.word("3", 1350, 25, 95)
	h.word("năm", 1390, 90, 96)
	h.word("2025", 1490, 100, 96)
	text, warns := h.run(t)
	if text != h.text() || len(warns) != 0 {
		t.Errorf("printed header changed: %q, warnings %q", text, warns)
	}
}

// TestHandwritingGlued: tesseract glued the day to "tháng" ("04tháng").
func TestHandwritingGlued(t *testing.T) {
	h := newHeader()
	h.word("Số:", 100, 60, 95)
	h.word("/UBND-KTTH", 330, 230, 95)
	h.write(t, 180, "5")
	h.word("ngày", 980, 100, 96)
	h.word("01tháng", 1095, 240, 0)
	h.write(t, 1100, "1")
	h.word("02", 1345, 45, 95)
	h.word("năm", 1400, 90, 96)
	h.word("2025", 1500, 100, 96)
	text, warns := h.run(t)
	if !strings.Contains(text, "ngày 1 tháng 02 năm 2025") && !strings.Contains(text, "ngày 01 tháng 02 năm 2025") {
		t.Errorf("text %q, warnings %q", text, warns)
	}
}

func TestReplaceSpan(t *testing.T) {
	got, ok := replaceSpan("a\nSố: 2/9. /CT-CS Hà Nội\nb", "Số:", "/CT-CS", "Số: 2191")
	if !ok || got != "a\nSố: 2191/CT-CS Hà Nội\nb" {
		t.Errorf("%q %v", got, ok)
	}
	if _, ok := replaceSpan("x /CT-CS Số:", "Số:", "/CT-CS", "y"); ok {
		t.Error("matched words in the wrong order")
	}
	if g, r := splitGlued("04tháng", "thang"); g != "04" || r != "tháng" {
		t.Errorf("splitGlued: %q %q", g, r)
	}
	if g, r := splitGlued("tháng", "thang"); g != "" || r != "tháng" {
		t.Errorf("splitGlued: %q %q", g, r)
	}
}

// TestHandwritingHeaderOnly: a blank number and date in the lower part of
// a page (body text, signature block) are not the header's and are left
// alone.
func TestHandwritingHeaderOnly(t *testing.T) {
	h := standard(t, "#", "575", "80", "20", "3", 95)
	h.pageHeight = 300 // the row at y 100..145 is below the top 40%
	text, warns := h.run(t)
	if text != h.text() || len(warns) != 0 {
		t.Errorf("lower part of the page changed: %q, warnings %q", text, warns)
	}
	h.pageHeight = 3500
	if text, _ := h.run(t); !strings.Contains(text, "Số: 575/UBND-KTTH") {
		t.Errorf("header not read: %q", text)
	}
}

// TestHandwritingBodyDate: when the header's date cannot be read (its year
// is garbled), a date of the body below it with a doubtful day is not taken
// for the date of issue: no reading, no warning pointing at it.
func TestHandwritingBodyDate(t *testing.T) {
	h := standard(t, "575", "", "20", "", "3", 95)
	h.words[1].conf = 95                  // the number, printed
	h.words[len(h.words)-1].text = "2O18" // the header's year, misread
	for _, w := range []struct {
		text string
		x, w int
		conf float64
	}{{"số", 100, 50, 96}, {"12/CT-TTg", 160, 200, 96}, {"ngày", 380, 100, 96}, {"16", 500, 40, 30},
		{"tháng", 560, 120, 96}, {"4", 700, 30, 96}, {"năm", 750, 90, 96}, {"2024", 860, 100, 96}} {
		h.words = append(h.words, ocrWord{box: image.Rect(w.x, 200, w.x+w.w, 245), conf: w.conf, text: w.text})
	}
	text, warns := h.run(t)
	if text != h.text() || len(warns) != 0 {
		t.Errorf("a body date was read as the date of issue: %q, warnings %q", text, warns)
	}
}

// BenchmarkHandwriting is the cost of the handwriting pass on a page whose
// number and day are handwritten (the page image already decoded).
func BenchmarkHandwriting(b *testing.B) {
	h := standard(b, "#", "575", "80", "20", "3", 95)
	rd, err := handdigits.New(handdigits.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	img := func() (image.Image, error) { return h.img, nil }
	text, tsv := h.text(), h.tsv()
	b.ReportAllocs()
	for b.Loop() {
		words, height := tsvWords(tsv)
		readHandwritten(1, text, words, height, img, rd)
	}
}
