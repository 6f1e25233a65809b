package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/metrics"
	"sync/atomic"
	"time"

	"github.com/ledongthuc/pdf"
)

// Budget bounds what one document may cost. A file that exceeds it is not
// read: Extract fails with ErrTooLarge ("too large or malformed, not read")
// and the caller keeps the original with a failed status.
//
// The pdf library reads a stream in one go (a content stream, a ToUnicode
// CMap, an object stream) and builds whatever the bytes describe: a string
// of 400 MB, an array of 30 million numbers, a stack of 10^8 CMap entries.
// None of that can be stopped once started, and a Go out-of-memory cannot be
// recovered. So every stream is first decoded here and measured with a
// tokenizer that follows the library's (scan.go), counting against the
// budget as the bytes are read; only a stream that fits is then handed to
// the library. Decoding twice costs about a tenth of the extraction time of
// a text page (BENCHMARKS.md) and bounds the library's memory by
// construction.
type Budget struct {
	DecodedBytes int64 // decompressed stream bytes, all streams of the document summed
	Operators    int64 // content and CMap operators, all pages summed
	FormDepth    int   // form XObjects nested in one another
	FormRuns     int   // form XObjects drawn on one page (fan-out: forms drawing forms)
	CMapEntries  int   // entries one CMap section may declare or hold
	TokenBytes   int   // longest string, name or word in a stream
	Operands     int   // values waiting for an operator (a TJ array's items count) or inside one object
	// HeapBytes stops an extraction when the process's Go heap passes it,
	// whatever the cause (other documents included): the last guard that
	// keeps the process inside its memory bound. 0 means no check. The
	// default, 3 GiB, is the bound `vanthu serve` is held to, and above what
	// bulk indexing of 100,000 documents peaks at (1.7 GB), so that a busy
	// process does not refuse sound files.
	HeapBytes int64
}

// DefaultBudget is generous for real documents and stops the content bombs
// early: a TJ of 30 million items, a CMap of 10^8 entries, a 400 MB string,
// 500 MB of operators, forms nested 8 deep drawing each other hundreds of
// times. For scale, corpus-real's largest Công báo (67 pages) decodes 2.1 MB
// of content with 188,000 operators, about 32 KB and 2,800 operators a page,
// and no page draws more than 15 forms: the budget holds some 3,500 such
// pages, past MaxPages.
func DefaultBudget() Budget {
	return Budget{
		DecodedBytes: 128 << 20,
		Operators:    10_000_000,
		FormDepth:    8,
		FormRuns:     2000,
		CMapEntries:  1 << 20,
		TokenBytes:   4 << 20,
		Operands:     1 << 20,
		HeapBytes:    3 << 30,
	}
}

func (b Budget) validate() error {
	if b.DecodedBytes < 0 || b.Operators < 0 || b.FormDepth < 0 || b.FormRuns < 0 ||
		b.CMapEntries < 0 || b.TokenBytes < 0 || b.Operands < 0 || b.HeapBytes < 0 {
		return fmt.Errorf("pdftext: options: negative budget")
	}
	return nil
}

// meter is one document's budget being spent. It is used by one goroutine.
type meter struct {
	ctx     context.Context
	b       Budget
	decoded int64
	ops     int64
	checks  int
}

func newMeter(ctx context.Context, b Budget) *meter {
	if b.DecodedBytes == 0 {
		b.DecodedBytes = 1 << 62
	}
	if b.Operators == 0 {
		b.Operators = 1 << 62
	}
	if b.FormDepth == 0 {
		b.FormDepth = 1 << 30
	}
	if b.FormRuns == 0 {
		b.FormRuns = 1 << 30
	}
	if b.CMapEntries == 0 {
		b.CMapEntries = 1 << 30
	}
	if b.TokenBytes == 0 {
		b.TokenBytes = 1 << 30
	}
	if b.Operands == 0 {
		b.Operands = 1 << 30
	}
	return &meter{ctx: ctx, b: b}
}

// over is the error of a spent budget.
func over(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrTooLarge, fmt.Sprintf(format, args...))
}

