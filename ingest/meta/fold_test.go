package meta

import (
	"slices"
	"strings"
	"testing"
	"unicode"

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
	"a\u1680b", "a\u167fb", "a\u2028b", "a\u205fb", "a\u202fb", "a\u180eb", "a\ufeffb", "a\u0084b", "a\u00a1b",
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

// collapse looks up only the runes that can be white space: every rune,
// and every lead byte cut short, is checked between two letters.
func TestCollapseEveryRune(t *testing.T) {
	check := func(s string) {
		if got, want := collapse(s), collapseRef(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		check("a" + string(r) + "b")
	}
	for c := 0x80; c <= 0xFF; c++ {
		check("a\xc2" + string([]byte{byte(c)}) + "b")
		check("a\xe2\x80" + string([]byte{byte(c)}) + " b")
		check("a" + string([]byte{byte(c)}) + "\u00a0b")
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
		if c := collapse(s); collapse(c) != c {
			t.Errorf("collapse(%q) = %q, which collapse changes", s, c)
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
	"Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp thứ 3 thông qua ngày 20 tháng 6 năm 2012.",
	"THÔNG QUA NGÀY 1 THÁNG 1 NĂM 2020", "ThÔng  qua\nngày 5 tháng 10 năm 2019", "tHôNG qua ngày 5 tháng 10 năm 2019",
	"thông tin được thông qua ngày 3 tháng 4 năm 2001", "thông qua ngày 3 tháng 4", "thông", "thôn", "th\xc3", "th\xc3\xb4n",
	"xthông qua ngày 1 tháng 2 năm 2003", "thông qua ngày 1 tháng 2 năm 2003 và thông qua ngày 4 tháng 5 năm 2006",
	"tho\u0302ng qua ngày 1 tháng 2 năm 2003", "Thông qua ngày 12 tháng 11 năm 2015; thông qua ngày 1 tháng 1 năm 2016",
	"-UBND Gia Lai,ngày 05 tháng 3 năm 2024", "-UBND Gia Lai ngày 05 tháng 3", "-UBND Gia Lai, ngày05tháng 3", "x Hà Nội, ngày\t4 tháng",
	"x Hà Nội,  ngày 4 tháng", "x Hà Nội, ngày x 4 tháng", "x Hà Nội, ngày", ", ngày 1", "x Hà Nội, ngày 4, ngày 5 tháng", "ngày 4 tháng, Hà Nội",
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
		{"passed", findPassed(s), rePassed.FindStringSubmatchIndex(s)},
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
	"Luật :", "Luật: ", "Luật số:", "Luậtsố :", "xLuật số ", "LUẬT SỐ ", "\u212Aế hoạch số ", "Thông tư liên tịch\xff số ",
	"\xffLuật số ", "Luật\xe1\xba số ", "Văn bản hợp nhất số ", "VĂN BẢN HỢP NHẤT ", "Đề án ", "đỀ ÁN ", "Công điện\f",
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

// isBoilerplateBefore is isBoilerplate as first written, the definition
// the faster one must keep.
func isBoilerplateBefore(p *Parser, s string) bool {
	k := strings.TrimRight(fold(collapse(s)), " :")
	for _, b := range p.boiler {
		if k == b || strings.HasPrefix(k, b+":") || strings.HasPrefix(k, b+" ") && len(k) < len(b)+24 {
			return true
		}
	}
	return false
}

var boilerCases = []string{
	"", "Chia sẻ", "chia se:", "Chia sẻ: Facebook", "Chia sẻ bài viết này với bạn bè", "Chia sẻ bài viết này với bạn bè của bạn nhé",
	"Số ký hiệu", "Số ký hiệu:", "Số ký hiệu: 12/UBND", "Số ký hiệu  :  ", "Ngày ban hành 04/02/2025", "Trích yếu nội dung văn bản",
	"Tin liên quan", "tin lien quanx", "Tin liên quan:", "Xem thêm >>", "Bình luận (0)", "In trang", "Người ký Nguyễn Văn A",
	"Quyết định về việc cử cán bộ đi công tác nước ngoài",
}

func TestBoilerplateAgrees(t *testing.T) {
	p := newTestParser(t)
	for _, s := range boilerCases {
		if got, want := p.isBoilerplate(s), isBoilerplateBefore(p, s); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzBoilerplate(f *testing.F) {
	for _, s := range boilerCases {
		f.Add(s)
	}
	p := newTestParser(f)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := p.isBoilerplate(s), isBoilerplateBefore(p, s); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", s, got, want)
		}
	})
}

// findRules skips sentences and clauses without an ASCII digit: no rule
// pattern may match a text without one.
func FuzzRulesNeedDigit(f *testing.F) {
	for _, s := range []string{
		"Mỗi đoàn không quá 05 (năm) người.", "không quá 10 ngày làm việc tại mỗi nước", "không đi quá 3 nước",
		"không quá 2 lần/năm", "không bố trí 02 cán bộ chủ chốt", "không quá 1/3 tập thể lãnh đạo",
		"chậm nhất là 15 ngày sau khi kết thúc chuyến công tác, báo cáo", "ít nhất 20 ngày làm việc trước",
		"trước ngày 5/10 hằng năm", "không quá ５ người", "không quá ٣ người",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return 'x'
			}
			return r
		}, s)
		for _, p := range rulePatterns {
			if p.re.MatchString(s) {
				t.Errorf("rule pattern %s matches %q, which has no ASCII digit", p.kind, s)
			}
		}
	})
}

func newTestParser(t testing.TB) *Parser {
	t.Helper()
	p, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A line mayStartAuthority turns away holds no match of reAuthorityStart.
func FuzzAuthorityMarks(f *testing.F) {
	for _, s := range []string{
		"", "Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- Như trên; KT. CHỦ TỊCH", "TL.GIÁM ĐỐC", " TUQ. BỘ TRƯỞNG",
		" T/M UBND", " K/T. CHỦ TỊCH", " T/L CHÁNH VĂN PHÒNG", " TM ỦY BAN", " Tm. Ủy ban", "x KT.CH",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayStartAuthority(s) && reAuthorityStart.MatchString(s) {
			t.Errorf("reAuthorityStart matches %q, which mayStartAuthority turns away", s)
		}
	})
}

// A line mayEndBody turns away holds no match of reBodyEnd; a line
// mayStartListMark turns away by its first byte holds no match of reListMark.
func FuzzBodyEndPrefilter(f *testing.F) {
	for _, s := range []string{
		"", "Nội dung./.", "Nội dung./.  ", "./.\t", "./. x", "Luật này được Quốc hội thông qua ngày 20 tháng 6 năm 2012.",
		"THÔNG QUA NGÀY 1", "ThÔng  qua\tngày 5", "tho\u0302ng qua ngày 1", "thông qua ngày x", "Thông", "thôn", "th\xc3",
		"thôngqua ngày 1", "thông\u00a0qua ngày 1", "thông tin qua ngày 1", "thông QUA ngày 1", "thông qu", "x./. y", "./.\u00a0",
		"./.\v", "thông thông qua ngày 2", "thông\n\nqua ngày 3", "1. x", "12) x", "a) x", "đ) x", "• x", "- x", "+ x", "A) x", "Đ) x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayEndBody(s) && reBodyEnd.MatchString(s) {
			t.Errorf("reBodyEnd matches %q, which mayEndBody turns away", s)
		}
		if s != "" && !mayStartListMark(s[0]) && reListMark.MatchString(s) {
			t.Errorf("reListMark matches %q, which mayStartListMark turns away", s)
		}
	})
}
