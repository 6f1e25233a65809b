package htmltext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/ingest"
)

func TestErrors(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "songoaivu_tin.html"))
	if err != nil {
		t.Fatal(err)
	}
	const u = "https://songoaivu.quangninh.gov.vn/tin/1"
	opts := DefaultOptions()
	opts.MaxBytes = 100
	_, err = Extract(context.Background(), page, u, "", opts)
	var e *Error
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &e) || e.URL != u || !strings.Contains(err.Error(), u) {
		t.Errorf("too large: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err = Extract(ctx, page, u, "", DefaultOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	for _, empty := range []string{"", "<html><head><title>x</title><style>p{}</style></head><body><script>1</script></body></html>",
		`<div id="footer"><p>Thống kê truy cập</p><p>Hôm nay: 447</p></div>`} {
		if _, err = Extract(context.Background(), []byte(empty), u, "", DefaultOptions()); !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: %v, want ErrEmpty", empty, err)
		}
	}
	if _, err = Extract(context.Background(), []byte("\x00\x01\x02PK\x00\x00\x00\x00"), u, "", DefaultOptions()); !errors.Is(err, ErrNotHTML) {
		t.Errorf("binary: %v", err)
	}
	if _, err = Extract(context.Background(), []byte("%PDF-1.7\n..."), u, "", DefaultOptions()); !errors.Is(err, ErrNotHTML) {
		t.Errorf("pdf: %v", err)
	}
	if _, err = Extract(context.Background(), page, u, "application/pdf", DefaultOptions()); !errors.Is(err, ErrNotHTML) {
		t.Errorf("pdf media type: %v", err)
	}
}

func TestRendering(t *testing.T) {
	cases := []struct{ in, want string }{
		{`<p>Điều 1.<br>Khoản 1</p><p>Khoản&nbsp;2</p>`, "Điều 1.\nKhoản 1\nKhoản 2"},
		{`<ul><li>một</li><li><div>hai</div></li></ul><ol><li>a</li><li>b</li></ol>`, "- một\n- hai\n1. a\n2. b"},
		{`<table><tr><td>BỘ NGOẠI GIAO<br>-------</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr></table>`,
			"BỘ NGOẠI GIAO\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"},
		{`<table><tr><th>TT</th><th>Tên đoàn</th></tr><tr><td>1</td><td>Đoàn Nhật Bản</td></tr></table>`, "TT | Tên đoàn\n1 | Đoàn Nhật Bản"},
		{`<p>a<span style="display:none">ẩn</span>b<script>x</script></p><pre>  giữ
  nguyên</pre>`, "ab\n  giữ\n  nguyên"},
		{"<p>Vie\u0323\u0302t Nam so\u00adft</p>", "Việt Nam soft"}, // decomposed marks (windows-1258 entities) → NFC
	}
	for _, c := range cases {
		res, err := Extract(context.Background(), []byte("<html><body><article>"+c.in+"</article></body></html>"), "", "", DefaultOptions())
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if res.Text != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, res.Text, c.want)
		}
	}
}

func TestExtractorAdapter(t *testing.T) {
	if _, err := New(Options{AttachmentExts: []string{"PDF"}}); err == nil {
		t.Error("bad extension accepted")
	}
	x, err := New(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join("testdata", "vanban_chitiet.html"))
	out, err := x.Extract(context.Background(), ingest.Input{Name: "https://songoaivu.caobang.gov.vn/van-ban/12", Data: page, MIME: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != corpus.StatusOK || len(out.Links) != 3 || out.Extractor != "htmltext (readability)" || len(out.Pages) != 1 {
		t.Errorf("%+v", out)
	}
	out, err = x.Extract(context.Background(), ingest.Input{Name: "empty.html", Data: []byte("<html></html>")})
	if err != nil || out.Status != corpus.StatusEmpty {
		t.Errorf("empty: %+v %v", out, err)
	}
	big := DefaultOptions()
	big.MaxBytes = 10
	x, _ = New(big)
	_, err = x.Extract(context.Background(), ingest.Input{Name: "big.html", Data: page})
	var ie *ingest.InputError
	if !errors.As(err, &ie) || ie.Name != "big.html" || !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
}

// TestDeepNesting: hostile nesting must not exhaust the stack.
func TestDeepNesting(t *testing.T) {
	page := strings.Repeat("<div>", 20000) + "Điều 1. Văn bản" + strings.Repeat("</div>", 20000)
	// x/net/html refuses more than 512 open elements: an error, not a crash.
	_, err := Extract(context.Background(), []byte(page), "", "", DefaultOptions())
	if !errors.Is(err, ErrNotHTML) {
		t.Fatalf("%v", err)
	}
}

// TestFallback: too little for readability, so the body without its
// navigation, footer and counters is used.
func TestFallback(t *testing.T) {
	page := `<html><head><title>Lịch tiếp công dân</title></head><body>
<div id="header"><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li></ul></div>
<div class="noidung"><h3>Lịch tiếp công dân tháng 3</h3><p>Giám đốc Sở Ngoại vụ tiếp công dân ngày 15/3/2026.</p></div>
<div class="thongke">Thống kê truy cập<br>Hôm nay: 447</div>
<div id="footer">Bản quyền thuộc Sở Ngoại vụ</div></body></html>`
	res, err := Extract(context.Background(), []byte(page), "https://songoaivu.example.gov.vn/lich", "", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Method != MethodFallback {
		t.Errorf("method %s", res.Method)
	}
	want := "Lịch tiếp công dân tháng 3\nGiám đốc Sở Ngoại vụ tiếp công dân ngày 15/3/2026."
	if res.Text != want {
		t.Errorf("text %q, want %q", res.Text, want)
	}
	if res.Title != "Lịch tiếp công dân" {
		t.Errorf("title %q", res.Title)
	}
}

func TestEmbeddedViewerLinks(t *testing.T) {
	page := `<html><body><article><h1>Quyết định cử đoàn</h1><p>Xem toàn văn quyết định trong tệp đính kèm dưới đây.</p>
<iframe src="/pdfjs/web/viewer.html?file=/uploads/2026/qd-45.pdf" width="100%"></iframe>
<object data="files/phu-luc.pdf" type="application/pdf"></object>
<a href="javascript:downloadfile('ke hoach.docx','/files/ke hoach.docx')">Tải về</a>
<a href="https://other.gov.vn/van-ban/1.html">Văn bản liên quan</a></article></body></html>`
	res, err := Extract(context.Background(), []byte(page), "https://songoaivu.example.gov.vn/tin/1.html", "", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://songoaivu.example.gov.vn/uploads/2026/qd-45.pdf",
		"https://songoaivu.example.gov.vn/tin/files/phu-luc.pdf",
		"https://songoaivu.example.gov.vn/files/ke%20hoach.docx",
	}
	if strings.Join(res.Links, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s", strings.Join(res.Links, "\n"))
	}
}

func TestFurniture(t *testing.T) {
	in := "Thống kê truy cập\nHôm nay: 447\nTổng số\n25\nĐang truy cập: 23\nGửi ý kiến phản hồi\nĐiều 1. Hôm nay là ngày\nTổng: 1.254.907"
	want := "Tổng số\n25\nĐiều 1. Hôm nay là ngày"
	if got := dropFurniture(in); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
