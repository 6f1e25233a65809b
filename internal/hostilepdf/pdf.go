package hostilepdf

import (
	"bytes"
	"fmt"
	"strings"
)

// Stream returns the body of a stream object: its dictionary (without the
// Length, which is added) and data.
func Stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Flate is a stream body compressed by Repeat or Periodic (once).
func Flate(dict string, z []byte) string {
	return Stream(dict+" /Filter /FlateDecode", z)
}

// Flate2 is a stream body compressed twice.
func Flate2(dict string, z []byte) string {
	return Stream(dict+" /Filter [/FlateDecode /FlateDecode]", z)
}

// Classic writes objects 1..len(objs) and a classic cross-reference table;
// trailer is added to "/Size n /Root 1 0 R" (a repeated key written there
// wins, as in every PDF reader that keeps the last).
func Classic(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := writeObjects(&b, objs)
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	trailer = strings.ReplaceAll(trailer, "SELF", fmt.Sprint(x))
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, x)
	return b.Bytes()
}

func writeObjects(b *bytes.Buffer, objs []string) []int {
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	return offs
}

// Entry is one entry of a cross-reference stream: Type 1 (Off is the byte
// offset, filled in for objects written by XRefStream when 0) or 2 (in
// object stream Stream at position Index).
type Entry struct {
	Type, Stream, Index int
}

// XRefStream writes objects 1..len(objs) and a cross-reference stream
// (object len(objs)+1). inStream maps object numbers not written in the
// file (above len(objs)+1) to their place in an object stream. dict is added to the stream's
// dictionary after its own /Type /XRef /Size /W /Root: a repeated key there
// wins. SELF in dict is replaced by the stream's own offset.
func XRefStream(objs []string, inStream map[int]Entry, dict string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offs := writeObjects(&b, objs)
	self := len(objs) + 1
	size := self + 1
	for id := range inStream {
		size = max(size, id+1)
	}
	var rows bytes.Buffer
	for id := 0; id < size; id++ {
		switch {
		case id == 0:
			rows.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
		case id <= len(objs):
			o := offs[id-1]
			rows.Write([]byte{1, byte(o >> 24), byte(o >> 16), byte(o >> 8), byte(o), 0, 0})
		case id == self:
			o := b.Len()
			rows.Write([]byte{1, byte(o >> 24), byte(o >> 16), byte(o >> 8), byte(o), 0, 0})
		default:
			e, ok := inStream[id]
			if !ok {
				rows.Write([]byte{0, 0, 0, 0, 0, 0, 0})
				continue
			}
			rows.Write([]byte{byte(e.Type), byte(e.Stream >> 24), byte(e.Stream >> 16), byte(e.Stream >> 8), byte(e.Stream), byte(e.Index >> 8), byte(e.Index)})
		}
	}
	x := b.Len()
	dict = strings.ReplaceAll(dict, "SELF", fmt.Sprint(x))
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", self,
		Stream(fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R %s", size, dict), rows.Bytes()))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// ObjStm is the body of an object stream holding objs, numbered from first.
func ObjStm(first int, objs []string, dict string) string {
	var head, body bytes.Buffer
	for i, o := range objs {
		fmt.Fprintf(&head, "%d %d ", first+i, body.Len())
		body.WriteString(o)
		body.WriteString(" ")
	}
	data := append(head.Bytes(), body.Bytes()...)
	return Stream(fmt.Sprintf("/Type /ObjStm /N %d /First %d %s", len(objs), head.Len(), dict), data)
}

// onePage is a catalog, a page tree of one page, a page drawing contents
// (object 4) with font /F1 (object 5) and the given XObjects.
func onePage(contents string, font string, xobjects string, more ...string) []string {
	if font == "" {
		font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << " + xobjects + " >> >> /Contents 4 0 R >>",
		contents,
		font,
	}
	return append(objs, more...)
}

// Plain is a valid one-page PDF with text: the base the hostile files vary.
func Plain() []byte {
	return Classic(onePage(Stream("", []byte("BT /F1 12 Tf 72 720 Td (Cong hoa xa hoi chu nghia Viet Nam) Tj ET")), "", ""), "")
}
