package meta

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBodies: issuers read with OCR's errors are filed under the table's
// name; what the table cannot tell apart is left as read.
func TestBodies(t *testing.T) {
	for _, c := range []struct{ read, want string }{
		{"Ủy ban nhân dân tĩnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"UBND TÍNH QUẢNG NGẢI", "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"Uy ban nhan dan tinh Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai"},
		{"Uỷ ban nhân dân tỉnh Thừa Thiên Huế", "Ủy ban nhân dân tỉnh Thừa Thiên Huế"},
		{"Ủy ban nhân dân thành phố Huế", "Ủy ban nhân dân thành phố Huế"},
		{"Sở Ngoại vụ tính Quảng Ngải", "Sở Ngoại vụ tỉnh Quảng Ngãi"},
		{"Tỉnh uỷ Quảng Ngäi", "Tỉnh ủy Quảng Ngãi"},
		{"Thành ủy Hà Nội", "Thành ủy Hà Nội"},
		{"Ban Tổ chức Thành uỷ Hà Nội", "Ban Tổ chức Thành ủy Hà Nội"},
		{"Bộ Ngoai giao", "Bộ Ngoại giao"},
		{"Cục Thue", "Cục Thuế"},
		{"Ủy ban nhân dân tỉnh Quảng Ngi", "Ủy ban nhân dân tỉnh Quảng Ngãi"}, // a letter lost
		{"Ủy ban nhân dân tỉnh Hà", ""},                                       // too far from any
		{"Công ty cổ phần Dược phẩm", ""},
	} {
		got, _ := defaultBodies.lookup(c.read)
		if got != c.want {
			t.Errorf("lookup(%q) = %q, want %q", c.read, got, c.want)
		}
	}
	// 34 provinces and cities after 2025 and 63 before: 64 areas with Huế.
	areas := 0
	for k := range defaultBodies.byKey {
		if strings.HasPrefix(k, "uy ban nhan dan tinh ") || strings.HasPrefix(k, "uy ban nhan dan thanh pho ") {
			areas++
		}
	}
	if areas != 64 {
		t.Errorf("%d provincial people's committees in the table, want 64", areas)
	}
	for read, want := range map[string]string{"Quảng Ngải": "Quảng Ngãi", "Ha Noi": "Hà Nội", "Tam Kỳ": "Tam Kỳ", "TP. Hồ Chí Minh": "TP. Hồ Chí Minh"} {
		if got := defaultBodies.place(read); got != want {
			t.Errorf("place(%q) = %q, want %q", read, got, want)
		}
	}
	// Config.Bodies extends the table.
	p, err := New(Config{HeaderLines: 60, MaxBytes: 1 << 20, Bodies: []string{"Trường Đào tạo cán bộ Lê Hồng Phong"}})
	if err != nil {
		t.Fatal(err)
	}
	d := p.parse(newText("TRƯỜNG ĐÀO TẠO CÁN BỘ LÊ HÒNG PHONG\nSố: 12/TB-ĐTCB\n"))
	if d.Issuer != "Trường Đào tạo cán bộ Lê Hồng Phong" || d.Attrs["issuer_read"] == "" {
		t.Errorf("issuer %q (read %q), want the configured body", d.Issuer, d.Attrs["issuer_read"])
	}
}

