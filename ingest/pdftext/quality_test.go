package pdftext

import "testing"

func TestValidSyllable(t *testing.T) {
	good := []string{"cộng", "hòa", "hoà", "xã", "hội", "chủ", "nghĩa", "việt", "nam", "độc", "lập", "tự", "do",
		"hạnh", "phúc", "quốc", "gia", "giữ", "gìn", "gì", "khuya", "nguyễn", "thuở", "xoong", "người", "yêu",
		"oái", "uống", "quyết", "định", "khuỷu", "đường", "thuyền", "giường", "ươm", "ạ"}
	for _, w := range good {
		if !validSyllable(w) {
			t.Errorf("validSyllable(%q) = false, want true", w)
		}
	}
	bad := []string{"cơng", "đớc", "cøng", "vi¾t", "ch¬ng", "ngàk", "hoàt", "cáy̆", "thôngg", "đệc"}
	for _, w := range bad {
		if validSyllable(w) {
			t.Errorf("validSyllable(%q) = true, want false", w)
		}
	}
}

func TestQuality(t *testing.T) {
	if q := quality("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 542/TB-UBND ngày 06/11/2024"); q != 1 {
		t.Errorf("clean text quality %v, want 1", q)
	}
	if q := quality("CØNG HÒA XÃ HÆI CHỦ NGHĨA VIÆT NAM"); q > 0.8 {
		t.Errorf("mismapped text quality %v, want <= 0.8", q)
	}
	if q := quality("Céng hoµ x· héi chñ nghÜa ViÖt Nam"); q > 0.6 {
		t.Errorf("undecoded TCVN3 quality %v, want <= 0.6", q)
	}
}
