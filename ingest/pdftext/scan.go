package pdftext

import (
	"bytes"
	"errors"
	"io"
)

// lexer is a tokenizer that follows the pdf library's own (lex.go of
// github.com/ledongthuc/pdf) byte for byte, but keeps nothing it does not
// need: a string token is measured, not stored (beyond keep bytes). It is
// how a stream is measured before the library is allowed to read it, and
// how the cross-reference data is read the way the library will read it.
//
// Following the library matters more than following the PDF specification:
// the point is to know what the library would build from these bytes. The
// library's quirks are therefore reproduced, among them that a hex string
// left open at the end of a content stream makes it spin forever
// (lexHang).
type lexer struct {
	r        io.Reader
	buf      []byte // read ahead from r
	pos      int    // next byte of buf
	consumed int64  // bytes of r before buf
	eof      bool   // the input ended (the library's b.eof)
	synth    bool   // the last byte read was the '\n' returned at the end
	allowEOF bool   // the end of input is a token, not an error
	maxTok   int    // longest token accepted; longer ones are lexTooLong
	keep     int    // bytes of a string token kept in token.s
	unread   []token
	tmp      []byte
	err      error // the first read error other than the end of input
}

type tokKind uint8

const (
	tokEOF     tokKind = iota
	tokInt             // token.i
	tokReal            // a number with one dot
	tokBool            // true, false
	tokString          // literal or hex; token.n is its length, token.s its first keep bytes
	tokName            // token.s without the slash
	tokKeyword         // operators and the delimiters [ ] << >> { }
	tokBad             // the library would panic here (and, inside an object, resume after it)
	tokHang            // the library would loop forever here
	tokTooLong         // a token longer than maxTok
)

type token struct {
	kind tokKind
	i    int64
	n    int
	s    []byte
}

func (t token) is(kw string) bool { return t.kind == tokKeyword && string(t.s) == kw }

func newLexer(r io.Reader, allowEOF bool, maxTok int) *lexer {
	return &lexer{r: r, buf: make([]byte, 0, 32<<10), allowEOF: allowEOF, maxTok: maxTok}
}

// fill reads more input; false at its end (or on an error, kept in err).
func (l *lexer) fill() bool {
	if l.eof {
		return false
	}
	l.consumed += int64(len(l.buf))
	for k := 0; k < 100; k++ {
		n, err := l.r.Read(l.buf[:cap(l.buf)])
		l.buf, l.pos = l.buf[:n], 0
		if err != nil && err != io.EOF && l.err == nil {
			l.err = err // kept even with bytes: a budget error comes with the bytes that passed it
		}
		if n > 0 {
			return true
		}
		if err != nil {
			break
		}
	}
	// The library returns '\n' at the end of its input (after setting eof
	// when the end is allowed, and panicking when it is not).
	l.eof = true
	return false
}

// offset is how many bytes of input the tokens read so far took.
func (l *lexer) offset() int64 { return l.consumed + int64(l.pos) }

func (l *lexer) readByte() byte {
	if l.pos < len(l.buf) || l.fill() {
		c := l.buf[l.pos]
		l.pos++
		l.synth = false
		return c
	}
	l.synth = true
	return '\n'
}

// skipPast moves past the next occurrence of pat (stream data up to its
// endstream); false when the input ends first.
func (l *lexer) skipPast(pat []byte) bool {
	var carry []byte
	for {
		if l.pos >= len(l.buf) && !l.fill() {
			return false
		}
		b := l.buf[l.pos:]
		if len(carry) > 0 {
			joined := append(carry, b[:min(len(b), len(pat)-1)]...)
			if i := bytes.Index(joined, pat); i >= 0 {
				l.pos += i + len(pat) - len(carry)
				return true
			}
		}
		if i := bytes.Index(b, pat); i >= 0 {
			l.pos += i + len(pat)
			return true
		}
		carry = append(carry[:0], b[max(0, len(b)-len(pat)+1):]...)
		l.pos = len(l.buf)
	}
}

func (l *lexer) unreadByte() {
	if !l.synth && l.pos > 0 {
		l.pos--
	}
}

func (l *lexer) unreadToken(t token) { l.unread = append(l.unread, t) }

