package htmltext

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"vanthu/ingest/vnenc"
)

var update = flag.Bool("update", false, "rewrite generated fixtures and golden files")

// generated fixtures: written from testdata/src by -update in a legacy
// encoding (the bytes are committed, so the test does not depend on the
// encoder it checks).
var generated = []struct {
	src, out string
	enc      vnenc.Encoding
}{
	{"src/songoaivu_thongbao.html", "songoaivu_thongbao.cp1258.html", vnenc.Windows1258},
	{"src/vntime_congvan.html", "vntime_congvan.tcvn3.html", vnenc.TCVN3},
}

func TestGenerateFixtures(t *testing.T) {
	if !*update {
		t.Skip("fixtures are regenerated with -update")
	}
	for _, g := range generated {
		src, err := os.ReadFile(filepath.Join("testdata", g.src))
		if err != nil {
			t.Fatal(err)
		}
		b, err := vnenc.Encode(string(src), g.enc)
		if err != nil {
			t.Fatalf("%s: %v", g.src, err)
		}
		if err := os.WriteFile(filepath.Join("testdata", g.out), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type pageCase struct {
	file, url, contentType string
	method                 string
	enc                    vnenc.Encoding
	title                  string
	must, mustNot          []string
	links                  []string
	fields                 map[string]string
}

var fixtureCases = []pageCase{
	{
		file: "songoaivu_tin.html", url: "https://songoaivu.quangninh.gov.vn/tin-tuc/doi-ngoai/doan-cong-tac-nhat-ban-1234.html",
		method: MethodReadability, enc: vnenc.UTF8,
		title: "Đoàn công tác của tỉnh Quảng Ninh làm việc tại Nhật Bản",
		must: []string{
			"Đoàn gồm 05 thành viên",
			"- Ký kết 02 thỏa thuận hợp tác về đào tạo nghề và du lịch;",
			"Ngày | Địa điểm | Nội dung làm việc",
			"12/3/2026 | Osaka | Làm việc với Tổng Lãnh sự quán Việt Nam",
			"trong vòng 10 ngày sau khi về nước",
		},
		mustNot: []string{"Thống kê truy cập", "Hôm nay", "Gửi ý kiến phản hồi", "Tổng lượt truy cập", "Trang chủ",
			"Tin liên quan", "Liên kết website", "_gaq", "font-family", "CƠ QUAN CHỦ QUẢN", "Tìm kiếm", "Chia sẻ"},
		links: []string{"https://songoaivu.quangninh.gov.vn/uploads/2026/03/bao-cao-ket-qua-doan-Nhat-Ban.pdf"},
	},
	{
		file: "songoaivu_thongbao.cp1258.html", url: "http://www.songoaivu.langson.gov.vn/tintuc.asp?id=512",
		contentType: "text/html; charset=iso-8859-1", // the server lies; the meta tag and the content agree
		enc:         vnenc.Windows1258, title: "Thông báo tuyển chọn cán bộ đi học tập kinh nghiệm tại Hàn Quốc",
		must: []string{
			"Sở Ngoại vụ thông báo tuyển chọn 04 cán bộ, công chức",
			"chưa đi công tác nước ngoài quá 02 lần trong năm",
			"đoàn không nhận tài trợ của doanh nghiệp",
		},
		mustNot: []string{"Thống kê truy cập", "Hôm nay", "Tổng số", "Ð", "Ò"},
	},
	{
		file: "vanban_chitiet.html", url: "https://songoaivu.caobang.gov.vn/van-ban/chi-tiet/12-kh-sngv",
		method: MethodReadability, enc: vnenc.UTF8,
		title: "Kế hoạch số 12/KH-SNgV về tổ chức các đoàn ra năm 2026",
		must: []string{
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
			"Mỗi đoàn không quá 07 thành viên",
			"Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT, HTQT.",
		},
		mustNot: []string{"Thống kê truy cập", "Hôm nay", "Sổ tay đối ngoại"},
		links: []string{
			"https://songoaivu.caobang.gov.vn/uploads/vanban/2026/12-KH-SNgV.pdf",
			"https://songoaivu.caobang.gov.vn/uploads/vanban/2026/Phu%20luc%20doan%20ra%202026.docx",
			"https://songoaivu.caobang.gov.vn/download.aspx?file=bieu-mau-dang-ky.xls&id=77",
		},
	},
	{
		file: "vntime_congvan.tcvn3.html", url: "",
		enc: vnenc.TCVN3, title: "Công văn",
		must: []string{
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"Sở Ngoại vụ báo cáo kết quả chuyến công tác của đoàn tại tỉnh Quảng Tây, Trung Quốc",
			// typed in lower case, drawn in capitals by .VnTimeH (class and <font face>)
			"BÁO CÁO\nKính gửi: ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
		},
	},
}

func TestFixtures(t *testing.T) {
	for _, c := range fixtureCases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatalf("%v (run go test -update to generate)", err)
			}
			res, err := Extract(context.Background(), b, c.url, c.contentType, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, c, res)
			checkGolden(t, filepath.Join("testdata", strings.TrimSuffix(c.file, ".html")+".golden.txt"), res)
		})
	}
}

func checkPage(t *testing.T, c pageCase, res Result) {
	t.Helper()
	if c.method != "" && res.Method != c.method {
		t.Errorf("method %s, want %s", res.Method, c.method)
	}
	if c.enc != "" && res.Encoding != c.enc {
		t.Errorf("encoding %s, want %s", res.Encoding, c.enc)
	}
	if c.title != "" && res.Title != c.title {
		t.Errorf("title %q, want %q", res.Title, c.title)
	}
	for _, m := range c.must {
		if !strings.Contains(res.Text, m) {
			t.Errorf("text lacks %q", m)
		}
	}
	for _, m := range c.mustNot {
		if strings.Contains(res.Text, m) {
			t.Errorf("text holds %q", m)
		}
	}
	if c.links != nil && strings.Join(res.Links, "\n") != strings.Join(c.links, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(res.Links, "\n"), strings.Join(c.links, "\n"))
	}
	for k, v := range c.fields {
		if res.Fields[k] != v {
			t.Errorf("field %s = %q, want %q", k, res.Fields[k], v)
		}
	}
	if res.Quality < 0.85 {
		t.Errorf("quality %.2f", res.Quality)
	}
}

// golden renders a Result as the text of a golden file.
func golden(res Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Title: %s\nMethod: %s\nEncoding: %s\n", res.Title, res.Method, res.Encoding)
	for _, l := range res.Links {
		fmt.Fprintf(&b, "Link: %s\n", l)
	}
	keys := make([]string, 0, len(res.Fields))
	for k := range res.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "Field: %s = %s\n", k, res.Fields[k])
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "Warning: %s\n", w)
	}
	b.WriteString("----\n")
	b.WriteString(res.Text)
	b.WriteString("\n")
	return b.String()
}

func checkGolden(t *testing.T, path string, res Result) {
	t.Helper()
	got := golden(res)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update and review the diff)", path)
	}
}
