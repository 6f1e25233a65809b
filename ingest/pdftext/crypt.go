package pdftext

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"io"
)

// The object streams of an encrypted file are ciphertext to the pre-check,
// yet the library decrypts them (with the empty user password, the only one
// vanthu has) and parses them as any other. fileKey and decrypt follow the
// library's own decryption (read.go of github.com/ledongthuc/pdf: its
// initEncrypt, cryptKey and decryptStream, quirks included: the object key
// is always the whole 16-byte MD5), so that what is measured is what the
// library would build. PDF 32000-1:2008, 7.6.

var passwordPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// fileKey derives the file key for the empty user password from the
// encryption dictionary and the trailer's first /ID, as the library does;
// ok is false when the library would not open the file with it (another
// handler, an unsupported version, a user password).
func fileKey(enc, trailer object) (key []byte, useAES, ok bool) {
	if enc.key("Filter").s != "Standard" {
		return nil, false, false
	}
	n := int64(40)
	if l := enc.key("Length"); l.kind == tokInt && l.i != 0 {
		n = l.i
	}
	if n%8 != 0 || n > 128 || n < 40 {
		return nil, false, false
	}
	v := enc.key("V").i
	if enc.key("V").kind != tokInt || v != 1 && v != 2 && (v != 4 || !okayV4(enc)) {
		return nil, false, false
	}
	ids := trailer.key("ID")
	if ids.kind != objArray || len(ids.items) < 1 || ids.items[0].kind != tokString {
		return nil, false, false
	}
	id := []byte(ids.items[0].s)
	r := enc.key("R").i
	if enc.key("R").kind != tokInt || r < 2 || r > 4 {
		return nil, false, false
	}
	o, u := enc.key("O"), enc.key("U")
	if o.kind != tokString || u.kind != tokString || len(o.s) != 32 || len(u.s) != 32 {
		return nil, false, false
	}
	p := uint32(enc.key("P").i)
	h := md5.New()
	h.Write(passwordPad)
	h.Write([]byte(o.s))
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	key = h.Sum(nil)
	keyLen := int(n / 8)
	if r >= 3 {
		for i := 0; i < 50; i++ {
			h.Reset()
			h.Write(key[:keyLen])
			key = h.Sum(key[:0])
		}
		key = key[:keyLen]
	} else {
		key = key[:5]
	}
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil, false, false
	}
	var check []byte
	if r == 2 {
		check = bytes.Clone(passwordPad)
		c.XORKeyStream(check, check)
	} else {
		h.Reset()
		h.Write(passwordPad)
		h.Write(id)
		check = h.Sum(nil)
		c.XORKeyStream(check, check)
		for i := 1; i <= 19; i++ {
			k := bytes.Clone(key)
			for j := range k {
				k[j] ^= byte(i)
			}
			c, _ = rc4.NewCipher(k)
			c.XORKeyStream(check, check)
		}
	}
	if !bytes.HasPrefix([]byte(u.s), check) {
		return nil, false, false // a user password: the library stops too
	}
	return key, v == 4, true
}

func okayV4(enc object) bool {
	cf := enc.key("CF")
	stmf, strf := enc.key("StmF"), enc.key("StrF")
	if cf.kind != objDict || stmf.kind != tokName || strf.kind != tokName || stmf.s != strf.s {
		return false
	}
	p := cf.key(stmf.s)
	if p.kind != objDict {
		return false
	}
	if ae := p.key("AuthEvent"); ae.kind != tokEOF && !(ae.kind == tokName && ae.s == "DocOpen") {
		return false
	}
	if l := p.key("Length"); l.kind != tokEOF && !(l.kind == tokInt && l.i == 16) {
		return false
	}
	return p.key("CFM").kind == tokName && p.key("CFM").s == "AESV2"
}

// decrypt returns the plaintext of object (id, gen)'s stream data.
func decrypt(key []byte, useAES bool, id, gen int64, rd io.Reader) io.Reader {
	h := md5.New()
	h.Write(key)
	h.Write([]byte{byte(id), byte(id >> 8), byte(id >> 16), byte(gen), byte(gen >> 8)})
	if useAES {
		h.Write([]byte("sAlT"))
	}
	k := h.Sum(nil)
	if !useAES {
		c, _ := rc4.NewCipher(k)
		return &cipher.StreamReader{S: c, R: rd}
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return bytes.NewReader(nil)
	}
	iv := make([]byte, 16)
	io.ReadFull(rd, iv)
	return &cbcReader{cbc: cipher.NewCBCDecrypter(block, iv), rd: rd, buf: make([]byte, 16)}
}

type cbcReader struct {
	cbc  cipher.BlockMode
	rd   io.Reader
	buf  []byte
	pend []byte
}

func (r *cbcReader) Read(b []byte) (int, error) {
	if len(r.pend) == 0 {
		if _, err := io.ReadFull(r.rd, r.buf); err != nil {
			return 0, err
		}
		r.cbc.CryptBlocks(r.buf, r.buf)
		r.pend = r.buf
	}
	n := copy(b, r.pend)
	r.pend = r.pend[n:]
	return n, nil
}
