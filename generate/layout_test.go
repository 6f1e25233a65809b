package generate

import (
	"context"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vanthu/corpus"
)

// bboxWord is a word with its box from pdftotext -bbox-layout, in mm from
// the page's top-left corner.
type bboxWord struct {
	page                   int
	x0, y0, x1, y1         float64
	text                   string
	lineX0, lineX1, lineY1 float64 // the pdftotext line it belongs to
}

var (
	bboxPage = regexp.MustCompile(`<page width="`)
	bboxLine = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	bboxWd   = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

func bboxWords(t *testing.T, pdf []byte) [][]bboxWord {
	out := pdftotext(t, pdf, "-bbox-layout")
	pages := bboxPage.Split(out, -1)[1:]
	res := make([][]bboxWord, len(pages))
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v / mmToPt }
	for i, p := range pages {
		for _, l := range bboxLine.FindAllStringSubmatch(p, -1) {
			for _, w := range bboxWd.FindAllStringSubmatch(l[5], -1) {
				res[i] = append(res[i], bboxWord{page: i, x0: f(w[1]), y0: f(w[2]), x1: f(w[3]), y1: f(w[4]), text: html.UnescapeString(w[5]),
					lineX0: f(l[1]), lineX1: f(l[3]), lineY1: f(l[4])})
			}
		}
	}
	return res
}

func find(t *testing.T, ws []bboxWord, text string) bboxWord {
	t.Helper()
	for _, w := range ws {
		if w.text == text {
			return w
		}
	}
	t.Fatalf("word %q not found on the page", text)
	return bboxWord{}
}

// lineOf returns the words from first to last on first's line.
func lineSpan(t *testing.T, ws []bboxWord, first, last string) (x0, x1 float64) {
	t.Helper()
	a := find(t, ws, first)
	for _, w := range ws {
		if w.text == last && math.Abs(w.y1-a.y1) < 0.5 && w.x1 > a.x0 {
			return a.x0, w.x1
		}
	}
	t.Fatalf("no %q on the line of %q", last, first)
	return 0, 0
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.2f mm, want %.2f ± %.2f mm", what, got, want, tol)
	}
}

