package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"

	"vanthu/corpus"
)

// Extract reads the text of a PDF of the given size from r. It never panics:
// the pdf library's panics are recovered (per page, so one bad page does not
// lose the others) and every limit in opts is an error, not a hang. Pages
// without a usable text layer are OCR'd when opts.OCR is set and tesseract is
// installed; otherwise the Result's Status is needs-ocr with a Message saying
// how to install it.
//
// The parse runs in its own goroutine so that Extract can return at the
// deadline even if the library loops; the interpreter checks the context and
// stops soon after, but a loop inside the library itself (object resolution)
// may keep that goroutine running until it ends on its own.
func Extract(ctx context.Context, r io.ReaderAt, size int64, opts Options) (Result, error) {
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	type outcome struct {
		res Result
		err error
	}
	ch := make(chan outcome, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- outcome{Result{Status: corpus.StatusFailed}, &Error{Op: "extract", Err: panicError(v)}}
			}
		}()
		res, err := extract(ctx, r, size, opts)
		ch <- outcome{res, err}
	}()
	select {
	case o := <-ch:
		return o.res, o.err
	case <-ctx.Done():
		return Result{Status: corpus.StatusFailed}, &Error{Op: "extract", Err: ctxError(ctx.Err())}
	}
}

func ctxError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %v", ErrTimeout, err)
	}
	return err
}

func extract(ctx context.Context, r io.ReaderAt, size int64, opts Options) (Result, error) {
	failed := Result{Status: corpus.StatusFailed}
	if size <= 0 {
		return failed, &Error{Op: "open", Err: fmt.Errorf("%w: empty file", ErrNotPDF)}
	}
	if opts.MaxBytes > 0 && size > opts.MaxBytes {
		return failed, &Error{Op: "open", Err: fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, size, opts.MaxBytes)}
	}
	m := newMeter(ctx, opts.Budget)
	doc, err := open(r, size, opts, m)
	if err != nil {
		return failed, &Error{Op: "open", Err: err}
	}
	if err := ctx.Err(); err != nil {
		return failed, &Error{Op: "open", Err: ctxError(err)}
	}
	res := Result{Extractor: ExtractorText}
	if doc.repaired {
		res.Warnings = append(res.Warnings, "cross-reference table damaged: objects located by scanning the file")
	}
	maxGlyphs := opts.MaxGlyphs
	if maxGlyphs <= 0 {
		maxGlyphs = 1 << 30
	}
	in := &interpreter{ctx: ctx, m: m, fonts: map[string]*font{}, maxGlyphs: maxGlyphs}
	bad := 0
	for i, p := range doc.pages {
		if err := ctx.Err(); err != nil {
			return failed, &Error{Page: i + 1, Op: "page", Err: ctxError(err)}
		}
		pg, err := readPage(in, i+1, p, opts)
		if err != nil {
			if ctx.Err() != nil {
				return failed, &Error{Page: i + 1, Op: "page", Err: ctxError(ctx.Err())}
			}
			if errors.Is(err, ErrTooLarge) {
				// The document's budget is spent: it is not read at all,
				// rather than read in part.
				return failed, &Error{Page: i + 1, Op: "read", Err: err}
			}
			bad++
			pg = Page{Number: i + 1, Source: SourceNone, needsOCR: true,
				Warnings: []string{(&Error{Page: i + 1, Op: "page", Err: err}).Error()}}
			res.Warnings = append(res.Warnings, pg.Warnings...)
		}
		res.Pages = append(res.Pages, pg)
	}
	for i := range res.Pages {
		pg := &res.Pages[i]
		if pg.needsOCR && tooLargeToRender(doc.pages[i].box, opts.OCRDPI) {
			// Rendering it would take gigabytes (poppler's bitmap, then
			// the decoded image): a page of 1.7 m by 1.7 m is no letter.
			pg.needsOCR = false
			w := fmt.Sprintf("page %d: %s is too large to render for OCR", pg.Number, boxSize(doc.pages[i].box))
			pg.Warnings = append(pg.Warnings, w)
			res.Warnings = append(res.Warnings, w)
		}
	}
	if err := ocrPages(ctx, r, size, &res, opts); err != nil {
		return failed, err
	}
	if len(doc.pages) > 0 && bad == len(doc.pages) && !anyOCR(res) {
		// Every page failed and OCR (poppler renders what the library cannot
		// parse) did not help: an error naming the first page, with what we
		// know (the pages and their warnings).
		res.Status = corpus.StatusFailed
		return res, &Error{Page: 1, Op: "page", Err: fmt.Errorf("%w: no page could be read", ErrDamaged)}
	}
	finish(&res)
	return res, nil
}

func anyOCR(res Result) bool {
	for _, p := range res.Pages {
		if p.Source == SourceOCR {
			return true
		}
	}
	return false
}

