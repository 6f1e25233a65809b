package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"vanthu/corpus"
	"vanthu/ingest/handdigits"
)

// installHint is what an archivist's administrator runs to enable OCR
// (Debian/Ubuntu package names).
const installHint = "apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"

// ocrTools are the resolved binaries; a non-empty problem says why OCR cannot run.
type ocrTools struct {
	tesseract, pdftoppm string
	problem             string
}

func findOCRTools(ctx context.Context, opts Options) ocrTools {
	var t ocrTools
	var err error
	if t.tesseract, err = lookPath(opts.TesseractPath, "tesseract"); err != nil {
		t.problem = "tesseract is not installed (" + installHint + ")"
		return t
	}
	if t.pdftoppm, err = lookPath(opts.PdftoppmPath, "pdftoppm"); err != nil {
		t.problem = "pdftoppm is not installed (" + installHint + ")"
		return t
	}
	out, err := exec.CommandContext(ctx, t.tesseract, "--list-langs").CombinedOutput()
	if err != nil {
		t.problem = fmt.Sprintf("tesseract --list-langs failed: %v (%s)", err, installHint)
		return t
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	for _, l := range strings.Split(ocrLang(opts), "+") {
		if !have[l] {
			t.problem = fmt.Sprintf("tesseract has no %q language data (apt-get install tesseract-ocr-%s)", l, l)
			return t
		}
	}
	return t
}

func lookPath(given, name string) (string, error) {
	if given != "" {
		if _, err := os.Stat(given); err != nil {
			return "", err
		}
		return given, nil
	}
	return exec.LookPath(name)
}

func ocrLang(opts Options) string {
	if opts.OCRLanguage == "" {
		return "vie"
	}
	return opts.OCRLanguage
}

// ocrPages renders and OCRs the pages that have no usable text layer. When
// OCR is off or impossible it sets Status needs-ocr and a Message saying why
// and how to fix it; it fails only when the context ends.
func ocrPages(ctx context.Context, r io.ReaderAt, size int64, res *Result, opts Options) error {
	var todo []int
	for i, p := range res.Pages {
		if p.needsOCR {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	pages := pageList(res, todo)
	if !opts.OCR {
		res.Status = corpus.StatusNeedsOCR
		res.Message = fmt.Sprintf("pages %s have no usable text layer and OCR is off", pages)
		return nil
	}
	if err := opts.validate(); err != nil {
		res.Status = corpus.StatusNeedsOCR
		res.Message = fmt.Sprintf("pages %s need OCR, but %v", pages, err)
		return nil
	}
	var failedPages []int
	if opts.PageOCR != nil {
		nums := make([]int, len(todo))
		for k, i := range todo {
			nums[k] = res.Pages[i].Number
		}
		readings, err := opts.PageOCR.ReadPages(ctx, r, size, nums)
		if err == nil && len(readings) != len(nums) {
			err = fmt.Errorf("%d readings for %d pages", len(readings), len(nums))
		}
		if err != nil {
			return &Error{Op: "ocr", Err: err}
		}
		for k, i := range todo {
			if !applyReading(res, i, readings[k], opts) {
				failedPages = append(failedPages, res.Pages[i].Number)
			}
		}
	} else {
		var err error
		if failedPages, err = ocrHere(ctx, r, size, res, todo, pages, opts); err != nil || res.Status == corpus.StatusNeedsOCR {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return &Error{Op: "ocr", Err: ctxError(err)}
	}
	if len(failedPages) > 0 {
		slices.Sort(failedPages)
		nums := make([]string, len(failedPages))
		for k, n := range failedPages {
			nums[k] = strconv.Itoa(n)
		}
		res.Status = corpus.StatusNeedsOCR
		res.Message = fmt.Sprintf("OCR failed on pages %s (see warnings)", strings.Join(nums, ", "))
	}
	return nil
}

// ocrHere OCRs the pages todo in this process, Workers at a time. It
// returns the numbers of the pages that failed; when this machine cannot
// OCR it sets Status needs-ocr and a Message saying how to fix it.
func ocrHere(ctx context.Context, r io.ReaderAt, size int64, res *Result, todo []int, pages string, opts Options) ([]int, error) {
	tools := findOCRTools(ctx, opts)
	if tools.problem != "" {
		res.Status = corpus.StatusNeedsOCR
		res.Message = fmt.Sprintf("pages %s have no usable text layer and need OCR, but %s", pages, tools.problem)
		return nil, nil
	}
	dir, err := os.MkdirTemp("", "pdftext-ocr-")
	if err != nil {
		return nil, &Error{Op: "ocr", Err: err}
	}
	defer os.RemoveAll(dir)
	pdfPath := filepath.Join(dir, "in.pdf")
	if err := copyToFile(pdfPath, io.NewSectionReader(r, 0, size)); err != nil {
		return nil, &Error{Op: "ocr", Err: err}
	}
	// The handwriting reader is stateless and shared by the page workers;
	// without it (a damaged embedded model) pages are still OCR'd.
	hand, herr := handdigits.New(handdigits.DefaultConfig())
	if herr != nil {
		res.Warnings = append(res.Warnings, (&Error{Op: "ocr", Err: herr}).Error())
	}
	workers := max(opts.Workers, 1)
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failedPages []int
	for _, i := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			n := res.Pages[i].Number
			text, conf, handWarns, err := ocrPageSlot(ctx, tools, pdfPath, dir, n, opts, hand)
			rd := PageReading{Text: text, Confidence: conf, Warnings: handWarns}
			if err != nil {
				rd = PageReading{Failed: err.Error()}
			}
			mu.Lock()
			defer mu.Unlock()
			if !applyReading(res, i, rd, opts) {
				failedPages = append(failedPages, n)
			}
		}(i)
	}
	wg.Wait()
	return failedPages, nil
}

// applyReading puts page i's OCR reading into the result, with the warnings
// a reader of the page needs. It reports false when the page could not be
// read.
func applyReading(res *Result, i int, rd PageReading, opts Options) bool {
	p := &res.Pages[i]
	n := p.Number
	if rd.Failed != "" {
		w := (&Error{Page: n, Op: "ocr", Err: errors.New(rd.Failed)}).Error()
		p.Warnings = append(p.Warnings, w)
		res.Warnings = append(res.Warnings, w)
		return false
	}
	text := rd.Text
	ocrLetters := countLetters(text)
	// Keep the text layer (the e-signature stamp) before the OCR text.
	if strings.TrimSpace(p.Text) != "" && p.Quality >= opts.MinQuality {
		text = p.Text + "\n" + text
	}
	p.Text = cleanText(text)
	p.Source = SourceOCR
	p.OCRConfidence = rd.Confidence
	p.Quality = quality(p.Text)
	switch letters := ocrLetters; {
	case letters < minBodyLetters:
		p.Warnings = append(p.Warnings, fmt.Sprintf("page %d: OCR found almost no text (%d letters): blank page or unreadable scan", n, letters))
	case rd.Confidence < 60:
		p.Warnings = append(p.Warnings, fmt.Sprintf("page %d: low OCR confidence %.0f: check the text against the scan", n, rd.Confidence))
	}
	p.Warnings = append(p.Warnings, rd.Warnings...)
	p.Warnings = append(p.Warnings, checkNumbers(n, p.Text)...)
	return true
}

// ocrSlots bounds the pages OCR'd at once in the whole process, whatever
// documents they belong to: each runs pdftoppm and a single-threaded
// tesseract, so more of them than cores only thrash (an ingest of a folder
// of scans extracts several documents at once, each OCRing its pages in
// parallel). The cores are the process's, hence one limit for all.
var ocrSlots = make(chan struct{}, runtime.NumCPU())

// ocrPageSlot is ocrPage once a slot is free.
func ocrPageSlot(ctx context.Context, t ocrTools, pdfPath, dir string, n int, opts Options, hand *handdigits.Reader) (string, float64, []string, error) {
	select {
	case ocrSlots <- struct{}{}:
	case <-ctx.Done():
		return "", 0, nil, ctx.Err()
	}
	defer func() { <-ocrSlots }()
	return ocrPage(ctx, t, pdfPath, dir, n, opts, hand)
}

func pageList(res *Result, idx []int) string {
	s := make([]string, len(idx))
	for k, i := range idx {
		s[k] = strconv.Itoa(res.Pages[i].Number)
	}
	return strings.Join(s, ", ")
}

func copyToFile(path string, r io.Reader) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ocrPage renders page n with pdftoppm and reads it with tesseract, one
// thread per process (OMP_THREAD_LIMIT=1) since pages already run in
// parallel; then the handwritten number and date, when tesseract could not
// read them, with hand (nil: skipped). It returns the text, tesseract's mean
// confidence and the handwriting pass's warnings.
func ocrPage(ctx context.Context, t ocrTools, pdfPath, dir string, n int, opts Options, hand *handdigits.Reader) (string, float64, []string, error) {
	dpi := opts.OCRDPI
	if dpi <= 0 {
		dpi = 300
	}
	prefix := filepath.Join(dir, fmt.Sprintf("p%d", n))
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, t.pdftoppm, "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-png", "-singlefile", pdfPath, prefix)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", 0, nil, fmt.Errorf("pdftoppm: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	img := prefix + ".png"
	defer os.Remove(img)
	stderr.Reset()
	cmd = exec.CommandContext(ctx, t.tesseract, img, prefix, "-l", ocrLang(opts), "txt", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", 0, nil, fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	txt, err := os.ReadFile(prefix + ".txt")
	if err != nil {
		return "", 0, nil, fmt.Errorf("tesseract output: %w", err)
	}
	tsv, err := os.ReadFile(prefix + ".tsv")
	if err != nil {
		return "", 0, nil, fmt.Errorf("tesseract output: %w", err)
	}
	text := string(txt)
	words, height := tsvWords(tsv)
	var warns []string
	if hand != nil {
		text, warns = readHandwritten(n, text, words, height, pageImage(img), hand)
	}
	return text, meanConfidence(words), warns, nil
}

// pageImage decodes the rendered page on first use: most pages have
// nothing handwritten to read.
func pageImage(path string) func() (image.Image, error) {
	var img image.Image
	var err error
	done := false
	return func() (image.Image, error) {
		if !done {
			done = true
			img, err = decodePNG(path)
		}
		return img, err
	}
}

func decodePNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("pdftext: rendered page %s: %w", path, err)
	}
	return img, nil
}

