package hostilepdf

import (
	"bytes"
	"crypto/md5"
	"crypto/rc4"
	"fmt"
)

var passwordPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// rc4File is the standard security handler, revision 3, 128-bit RC4, with
// an empty user password (PDF 32000-1:2008, 7.6.3): what "protected"
// office PDFs use, and what the pdf library opens without asking.
type rc4File struct {
	id, o, u, key []byte
}

func newRC4File() rc4File {
	f := rc4File{id: []byte("vanthu-hostile-1"), o: bytes.Repeat([]byte{0x41}, 32)}
	h := md5.New()
	h.Write(passwordPad)
	h.Write(f.o)
	h.Write([]byte{0xFC, 0xFF, 0xFF, 0xFF}) // P = -4
	h.Write(f.id)
	k := h.Sum(nil)
	for i := 0; i < 50; i++ {
		h.Reset()
		h.Write(k[:16])
		k = h.Sum(k[:0])
	}
	f.key = k[:16]
	h.Reset()
	h.Write(passwordPad)
	h.Write(f.id)
	u := h.Sum(nil)
	for i := 0; i <= 19; i++ {
		kk := bytes.Clone(f.key)
		for j := range kk {
			kk[j] ^= byte(i)
		}
		c, _ := rc4.NewCipher(kk)
		c.XORKeyStream(u, u)
	}
	f.u = append(u, make([]byte, 16)...)
	return f
}

// encrypt encrypts the data of object id (generation 0) with the whole MD5
// object key, as the pdf library decrypts it.
func (f rc4File) encrypt(id int, data []byte) []byte {
	h := md5.New()
	h.Write(f.key)
	h.Write([]byte{byte(id), byte(id >> 8), byte(id >> 16), 0, 0})
	c, _ := rc4.NewCipher(h.Sum(nil))
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

func (f rc4File) dict() string {
	return fmt.Sprintf("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <%x> /U <%x> >>", f.o, f.u)
}

// encryptedObjStmBomb is an encrypted file whose page tree sits in an object
// stream with an array of 30 million numbers beside it: ciphertext to a
// check that does not decrypt, 1.5 GB to the library that does.
func encryptedObjStmBomb() []byte {
	f := newRC4File()
	z := Repeat([]byte("9 0 << /Type /Pages /Kids [3 0 R] /Count 1 /Bomb ["), []byte("0 "), 30_000_000, []byte("] >>"))
	objs := onePage(Stream("", f.encrypt(4, []byte("BT /F1 12 Tf (x) Tj ET"))), "", "")
	objs[0] = "<< /Type /Catalog /Pages 9 0 R >>"
	objs = append(objs, f.dict(),
		Stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", f.encrypt(7, z)))
	return XRefStream(objs, map[int]Entry{9: {Type: 2, Stream: 7}}, fmt.Sprintf("/Encrypt 6 0 R /ID [<%x> <%x>]", f.id, f.id))
}
