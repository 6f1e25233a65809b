package meta

import (
	"regexp"
	"strconv"

	"vanthu/corpus"
)

// Dates are written "ngày 31 tháng 5 năm 2019" in headers (Nghị định
// 30/2020/NĐ-CP, Phụ lục I, mục 5), "21/7/2014", "07/12/2016", "9/1/2018" or
// "ngày 22 tháng 6\nnăm 2015" in running text, "13/03/2018 09:04" under news
// headlines and "31.05.2019" in e-signature stamps. All are day first.
// reDateLead matches a date at the start of s, after an optional "ngày".
var reDateLead = regexp.MustCompile(`^(?i:ngày\s*)?(?:(\d{1,2})\s*(?i:tháng)\s*(\d{1,2})\s*(?i:năm)\s*(\d{4})|(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*([/.-])\s*(\d{4}))`)

// ParseDate reads one date in any of the spellings above ("ngày 9/1/2018",
// "31 tháng 5 năm 2019", "07-12-2016"); s must start with it. It returns the
// date and how many bytes of s it used.
func ParseDate(s string) (corpus.Date, int, bool) {
	m := reDateLead.FindStringSubmatchIndex(s)
	if m == nil {
		return corpus.Date{}, 0, false
	}
	get := func(i int) int {
		if m[2*i] < 0 {
			return 0
		}
		n, _ := strconv.Atoi(s[m[2*i]:m[2*i+1]])
		return n
	}
	var d, mo, y int
	if m[2] >= 0 {
		d, mo, y = get(1), get(2), get(3)
	} else {
		if s[m[10]:m[11]] != s[m[14]:m[15]] { // "7/12-2016" is not a date
			return corpus.Date{}, 0, false
		}
		d, mo, y = get(4), get(6), get(8)
	}
	date, ok := corpus.NewDate(y, mo, d)
	if !ok || y < 1900 || y > 2200 {
		return corpus.Date{}, 0, false
	}
	return date, m[1], true
}
