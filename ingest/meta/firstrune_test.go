package meta

import (
	"reflect"
	"regexp"
	"testing"
)

// startScanRegexps are the regexps run through a startScan, and patterns
// of every kind firstRunes reads (or gives up on).
func startScanRegexps() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range rulePatterns {
		out = append(out, p.re)
	}
	for _, s := range []string{`(?i)k`, `(?i)số`, `a*b`, `x?y|z`, `\bfoo`, `^a`, `a$`, `[^;]{0,3}x`, `(?i)[a-c]z`, `.x`, `(a|)b`,
		`đ+c`, `\pL\d`, `(?i)(?:không\s+quá|tối\s+đa)\s+(\d)`, `a{0,2}b{2}`, `(?:)`, `x*`, `(?m)^a`, `a(?m:$)`, `\B1`, `[\x{FFFD}]a`, `\xffa`} {
		out = append(out, regexp.MustCompile(s))
	}
	return out
}

func checkStartScan(t *testing.T, re *regexp.Regexp, sc *startScan, s string) {
	t.Helper()
	if got, want := sc.FindAllStringSubmatchIndex(s), re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: FindAll of %q = %v, want %v", re, s, got, want)
	}
	if got, want := sc.FindStringSubmatchIndex(s), re.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Find of %q = %v, want %v", re, s, got, want)
	}
	if got, want := sc.MatchString(s), re.MatchString(s); got != want {
		t.Errorf("%s: Match of %q = %v, want %v", re, s, got, want)
	}
}

var startScanCases = []string{
	"", "Mỗi đoàn không quá 05 (năm) người.", "mỗi đoàn KHÔNG QUÁ 5 NGƯỜI, không quá 7 người", "không quá 10 ngày làm việc tại mỗi nước",
	"không đi quá 3 nước", "không quá 2 lần/năm", "không bố trí 02 cán bộ chủ chốt", "không quá 1/3 tập thể lãnh đạo",
	"chậm nhất là 15 ngày sau khi kết thúc chuyến công tác, báo cáo", "ít nhất 20 ngày làm việc trước", "trước ngày 5/10 hằng năm",
	"\u212Ahông quá 5 người", "\xffkhông quá 5 người", "không\xff quá 5 người", "tối đa 9 thành viên", "k", "K", "ſố", "số",
	"aab", "xy z", "foo", "a", "ba", "b;;x", "Bz", "xx", "b", "đđc", "a1", "aabb", "\n", "x\xffa", "\xef\xbf\xbda", "\xffa",
	"mỗi năm đoàn đi không quá 2 chuyến", "trong vòng 10 ngày; trong 3 ngày", "ĐI KHÔNG QUÁ 2 NƯỚC",
}

func TestStartScanAgrees(t *testing.T) {
	for _, re := range startScanRegexps() {
		sc := newStartScan(re)
		for _, s := range startScanCases {
			checkStartScan(t, re, sc, s)
		}
	}
	// the rule patterns are tried only where a match can start
	for k, sc := range ruleScans {
		if sc.at == nil {
			t.Errorf("rule pattern %s runs from every rune", rulePatterns[k].kind)
		}
	}
}

func FuzzStartScan(f *testing.F) {
	for _, s := range startScanCases {
		f.Add(s)
	}
	res := startScanRegexps()
	scs := make([]*startScan, len(res))
	for i, re := range res {
		scs[i] = newStartScan(re)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, re := range res {
			checkStartScan(t, re, scs[i], s)
		}
	})
}
