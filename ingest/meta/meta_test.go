package meta

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/ingest"
)

var _ ingest.Parser = (*Parser)(nil)

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{}, {HeaderLines: 10}, {MaxBytes: 10}, {HeaderLines: -1, MaxBytes: 5}} {
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("New(%+v) = %v, want ErrConfig", cfg, err)
		}
	}
	if _, err := New(DefaultConfig()); err != nil {
		t.Fatal(err)
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in, want, used string
	}{
		{"ngày 31 tháng 5 năm 2019", "2019-05-31", "ngày 31 tháng 5 năm 2019"},
		{"Ngày 24 tháng 01 năm 2025 tại", "2025-01-24", "Ngày 24 tháng 01 năm 2025"},
		{"ngày 22 tháng 6\nnăm 2015 của", "2015-06-22", "ngày 22 tháng 6\nnăm 2015"},
		{"21/7/2014 của Bộ Chính trị", "2014-07-21", "21/7/2014"},
		{"ngày 07/12/2016", "2016-12-07", "ngày 07/12/2016"},
		{"9/1/2018", "2018-01-09", "9/1/2018"},
		{"07-12-2016", "2016-12-07", "07-12-2016"},
		{"31.05.2019 15:01", "2019-05-31", "31.05.2019"},
		{"9 / 10 / 2014", "2014-10-09", "9 / 10 / 2014"},
		{"31/02/2019", "", ""}, // not in the calendar
		{"7/12-2016", "", ""},  // mixed separators
		{"ngày 5 tháng 13 năm 2019", "", ""},
		{"trước ngày 5/10", "", ""},
	} {
		d, n, ok := ParseDate(c.in)
		if got := d.String(); got != c.want || ok != (c.want != "") || c.in[:n] != c.used {
			t.Errorf("ParseDate(%q) = %q, %q, %v; want %q, %q", c.in, got, c.in[:n], ok, c.want, c.used)
		}
	}
}

