package pdftext

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"vanthu/ingest/vnenc"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// vietnameseLines holds every Vietnamese letter, lower and upper case, with
// each of the five tones, and the lines of an official header.
func vietnameseLines() []string {
	var lines []string
	for _, v := range []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"} {
		var forms []string
		for _, m := range []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"} {
			forms = append(forms, v+m)
		}
		l := strings.Join(forms, " ")
		lines = append(lines, cleanText(l), cleanText(strings.ToUpper(l)))
	}
	lines = append(lines,
		"b c d đ g h k l m n p q r s t v x",
		"B C D Đ G H K L M N P Q R S T V X",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Số: 542/TB-UBND",
		"Quảng Ngãi, ngày 06 tháng 11 năm 2024",
		"Nguyễn Thị Hường, Phường Ưng Hòa, xã Đắk Lắk",
	)
	return lines
}

// makeMarotoPDF renders lines with maroto v2 and LiberationSerif registered
// as a custom font (regular for even lines, bold and italic in turn).
func makeMarotoPDF(t testing.TB, lines []string) []byte {
	t.Helper()
	fonts := []*entity.CustomFont{
		{Family: "liberation", Style: fontstyle.Normal, Bytes: liberationserifregular.TTF},
		{Family: "liberation", Style: fontstyle.Bold, Bytes: liberationserifbold.TTF},
		{Family: "liberation", Style: fontstyle.Italic, Bytes: liberationserifitalic.TTF},
	}
	cfg := config.NewBuilder().WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: "liberation", Style: fontstyle.Normal, Size: 12}).Build()
	m := maroto.New(cfg)
	styles := []fontstyle.Type{fontstyle.Normal, fontstyle.Bold, fontstyle.Italic}
	for i, l := range lines {
		m.AddRows(text.NewRow(8, l, props.Text{Family: "liberation", Style: styles[i%3], Size: 12}))
	}
	doc, err := m.Generate()
	if err != nil {
		t.Fatalf("maroto: %v", err)
	}
	return doc.GetBytes()
}

// makeMarotoCorePDF renders ASCII lines with maroto's default core font
// (no embedded font file): a small seed for FuzzExtract.
func makeMarotoCorePDF(t testing.TB, lines []string) []byte {
	t.Helper()
	m := maroto.New(config.NewBuilder().Build())
	for _, l := range lines {
		m.AddRows(text.NewRow(8, l))
	}
	doc, err := m.Generate()
	if err != nil {
		t.Fatalf("maroto: %v", err)
	}
	return doc.GetBytes()
}

// makeSimplePDF writes a one-page PDF by hand whose text is shown with a
// simple (8-bit) font of the given BaseFont name, each line of raw bytes at
// its own baseline: the shape of 1990s TCVN3/VNI office documents.
func makeSimplePDF(baseFont string, lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 10 Tf 40 760 Td 14 TL\n")
	for _, l := range lines {
		content.WriteString("(")
		for i := 0; i < len(l); i++ {
			c := l[i]
			if c == '(' || c == ')' || c == '\\' {
				content.WriteByte('\\')
			}
			content.WriteByte(c)
		}
		content.WriteString(") Tj T*\n")
	}
	content.WriteString("ET\n")
	return makeRawPDF(baseFont, content.String())
}

// makeRawPDF wraps a content stream into a one-page PDF whose font /F1 is a
// simple WinAnsi font of the given name with every width 500.
func makeRawPDF(baseFont string, content string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>",
			baseFont, strings.TrimSpace(strings.Repeat("500 ", 224))),
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// toTCVN3 and toVNI encode NFC text for the legacy-font fixtures.
func toTCVN3(s string) string {
	rev := map[rune]byte{}
	for b := 0x80; b < 0x100; b++ {
		if r, ok := vnenc.TCVN3Letter(byte(b)); ok {
			rev[r] = byte(b)
		}
	}
	var out []byte
	for _, r := range s {
		if b, ok := rev[r]; ok {
			out = append(out, b)
		} else if lr := []rune(strings.ToLower(string(r))); len(lr) == 1 && rev[lr[0]] != 0 && r >= 0x80 {
			out = append(out, rev[lr[0]]) // capitals with tones exist only in .VnTimeH: fixture keeps lower case
		} else {
			out = append(out, byte(r))
		}
	}
	return string(out)
}

func toLowerRune(r rune) rune { return []rune(strings.ToLower(string(r)))[0] }

// expectTCVN3 is what a single .VnTime font can show: capitals with a tone
// have no code in VN3 and are encoded (and so read back) in lower case.
func expectTCVN3(s string) string {
	have := map[rune]bool{}
	for b := 0x80; b < 0x100; b++ {
		if r, ok := vnenc.TCVN3Letter(byte(b)); ok {
			have[r] = true
		}
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0x7f && !have[r] && have[toLowerRune(r)] {
			r = toLowerRune(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// toVNI encodes NFC text in VNI Windows: base letter, then a mark byte.
func toVNI(s string) string {
	toneMark := map[rune][3]rune{ // plain, after circumflex, after breve
		toneAcute: {'ù', 'á', 'é'}, toneGrave: {'ø', 'à', 'è'}, toneHook: {'û', 'å', 'ú'},
		toneTilde: {'õ', 'ã', 'ü'}, toneDot: {'ï', 'ä', 'ë'},
	}
	iForms := map[rune]rune{toneAcute: 'í', toneGrave: 'ì', toneHook: 'æ', toneTilde: 'ó', toneDot: 'ò'}
	var out []rune
	for _, r := range s {
		upper := unicode.IsUpper(r)
		lr := toLowerRune(r)
		base, tone := lr, rune(toneNone)
		if t, ok := toneless[lr]; ok {
			base, tone = t[0], t[1]
		}
		var seq []rune
		kind := 0
		switch base {
		case 'ă':
			seq, kind = []rune{'a', 'ê'}, 2
		case 'â':
			seq, kind = []rune{'a', 'â'}, 1
		case 'ê':
			seq, kind = []rune{'e', 'â'}, 1
		case 'ô':
			seq, kind = []rune{'o', 'â'}, 1
		case 'ơ':
			seq = []rune{'ô'}
		case 'ư':
			seq = []rune{'ö'}
		case 'đ':
			seq = []rune{'ñ'}
		case 'i':
			seq = []rune{'i'}
			if tone != toneNone {
				seq, tone = []rune{iForms[tone]}, toneNone
			}
		case 'y':
			seq = []rune{'y'}
			if tone == toneDot {
				seq, tone = []rune{'î'}, toneNone
			}
		default:
			seq = []rune{base}
		}
		if tone != toneNone {
			m := toneMark[tone][kind]
			if kind > 0 {
				seq = seq[:len(seq)-1] // the combined mark replaces â / ê
			}
			seq = append(seq, m)
		}
		for _, c := range seq {
			if upper {
				c = []rune(strings.ToUpper(string(c)))[0]
			}
			out = append(out, c)
		}
	}
	// one byte per rune, as Latin-1
	b := make([]byte, 0, len(out))
	for _, c := range out {
		b = append(b, byte(c))
	}
	return string(b)
}

func vniLines(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = toVNI(l)
	}
	return out
}
