package pdftext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/ingest/vnenc"
)

// TestValidSyllable: the words pdftext's quality score relies on, judged by
// the project's one syllable grammar (vnenc.ValidSyllable).
func TestValidSyllable(t *testing.T) {
	validSyllable := vnenc.ValidSyllable
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

func TestCheckNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		warn bool
	}{
		{"Số: 2191/CT-CS Hà Nội, ngày 08 tháng 4 năm 2026", false},
		{"Số: 575 /UBND-KTTH Quảng Ngãi, ngày 04 tháng 02 năm 2025", false},
		{"Số: 2/9. /CT-CS Hà Nội ngày 09 thảng ?# năm 2026", true},
		{"Số: # /CT-UBND Quảng Ngãi, ngày 80 tháng 3 năm 2018", true},
		{"Số: /UBND-KTTH Quảng Ngãi, ngày 04tháng 02 năm 2025", true},
		{"Kính gửi: Sở Tài chính", false},
	} {
		if got := len(checkNumbers(1, tc.text)) > 0; got != tc.warn {
			t.Errorf("checkNumbers(%q) warns=%v, want %v", tc.text, got, tc.warn)
		}
	}
}

// TestQualityWordList: pdftext's quality score accepts every word of the
// syllable grammar's word list (../vnenc/testdata/words.txt), so the two
// never disagree on a word such as "giềng".
func TestQualityWordList(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "vnenc", "testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ln := range strings.Split(string(b), "\n") {
		w := strings.TrimSpace(ln)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if q := quality(w); q != 1 {
			t.Errorf("quality(%q) = %v, want 1", w, q)
		}
	}
}