// TestConsolidatedLong: a consolidated text longer than the header's lines
// still gets the number, date and signer printed at its end.
func TestConsolidatedLong(t *testing.T) {
	var b strings.Builder
	b.WriteString("VĂN PHÒNG QUỐC HỘI\n\nLUẬT\nBAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT\n\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&b, "Điều %d. Quy định số %d\nNội dung của điều %d được sửa đổi, bổ sung theo Luật số 63/2020/QH14 ngày 18 tháng 6 năm 2020.\n", i, i, i)
	}
	b.WriteString("\nVĂN PHÒNG QUỐC HỘI XÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 23/VBHN-VPQH CHỦ NHIỆM\nHà Nội, ngày 15 tháng 7 năm 2020\n\nNguyễn Hạnh Phúc\n")
	d := newParser(t).parse(newText(b.String()))
	if d.Number != "23/VBHN-VPQH" || d.Type != "VBHN" || d.Date.String() != "2020-07-15" || d.Place != "Hà Nội" {
		t.Errorf("number %q type %q date %s place %q", d.Number, d.Type, d.Date, d.Place)
	}
	if d.Issuer != "Văn phòng Quốc hội" || d.ParentIssuer != "" {
		t.Errorf("issuer %q parent %q", d.Issuer, d.ParentIssuer)
	}
	if d.Signer.Name != "Nguyễn Hạnh Phúc" || d.Signer.Title != "Chủ nhiệm" {
		t.Errorf("signer %+v", d.Signer)
	}
	if d.Title != "Ban hành văn bản quy phạm pháp luật" && !strings.Contains(strings.ToLower(d.Title), "ban hành văn bản") {
		t.Errorf("title %q", d.Title)
	}
}

// TestSubjectWraps: a subject whose wrapped line starts with a word that
// opens body paragraphs ("trong", "theo", "để") in small letters goes on;
// the body's capitalised "Theo đề nghị" ends it.
func TestSubjectWraps(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"TỈNH QUẢNG NGÃI                Độc lập - Tự do - Hạnh phúc\n\n" +
		"Số: 88/UBND-NgV          Quảng Ngãi, ngày 02 tháng 3 năm 2025\n" +
		"V/v tăng cường quản lý đoàn\n" +
		"ra, đoàn vào của các đơn vị\n" +
		"trong tỉnh theo Quy chế ban\n" +
		"hành kèm theo Quyết định số\n" +
		"12/2024/QĐ-UBND để thống nhất\n" +
		"thực hiện\n\n" +
		"Kính gửi: Các sở, ban, ngành tỉnh.\n\n" +
		"Theo đề nghị của Sở Ngoại vụ, ...\n"
	d := newParser(t).parse(newText(text))
	want := "V/v tăng cường quản lý đoàn ra, đoàn vào của các đơn vị trong tỉnh theo Quy chế ban hành kèm theo Quyết định số 12/2024/QĐ-UBND để thống nhất thực hiện"
	if d.Title != want {
		t.Errorf("title %q\nwant  %q", d.Title, want)
	}
	text2 := "BỘ NGOẠI GIAO\nSố: 15/QĐ-BNG\n\nQUYẾT ĐỊNH\nBan hành Quy chế quản lý việc cử cán bộ, công chức\nđi công tác nước ngoài và đón tiếp khách nước ngoài\ntrong các đơn vị thuộc Bộ, để thống nhất\nthực hiện\n\nBỘ TRƯỞNG BỘ NGOẠI GIAO\n\nCăn cứ ...\n"
	d = newParser(t).parse(newText(text2))
	want = "Ban hành Quy chế quản lý việc cử cán bộ, công chức đi công tác nước ngoài và đón tiếp khách nước ngoài trong các đơn vị thuộc Bộ, để thống nhất thực hiện"
	if d.Title != want {
		t.Errorf("title %q\nwant  %q", d.Title, want)
	}
}

// TestCCWraps: a Nơi nhận item wrapped onto a line that starts with a
// capital, inside its parenthesis, stays one item.
func TestCCWraps(t *testing.T) {
	text := "BỘ NGOẠI GIAO\nSố: 15/BNG-LS\nV/v cấp thị thực\n\nKính gửi: Sở Ngoại vụ tỉnh Quảng Ngãi.\n\nNội dung./.\n\n" +
		"Nơi nhận:                                   KT. BỘ TRƯỞNG\n" +
		"- Như trên;                                 THỨ TRƯỞNG\n" +
		"- Bộ Công an (Cục Quản lý xuất nhập cảnh,\n" +
		"  Cục An ninh đối ngoại);\n" +
		"- Lưu: VT, LS.                              Nguyễn Minh Vũ\n"
	d := newParser(t).parse(newText(text))
	want := []string{"Như trên", "Bộ Công an (Cục Quản lý xuất nhập cảnh, Cục An ninh đối ngoại)", "Lưu: VT, LS"}
	if fmt.Sprint(d.CC) != fmt.Sprint(want) {
		t.Errorf("cc %q\nwant %q", d.CC, want)
	}
	if d.Signer.Name != "Nguyễn Minh Vũ" || d.Signer.Title != "Thứ trưởng" {
		t.Errorf("signer %+v", d.Signer)
	}
}

