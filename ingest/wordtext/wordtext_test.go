package wordtext

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/ingest"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func needAntiword(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("antiword"); err != nil {
		if os.Getenv("VANTHU_REQUIRE_ANTIWORD") != "" {
			t.Fatal("antiword is required here (VANTHU_REQUIRE_ANTIWORD) but not installed")
		}
		t.Skip("antiword not installed (apt-get install antiword)")
	}
}

func TestDOCXDecree(t *testing.T) {
	x, err := Extractor{}.Extract(context.Background(), ingest.Input{Name: "nd30_2020.docx", Data: read(t, "nd30_2020.docx")})
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != corpus.StatusOK || x.Quality < 0.9 {
		t.Errorf("status %s, quality %.2f", x.Status, x.Quality)
	}
	// The header table in reading order: the issuer's column, then the
	// Quốc hiệu's, each cell's paragraphs on their own lines.
	var lines []string
	for _, l := range strings.Split(x.Text, "\n") {
		if l != "" && len(lines) < 8 {
			lines = append(lines, l)
		}
	}
	head := strings.Join(lines, "\n")
	want := "CHÍNH PHỦ\n_______\nSố: 30/2020/NĐ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n________________________________________\nHà Nội, ngày 05 tháng 3 năm 2020\nNGHỊ ĐỊNH"
	if head != want {
		t.Errorf("header:\n%s\nwant:\n%s", head, want)
	}
	for _, s := range []string{"Điều 1. Phạm vi điều chỉnh", "Nguyễn Xuân Phúc", "Nơi nhận:", "Lưu: VT, HC (2)"} {
		if !strings.Contains(x.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
}

// words returns the text's words, for comparing two readings of one
// document whatever their line breaks.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\f' || r == '_' || r == '|'
	})
}

// overlap is the share of a's words found in b, counted with multiplicity.
func overlap(a, b []string) float64 {
	n := map[string]int{}
	for _, w := range b {
		n[w]++
	}
	hit := 0
	for _, w := range a {
		if n[w] > 0 {
			n[w]--
			hit++
		}
	}
	return float64(hit) / float64(max(1, len(a)))
}

// The .doc reader (antiword) and the .docx reader give the same words for
// the same document, in Word 97 files saved by LibreOffice and by Word.
func TestDOCAgreesWithDOCX(t *testing.T) {
	needAntiword(t)
	for _, name := range []string{"nd30_2020", "phuluc1"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d, err := Extractor{}.Extract(ctx, ingest.Input{Name: name + ".doc", Data: read(t, name+".doc")})
			if err != nil {
				t.Fatal(err)
			}
			x, err := Extractor{}.Extract(ctx, ingest.Input{Name: name + ".docx", Data: read(t, name+".docx")})
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != corpus.StatusOK || !strings.Contains(d.Extractor, "antiword") {
				t.Fatalf(".doc: status %s, extractor %s, %s", d.Status, d.Extractor, d.Message)
			}
			wd, wx := words(d.Text), words(x.Text)
			if a, b := overlap(wx, wd), overlap(wd, wx); a < 0.95 || b < 0.95 {
				t.Errorf("%d words from .doc, %d from .docx: %.3f of the docx's in the doc, %.3f the other way", len(wd), len(wx), a, b)
			}
		})
	}
	x, _ := Extractor{}.Extract(context.Background(), ingest.Input{Name: "nd30_2020.doc", Data: read(t, "nd30_2020.doc")})
	if !strings.HasPrefix(strings.ReplaceAll(x.Text, "\n\n", "\n"), "CHÍNH PHỦ\n_______\nSố: 30/2020/NĐ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
		t.Errorf(".doc header not in reading order:\n%s", x.Text[:min(300, len(x.Text))])
	}
}

func TestDOCWithoutAntiword(t *testing.T) {
	x, err := Extractor{DOC: DOCOptions{Antiword: "/nonexistent/antiword"}}.Extract(context.Background(), ingest.Input{Name: "p.doc", Data: read(t, "phuluc1.doc")})
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != corpus.StatusFailed || !strings.Contains(x.Message, "antiword") {
		t.Errorf("without antiword: %s %q", x.Status, x.Message)
	}
}

// docx builds a .docx whose document.xml has the given body.
func docx(t testing.TB, body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	zw.Close()
	return buf.Bytes()
}

func TestDOCXStructure(t *testing.T) {
	body := `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>UBND TỈNH</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Số: 12/</w:t></w:r><w:r><w:t>UBND-NV</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:t>CỘNG HÒA</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:tab/><w:t>Kính gửi:</w:t><w:tab/><w:t>Sở Ngoại vụ</w:t></w:r></w:p>` +
		`<w:p><w:r><w:delText>xoá</w:delText><w:instrText>PAGE</w:instrText><w:t>còn</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>` +
		`<w:p><w:r><w:t>Trang hai</w:t><w:br/><w:t>dòng mới</w:t><w:noBreakHyphen/><w:t>x</w:t></w:r></w:p>`
	got, err := DOCX(context.Background(), docx(t, body), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "UBND TỈNH\nSố: 12/UBND-NV\nCỘNG HÒA\nKính gửi:\tSở Ngoại vụ\ncòn\n\fTrang hai\ndòng mới-x"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	x, _ := Extractor{}.Extract(context.Background(), ingest.Input{Name: "a.docx", Data: docx(t, body)})
	if len(x.Pages) != 2 {
		t.Errorf("pages: %+v", x.Pages)
	}
}

func TestDOCXLimitsAndJunk(t *testing.T) {
	big := docx(t, strings.Repeat(`<w:p><w:r><w:t>chữ</w:t></w:r></w:p>`, 2000))
	if _, err := DOCX(context.Background(), big, Limits{MaxXML: 1000}); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := (Extractor{}).Extract(context.Background(), ingest.Input{Name: "x.docx", Data: []byte("PK\x03\x04 word/document.xml junk")}); err == nil {
		t.Error("a broken zip was read")
	}
	if _, err := (Extractor{}).Extract(context.Background(), ingest.Input{Name: "x.docx", Data: []byte("plain text")}); err == nil {
		t.Error("plain text taken for Word")
	}
}

func TestDetect(t *testing.T) {
	for name, want := range map[string]string{"nd30_2020.docx": ingest.MIMEDocx, "nd30_2020.doc": ingest.MIMEDoc, "phuluc1.doc": ingest.MIMEDoc} {
		in := ingest.Input{Name: "upload.bin", Data: read(t, name)}
		if f := ingest.DetectFormat(in); f != ingest.FormatWord {
			t.Errorf("%s detected as %q", name, f)
		}
		if m := ingest.MIMEOf(ingest.FormatWord, in); m != want {
			t.Errorf("%s: MIME %q", name, m)
		}
	}
}