// check polls the deadline and the process heap; called every few thousand
// operators and every read of decoded bytes.
func (m *meter) check() error {
	if err := m.ctx.Err(); err != nil {
		return ctxError(err)
	}
	m.checks++
	if m.b.HeapBytes > 0 && m.checks%16 == 1 {
		if h := heapBytes(); h > m.b.HeapBytes {
			return over("the process holds %d MB (limit %d MB)", h>>20, m.b.HeapBytes>>20)
		}
	}
	return nil
}

func (m *meter) addOps(n int64) error {
	m.ops += n
	if m.ops > m.b.Operators {
		return over("more than %d content operators", m.b.Operators)
	}
	return nil
}

// heapSample is read at most every few milliseconds: many extractions poll it.
var heapSample struct {
	at    atomic.Int64 // unix nanoseconds of the last read
	bytes atomic.Int64
}

func heapBytes() int64 {
	now := time.Now().UnixNano()
	if now-heapSample.at.Load() < int64(5*time.Millisecond) {
		return heapSample.bytes.Load()
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	var v int64
	if s[0].Value.Kind() == metrics.KindUint64 {
		v = int64(s[0].Value.Uint64())
	}
	heapSample.bytes.Store(v)
	heapSample.at.Store(now)
	return v
}

// meteredReader counts decoded bytes against the budget as they are read.
type meteredReader struct {
	r io.Reader
	m *meter
	n int64
}

func (r *meteredReader) Read(p []byte) (int, error) {
	if err := r.m.check(); err != nil {
		return 0, err
	}
	if len(p) > 64<<10 {
		p = p[:64<<10]
	}
	n, err := r.r.Read(p)
	r.n += int64(n)
	r.m.decoded += int64(n)
	if r.m.decoded > r.m.b.DecodedBytes {
		return n, over("more than %d MB of decoded streams", r.m.b.DecodedBytes>>20)
	}
	return n, err
}

// streamMode says whose reading a measured stream is for: the callbacks
// keep operands differently.
type streamMode int

const (
	modeContent streamMode = iota // page and form content: operands dropped at each operator
	modeCMap                      // ToUnicode: operands kept from begin…range to end…range
	modeObjects                   // an object stream: a sequence of objects
	modeFile                      // the file itself: objects, stream data skipped
)

var cmapSections = map[string]bool{
	"begincodespacerange": true, "beginbfchar": true, "beginbfrange": true,
	"begincidrange": true, "begincidchar": true, "beginnotdefrange": true,
}

// measure decodes strm (a stream or an array of streams, as pdf.Interpret
// takes them) and checks that what the library would build from it stays
// within the budget. It must run before pdf.Interpret or a read of an object
// stream; the library's panics while decoding are the caller's to recover.
func (m *meter) measure(strm pdf.Value, mode streamMode) error {
	var rd io.Reader
	if strm.Kind() == pdf.Array {
		var rs []io.Reader
		for i := 0; i < strm.Len() && i < 10_000; i++ {
			if err := checkParms(strm.Index(i)); err != nil {
				return err
			}
			rs = append(rs, strm.Index(i).Reader())
		}
		rd = io.MultiReader(rs...)
	} else {
		if err := checkParms(strm); err != nil {
			return err
		}
		rd = strm.Reader()
	}
	return m.measureReader(rd, mode)
}

// checkParms refuses a predictor row the library would allocate from an
// absurd /DecodeParms /Columns before reading a byte.
func checkParms(strm pdf.Value) error {
	p := strm.Key("DecodeParms")
	ps := []pdf.Value{p}
	if p.Kind() == pdf.Array {
		ps = ps[:0]
		for i := 0; i < p.Len() && i < 16; i++ {
			ps = append(ps, p.Index(i))
		}
	}
	for _, p := range ps {
		if c := p.Key("Columns").Int64(); c < 0 || c > maxColumns {
			return fmt.Errorf("%w: /DecodeParms /Columns %d", ErrDamaged, c)
		}
	}
	return nil
}

func (m *meter) measureReader(rd io.Reader, mode streamMode) error {
	mr := &meteredReader{r: rd, m: m}
	l := newLexer(mr, true, m.b.TokenBytes)
	objects := mode == modeObjects || mode == modeFile
	var (
		live    int   // operands the library holds: stack plus open arrays
		depth   int   // open [ and <<
		ops     int64 // operators since the last charge
		section bool  // inside a CMap begin…range / end…range section
		defs    int   // def and begin: entries of the interpreter's dictionaries
		prevInt int64 // the last integer, a CMap section's declared count
	)
	flush := func() error {
		err := m.addOps(ops)
		ops = 0
		return err
	}
	for {
		t := l.next()
		if l.err != nil {
			if errors.Is(l.err, ErrTooLarge) || errors.Is(l.err, ErrTimeout) || m.ctx.Err() != nil {
				return l.err
			}
			return flush() // a damaged stream: the library stops reading here too
		}
		switch t.kind {
		case tokEOF:
			return flush()
		case tokHang:
			return fmt.Errorf("%w: a hex string is left open at the end of a stream", ErrDamaged)
		case tokTooLong:
			return over("a token of more than %d bytes", m.b.TokenBytes)
		case tokBad:
			if depth == 0 && !objects {
				// The library's interpreter panics out here: the rest of
				// the stream is never read.
				return flush()
			}
			depth = 0 // a bad token inside an object: it is dropped, reading goes on
			continue
		case tokKeyword:
			switch string(t.s) {
			case "[", "<<":
				depth++
				live++
				continue
			case "]", ">>":
				if depth > 0 {
					depth--
				}
				continue
			case "null":
				live++
			case "R":
				if objects {
					continue // "3 0 R" is one value, already counted twice
				}
				fallthrough
			case "obj", "endobj", "stream", "endstream":
				if objects {
					if mode == modeFile && t.is("stream") && !l.skipPast([]byte("endstream")) {
						return flush()
					}
					live = 0
					depth = 0
					continue
				}
				fallthrough
			default:
				if depth > 0 && !objects {
					depth = 0 // the library drops an object with an operator inside
				}
				ops++
				if ops&4095 == 0 {
					if err := flush(); err != nil {
						return err
					}
					if err := m.check(); err != nil {
						return err
					}
				}
				switch kw := t.s; {
				case !objects && (string(kw) == "def" || string(kw) == "begin" || string(kw) == "dict"):
					if defs++; defs > 4096 {
						return over("more than 4096 dictionary definitions in one stream")
					}
				case mode == modeCMap && cmapSections[string(kw)]:
					if prevInt > int64(m.b.CMapEntries) {
						return over("a CMap section declares %d entries (limit %d)", prevInt, m.b.CMapEntries)
					}
					section = true
					live = 0
					continue
				case mode == modeCMap && section && len(kw) > 3 && string(kw[:3]) == "end":
					section = false
				case mode == modeCMap && section:
					continue // operands of unknown operators inside a section stay
				}
				if !objects {
					live = 0
				}
				continue
			}
		case tokInt:
			prevInt = t.i
			live++
		default:
			live++
		}
		if err := m.operandsOver(live, section, objects); err != nil {
			return err
		}
	}
}

// operandsOver is the error for live values waiting at once over the
// limit: operands before an operator, values of one object, or entries of
// a CMap section (section).
func (m *meter) operandsOver(live int, section, objects bool) error {
	switch {
	case section && live > m.b.CMapEntries:
		return over("a CMap section with more than %d entries", m.b.CMapEntries)
	case section || live <= m.b.Operands:
		return nil
	case objects:
		return over("an object of more than %d values", m.b.Operands)
	}
	return over("more than %d operands waiting for one operator", m.b.Operands)
}

// minFileScan is the file size from which the objects written directly in
// the file are measured too. Below it the file's size bounds them (a 4 MB
// file holds at most two million numbers, some 50 MB once parsed).
const minFileScan = 4 << 20

// measureFile checks the objects written in the file itself (stream data
// skipped): the library parses an object whole when it is first used, so
// a 100 MB file that is one array would take gigabytes. Tokens and
// operands are held to the budget; decoded bytes and operators are not
// charged (these are the file's own bytes, bounded by MaxBytes).
func measureFile(ctx context.Context, r io.ReaderAt, size int64, b Budget) error {
	if size < minFileScan {
		return nil
	}
	b.DecodedBytes, b.Operators = 0, 0
	m := newMeter(ctx, b)
	return m.measureReader(io.NewSectionReader(r, 0, size), modeFile)
}