// meanConfidence averages the confidence of tesseract's words.
func meanConfidence(words []ocrWord) float64 {
	var sum float64
	n := 0
	for _, w := range words {
		if w.conf >= 0 {
			sum += w.conf
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// numberLine finds "Số: 2191/CT-CS", "Số 4060-CV/BTCTU" at the start of a line.
var numberLine = regexp.MustCompile(`(?im)^\s*s[ốoồổ6]\s*(?:k[ýy] hi[ệe]u)?\s*[:;]\s*([^\n]{0,40})`)

// checkNumbers flags document numbers that OCR read into something that is
// not a number of the official grammar (corpus.IsPlausibleNumber). On the
// scans of corpus-real the number and the day are written by hand after
// signing ("Số: 575 /UBND-KTTH" in blue ink); tesseract reads them as
// nothing or as noise ("Số: # /CT-UBND"), and this warning is what tells the
// archivist to read the number off the scan.
func checkNumbers(page int, text string) []string {
	var warns []string
	for _, m := range numberLine.FindAllStringSubmatch(text, 3) {
		// The number ends where the place and date of the right column
		// begin: the first word with a lower-case letter ("Hà Nội, ngày").
		var fields []string
		for _, f := range strings.Fields(m[1]) {
			if strings.ContainsFunc(f, unicode.IsLower) {
				break
			}
			fields = append(fields, f)
		}
		cand := strings.Join(fields, " ")
		ok := false
		for k := len(fields); k > 0 && !ok; k-- {
			ok = corpus.IsPlausibleNumber(strings.Join(fields[:k], " "))
		}
		if !ok {
			warns = append(warns, fmt.Sprintf("page %d: OCR'd document number %q is implausible: check it against the scan", page, cand))
		}
	}
	return warns
}

// cleanText is the final form of page text: NFC, Vietnamese Đ for the
// look-alike Icelandic Ð some fonts map, no trailing spaces.
func cleanText(s string) string {
	s = corpus.NFC(s)
	s = strings.NewReplacer("\u00D0", "\u0110", "\u00F0", "\u0111").Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
