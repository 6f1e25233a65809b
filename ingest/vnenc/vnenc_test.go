package vnenc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var phrases = []string{
	"Cộng hòa xã hội chủ nghĩa Việt Nam",
	"Độc lập - Tự do - Hạnh phúc",
	"đoàn ra",
	"nước ngoài",
	"Ủy ban nhân dân",
	"Quy chế quản lý thống nhất các hoạt động đối ngoại của tỉnh; báo cáo kết quả chuyến đi trong vòng 10 ngày.",
	"Người ký: Nguyễn Sinh Hùng. Thời gian ký: 31.05.2019 15:01:05 +07:00",
}

// lowerToned: TCVN3 has no codes for capital toned letters, so "Ủy"
// comes back as "ủy" (the .VnTimeH font drew it in capitals).
func lowerToned(s string) string {
	return strings.ReplaceAll(s, "Ủy", "ủy")
}

func TestKnownLegacyStrings(t *testing.T) {
	// Strings as they appear when TCVN3/VNI text is opened as Latin-1: taken
	// from the look of real documents, not produced by our own encoders.
	cases := []struct {
		name, in, want string
		fn             func(string) string
	}{
		{"tcvn3 motto", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", FromTCVN3},
		{"tcvn3 ư soft hyphen", "n\u00ADíc ngoµi", "nước ngoài", FromTCVN3},
		{"tcvn3 Đ", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", FromTCVN3},
		{"tcvn3 caps word", "CéNG HßA", "CỘNG HÒA", FromTCVN3},
		{"tcvn3 caps font", "céng hßa", "CỘNG HÒA", FromTCVN3Caps},
		{"vni motto", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", FromVNI},
		{"vni horn", "nöôùc ngoaøi, Töï do, ñoaøn ra", "nước ngoài, Tự do, đoàn ra", FromVNI},
		{"vni caps", "COÄNG HOØA", "CỘNG HÒA", FromVNI},
		{"vni breve", "naêm, quyeát ñònh, ñaëc bieät", "năm, quyết định, đặc biệt", FromVNI},
		{"tcvn3 sentence", "NguyÔn V¨n A, c¸n bé c«ng chøc, ®\u00ADîc cö ®i c«ng t¸c n\u00ADíc ngoµi theo QuyÕt ®Þnh sè 45/Q§-UBND; kü thuËt, hoÆc, b»ng, dÉn, chuÈn, gåm, tæ, mçi, hîp, nh÷ng, môc, kú, hÑn.",
			"Nguyễn Văn A, cán bộ công chức, được cử đi công tác nước ngoài theo Quyết định số 45/QĐ-UBND; kỹ thuật, hoặc, bằng, dẫn, chuẩn, gồm, tổ, mỗi, hợp, những, mục, kỳ, hẹn.", FromTCVN3},
		{"vni sentence", "Nguyeãn Vaên A, caùn boä coâng chöùc, ñöôïc cöû ñi coâng taùc nöôùc ngoaøi theo Quyeát ñònh soá 45/QÑ-UBND; kyõ thuaät, hoaëc, baèng, daãn, chuaån.",
			"Nguyễn Văn A, cán bộ công chức, được cử đi công tác nước ngoài theo Quyết định số 45/QĐ-UBND; kỹ thuật, hoặc, bằng, dẫn, chuẩn.", FromVNI},
	}
	for _, c := range cases {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if got, ok := FromMojibake("Cá»™ng hÃ²a"); !ok || got != "Cộng hòa" {
		t.Errorf("mojibake: got %q %v", got, ok)
	}
}

func TestRoundTripEveryEncoding(t *testing.T) {
	encs := []Encoding{UTF8, UTF16LE, UTF16BE, Windows1258, TCVN3, VNI, Mojibake}
	for _, enc := range encs {
		for _, p := range phrases {
			b, err := Encode(p, enc)
			if err != nil {
				t.Fatalf("encode %s %q: %v", enc, p, err)
			}
			want := p
			if enc == TCVN3 {
				want = lowerToned(p)
			}
			// Legacy encodings are detected on content alone; the BOM-less
			// UTF-16 by its NULs.
			got, gotEnc, err := Decode(b, "")
			if err != nil {
				t.Fatalf("decode %s %q: %v", enc, p, err)
			}
			if got != want {
				t.Errorf("%s: %q decoded as %s to %q", enc, want, gotEnc, got)
			}
			// With the declaration the answer must be the same.
			got2, _, _ := Decode(b, string(enc))
			if got2 != want {
				t.Errorf("%s declared: %q decoded to %q", enc, want, got2)
			}
		}
	}
}

func TestDetectChoosesEncoding(t *testing.T) {
	text := strings.Join(phrases, "\n")
	for _, enc := range []Encoding{Windows1258, TCVN3, VNI} {
		b, err := Encode(text, enc)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Detect(b, "")
		if err != nil {
			t.Fatal(err)
		}
		if d.Encoding != enc {
			t.Errorf("want %s, detected %s (candidates %+v)", enc, d.Encoding, d.Candidates)
		}
		if d.Score < 0.95 {
			t.Errorf("%s: score %.2f", enc, d.Score)
		}
		// A wrong declaration is overridden (portals label windows-1258
		// pages iso-8859-1).
		d, _ = Detect(b, "iso-8859-1")
		if d.Encoding != enc || !d.Overridden {
			t.Errorf("declared latin-1, content %s: got %s overridden=%v", enc, d.Encoding, d.Overridden)
		}
	}
	// TCVN3 and VNI already turned into Unicode character by character.
	for _, c := range []struct {
		in   string
		want Encoding
	}{
		{"Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc", TCVN3InUnicode},
		{"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc", VNIInUnicode},
		{"Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam", Mojibake},
		{"Cộng hòa xã hội chủ nghĩa Việt Nam, Hà Nội", UTF8},
	} {
		d, err := Detect([]byte(c.in), "utf-8")
		if err != nil {
			t.Fatal(err)
		}
		if d.Encoding != c.want {
			t.Errorf("%q: got %s want %s (%+v)", c.in, d.Encoding, c.want, d.Candidates)
		}
		if !strings.Contains(d.Text, "Việt Nam") && !strings.Contains(d.Text, "Hà Nội") {
			t.Errorf("%q → %q", c.in, d.Text)
		}
	}
}

func TestBOMAndBinary(t *testing.T) {
	b := append([]byte{0xEF, 0xBB, 0xBF}, "Việt Nam"...)
	s, enc, err := Decode(b, "")
	if err != nil || s != "Việt Nam" || enc != UTF8 {
		t.Errorf("utf-8 bom: %q %s %v", s, enc, err)
	}
	u, _ := Encode("Ủy ban nhân dân", UTF16LE)
	s, enc, _ = Decode(append([]byte{0xFF, 0xFE}, u...), "")
	if s != "Ủy ban nhân dân" || enc != UTF16LE {
		t.Errorf("utf-16le bom: %q %s", s, enc)
	}
	u, _ = Encode("Ủy ban nhân dân", UTF16BE)
	s, enc, _ = Decode(append([]byte{0xFE, 0xFF}, u...), "")
	if s != "Ủy ban nhân dân" || enc != UTF16BE {
		t.Errorf("utf-16be bom: %q %s", s, enc)
	}
	_, _, err = Decode([]byte("%PDF\x00\x01\x02\x00\x00binary\x00"), "")
	var de *DecodeError
	if !errors.Is(err, ErrBinary) || !errors.As(err, &de) {
		t.Errorf("binary: err %v", err)
	}
}

func TestDecomposedInputBecomesNFC(t *testing.T) {
	nfd := norm.NFD.String("Cộng hòa xã hội chủ nghĩa Việt Nam")
	s, _, _ := Decode([]byte(nfd), "utf-8")
	if !norm.NFC.IsNormalString(s) || s != "Cộng hòa xã hội chủ nghĩa Việt Nam" {
		t.Errorf("got %q", s)
	}
}

func TestValidSyllable(t *testing.T) {
	good := strings.Fields("Cộng hòa hoà xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc đoàn ra nước ngoài Ủy ban nhân dân quốc quyết khuya giữa gì người thuyền ngoằn oẳn kỹ kí quý")
	for _, w := range good {
		if !ValidSyllable(w) {
			t.Errorf("%q should be valid", w)
		}
	}
	bad := strings.Fields("Céng ViÖt héi nghÜa chñ Coäng hoøa Vieät xaõ Cá»™ng hÃ²a ngy ce ngi phùc bàt the")
	// "the" is valid Vietnamese (thé, the); keep it out of the bad list.
	bad = bad[:len(bad)-1]
	for _, w := range bad {
		if ValidSyllable(w) {
			t.Errorf("%q should be invalid", w)
		}
	}
	if r := ValidSyllableRatio("Cộng hòa xã hội chủ nghĩa Việt Nam"); r != 1 {
		t.Errorf("ratio %v", r)
	}
	if r := ValidSyllableRatio("Céng hoµ x· héi chñ nghÜa ViÖt Nam"); r > 0.5 {
		t.Errorf("tcvn3-as-latin1 ratio %v", r)
	}
	if r := ValidSyllableRatio(""); r != 0 {
		t.Errorf("empty ratio %v", r)
	}
}

func TestParseCharset(t *testing.T) {
	for label, want := range map[string]Encoding{
		"UTF-8": UTF8, "windows-1258": Windows1258, "ISO-8859-1": Windows1252,
		".VnTime": TCVN3, "TCVN3": TCVN3, "VNI-Times": VNI, "cp1258": Windows1258,
	} {
		if got, ok := ParseCharset(label); !ok || got != want {
			t.Errorf("%q: %s %v", label, got, ok)
		}
	}
	if _, ok := ParseCharset("koi8-r"); ok {
		t.Error("koi8-r should be unknown")
	}
}

func TestOutputAlwaysValidNFC(t *testing.T) {
	for _, in := range [][]byte{{0xff, 0xfe, 0x00}, {0xC3}, {0x80, 0x81, 0xAD}, []byte("a\xedb")} {
		s, _, err := Decode(in, "")
		if err != nil {
			continue
		}
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
			t.Errorf("%x → %q", in, s)
		}
	}
}

func TestLatinTextStaysWindows1252(t *testing.T) {
	for _, s := range []string{"Réunion à Paris, été 2026: la délégation a visité la mairie.", "Reunião em São Paulo: não há acordo."} {
		b, err := Encode(s, Windows1252)
		if err != nil {
			t.Fatal(err)
		}
		got, enc, err := Decode(b, "")
		if err != nil || got != s || enc != Windows1252 {
			t.Errorf("%q → %q (%s, %v)", s, got, enc, err)
		}
	}
}

func TestOverriddenFlag(t *testing.T) {
	d, _ := Detect([]byte("Việt Nam"), "windows-1258")
	if d.Encoding != UTF8 || !d.Overridden {
		t.Errorf("utf-8 declared windows-1258: %+v", d)
	}
	d, _ = Detect([]byte("Viet Nam"), "windows-1258")
	if d.Overridden {
		t.Errorf("ascii: %+v", d)
	}
	d, _ = Detect([]byte("Việt Nam"), "UTF-8")
	if d.Overridden {
		t.Errorf("right declaration: %+v", d)
	}
}

func TestDeclaredUTF16ButUTF8(t *testing.T) {
	s, enc, err := Decode([]byte("<meta charset=utf-16><p>Việt Nam</p>"), "utf-16")
	if err != nil || enc != UTF8 || s != "<meta charset=utf-16><p>Việt Nam</p>" {
		t.Errorf("%q %s %v", s, enc, err)
	}
	u, _ := Encode("Ủy ban nhân dân tỉnh", UTF16LE)
	s, enc, _ = Decode(u, "utf-16")
	if enc != UTF16LE || s != "Ủy ban nhân dân tỉnh" {
		t.Errorf("utf-16 declared: %q %s", s, enc)
	}
}

// TestSyllableWordList: every word of testdata/words.txt (the words of the
// project's real texts, and words the readers once disagreed on, such as
// "giềng") is one valid syllable.
func TestSyllableWordList(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ln := range strings.Split(string(b), "\n") {
		w := strings.TrimSpace(ln)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		n++
		if !ValidSyllable(w) || !ValidSyllable(strings.ToUpper(w)) {
			t.Errorf("ValidSyllable(%q) = false, want true", w)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d words in testdata/words.txt", n)
	}
}
