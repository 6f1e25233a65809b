package pdftext

import "testing"

func TestLegacyByName(t *testing.T) {
	for _, tc := range []struct {
		name  string
		enc   legacy
		upper bool
	}{
		{".VnTime", legacyTCVN3, false},
		{".VnTimeH", legacyTCVN3, true},
		{".VnArialH,Bold", legacyTCVN3, true},
		{".VnCenturySchoolbook", legacyTCVN3, false},
		{"VNI-Times", legacyVNI, false},
		{"TimesNewRomanPSMT", legacyNone, false},
	} {
		enc, upper := legacyByName(tc.name)
		if enc != tc.enc || upper != tc.upper {
			t.Errorf("legacyByName(%q) = %v, %v; want %v, %v", tc.name, enc, upper, tc.enc, tc.upper)
		}
	}
}

// TestTCVN3Capitals: an .VnTimeH font draws capitals at the lower-case codes.
func TestTCVN3Capitals(t *testing.T) {
	in := toTCVN3("cộng hòa xã hội chủ nghĩa việt nam")
	var got []rune
	for i := 0; i < len(in); i++ {
		got = append(got, []rune(decodeTCVN3(in[i], true))...)
	}
	if string(got) != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" {
		t.Errorf("got %q", string(got))
	}
}

func TestDecodeVNI(t *testing.T) {
	enc := toVNI("Nguyễn Thị Hường, Đắk Lắk, quyết định, khuỷu tay")
	texts := make([]string, 0, len(enc))
	for i := 0; i < len(enc); i++ {
		texts = append(texts, string(rune(enc[i])))
	}
	var got string
	for _, s := range decodeVNI(texts) {
		got += s
	}
	if got != "Nguyễn Thị Hường, Đắk Lắk, quyết định, khuỷu tay" {
		t.Errorf("got %q", got)
	}
}
