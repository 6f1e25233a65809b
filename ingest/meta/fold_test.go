package meta

import (
	"slices"
	"strings"
	"testing"

	"vanthu/corpus"
)

// fold and collapse are the definitions below, made faster; they must
// give the same strings for every input.
func foldRef(s string) string     { return strings.ToLower(corpus.Fold(s)) }
func collapseRef(s string) string { return strings.Join(strings.Fields(s), " ") }

var foldCollapseCases = []string{
	"", " ", "  ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\nb", "\u00a0a", "a\u00a0b", "a\u0085b",
	"a\u2003b", "a\u3000 b", "Số: 12/UBND-NV Quảng Ngãi, ngày 04 tháng 02 năm 2025",
	"ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN", "Đà Nẵng",
	"Hoà\u0300", "a\xffb", "\xc3", "ÀÁẠẢÃ ĐđÐð İ K Ω ǅ", "nước ngoài\r\n", "x\u200by",
}

func TestFoldCollapseAgreeWithDefinitions(t *testing.T) {
	for _, s := range foldCollapseCases {
		if got, want := fold(s), foldRef(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := collapse(s), collapseRef(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFoldCollapse(f *testing.F) {
	for _, s := range foldCollapseCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), foldRef(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := collapse(s), collapseRef(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkFoldLine(b *testing.B) {
	s := "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI cử đoàn cán bộ đi công tác nước ngoài"
	for b.Loop() {
		_ = fold(s)
	}
}

func BenchmarkCollapseLine(b *testing.B) {
	s := "Bộ luật này quy định địa vị pháp lý, chuẩn mực pháp lý về cách ứng xử của cá nhân, pháp nhân"
	for b.Loop() {
		_ = collapse(s)
	}
}

var headerCases = []string{
	"", "ngày", "NGÀY", "NgÀy", "nGàY", "Quảng Ngãi, ngày 04 tháng 02 năm 2025", "HÀ NỘI, NGÀY 4 THÁNG 2 NĂM 2025",
	"Hà Nội, Ngày 4 tháng 2 năm 2025", "Số: 12/UBND-NV Quảng Ngãi, ngày 04 tháng 02 năm 2025",
	"SỐ: 12/UBND-NV Quảng Ngãi, ngày 04 tháng 02 năm 2025", "-UBND Gia Lai, ngày 05 tháng 3 năm 2024",
	"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc",
	"BAN CHẤP HÀNH ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH Độc Lập", "ngà y", "ngay", "n\xc3\xa0y", "ng\xc3",
	"Hà Nội, ngày\u00a04 tháng 2 năm 2025", "Bộ luật này quy định địa vị pháp lý, ngày 1 tháng 1 năm 2017",
}

// The header regexps' prefilters must not change what the regexps find.
func TestHeaderPrefiltersAgree(t *testing.T) {
	for _, s := range headerCases {
		checkPrefilters(t, s)
	}
}

func checkPrefilters(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		name      string
		got, want []int
	}{
		{"column start", findColumnStart(s), reColumnStart.FindStringIndex(s)},
		{"number then place", findNumberThenPlace(s), reNumberThenPlace.FindStringSubmatchIndex(s)},
		{"place and date inside", findPlaceDateInside(s), rePlaceDateInside.FindStringSubmatchIndex(s)},
		{"head date", findHeadDate(s), reHeadDate.FindStringSubmatchIndex(s)},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s of %q = %v, want %v", c.name, s, c.got, c.want)
		}
	}
}

func FuzzHeaderPrefilters(f *testing.F) {
	for _, s := range headerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkPrefilters(t, s) })
}

var typeBackCases = []string{
	"", " ", "theo Quyết định ", "theo Quyết định số ", "theo Quyết định số: ", "theo Quyết định số:", "Quyết định",
	"căn cứ Thông tư liên tịch số ", "CHỈ THỊ SỐ ", "Chỉ thị sỐ\t", "Công văn  số  :  ", "Kế hoạch ſố ", "Luật số ",
	"Bộ luật ", "Nghị quyết:", "Nghị quyết :", "Văn bản hợp nhất số ", "Đề án số ", "Tờ trình\n", "Thông báo số",
	"Báo cáo\r\nsố ", "Hướng dẫn  ", "Quy chế ", "luậtsố ", "Luật  số :  ", "văn bản số 12 ", "theo số ", "số ",
	"căn cứ Nghị định số 30/2020/NĐ-CP và Thông tư liên tịch số ", "THÔNG TƯ LIÊN TỊCH SỐ: ", "Chương trình ",
	"theo Thông tư liên tịch                    số ", "Kết luận số ", "Pháp lệnh ", "văn bản hợp nhất ",
}

// findTypeBack's test before the regexp must not change what it finds.
func TestTypeBackPrefilterAgrees(t *testing.T) {
	for _, s := range typeBackCases {
		if got, want := findTypeBack(s), reTypeBack.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Errorf("findTypeBack(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzTypeBackPrefilter(f *testing.F) {
	for _, s := range typeBackCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := findTypeBack(s), reTypeBack.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Errorf("findTypeBack(%q) = %v, want %v", s, got, want)
		}
	})
}