func TestHeaderNumber(t *testing.T) {
	p := newParser(t)
	for _, c := range []struct{ name, text, number, typ string }{
		{"state", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 507 /UBND-KGVX\n", "507/UBND-KGVX", "CV"},
		{"party no colon", "THÀNH ỦY HÀ NỘI\nBAN TỔ CHỨC\nSố 4060-CV/BTCTU\n", "4060-CV/BTCTU", "CV"},
		{"split across lines", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 542\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n/TB-UBND\n\nQuảng Ngãi, ngày 06 tháng 11 năm 2024\n", "542/TB-UBND", "TB"},
		{"split in layout cells", " ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  Số: 542    /TB-UBND        Quảng Ngãi, ngày 06 tháng 11 năm 2024\n", "542/TB-UBND", "TB"},
		{"zero padded", "BỘ NGOẠI GIAO\nSố: 5/BNG-LS\n", "05/BNG-LS", "CV"},
		{"lower case code", "CHÍNH PHỦ\nSố: 155/2020/nd-cp\n", "155/2020/NĐ-CP", "NĐ"},
		{"law", "QUỐC HỘI\nLuật số: 100/2015/QH13\n\nBỘ LUẬT\nHÌNH SỰ\n", "100/2015/QH13", "L"},
		{"body sentence is no header", "Luật số 63/2020/QH14 ngày 18 tháng 6 năm 2020 của Quốc hội sửa đổi, bổ\n", "", ""},
		{"incoming stamp is no number", "ĐẾN Số: 2.17\nNgày: 3/6/2019\n", "", ""},
		{"portal one-line number and subject", "SỞ NGOẠI VỤ\nSố: 1188/SNgV-LS — V/v tăng cường quản lý đoàn ra\n", "1188/SNgV-LS", "CV"},
		{"number in body text", "Thực hiện Công văn số 202/BTTTT-KHTC ngày 21/01/2025.\n", "", ""},
		// Cục Thuế's công văn: CT is the issuer code, the V/v subject says công văn.
		{"issuer code that spells a type", "BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 2191/CT-CS\nV/v chính sách thuế TNDN\n", "2191/CT-CS", "CV"},
		{"a chỉ thị keeps its type", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 07/CT-UBND\nCHỈ THỊ\nVề việc tăng cường công tác thi hành án hành chính\n", "07/CT-UBND", "CT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := p.parse(newText(c.text))
			checkSpans(t, c.text, d)
			if d.Number != c.number || d.Type != c.typ {
				t.Errorf("number %q type %q, want %q %q", d.Number, d.Type, c.number, c.typ)
			}
			if c.number != "" {
				sp := d.Spans["number"]
				raw := c.text[sp.Offset : sp.Offset+sp.Len]
				n, _ := corpus.ParseNumber(c.number)
				digits := strings.TrimLeft(strconv.Itoa(n.Num), "0")
				if !strings.Contains(raw[:strings.IndexAny(raw, "/-")+1], digits) || !strings.HasSuffix(strings.ToUpper(corpus.Fold(raw)), strings.ToUpper(corpus.Fold(c.number[strings.LastIndexAny(c.number, "/-")+1:]))) {
					t.Errorf("number span %q does not hold %s", raw, c.number)
				}
			}
		})
	}
}

func TestSigner(t *testing.T) {
	p := newParser(t)
	const head = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/UBND-NV\nQuảng Ngãi, ngày 05 tháng 01 năm 2026\n\nNội dung.\n\n"
	for _, c := range []struct {
		name, block string
		want        corpus.Signer
	}{
		{"head signs", "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n",
			corpus.Signer{Title: "Chủ tịch", Name: "Nguyễn Văn A"}},
		{"KT.", "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nTrần Thị Bình\n",
			corpus.Signer{Authority: "KT. Chủ tịch", Title: "Phó Chủ tịch", Name: "Trần Thị Bình"}},
		{"TM. and KT.", "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVõ Phiên\n",
			corpus.Signer{Authority: "TM. Ủy ban nhân dân, KT. Chủ tịch", Title: "Phó Chủ tịch", Name: "Võ Phiên"}},
		{"two columns", "Nơi nhận:                              TL. CHỦ TỊCH\n- Như trên;                       KT. CHÁNH VĂN PHÒNG\n- Lưu: VT.\n                                  PHÓ CHÁNH VĂN PHÒNG\n\n\n                                       Phùng Tô Long\n",
			corpus.Signer{Authority: "TL. Chủ tịch, KT. Chánh Văn phòng", Title: "Phó Chánh Văn phòng", Name: "Phùng Tô Long"}},
		{"Party T/M", "Nơi nhận:\n- Các đảng bộ trực thuộc,\n- Lưu Văn phòng.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn Cường\n",
			corpus.Signer{Authority: "T/M Ban Thường vụ", Title: "Bí thư", Name: "Lê Văn Cường"}},
		{"Party K/T", "Nơi nhận:\n- Như trên,\n- Lưu.\n\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nĐỗ Thị Dung\n",
			corpus.Signer{Authority: "K/T Trưởng ban", Title: "Phó Trưởng ban", Name: "Đỗ Thị Dung"}},
		{"rank", "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n(Đã ký)\nThượng tướng Nguyễn Trường Thắng\n",
			corpus.Signer{Authority: "KT. Bộ trưởng", Title: "Thứ trưởng", Name: "Nguyễn Trường Thắng"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := head + c.block
			d := p.parse(newText(text))
			checkSpans(t, text, d)
			if d.Signer != c.want {
				t.Errorf("signer %+v, want %+v", d.Signer, c.want)
			}
		})
	}
}

func TestReadableName(t *testing.T) {
	for in, want := range map[string]string{
		"BAN TỔ CHỨC":                         "Ban Tổ chức",
		"THÀNH ỦY HÀ NỘI":                     "Thành ủy Hà Nội",
		"UBND TỈNH QUẢNG NGÃI":                "Ủy ban nhân dân tỉnh Quảng Ngãi",
		"ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI":     "Ủy ban nhân dân tỉnh Quảng Ngãi",
		"BỘ GIÁO DỤC VÀ ĐÀO TẠO":              "Bộ Giáo dục và Đào tạo",
		"QUỐC HỘI":                            "Quốc hội",
		"VĂN PHÒNG QUỐC HỘI":                  "Văn phòng Quốc hội",
		"SỞ NGOẠI VỤ":                         "Sở Ngoại vụ",
		"TRƯỞNG BAN":                          "Trưởng ban",
		"PHÓ CHỦ TỊCH":                        "Phó Chủ tịch",
		"PHÓ CHÁNH VĂN PHÒNG":                 "Phó Chánh Văn phòng",
		"TRUNG TÂM CÔNG BÁO VÀ TIN HỌC":       "Trung tâm Công báo và Tin học",
		"BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI": "Bộ Lao động - Thương binh và Xã hội",
		"Sở Ngoại vụ":                         "Sở Ngoại vụ",
	} {
		if got := readableName(in); got != want {
			t.Errorf("readableName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIssuerConvention(t *testing.T) {
	p := newParser(t)
	for _, c := range []struct{ head, issuer, parent string }{
		{"THÀNH ỦY HÀ NỘI\nBAN TỔ CHỨC\n*\nSố 4060-CV/BTCTU\n", "Ban Tổ chức Thành ủy Hà Nội", "Thành ủy Hà Nội"},
		{"UBND TỈNH QUẢNG NGÃI\nSỞ NGOẠI VỤ\nSố: 12/SNgV-LS\n", "Sở Ngoại vụ tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG\nSố: 12/VP-KGVX\n", "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"},
		{"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 507 /UBND-KGVX\n", "Ủy ban nhân dân tỉnh Quảng Ngãi", ""},
		{"UBND TỈNH\nSỞ NGOẠI VỤ\nSố: 12/KH-SNgV\n", "Sở Ngoại vụ", "Ủy ban nhân dân tỉnh"},
		{"BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 25/2025/TT-BGDĐT\n", "Bộ Giáo dục và Đào tạo", ""},
	} {
		d := p.parse(newText(c.head))
		if d.Issuer != c.issuer || d.ParentIssuer != c.parent {
			t.Errorf("%q: issuer %q parent %q, want %q %q", c.head, d.Issuer, d.ParentIssuer, c.issuer, c.parent)
		}
	}
}

func TestESignNeverIssuer(t *testing.T) {
	p := newParser(t)
	text := "Ký bởi: Cổng Thông tin điện tử Chính phủ\nEmail: thongtinchinhphu@chinhphu.vn\nCơ quan: Văn phòng Chính phủ\nThời gian ký: 20.11.2020 10:56:02 +07:00\n\nCHÍNH PHỦ\nSố: 30/2020/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2020\n"
	d := p.parse(newText(text))
	if d.Issuer != "Chính phủ" || d.Date.String() != "2020-03-05" {
		t.Errorf("issuer %q date %s", d.Issuer, d.Date)
	}
	want := corpus.ESign{Signer: "Cổng Thông tin điện tử Chính phủ", Email: "thongtinchinhphu@chinhphu.vn", Org: "Văn phòng Chính phủ", Time: "2020-11-20T10:56:02+07:00"}
	if d.ESign == nil || *d.ESign != want {
		t.Errorf("esign %+v, want %+v", d.ESign, want)
	}
	// The bare triple, zone on its own line.
	text = "TRUNG TÂM CÔNG\nBÁO VÀ TIN HỌC\nttcbth@quangngai.gov.vn\n24.01.2025 20:01:14\n+07:00\n\nỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 507 /UBND-KGVX\n"
	d = p.parse(newText(text))
	want = corpus.ESign{Org: "Trung tâm Công báo và Tin học", Email: "ttcbth@quangngai.gov.vn", Time: "2025-01-24T20:01:14+07:00"}
	if d.ESign == nil || *d.ESign != want || d.Issuer != "Ủy ban nhân dân tỉnh Quảng Ngãi" {
		t.Errorf("esign %+v issuer %q", d.ESign, d.Issuer)
	}
}

func TestRulesTable(t *testing.T) {
	for _, c := range []struct {
		text  string
		kind  string
		limit float64
		unit  string
	}{
		{"Thành phần đoàn không quá 07 người/đoàn.", corpus.RuleMembersPerDelegation, 7, "person"},
		{"Mỗi nước thăm không quá 03 ngày (chưa kể thời gian đi và về).", corpus.RuleDaysPerCountry, 3, "day"},
		{"Đoàn không đi quá 03 nước trong một chuyến.", corpus.RuleCountriesPerTrip, 3, "country"},
		{"Lãnh đạo chủ chốt không đi công tác nước ngoài quá 02 lần/năm.", corpus.RuleTripsPerYear, 2, "trip/year"},
		{"Không bố trí 02 cán bộ chủ chốt cùng tham gia một đoàn.", corpus.RuleKeyOfficials, 1, "person"},
		{"Không quá 1/2 tập thể lãnh đạo cùng đi một đoàn.", corpus.RuleLeadershipShare, 0.5, "fraction"},
		{"Kết thúc đoàn công tác, chậm nhất trong 10 ngày, đơn vị có báo cáo.", corpus.RuleReportDeadline, 10, "day"},
		{"Trong vòng 15 ngày làm việc sau khi kết thúc chuyến đi, phải báo cáo.", corpus.RuleReportDeadline, 15, "working-day"},
		{"Gửi hồ sơ cử đoàn ra trước thời gian đi công tác ít nhất 20 (hai mươi) ngày làm việc.", corpus.RuleDossierLeadTime, 20, "working-day"},
		{"Trình kế hoạch hoạt động đối ngoại trước ngày 5/10 hằng năm.", corpus.RuleAnnualPlanDeadline, 1005, "date"},
		{"Gửi kế hoạch cử đoàn ra trước ngày 30 tháng 9 hàng năm.", corpus.RuleAnnualPlanDeadline, 930, "date"},
	} {
		rs := findRules(newText(c.text))
		if len(rs) != 1 || rs[0].Kind != c.kind || rs[0].Limit != c.limit || rs[0].Unit != c.unit {
			t.Errorf("%q: got %+v, want %s %v %s", c.text, rs, c.kind, c.limit, c.unit)
		}
	}
	// Not rules on delegations.
	for _, s := range []string{
		"Báo cáo thẩm định phải được gửi chậm nhất là 10 ngày kể từ ngày nhận hồ sơ.",
		"Trước thời điểm Giấy đăng ký hết hạn ít nhất 60 ngày, tổ chức nộp hồ sơ đến Ủy ban Công tác về các tổ chức phi chính phủ nước ngoài.",
		"Hoàn thành thủ tục quyết toán chậm nhất là 15 ngày làm việc sau khi kết thúc chuyến đi.",
		"Thời gian: trước ngày 10/02/2025.",
	} {
		if rs := findRules(newText(s)); len(rs) != 0 {
			t.Errorf("%q: got rules %+v", s, rs)
		}
	}
}

func TestCitationsTable(t *testing.T) {
	text := "Theo Chỉ thị số 38-CT/TW, ngày 21/7/2014 của Bộ Chính trị về tăng cường; Quyết định số 1542 -QĐ/TU, ngày 07/12/2016 của Thành ủy Hà Nội. " +
		"Kế hoạch số 162- KH/TU ngày 9/1/2018 của Tỉnh ủy Quảng Ninh. Nghị định số 30/2020/NĐ-CP; Quy chế 01 của Tỉnh ủy về quản lý; Thông tư 25/2025/TT-BGDĐT."
	cs := findCitations(newText(text), "")
	type row struct{ num, typ, date, issuer string }
	want := []row{
		{"38-CT/TW", "CT", "2014-07-21", "Bộ Chính trị"},
		{"1542-QĐ/TU", "QĐ", "2016-12-07", "Thành ủy Hà Nội"},
		{"162-KH/TU", "KH", "2018-01-09", "Tỉnh ủy Quảng Ninh"},
		{"30/2020/NĐ-CP", "NĐ", "", ""},
		{"25/2025/TT-BGDĐT", "TT", "", ""},
		{"", "QC", "", "Tỉnh ủy"},
	}
	if len(cs) != len(want) {
		t.Fatalf("got %d citations: %+v", len(cs), cs)
	}
	for i, w := range want {
		c := cs[i]
		if got := (row{c.Number, c.Type, c.Date.String(), c.Issuer}); got != w {
			t.Errorf("citation %d = %+v, want %+v (quote %q)", i, got, w, c.Quote)
		}
		if q := collapse(text[c.Span.Offset : c.Span.Offset+c.Span.Len]); q != c.Quote {
			t.Errorf("citation %d span holds %q, quote %q", i, q, c.Quote)
		}
	}
	// A document never cites itself.
	if cs := findCitations(newText("ban hành kèm theo Thông tư số 25/2025/TT-BGDĐT"), corpus.NumberKey("25/2025/TT-BGDĐT")); len(cs) != 0 {
		t.Errorf("self citation: %+v", cs)
	}
}

// TestSpansHoldValues checks on every fixture that the spans of the number,
// place and date point at text that says the same.
func TestSpansHoldValues(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "real", "*.txt"))
	p := newParser(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		d := p.parse(newText(text))
		at := func(k string) string { s := d.Spans[k]; return text[s.Offset : s.Offset+s.Len] }
		if d.Place != "" && at("place") != d.Place {
			t.Errorf("%s: place span %q, place %q", f, at("place"), d.Place)
		}
		if !d.Date.IsZero() {
			if got, _, ok := ParseDate(at("date")); !ok || got != d.Date {
				t.Errorf("%s: date span %q, date %s", f, at("date"), d.Date)
			}
		}
		if d.Number != "" && !strings.Contains(at("number"), strings.SplitN(d.Number, "/", 2)[0][0:1]) {
			t.Errorf("%s: number span %q, number %s", f, at("number"), d.Number)
		}
	}
}

func TestNews(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Boilerplate = []string{"Cổng thông tin Sở Ngoại vụ"}
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, text, title, date string }{
		{"headline then time", "Những chỉ đạo trọng tâm năm 2018\n\n13/03/2018 09:04\n\nNgày 9 tháng 1 năm 2018, Tỉnh ủy đã họp.\n", "Những chỉ đạo trọng tâm năm 2018", "2018-03-13"},
		{"portal lines first", "LIÊN KẾT\n\nTHỐNG KÊ TRUY CẬP\nCổng thông tin Sở Ngoại vụ\nGửi ý kiến phản hồi\nTăng cường quản lý đoàn ra\nThứ Ba, 05/02/2019\n", "Tăng cường quản lý đoàn ra", "2019-02-05"},
		{"labelled date", "Sở Ngoại vụ tổ chức hội nghị tổng kết\nNgày đăng: 05-02-2019 08:15\nNội dung bài viết rất dài, kể lại hội nghị tổng kết công tác đối ngoại năm 2018 của tỉnh.\n", "Sở Ngoại vụ tổ chức hội nghị tổng kết", "2019-02-05"},
		{"portal attribute table", "Số ký hiệu\n07/HD-SNgV\nNgày ban hành\n20/10/2025\nCơ quan ban hành\nSở Ngoại vụ\nHồ sơ gồm: công văn đề nghị, thư mời, danh sách thành viên.\n", "", "2025-10-20"},
		{"lead paragraph first", "Các cơ quan, địa phương cần tăng cường vai trò và tận dụng nguồn lực từ các hoạt động đối ngoại, xem đối ngoại là một phần trong việc triển khai công tác.\n\nTiêu đề không phải\n", "", ""},
		{"photo caption", "Bộ trưởng phát biểu. Ảnh: Trần Hoàng. |\nÔng nói rằng đối ngoại có vai trò quan trọng đối với sự phát triển của thành phố trong thời gian tới và lâu dài.\n", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := p.parse(newText(c.text))
			checkSpans(t, c.text, d)
			if d.Kind != corpus.KindNews || d.Title != c.title || d.Date.String() != c.date {
				t.Errorf("kind %s title %q date %s, want news %q %s", d.Kind, d.Title, d.Date, c.title, c.date)
			}
		})
	}
}