// next returns the next token as the library's readToken would.
func (l *lexer) next() token {
	if n := len(l.unread); n > 0 {
		t := l.unread[n-1]
		l.unread = l.unread[:n-1]
		return t
	}
	c := l.readByte()
	for {
		if isSpaceByte(c) {
			if l.eof {
				return token{kind: tokEOF}
			}
			c = l.readByte()
		} else if c == '%' {
			for c != '\r' && c != '\n' {
				c = l.readByte()
			}
		} else {
			break
		}
	}
	switch c {
	case '<':
		if l.readByte() == '<' {
			return token{kind: tokKeyword, s: []byte("<<")}
		}
		l.unreadByte()
		return l.hexString()
	case '(':
		return l.literalString()
	case '[', ']', '{', '}':
		return token{kind: tokKeyword, s: []byte{c}}
	case '/':
		return l.word(tokName)
	case '>':
		if l.readByte() == '>' {
			return token{kind: tokKeyword, s: []byte(">>")}
		}
		l.unreadByte()
		fallthrough
	default:
		if isDelimByte(c) {
			return token{kind: tokBad}
		}
		l.unreadByte()
		return l.word(tokKeyword)
	}
}

func (l *lexer) hexString() token {
	n := 0
	l.tmp = l.tmp[:0]
	for {
		c := l.readByte()
		for isSpaceByte(c) {
			if l.eof {
				return token{kind: tokHang} // the library's readHexString never returns
			}
			c = l.readByte()
		}
		if c == '>' {
			break
		}
		c2 := l.readByte()
		for isSpaceByte(c2) {
			if l.eof {
				return token{kind: tokHang}
			}
			c2 = l.readByte()
		}
		if unhexByte(c) < 0 || unhexByte(c2) < 0 {
			return token{kind: tokBad}
		}
		if n++; n > l.maxTok {
			return token{kind: tokTooLong, n: n}
		}
		if len(l.tmp) < l.keep {
			l.tmp = append(l.tmp, byte(unhexByte(c)<<4|unhexByte(c2)))
		}
	}
	return token{kind: tokString, n: n, s: l.tmp}
}

func (l *lexer) literalString() token {
	n := 0
	l.tmp = l.tmp[:0]
	add := func(c byte) bool {
		if n++; n > l.maxTok {
			return false
		}
		if len(l.tmp) < l.keep {
			l.tmp = append(l.tmp, c)
		}
		return true
	}
	depth := 1
	for !l.eof {
		c := l.readByte()
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return token{kind: tokString, n: n, s: l.tmp}
			}
		case '\\':
			switch c = l.readByte(); c {
			case 'n', 'r', 'b', 't', 'f', '(', ')', '\\':
			case '\r':
				if l.readByte() != '\n' {
					l.unreadByte()
				}
				continue
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				x := int(c - '0')
				for i := 0; i < 2; i++ {
					c = l.readByte()
					if c < '0' || c > '7' {
						l.unreadByte()
						break
					}
					x = x*8 + int(c-'0')
				}
				if x > 255 {
					return token{kind: tokBad}
				}
				c = byte(x)
			default:
				return token{kind: tokBad}
			}
		}
		if !add(c) {
			return token{kind: tokTooLong, n: n}
		}
	}
	return token{kind: tokString, n: n, s: l.tmp}
}

// word reads a name (after its slash) or a keyword, which may be a number
// (the library's readName and readKeyword). Numbers are recognised as the
// bytes go by: this is the hot loop of measuring a content stream.
func (l *lexer) word(kind tokKind) token {
	l.tmp = l.tmp[:0]
	n := 0
	var v int64
	digits, dots, signs, other := 0, 0, 0, 0
	overflow := false
	for {
		var c byte
		if l.pos < len(l.buf) || l.fill() {
			c = l.buf[l.pos]
			l.pos++
			l.synth = false
		} else {
			l.synth = true
			break
		}
		if isDelimByte(c) || isSpaceByte(c) {
			l.pos--
			break
		}
		if kind == tokName && c == '#' {
			a, b := unhexByte(l.readByte()), unhexByte(l.readByte())
			if a < 0 || b < 0 {
				return token{kind: tokBad}
			}
			c = byte(a<<4 | b)
		}
		if n++; n > l.maxTok {
			return token{kind: tokTooLong, n: n}
		}
		if len(l.tmp) < 64 {
			l.tmp = append(l.tmp, c)
		}
		switch {
		case '0' <= c && c <= '9':
			digits++
			if v > (1<<63-1-9)/10 {
				overflow = true
			}
			v = v*10 + int64(c-'0')
		case c == '.':
			dots++
		case (c == '+' || c == '-') && n == 1:
			signs++
		default:
			other++
		}
	}
	t := token{kind: kind, n: n, s: l.tmp}
	if kind == tokName || other > 0 && n > 5 {
		return t
	}
	switch {
	case other > 0:
		if s := string(l.tmp); s == "true" || s == "false" {
			t.kind = tokBool
		}
	case digits > 0 && dots == 0:
		if overflow {
			// the library's ParseInt fails above 2^63-1 (and one below
			// -2^63, which is rare enough to refuse too)
			return token{kind: tokBad}
		}
		if l.tmp[0] == '-' {
			v = -v
		}
		t.kind, t.i = tokInt, v
	case digits > 0 && dots == 1:
		t.kind = tokReal
	}
	return t
}

