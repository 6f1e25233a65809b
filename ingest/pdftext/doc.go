// Package pdftext reads the text of PDF files for vanthu: pages in reading
// order, a quality score per page, OCR for scans, and typed errors for
// everything that can go wrong. It is built on github.com/ledongthuc/pdf but
// uses only its object model (Value, Reader) and its PostScript interpreter
// (pdf.Interpret); decoding and layout are done here.
//
// Use Extract(ctx, r, size, DefaultOptions()), or New(opts) once and
// (*Extractor).Extract per file. Result.Text() joins the pages with form feeds;
// Result.CorpusPages() gives the per-page record stored with a version.
//
// # Pipeline
//
//	open     header/%%EOF sniffing; the xref chain is read first, as the library
//	         will read it (xrefcheck.go: the last of a repeated key, the whole
//	         table, every /Prev, every object stream and its /Extends), and a
//	         broken, looping, recursing or oversized one is replaced by a table
//	         rebuilt from the "N G obj" found in the file (as poppler reconstructs);
//	         the page tree is walked with cycle detection, inheriting Resources
//	         and MediaBox
//	interp   each page's content (and form XObjects, and the normal appearance of
//	         visible annotations, where signing and e-office software put the
//	         stamp, the number and the day) runs through pdf.Interpret with a full
//	         text state (CTM, Tm, Tf, Tc, Tw, Tz, TL, Ts) into glyphs with positions
//	fonts    ToUnicode CMaps are parsed here: codes are 1-4 byte big-endian
//	         integers matched against codespace ranges, bfrange offsets apply to
//	         the whole code (the library adds them to the last byte only, which
//	         turns maroto's "CỘNG" into "CØNG"); simple fonts use WinAnsi/MacRoman
//	         plus Differences glyph names; widths from Widths or the CIDFont W array
//	legacy   fonts whose bytes are TCVN3 (ABC, .VnTime) or VNI are detected by name
//	         and by syllable statistics, and re-decoded (legacy.go); a .Vn font
//	         that only draws spaces changes nothing
//	layout   glyphs grouped by baseline direction (rotated text turned upright) →
//	         rows by baseline (superscripts join their line) → segments
//	         split at column gaps → blocks of vertically adjacent overlapping
//	         segments, cut at paragraph gaps → reading order: a block follows the
//	         blocks above it that it overlaps and those to its left; thresholds
//	         are in layout.go, tuned against pdftotext on corpus-real
//	quality  share of tokens that are valid Vietnamese syllables (the project's
//	         one grammar, vnenc.ValidSyllable: onset + rhyme + tone place and
//	         coda rule) or plain ASCII
//	ocr      a page that draws an image and has fewer than 40 letters outside the
//	         e-signature stamp, or whose quality is under MinQuality, is rendered
//	         with pdftoppm and read by tesseract (OMP_THREAD_LIMIT=1, pages in
//	         parallel up to Workers); the stamp's text layer is kept above the
//	         OCR text; "Số:" lines are checked with corpus.IsPlausibleNumber
//
// # Failure model
//
// Extract never panics: panics of the library are recovered per page into
// ErrDamaged (the page gets Source "none" and a warning; the others are
// kept). Limits (MaxBytes, MaxPages, MaxObjects, MaxGlyphs, Timeout) are
// errors, not hangs.
//
// Every document has a Budget (budget.go): decoded bytes, operators, form
// depth and fan-out, CMap entries, token and operand counts, and a bound on
// the process heap. The library builds whatever a stream describes and
// cannot be stopped inside a stream, so each stream (page and form content,
// ToUnicode CMaps, object streams) is first decoded and measured by a
// tokenizer that follows the library's own (scan.go); only a stream that
// fits is handed to it. Past the budget the document is not read at all:
// ErrTooLarge, "too large or malformed, not read", and the caller keeps the
// original with a failed status. The parse runs in a goroutine and Extract
// returns at the deadline; the measuring and the interpreter poll the
// context (every read of decoded bytes, every 1024 operators) and the
// library's own loops are bounded by the pre-checks, so the goroutine ends
// soon after.
//
// Missing OCR tools are not an error: the Result has Status needs-ocr and a
// Message with the apt-get command. Errors wrap the sentinels ErrNotPDF,
// ErrEncrypted, ErrDamaged, ErrTooLarge, ErrTimeout inside *Error, which names
// the page; the caller adds the file name.
//
// The package keeps no global mutable state: the lookup tables (TCVN3, VNI,
// glyph names, rhymes) are read-only after initialisation, and font caches
// live in one Extract call.
package pdftext
