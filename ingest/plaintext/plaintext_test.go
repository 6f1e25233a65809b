package plaintext

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/ingest/vnenc"
)

var update = flag.Bool("update", false, "rewrite testdata inputs and golden files")

// congvan is a short công văn in the layout of Nghị định 30/2020/NĐ-CP with
// Windows line ends, as Notepad saves it.
const congvan = "UBND TỈNH CAO BẰNG\r\nSỞ NGOẠI VỤ\r\nSố: 12/SNgV-LS\r\nV/v đề nghị cử cán bộ đi công tác nước ngoài\r\n" +
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\nĐộc lập - Tự do - Hạnh phúc\r\nCao Bằng, ngày 09 tháng 02 năm 2026\r\n\r\n" +
	"Kính gửi: Ủy ban nhân dân tỉnh Cao Bằng.\r\n\r\n" +
	"Thực hiện Quy chế quản lý thống nhất các hoạt động đối ngoại của tỉnh, Sở Ngoại vụ đề nghị cử đoàn ra gồm 04 thành viên \r\n" +
	"đi công tác tại Trung Quốc từ ngày 02 đến ngày 04 tháng 3 năm 2026.\r\n\r\n" +
	"Nơi nhận:\r\n- Như trên;\r\n- Lưu: VT, LS.\r\n"

var fixtures = []struct {
	file     string
	enc      vnenc.Encoding
	declared string
	prefix   []byte
}{
	{"congvan.utf8.txt", vnenc.UTF8, "", nil},
	{"congvan.utf16le.txt", vnenc.UTF16LE, "", []byte{0xFF, 0xFE}},
	{"congvan.cp1258.txt", vnenc.Windows1258, "iso-8859-1", nil}, // a wrong declaration
	{"congvan.tcvn3.txt", vnenc.TCVN3, "", nil},
	{"congvan.vni.txt", vnenc.VNI, "", nil},
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		in := filepath.Join("testdata", f.file)
		if *update {
			b, err := vnenc.Encode(congvan, f.enc)
			if err != nil {
				t.Fatal(err)
			}
			b = append(append([]byte{}, f.prefix...), b...)
			if f.enc == vnenc.UTF8 {
				b = append(b, 0) // a stray NUL, as some exporters leave
			}
			if err := os.WriteFile(in, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		res, err := Extract(data, f.declared)
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		if res.Encoding != f.enc {
			t.Errorf("%s: encoding %s, want %s", f.file, res.Encoding, f.enc)
		}
		if strings.ContainsAny(res.Text, "\r\x00") {
			t.Errorf("%s: CR or NUL left", f.file)
		}
		if res.Quality < 0.85 {
			t.Errorf("%s: quality %.2f", f.file, res.Quality)
		}
		if !strings.Contains(res.Text, "Độc lập - Tự do - Hạnh phúc\n") || !strings.Contains(res.Text, "đoàn ra") {
			t.Errorf("%s: text:\n%s", f.file, res.Text)
		}
		golden := strings.TrimSuffix(in, ".txt") + ".golden.txt"
		if *update {
			if err := os.WriteFile(golden, []byte(res.Text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if res.Text != string(want) {
			t.Errorf("%s: differs from %s", f.file, golden)
		}
	}
}

func TestWarnings(t *testing.T) {
	b, _ := vnenc.Encode(congvan, vnenc.Windows1258)
	res, err := Extract(b, "iso-8859-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "declared charset") {
		t.Errorf("warnings %v", res.Warnings)
	}
	res, err = Extract([]byte("The quick brown fox jumps over the lazy dog again and again"), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Quality > 0.6 || len(res.Warnings) == 0 {
		t.Errorf("English text: quality %.2f warnings %v", res.Quality, res.Warnings)
	}
}

func TestErrors(t *testing.T) {
	for _, in := range [][]byte{nil, []byte(" \r\n\t\r\n"), {0xEF, 0xBB, 0xBF}} {
		if _, err := Extract(in, ""); !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: %v, want ErrEmpty", in, err)
		}
	}
	_, err := Extract([]byte("PK\x03\x04\x00\x00\x00\x08\x00binary\x00\x00"), "")
	if !errors.Is(err, ErrNotText) || !errors.Is(err, vnenc.ErrBinary) {
		t.Errorf("binary: %v", err)
	}
}

func TestExtractor(t *testing.T) {
	b, _ := vnenc.Encode(congvan, vnenc.Windows1258)
	x, err := Extractor{}.Extract(context.Background(), ingest.Input{Name: "cv12.txt", Data: b, MIME: "text/plain; charset=windows-1258"})
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != corpus.StatusOK || len(x.Pages) != 1 || !strings.Contains(x.Text, "Ủy ban nhân dân") {
		t.Errorf("%+v", x)
	}
	x, err = Extractor{}.Extract(context.Background(), ingest.Input{Name: "empty.txt", Data: []byte("\n")})
	if err != nil || x.Status != corpus.StatusEmpty {
		t.Errorf("empty: %+v %v", x, err)
	}
	_, err = Extractor{}.Extract(context.Background(), ingest.Input{Name: "a.bin", Data: []byte("\x00\x01\x02\x00\x00\x00")})
	var ie *ingest.InputError
	if !errors.As(err, &ie) || ie.Name != "a.bin" || !errors.Is(err, ingest.ErrUnknownFormat) {
		t.Errorf("binary: %v", err)
	}
}
