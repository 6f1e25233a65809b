package corpus

import "testing"

func TestParseNumberSpellings(t *testing.T) {
	cases := []struct {
		in, canonical, key, typ, issuer string
		party                           bool
	}{
		{"155/2020/NĐ-CP", "155/2020/NĐ-CP", "155-2020-ND-CP", "NĐ", "CP", false},
		{"155/2020/nd-cp", "155/2020/NĐ-CP", "155-2020-ND-CP", "NĐ", "CP", false},
		{"155/2020/ND-CP", "155/2020/NĐ-CP", "155-2020-ND-CP", "NĐ", "CP", false},
		{"Số: 155 /2020/NĐ-CP", "155/2020/NĐ-CP", "155-2020-ND-CP", "NĐ", "CP", false},
		{"155/2020/nđ-cp", "155/2020/NĐ-CP", "155-2020-ND-CP", "NĐ", "CP", false},
		{"4060-CV/BTCTU", "4060-CV/BTCTU", "4060-CV-BTCTU", "CV", "BTCTU", true},
		{"Số 4060-CV/BTCTU", "4060-CV/BTCTU", "4060-CV-BTCTU", "CV", "BTCTU", true},
		{"Số 38-CT/TW", "38-CT/TW", "38-CT-TW", "CT", "TW", true},
		{"1542 -QĐ/TU", "1542-QĐ/TU", "1542-QD-TU", "QĐ", "TU", true},
		{"162- KH/TU", "162-KH/TU", "162-KH-TU", "KH", "TU", true},
		{"Số: 11 /TB-UBND", "11/TB-UBND", "11-TB-UBND", "TB", "UBND", false},
		{"507/UBND-KGVX", "507/UBND-KGVX", "507-UBND-KGVX", "CV", "UBND-KGVX", false},
		{"Số: 05/UBND-VP", "05/UBND-VP", "5-UBND-VP", "CV", "UBND-VP", false},
		{"5/UBND-VP", "05/UBND-VP", "5-UBND-VP", "CV", "UBND-VP", false},
		{"25/2025/TT-BGDĐT", "25/2025/TT-BGDĐT", "25-2025-TT-BGDDT", "TT", "BGDĐT", false},
		{"34/2025/qd-ttg", "34/2025/QĐ-TTg", "34-2025-QD-TTG", "QĐ", "TTg", false},
		{"101/2015/QH13", "101/2015/QH13", "101-2015-QH13", "", "QH13", false},
		{"23/VBHN-VPQH", "23/VBHN-VPQH", "23-VBHN-VPQH", "VBHN", "VPQH", false},
		{"38/CT-TW", "38/CT-TW", "38-CT-TW", "CT", "TW", false},
	}
	for _, c := range cases {
		d, ok := ParseNumber(c.in)
		if !ok {
			t.Errorf("ParseNumber(%q) failed", c.in)
			continue
		}
		if d.Canonical != c.canonical || d.Key != c.key || d.Type != c.typ || d.Issuer != c.issuer || d.Party != c.party {
			t.Errorf("ParseNumber(%q) = %+v, want canonical %q key %q type %q issuer %q party %v",
				c.in, d, c.canonical, c.key, c.typ, c.issuer, c.party)
		}
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, s := range []string{"", "hello", "2019", "ngày 31/5/2019", "31/5/2019", "Số:", "1/2"} {
		if d, ok := ParseNumber(s); ok {
			t.Errorf("ParseNumber(%q) = %+v, want failure", s, d)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Đoàn ra nước ngoài":            "Doan ra nuoc ngoai",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA":     "CONG HOA XA HOI CHU NGHIA",
		"đi công tác":                   "di cong tac",
		"Ư Ơ Ă Â Ê Ô ư ơ ă â ê ô":       "U O A A E O u o a a e o",
		"Nghị định 30/2020/NĐ-CP":       "Nghi dinh 30/2020/ND-CP",
		"a\u0300 e\u0301 o\u0302\u0303": "a e o", // decomposed marks
		"abc 123":                       "abc 123",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeTone(t *testing.T) {
	cases := map[string]string{
		"CỘNG HOÀ":   "CỘNG HÒA",
		"thuỷ":       "thủy",
		"khoẻ":       "khỏe",
		"hoàn thành": "hoàn thành",
		"quý":        "quý",
		"hòa":        "hòa",
		"Thành uỷ":   "Thành ủy",
		"hoa\u0300":  "hòa", // decomposed old style
	}
	for in, want := range cases {
		if got := NormalizeTone(in); got != want {
			t.Errorf("NormalizeTone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchKey(t *testing.T) {
	if a, b := MatchKey("Thành ủy  Hà Nội"), MatchKey("THÀNH UỶ HÀ NỘI"); a != b {
		t.Errorf("MatchKey differs: %q vs %q", a, b)
	}
}

func TestDocIDStable(t *testing.T) {
	d := Document{Kind: KindDocument, Number: "4060-CV/BTCTU", NumberKey: "4060-CV-BTCTU", Issuer: "Ban Tổ chức Thành ủy Hà Nội", Date: Date{2019, 5, 31}}
	e := d
	e.Issuer = "BAN TỔ CHỨC THÀNH UỶ HÀ NỘI"
	if DocID(&d) != DocID(&e) {
		t.Errorf("ids differ for the same document: %s %s", DocID(&d), DocID(&e))
	}
	if got := DocID(&d); len(got) < 15 || got[:14] != "4060-cv-btctu-" {
		t.Errorf("DocID = %q", got)
	}
}

func TestLookupKeySpaces(t *testing.T) {
	for in, want := range map[string]string{
		"4060 cv/btctu":          "4060-CV-BTCTU",
		"4060 CV BTCTU":          "4060-CV-BTCTU",
		"Số 4060 cv/btctu":       "4060-CV-BTCTU",
		"38 ct tw":               "38-CT-TW",
		"155 2020 nd cp":         "155-2020-ND-CP",
		"155/2020 nđ-cp":         "155-2020-ND-CP",
		"507 ubnd-kgvx":          "507-UBND-KGVX",
		"4060-CV/BTCTU":          "4060-CV-BTCTU",
		"not a number":           "not a number",
		"  some-record-key-12  ": "some-record-key-12",
	} {
		if got := LookupKey(in); got != want {
			t.Errorf("LookupKey(%q) = %q, want %q", in, got, want)
		}
	}
}