func TestRuleVariants(t *testing.T) {
	for _, c := range []struct {
		text  string
		kind  string
		limit float64
		unit  string
	}{
		{"Thời gian công tác không quá 05 ngày/nước đối với đoàn ra.", corpus.RuleDaysPerCountry, 5, "day"},
		{"Mỗi năm, lãnh đạo không đi công tác nước ngoài quá 02 chuyến/năm.", corpus.RuleTripsPerYear, 2, "trip/year"},
		{"Trong một năm, lãnh đạo chủ chốt đi công tác nước ngoài không quá 02 lần.", corpus.RuleTripsPerYear, 2, "trip/year"},
		{"Hồ sơ đề nghị cử đoàn ra gửi chậm nhất 15 ngày trước ngày xuất cảnh.", corpus.RuleDossierLeadTime, 15, "day"},
		{"Thành phần đoàn tối đa 05 người.", corpus.RuleMembersPerDelegation, 5, "person"},
	} {
		rs := findRules(newText(c.text))
		if len(rs) != 1 || rs[0].Kind != c.kind || rs[0].Limit != c.limit || rs[0].Unit != c.unit {
			t.Errorf("%q: got %+v, want %s %v %s", c.text, rs, c.kind, c.limit, c.unit)
		}
	}
}

func TestMembersScopeByHead(t *testing.T) {
	text := "a) Đoàn do Chủ tịch UBND thành phố làm trưởng đoàn: không quá 10 người/đoàn;\nb) Đoàn do Phó Chủ tịch UBND thành phố làm trưởng đoàn: không quá 07 người/đoàn;\nc) Đoàn do Giám đốc sở làm trưởng đoàn: không quá 05 người/đoàn."
	rs := findRules(newText(text))
	want := map[float64]string{
		10: "per delegation headed by Chủ tịch UBND thành phố",
		7:  "per delegation headed by Phó Chủ tịch UBND thành phố",
		5:  "per delegation headed by Giám đốc sở",
	}
	if len(rs) != 3 {
		t.Fatalf("got %+v", rs)
	}
	for _, r := range rs {
		if r.Kind != corpus.RuleMembersPerDelegation || want[r.Limit] != r.Scope {
			t.Errorf("rule %v %q, want scope %q", r.Limit, r.Scope, want[r.Limit])
		}
	}
}