func isSpaceByte(b byte) bool {
	switch b {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelimByte(b byte) bool {
	switch b {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func unhexByte(b byte) int {
	switch {
	case '0' <= b && b <= '9':
		return int(b - '0')
	case 'a' <= b && b <= 'f':
		return int(b-'a') + 10
	case 'A' <= b && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

// object is a small parsed PDF value, enough for the cross-reference
// dictionaries: integers, names, references, arrays and dictionaries (the
// last definition of a repeated key wins, as in the library's readDict).
type object struct {
	kind  tokKind // tokInt, tokReal, tokName, tokString, tokBool, tokKeyword (null), or objRef/objArray/objDict
	i     int64
	gen   int64
	s     string
	items []object
	dict  map[string]object
}

const (
	objRef tokKind = 100 + iota
	objArray
	objDict
)

// maxParsedItems bounds the arrays and dictionaries readObject builds: the
// dictionaries it is used for (trailers, xref streams, object streams) hold a
// handful of keys.
const maxParsedItems = 1 << 16

var errLexObject = errors.New("malformed object")

// readObject parses one object as the library's readObject does with object
// references allowed (3 0 R), not following "obj" definitions.
func (l *lexer) readObject(depth int) (object, error) {
	if depth > 100 {
		return object{}, errLexObject
	}
	t := l.next()
	switch t.kind {
	case tokEOF, tokBad, tokHang, tokTooLong:
		return object{}, errLexObject
	case tokKeyword:
		switch string(t.s) {
		case "null", ">>", "]":
			return object{kind: tokKeyword, s: "null"}, nil
		case "<<":
			d := map[string]object{}
			for {
				k := l.next()
				if k.is(">>") || k.kind == tokEOF {
					break
				}
				if k.kind != tokName || len(d) > maxParsedItems {
					return object{}, errLexObject
				}
				name := string(k.s)
				v, err := l.readObject(depth + 1)
				if err != nil {
					return object{}, err
				}
				d[name] = v
			}
			return object{kind: objDict, dict: d}, nil
		case "[":
			var a []object
			for {
				k := l.next()
				if k.is("]") || k.kind == tokEOF {
					break
				}
				if len(a) > maxParsedItems {
					return object{}, errLexObject
				}
				l.unreadToken(k)
				v, err := l.readObject(depth + 1)
				if err != nil {
					return object{}, err
				}
				a = append(a, v)
			}
			return object{kind: objArray, items: a}, nil
		}
		return object{}, errLexObject
	case tokInt:
		if t.i >= 0 && t.i <= 1<<32-1 {
			t2 := l.next()
			if t2.kind == tokInt && t2.i >= 0 && t2.i <= 1<<16-1 {
				t3 := l.next()
				if t3.is("R") {
					return object{kind: objRef, i: t.i, gen: t2.i}, nil
				}
				l.unreadToken(t3)
			}
			l.unreadToken(t2)
		}
		return object{kind: tokInt, i: t.i}, nil
	case tokString:
		return object{kind: tokString, i: int64(t.n), s: string(t.s)}, nil
	case tokName:
		return object{kind: tokName, s: string(t.s)}, nil
	}
	return object{kind: t.kind}, nil
}

// key returns the dictionary entry, a null object when absent.
func (o object) key(k string) object {
	if o.kind != objDict {
		return object{}
	}
	return o.dict[k]
}

func (o object) has(k string) bool {
	_, ok := o.dict[k]
	return ok
}
