package hostilepdf

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
)

// bitWriter writes deflate's LSB-first bit stream.
type bitWriter struct {
	buf   bytes.Buffer
	acc   uint64
	nbits uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nbits
	w.nbits += n
	for w.nbits >= 8 {
		w.buf.WriteByte(byte(w.acc))
		w.acc >>= 8
		w.nbits -= 8
	}
}

// code writes a Huffman code, which deflate stores most significant bit first.
func (w *bitWriter) code(c uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | (c>>i)&1
	}
	w.bits(r, n)
}

func (w *bitWriter) literal(b byte) {
	if b < 144 {
		w.code(0x30+uint64(b), 8)
	} else {
		w.code(0x190+uint64(b-144), 9)
	}
}

// distance writes the fixed-code distance d (1..32768).
func (w *bitWriter) distance(d int) {
	if d <= 4 {
		w.code(uint64(d-1), 5)
		return
	}
	// codes 4.. : extra bits e = code/2 - 1, base = 1 + (2 + code%2) << e
	for c := 4; c < 30; c++ {
		e := uint(c/2 - 1)
		base := 1 + (2+c%2)<<e
		if d < base+1<<e {
			w.code(uint64(c), 5)
			w.bits(uint64(d-base), e)
			return
		}
	}
	panic("hostilepdf: distance out of range")
}

// Repeat returns the zlib stream of prefix, then pattern n times, then
// suffix, in O(n/258) time and without holding the expanded bytes: one fixed
// Huffman block of literals and maximal back-references. It is how the bombs
// are made (a 400 MB string, 30 million TJ items) without compressing them.
// pattern must be at most 32768 bytes.
func Repeat(prefix, pattern []byte, n int64, suffix []byte) []byte {
	var w bitWriter
	w.buf.Write([]byte{0x78, 0x01})
	w.bits(1, 1) // final block
	w.bits(1, 2) // fixed Huffman codes
	for _, b := range prefix {
		w.literal(b)
	}
	total := int64(len(pattern)) * n
	if n > 0 {
		for _, b := range pattern {
			w.literal(b)
		}
		rest := total - int64(len(pattern))
		for ; rest >= 258; rest -= 258 {
			w.code(0xC5, 8) // length 258: code 285, no extra bits
			w.distance(len(pattern))
		}
		for i := total - rest; i < total; i++ {
			w.literal(pattern[i%int64(len(pattern))])
		}
	}
	for _, b := range suffix {
		w.literal(b)
	}
	w.code(0, 7) // end of block
	if w.nbits > 0 {
		w.bits(0, 8-w.nbits)
	}
	sum := adler32.Checksum(prefix)
	sum = adlerCombine(sum, adlerRepeat(pattern, n), total)
	sum = adlerCombine(sum, adler32.Checksum(suffix), int64(len(suffix)))
	w.buf.Write([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	return w.buf.Bytes()
}

const adlerBase = 65521

// adlerCombine is zlib's adler32_combine: the checksum of A then B from
// theirs and B's length.
func adlerCombine(a, b uint32, lenB int64) uint32 {
	rem := uint64(lenB % adlerBase)
	s1 := uint64(a & 0xffff)
	s2 := rem * s1 % adlerBase
	s1 += uint64(b&0xffff) + adlerBase - 1
	s2 += uint64(a>>16) + uint64(b>>16) + adlerBase - rem
	if s1 >= adlerBase {
		s1 -= adlerBase
	}
	if s1 >= adlerBase {
		s1 -= adlerBase
	}
	if s2 >= 2*adlerBase {
		s2 -= 2 * adlerBase
	}
	if s2 >= adlerBase {
		s2 -= adlerBase
	}
	return uint32(s1 | s2<<16)
}

// adlerRepeat is the checksum of p repeated n times, by doubling.
func adlerRepeat(p []byte, n int64) uint32 {
	acc, accLen := uint32(1), int64(0)
	unit, unitLen := adler32.Checksum(p), int64(len(p))
	for n > 0 {
		if n&1 == 1 {
			acc = adlerCombine(acc, unit, unitLen)
			accLen += unitLen
		}
		unit = adlerCombine(unit, unit, unitLen)
		unitLen *= 2
		n >>= 1
	}
	return acc
}

// Zlib compresses data at the best ratio: the outer layer of a stream
// filtered twice (/Filter [/FlateDecode /FlateDecode]), which keeps a bomb
// of hundreds of megabytes under 1 MB.
func Zlib(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// lengthCode gives deflate's length symbol, extra bits and their value for a
// match of l bytes (3..258).
func lengthCode(l int) (sym int, extra uint, val int) {
	if l == 258 {
		return 285, 0, 0
	}
	base := 3
	for s := 257; s < 285; s++ {
		e := 0
		if s >= 265 {
			e = (s - 261) / 4
		}
		if l < base+1<<e {
			return s, uint(e), l - base
		}
		base += 1 << e
	}
	panic("hostilepdf: length out of range")
}

func (w *bitWriter) length(l int) {
	sym, e, v := lengthCode(l)
	if sym < 280 {
		w.code(uint64(sym-256), 7)
	} else {
		w.code(uint64(0xC0+sym-280), 8)
	}
	w.bits(uint64(v), e)
}

// Periodic compresses data whose bytes mostly repeat with a short period
// (as a Repeat stream does: a bomb filtered twice), trying the periods up to
// 64 at each position. It is not a general compressor; it is fast on what
// it is for.
func Periodic(data []byte) []byte {
	var w bitWriter
	w.buf.Write([]byte{0x78, 0x01})
	w.bits(1, 1)
	w.bits(1, 2)
	last := 0
	match := func(i, d int) int {
		n := 0
		for n < 258 && i+n < len(data) && data[i+n] == data[i+n-d] {
			n++
		}
		return n
	}
	for i := 0; i < len(data); {
		best, bestD := 0, 0
		if last > 0 && last <= i {
			best, bestD = match(i, last), last
		}
		if best < 258 {
			for d := 1; d <= 64 && d <= i; d++ {
				if n := match(i, d); n > best {
					best, bestD = n, d
				}
			}
		}
		if best >= 3 {
			w.length(best)
			w.distance(bestD)
			last = bestD
			i += best
			continue
		}
		w.literal(data[i])
		i++
	}
	w.code(0, 7)
	if w.nbits > 0 {
		w.bits(0, 8-w.nbits)
	}
	sum := adler32.Checksum(data)
	w.buf.Write([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	return w.buf.Bytes()
}