// TestLineEndingsAndSpaces checks that CRLF line ends, no-break spaces and
// form feeds between pages do not change what is read.
func TestLineEndingsAndSpaces(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "real", "qn_cv_507.raw.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := newParser(t)
	base := p.parse(newText(string(b)))
	for name, text := range map[string]string{
		"crlf": strings.ReplaceAll(string(b), "\n", "\r\n"),
		"nbsp": strings.ReplaceAll(string(b), "Số: 507", "Số:\u00a0507"),
		"page": strings.Replace(string(b), "Nơi nhận:", "\fNơi nhận:", 1),
	} {
		d := p.parse(newText(text))
		checkSpans(t, text, d)
		if d.Number != base.Number || d.Issuer != base.Issuer || d.Date != base.Date || d.Title != base.Title ||
			d.Signer != base.Signer || strings.Join(d.CC, "|") != strings.Join(base.CC, "|") ||
			strings.Join(d.Recipients, "|") != strings.Join(base.Recipients, "|") || len(d.Citations) != len(base.Citations) {
			t.Errorf("%s: got %+v", name, d)
		}
	}
}

func TestDecisionLayout(t *testing.T) {
	p := newParser(t)
	text := `ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG
CÔNG VĂN ĐẾN
Số: 15
Ngày: 05/3/2024
Số: 303/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cao Bằng, ngày 04 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc cử cán bộ đi công tác nước ngoài
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Điều 1. Cử đoàn công tác gồm 05 người đi Trung Quốc.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
`
	d := p.parse(newText(text))
	checkSpans(t, text, d)
	if d.Number != "303/QĐ-UBND" || d.Type != "QĐ" || d.Title != "Về việc cử cán bộ đi công tác nước ngoài" ||
		d.Issuer != "Ủy ban nhân dân tỉnh Cao Bằng" || d.Date.String() != "2024-03-04" || d.Place != "Cao Bằng" {
		t.Errorf("header: %q %q %q %q %s %q", d.Number, d.Type, d.Title, d.Issuer, d.Date, d.Place)
	}
	if d.Incoming == nil || d.Incoming.Number != "15" || d.Incoming.Date.String() != "2024-03-05" {
		t.Errorf("incoming %+v", d.Incoming)
	}
	if d.Signer != (corpus.Signer{Authority: "KT. Chủ tịch", Title: "Phó Chủ tịch", Name: "Nguyễn Văn A"}) {
		t.Errorf("signer %+v", d.Signer)
	}
}

func TestLawSignerBeforeAppendix(t *testing.T) {
	p := newParser(t)
	text := "QUỐC HỘI\nLuật số: 12/2024/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLUẬT\nTHỦY SẢN\nĐiều 1. Phạm vi.\n" +
		"Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 7 thông qua ngày 29 tháng 6 năm 2024.\n" +
		"CHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn\nPHỤ LỤC\n" + strings.Repeat("Dòng của phụ lục.\n", 60)
	d := p.parse(newText(text))
	if d.Signer != (corpus.Signer{Title: "Chủ tịch Quốc hội", Name: "Trần Thanh Mẫn"}) || d.Date.String() != "2024-06-29" || d.Title != "Luật Thủy sản" {
		t.Errorf("signer %+v date %s title %q", d.Signer, d.Date, d.Title)
	}
}