// readPage interprets one page, recovering the library's panics into an error
// for this page alone.
func readPage(in *interpreter, n int, p pageRef, opts Options) (pg Page, err error) {
	defer func() {
		if v := recover(); v != nil {
			if s, ok := v.(errStop); ok { // our own abort: the deadline passed
				err = s.err
				return
			}
			err = panicError(v)
		}
	}()
	in.glyphs = in.glyphs[:0]
	in.images = false
	in.pageOps = in.ops
	in.formRuns = 0
	contents := p.v.Key("Contents")
	if !contents.IsNull() {
		in.run(contents, p.res, identity)
	}
	runAnnotations(in, p.v)
	gs := clipToPage(in.glyphs, p.box)
	pg = Page{Number: n, Source: SourceText}
	if len(in.glyphs) >= in.maxGlyphs {
		pg.Warnings = append(pg.Warnings, fmt.Sprintf("page %d: more than %d glyphs, the rest dropped", n, in.maxGlyphs))
	}
	if w := fixLegacy(gs); w != "" {
		pg.Warnings = append(pg.Warnings, fmt.Sprintf("page %d: %s", n, w))
	}
	unknown := 0
	for _, g := range gs {
		if !g.known {
			unknown++
		}
	}
	text, body := layoutPage(gs)
	pg.Text = cleanText(text)
	pg.Quality = quality(pg.Text)
	if unknown > 0 {
		pg.Warnings = append(pg.Warnings, fmt.Sprintf("page %d: %d glyphs without a Unicode mapping", n, unknown))
	}
	minQ := opts.MinQuality
	// A page is a scan when it draws an image and has (almost) no text of
	// its own beyond the e-signature stamp, or when its text is garbage. A
	// page with neither text nor image is blank, not a scan.
	if in.images && body < minBodyLetters || pg.Quality < minQ {
		pg.needsOCR = true
	}
	return pg, nil
}

// maxRenderPixels bounds the bitmap of a page rendered for OCR: 150
// million pixels (450 MB in RGB) holds an A0 sheet at 300 dpi; an office
// document is A4 (8.7 million).
const maxRenderPixels = 150_000_000

// tooLargeToRender reports whether the page box at dpi exceeds
// maxRenderPixels. A page without a usable box is left to the renderer's
// default size.
func tooLargeToRender(box pdf.Value, dpi int) bool {
	if box.Len() != 4 {
		return false
	}
	if dpi <= 0 {
		dpi = 300
	}
	w := math.Abs(box.Index(2).Float64()-box.Index(0).Float64()) / 72 * float64(dpi)
	h := math.Abs(box.Index(3).Float64()-box.Index(1).Float64()) / 72 * float64(dpi)
	return !(w*h <= maxRenderPixels) // NaN and Inf are too large
}

func boxSize(box pdf.Value) string {
	if box.Len() != 4 {
		return "the page"
	}
	return fmt.Sprintf("a page of %.0f × %.0f pt", math.Abs(box.Index(2).Float64()-box.Index(0).Float64()), math.Abs(box.Index(3).Float64()-box.Index(1).Float64()))
}

// minBodyLetters: a page whose text outside the e-signature stamp has fewer
// letters than this has no usable text layer (a scan with the stamp drawn on).
const minBodyLetters = 40

// clipToPage drops glyphs outside the MediaBox, as pdftotext does.
func clipToPage(gs []glyph, mb pdf.Value) []glyph {
	if mb.Len() != 4 {
		return gs
	}
	x0, y0, x1, y1 := mb.Index(0).Float64(), mb.Index(1).Float64(), mb.Index(2).Float64(), mb.Index(3).Float64()
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	out := gs[:0] // in place: the interpreter's buffer is reset per page
	for _, g := range gs {
		if g.x >= x0-2 && g.x <= x1+2 && g.y >= y0-2 && g.y <= y1+2 {
			out = append(out, g)
		}
	}
	return out
}

// finish computes the document's quality, status and extractor name.
func finish(res *Result) {
	var sum, weight float64
	ocr, needs := false, []string{}
	empty := true
	seen := map[string]bool{}
	for _, w := range res.Warnings {
		seen[w] = true
	}
	for i := range res.Pages {
		p := &res.Pages[i]
		if p.needsOCR && p.Source == SourceText {
			// Not OCR'd (off, tools missing, or failed): what text there is
			// (the e-signature stamp, garbage) is not the page's content.
			p.Source = SourceNone
			p.Warnings = append(p.Warnings, fmt.Sprintf("page %d: no usable text layer, needs OCR", p.Number))
		}
		for _, w := range p.Warnings {
			if !seen[w] {
				seen[w] = true
				res.Warnings = append(res.Warnings, w)
			}
		}
		if strings.TrimSpace(p.Text) != "" {
			empty = false
		}
		if p.Source == SourceOCR {
			ocr = true
		}
		if p.needsOCR && p.Source != SourceOCR {
			needs = append(needs, fmt.Sprint(p.Number))
		}
		w := float64(len(p.Text)) + 1
		sum += p.Quality * w
		weight += w
	}
	if weight > 0 {
		res.Quality = sum / weight
	}
	if ocr {
		res.Extractor = ExtractorTextOCR
	}
	switch {
	case len(needs) > 0 && res.Status == "":
		res.Status = corpus.StatusNeedsOCR
		if res.Message == "" {
			res.Message = fmt.Sprintf("pages %s have no usable text layer and were not OCR'd", strings.Join(needs, ", "))
		}
	case empty:
		res.Status = corpus.StatusEmpty
		res.Message = "the PDF has no text"
	case res.Status == "":
		res.Status = corpus.StatusOK
	}
}
