package hostilepdf

import (
	"bytes"
	"fmt"
	"strings"
)

// Case is one hostile file: each was reproduced against the pdf library
// (github.com/ledongthuc/pdf) as an out-of-memory, a hang or a crash, and is
// under 1 MB.
type Case struct {
	Name string
	What string // what the library does with it, unguarded
	Make func() []byte
}

// Cases returns every hostile file, cheapest first. Each is built in a few
// milliseconds: the bombs are written as deflate back-references (Repeat),
// never expanded.
func Cases() []Case {
	return []Case{
		// Cross-reference data: the library allocates from these values.
		{"xref-dup-W", "xref stream repeating /W, the last one 2 GB wide: make([]byte, 2e9)", func() []byte {
			return XRefStream(onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", ""), nil, "/W [1 2000000000 2]")
		}},
		{"xref-dup-Index", "xref stream repeating /Index, the last at object 10^9: a table of 10^9 entries", func() []byte {
			return XRefStream(onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", ""), nil, "/Index [0 7] /Index [1000000000 7]")
		}},
		{"xref-dup-Size", "xref stream repeating /Size, the last 10^9: make([]xref, 1e9)", func() []byte {
			return XRefStream(onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", ""), nil, "/Size 1000000000")
		}},
		{"xref-dup-Prev-loop", "xref stream repeating /Prev, the last pointing at itself: reads it forever", func() []byte {
			return XRefStream(onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", ""), nil, "/Prev 0 /Prev SELF")
		}},
		{"xref-classic-prev-loop", "classic trailer whose /Prev is its own table: reads it forever", func() []byte {
			return Classic(onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", ""), "/Prev SELF")
		}},
		{"xref-classic-long", "classic table of 120 KB whose last subsection starts at object 10^9", func() []byte {
			return longClassic()
		}},
		{"objstm-in-objstm", "an object stream whose own entry points into an object stream: recursion until the stack overflows (fatal)", func() []byte {
			objs := onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", "")
			objs[0] = "<< /Type /Catalog /Pages 9 0 R >>"
			return XRefStream(objs, map[int]Entry{9: {Type: 2, Stream: 10}, 10: {Type: 2, Stream: 10}}, "")
		}},
		{"objstm-extends-self", "an object stream that /Extends itself: searched forever", func() []byte {
			objs := onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", "")
			objs[0] = "<< /Type /Catalog /Pages 9 0 R >>"
			objs = append(objs, ObjStm(8, []string{"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}, "/Extends 6 0 R"))
			return XRefStream(objs, map[int]Entry{9: {Type: 2, Stream: 6}}, "")
		}},
		{"objstm-N-huge", "an object stream declaring /N 10^12 objects: 10^12 reads of the end of the stream", func() []byte {
			objs := onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", "")
			objs[0] = "<< /Type /Catalog /Pages 9 0 R >>"
			objs = append(objs, strings.Replace(ObjStm(8, []string{"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}, ""), "/N 1", "/N 1000000000000", 1))
			return XRefStream(objs, map[int]Entry{9: {Type: 2, Stream: 6}}, "")
		}},
		{"content-columns", "a content stream's predictor row of /Columns 10^12: allocated before reading", func() []byte {
			z := Repeat(nil, []byte("\x02BT"), 10, nil)
			return Classic(onePage(Stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000000 >>", z), "", ""), "")
		}},
		// Content: the library builds whatever a stream describes.
		{"hex-open", "a hex string left open at the end of a content stream: the lexer spins forever", func() []byte {
			return Classic(onePage(Stream("", []byte("BT /F1 12 Tf <4142")), "", ""), "")
		}},
		{"tj-30m", "a TJ array of 30 million numbers: 4.2 GB", func() []byte {
			return Classic(onePage(Flate("", Repeat([]byte("BT /F1 12 Tf 72 720 Td ["), []byte("0 "), 30_000_000, []byte("] TJ ET"))), "", ""), "")
		}},
		{"string-400mb", "one string of 400 MB: 1.7 GB and two minutes", func() []byte {
			return Classic(onePage(Flate2("", Periodic(Repeat([]byte("BT /F1 12 Tf 72 720 Td ("), []byte("a"), 400_000_000, []byte(") Tj ET")))), "", ""), "")
		}},
		{"cm-500mb", "500 MB of cm operators", func() []byte {
			return Classic(onePage(Flate2("", Periodic(Repeat(nil, []byte("1 0 0 1 0 0 cm\n"), 500_000_000/15, []byte("BT /F1 12 Tf (x) Tj ET")))), "", ""), "")
		}},
		{"cmap-1e8", "a compressed ToUnicode CMap of 10^8 bfchar entries: 5-6 GB on the interpreter's stack", func() []byte {
			cmap := Flate2("", Periodic(Repeat(
				[]byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n100000000 beginbfchar\n"),
				[]byte("<0001> <0041>\n"), 100_000_000,
				[]byte("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"))))
			font := "<< /Type /Font /Subtype /Type0 /BaseFont /Bomb /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Bomb /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] /ToUnicode 6 0 R >>"
			return Classic(onePage(Stream("", []byte("BT /F1 12 Tf 72 720 Td <0001> Tj ET")), font, "", cmap), "")
		}},
		{"objstm-large", "an object stream decoding to 64 MB of padding after its one object: the library decodes it again for every object it reads", func() []byte {
			objs := onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", "")
			objs[0] = "<< /Type /Catalog /Pages 9 0 R >>"
			z := Repeat([]byte("9 0 << /Type /Pages /Kids [3 0 R] /Count 1 >> "), []byte("% padding padding padding padding\n"), 2_000_000, nil)
			objs = append(objs, Stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", z))
			return XRefStream(objs, map[int]Entry{9: {Type: 2, Stream: 6}}, "")
		}},
		{"objstm-encrypted-bomb", "an encrypted file whose object stream holds an array of 30 million numbers: 1.5 GB once decrypted", encryptedObjStmBomb},
		{"page-huge", "a page of 4,800 × 4,800 pt with an image: pdftoppm renders 400 megapixels for OCR (2.7 GB, 32 s) and tesseract reads them", func() []byte {
			img := Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x80})
			objs := onePage(Stream("", []byte("q 4800 0 0 4800 0 0 cm /Im1 Do Q")), "", "/Im1 6 0 R", img)
			objs[2] = strings.Replace(objs[2], "/MediaBox [0 0 595 842]", "/MediaBox [0 0 4800 4800]", 1)
			return Classic(objs, "")
		}},
		{"forms-8x300", "form XObjects 8 deep, each drawing the next 300 times: 300^8 runs", func() []byte {
			return formBomb(8, 300)
		}},
	}
}

// longClassic is a classic table longer than 64 KB whose last subsection
// declares objects from 10^9: a pre-check reading only the first 64 KB
// misses it, and the library allocates 10^9 entries.
func longClassic() []byte {
	objs := onePage(Stream("", []byte("BT /F1 12 Tf (x) Tj ET")), "", "")
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := writeObjects(&b, objs)
	x := b.Len()
	const free = 6000
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "%d %d\n", 100, free)
	for i := 0; i < free; i++ {
		b.WriteString("0000000000 00000 f \n")
	}
	fmt.Fprintf(&b, "1000000000 1\n%010d 00000 n \n", offs[0])
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// formBomb draws form 1 fan times on the page; form i draws form i+1 fan
// times; the last form shows a word.
func formBomb(depth, fan int) []byte {
	draw := func(name string) []byte {
		return bytes.Repeat([]byte(name+" Do\n"), fan)
	}
	var more []string
	for i := 1; i <= depth; i++ {
		content := draw(fmt.Sprintf("/Fm%d", i+1))
		res := fmt.Sprintf("<< /XObject << /Fm%d %d 0 R >> /Font << /F1 5 0 R >> >>", i+1, 6+i)
		if i == depth {
			content = []byte("BT /F1 12 Tf 72 720 Td (x) Tj ET")
			res = "<< /Font << /F1 5 0 R >> >>"
		}
		more = append(more, Stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources "+res, content))
	}
	return Classic(onePage(Stream("", draw("/Fm1")), "", "/Fm1 6 0 R", more...), "")
}
