package vnenc

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata inputs and golden files")

// sampleText is the source of the encoded fixtures: a delegation decision in
// the layout of Nghị định 30/2020/NĐ-CP, with every vowel and tone.
const sampleText = `ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH
SỞ NGOẠI VỤ
Số: 45/QĐ-SNgV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ninh, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
Về việc cử đoàn ra đi công tác nước ngoài
Căn cứ Quy chế quản lý thống nhất các hoạt động đối ngoại của tỉnh;
Điều 1. Cử đoàn công tác gồm 05 thành viên đi Nhật Bản từ ngày 10 đến ngày 14 tháng 3 năm 2026.
Điều 2. Kinh phí chuyến đi do ngân sách tỉnh bảo đảm; không nhận tài trợ của doanh nghiệp.
Điều 3. Trưởng đoàn báo cáo kết quả trong vòng 10 ngày sau khi về nước.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, NV.
GIÁM ĐỐC
Nguyễn Văn Khuyến
Những ngôn ngữ: ă â đ ê ô ơ ư; à ả ã á ạ; ằ ẳ ẵ ắ ặ; ầ ẩ ẫ ấ ậ; è ẻ ẽ é ẹ; ề ể ễ ế ệ; ì ỉ ĩ í ị; ò ỏ õ ó ọ; ồ ổ ỗ ố ộ; ờ ở ỡ ớ ợ; ù ủ ũ ú ụ; ừ ử ữ ứ ự; ỳ ỷ ỹ ý ỵ.
`

var fixtures = []struct {
	file string
	enc  Encoding
	bom  []byte
}{
	{"sample.utf8.txt", UTF8, nil},
	{"sample.utf8bom.txt", UTF8, []byte{0xEF, 0xBB, 0xBF}},
	{"sample.utf16le.txt", UTF16LE, []byte{0xFF, 0xFE}},
	{"sample.cp1258.txt", Windows1258, nil},
	{"sample.tcvn3.txt", TCVN3, nil},
	{"sample.vni.txt", VNI, nil},
	{"sample.mojibake.txt", Mojibake, nil},
}

func TestGoldenFixtures(t *testing.T) {
	if *update {
		for _, f := range fixtures {
			b, err := Encode(sampleText, f.enc)
			if err != nil {
				t.Fatalf("%s: %v", f.file, err)
			}
			if err := os.WriteFile(filepath.Join("testdata", f.file), append(f.bom, b...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range fixtures {
		in, err := os.ReadFile(filepath.Join("testdata", f.file))
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		d, err := Detect(in, "")
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		if d.Encoding != f.enc {
			t.Errorf("%s: detected %s, want %s", f.file, d.Encoding, f.enc)
		}
		golden := filepath.Join("testdata", strings.TrimSuffix(f.file, ".txt")+".golden.txt")
		if *update {
			if err := os.WriteFile(golden, []byte(d.Text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if d.Text != string(want) {
			t.Errorf("%s: decoded text differs from %s", f.file, golden)
		}
		if f.enc != TCVN3 && d.Text != sampleText {
			t.Errorf("%s: not a lossless round trip:\n%s", f.file, d.Text)
		}
	}
}