// TestLayoutND30 measures the rendered PDF against Nghị định 30/2020/NĐ-CP,
// Phụ lục I: margins, header columns, the rules under the issuer and the
// motto, the number and date on one line, the first-line indent, justified
// lines reaching the right margin, Nơi nhận level with the signer's title,
// page numbers from page 2 centred in the top margin.
func TestLayoutND30(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			g := newTestGenerator(t, eng)
			trip := toTrinhTrip()
			pdf, err := g.Render(context.Background(), "proposal", trip)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := g.Plan(context.Background(), "proposal", trip)
			if err != nil {
				t.Fatal(err)
			}
			l := g.set.Layout()
			pages := bboxWords(t, pdf)
			if len(pages) != len(plan.Pages) {
				t.Fatalf("%d pages in the PDF, %d planned", len(pages), len(plan.Pages))
			}
			left, right := l.Left, l.PageWidth-l.Right
			// Margins: nothing outside the text area but the page numbers; body
			// text starts at the left margin and justified lines end at the right one.
			minX, maxX := 1e9, 0.0
			for pi, ws := range pages {
				for _, w := range ws {
					if w.y1 < l.Top && pi > 0 { // the page number
						continue
					}
					minX, maxX = math.Min(minX, w.x0), math.Max(maxX, w.x1)
					if w.y0 < l.Top-0.5 || w.y1 > l.PageHeight-l.Bottom+0.5 {
						t.Errorf("page %d: %q at y %.1f-%.1f mm is in the top or bottom margin", pi+1, w.text, w.y0, w.y1)
					}
				}
			}
			near(t, "left edge of the text", minX, left, 0.4)
			near(t, "right edge of the justified text", maxX, right, 0.4)

			p1 := pages[0]
			// Header columns: issuer block left of the column split, Quốc hiệu right.
			split := left + l.HeaderLeft
			if w := find(t, p1, "UBND"); w.x1 > split {
				t.Errorf("parent body reaches %.1f mm, past the left column (%.1f mm)", w.x1, split)
			}
			if w := find(t, p1, "CỘNG"); w.x0 < split {
				t.Errorf("Quốc hiệu starts at %.1f mm, inside the left column (%.1f mm)", w.x0, split)
			}
			// Motto rule as long as the motto (II.1.b).
			mx0, mx1 := lineSpan(t, p1, "Độc", "phúc")
			var motto, issuer, subject Rule
			for _, r := range plan.Pages[0].Rules {
				switch r.Role {
				case "motto":
					motto = r
				case "issuer":
					issuer = r
				case "subject":
					subject = r
				}
			}
			near(t, "motto rule start", motto.X1, mx0, 0.4)
			near(t, "motto rule end", motto.X2, mx1, 0.4)
			// Issuer rule 1/3 to 1/2 of the issuer's line, centred under it (II.2.b).
			ix0, ix1 := lineSpan(t, p1, "SỞ", "VỤ")
			if f := (issuer.X2 - issuer.X1) / (ix1 - ix0); f < 1.0/3 || f > 0.5 {
				t.Errorf("issuer rule is %.2f of the issuer's width, want 1/3 to 1/2", f)
			}
			near(t, "issuer rule centre", (issuer.X1+issuer.X2)/2, (ix0+ix1)/2, 0.5)
			// Subject rule 1/3 to 1/2 of the subject's line (II.5.b).
			sx0, sx1 := lineSpan(t, p1, "Về", "ngoài")
			if f := (subject.X2 - subject.X1) / (sx1 - sx0); f < 1.0/3 || f > 0.5 {
				t.Errorf("subject rule is %.2f of the subject's width, want 1/3 to 1/2", f)
			}
			// Number and date on one line (II.4.c), number centred in its column.
			num, date := find(t, p1, "Số:"), find(t, p1, "Hạ")
			near(t, "date baseline vs number baseline", date.y1, num.y1, 0.5)
			nx0, nx1 := lineSpan(t, p1, "Số:", "12/TTr-SNgV")
			near(t, "number centre", (nx0+nx1)/2, left+l.HeaderLeft/2, 0.5)
			// Kính gửi list: the dashes line up under the colon (II.9.d).
			label := find(t, p1, "gửi:")
			colon := label.x1 - g.m.Width(":", regular, l.Sizes.Body)
			n := 0
			for _, w := range p1 {
				if w.text == "-" && w.y0 > label.y1 && w.y0 < label.y1+15 {
					near(t, "Kính gửi dash", w.x0, colon, 0.4)
					n++
				}
			}
			if n != 2 {
				t.Errorf("%d dashes under Kính gửi, want 2", n)
			}
			// First-line indent 1.27 cm (II.6.e).
			th := find(t, p1, "Thực")
			near(t, "first-line indent", th.x0, left+12.7, 0.4)
			// Page numbers: none on page 1, centred in the top margin after.
			for pi := 1; pi < len(pages); pi++ {
				if pi == len(pages)-1 { // the appendix restarts numbering: its first page has none
					continue
				}
				w := find(t, pages[pi], strconv.Itoa(pi+1))
				near(t, "page number centre", (w.x0+w.x1)/2, left+(right-left)/2, 0.5)
				if w.y1 > l.Top {
					t.Errorf("page number %d at %.1f mm is not in the top margin", pi+1, w.y1)
				}
			}
			// Nơi nhận at the left margin, level with the signer's title (II.9.d).
			sp := pages[plan.SigPage]
			nn := find(t, sp, "Nơi")
			near(t, "Nơi nhận left", nn.x0, left, 0.4)
			near(t, "Nơi nhận vs title baseline", nn.y1, find(t, sp, "KT.").y1, 0.8)
			// The signature field covers the signer's block.
			kt, name := find(t, sp, "KT."), find(t, sp, "Lan")
			if kt.y0 < plan.Sig.Y-1 || name.y1 > plan.Sig.Y+plan.Sig.H+1 || kt.x0 < plan.Sig.X {
				t.Errorf("signature field %+v does not cover the signer's block", plan.Sig)
			}
		})
	}
}

var pageNumbers = regexp.MustCompile(`\f\d+\n`)

// TestLongReportFlows checks that a report of about twenty pages keeps
// every page inside the margins, numbers pages 2..n, and loses no text.
func TestLongReportFlows(t *testing.T) {
	g := newTestGenerator(t)
	trip := longTrip()
	pdf, err := g.Render(context.Background(), "report", trip)
	if err != nil {
		t.Fatal(err)
	}
	l := g.set.Layout()
	pages := bboxWords(t, pdf)
	if len(pages) < 18 || len(pages) > 22 {
		t.Fatalf("%d pages, want about 20", len(pages))
	}
	for pi, ws := range pages {
		if pi > 0 {
			w := find(t, ws, strconv.Itoa(pi+1))
			if w.y1 > l.Top {
				t.Errorf("page %d: number not in the top margin", pi+1)
			}
		}
		for _, w := range ws {
			if w.x0 < l.Left-0.4 || w.x1 > l.PageWidth-l.Right+0.4 || w.y1 > l.PageHeight-l.Bottom+0.5 {
				t.Errorf("page %d: %q at (%.1f, %.1f)-(%.1f, %.1f) mm is outside the text area", pi+1, w.text, w.x0, w.y0, w.x1, w.y1)
			}
		}
	}
	// Page numbers sit between the pages' text: drop them before comparing.
	text := squash(pageNumbers.ReplaceAllString(pdftotext(t, pdf), " "))
	for _, r := range trip.Report.Results {
		if !strings.Contains(text, squash(r)) {
			t.Errorf("result lost: %q", r)
		}
	}
	if !strings.Contains(text, squash(corpus.NFC(trip.Signer.Name))) {
		t.Error("the signer's name is missing")
	}
}