// TestStampNotIssuer: the e-signature stamp's organisation is never the
// parent body nor the signer's title.
func TestStampNotIssuer(t *testing.T) {
	text := "Người ký: Sở Ngoại vụ\nEmail: sngv@quangngai.gov.vn\nCơ quan: ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nThời gian ký: 15.03.2024 09:12:40 +07:00\n\n" +
		"SỞ NGOẠI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 18/SNgV-LS Quảng Ngãi, ngày 15 tháng 3 năm 2024\nV/v cử cán bộ\n\nNội dung./.\n\n" +
		"Nơi nhận: GIÁM ĐỐC\n- Lưu: VT. Người ký: Sở Ngoại vụ\nCơ quan: ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nLê Văn Ba\n"
	d := newParser(t).parse(newText(text))
	if d.ParentIssuer != "" || d.Issuer != "Sở Ngoại vụ" {
		t.Errorf("issuer %q parent %q", d.Issuer, d.ParentIssuer)
	}
	if d.Signer.Title != "Giám đốc" || d.Signer.Name != "Lê Văn Ba" {
		t.Errorf("signer %+v", d.Signer)
	}
}

// TestConsolidatedNoHead: a consolidated text whose head names no body (the
// Công báo prints the motto and the type only) takes its issuer from beside
// the certification.
func TestConsolidatedNoHead(t *testing.T) {
	text := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLUẬT\nXỬ LÝ VI PHẠM HÀNH CHÍNH\n\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định ...\n\n" +
		"VĂN PHÒNG QUỐC HỘI    XÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 31/VBHN-VPQH     CHỦ NHIỆM\nHà Nội, ngày 15 tháng 3 năm 2021\n\nNguyễn Hạnh Phúc\n"
	d := newParser(t).parse(newText(text))
	if d.Number != "31/VBHN-VPQH" || d.Issuer != "Văn phòng Quốc hội" || d.Date.String() != "2021-03-15" || d.Signer.Name != "Nguyễn Hạnh Phúc" {
		t.Errorf("number %q issuer %q date %s signer %+v", d.Number, d.Issuer, d.Date, d.Signer)
	}
}

// TestCleanPDFWraps: on a clean PDF's text (testdata/real/clean_cv_wrap),
// the trích yếu keeps all its lines and each Nơi nhận item wrapped onto a
// second (or third) line stays whole.
func TestCleanPDFWraps(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "real", "clean_cv_wrap.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := newParser(t).parse(newText(string(b)))
	if want := "V/v tăng cường quản lý đoàn ra, đoàn vào của các cơ quan, đơn vị trong tỉnh theo Quy chế ban hành kèm theo Quyết định số 12/2024/QĐ-UBND để thống nhất thực hiện"; d.Title != want {
		t.Errorf("title %q\nwant  %q", d.Title, want)
	}
	want := []string{"Như trên", "Bộ Công an (Cục Quản lý xuất nhập cảnh, Cục An ninh đối ngoại)",
		"Bộ Ngoại giao (Cục Lãnh sự, Vụ Đông Bắc Á, Vụ Đông Nam Á - Nam Á - Nam Thái Bình Dương)", "CT, các PCT UBND tỉnh", "Lưu: VT, NgV"}
	if fmt.Sprint(d.CC) != fmt.Sprint(want) {
		t.Errorf("cc %q\nwant %q", d.CC, want)
	}
}
