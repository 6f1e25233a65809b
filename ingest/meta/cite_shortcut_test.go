package meta

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
)

var plausibleCases = []string{
	"13/2012/NĐ-CP", "13/2012/nđ-cp", "5/UBND-VP", "05/UBND-VP", "4060-CV/BTCTU", "1542 -QĐ/TU", "101/2015/QH13", "0/UBND",
	"12/1900/NĐ-CP", "12/2200/NĐ-CP", "12/UBND2-VP", "12/QH13", "12/2015/QH13", "12-QĐ3/TU", "38/CT-TW", "1/1/A",
}

func checkPlausibleCanonical(t *testing.T, s string) {
	t.Helper()
	n, ok := corpus.ParseNumber(s)
	if !ok {
		return
	}
	if got, want := plausibleCanonical(n, s), corpus.IsPlausibleNumber(n.Canonical); got != want {
		t.Errorf("plausibleCanonical(%q) = %v, want %v", s, got, want)
	}
}

func TestPlausibleCanonicalAgrees(t *testing.T) {
	for _, s := range plausibleCases {
		checkPlausibleCanonical(t, s)
	}
}

func FuzzPlausibleCanonical(f *testing.F) {
	for _, s := range plausibleCases {
		f.Add(s)
	}
	f.Fuzz(checkPlausibleCanonical)
}

// numberCandidatesRef and shortRefsRef are numberCandidates and shortRefs
// without the tests before their regexps.
func numberCandidatesRef(w string) [][2]int {
	var out [][2]int
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' || i > 0 && w[i-1] >= '0' && w[i-1] <= '9' {
			continue
		}
		j := i
		for j < len(w) && w[j] >= '0' && w[j] <= '9' {
			j++
		}
		k := j
		for k < len(w) && w[k] == ' ' {
			k++
		}
		if k >= len(w) || w[k] != '/' && w[k] != '-' {
			i = j - 1
			continue
		}
		if loc := reCiteNumAt.FindStringIndex(w[i:min(len(w), i+120)]); loc != nil {
			out = append(out, [2]int{i, i + loc[1]})
			i += loc[1] - 1
			continue
		}
		i = j - 1
	}
	return out
}

func shortRefsRef(w string) [][]int {
	var out [][]int
	for _, word := range shortTypes {
		for from := 0; ; {
			i := strings.Index(w[from:], word)
			if i < 0 {
				break
			}
			i += from
			from = i + len(word)
			if i > 0 {
				if r, _ := utf8.DecodeLastRuneInString(w[:i]); unicode.IsLetter(r) {
					continue
				}
			}
			m := reShortRef.FindStringSubmatchIndex(w[i:min(len(w), i+40)])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

var citeScanCases = []string{
	"", "Nghị định số 13/2012/NĐ-CP ngày 26/02/2025", "15/10/2020", "1-2 ngày", "38-CT/TW", "1542 -QĐ/TU", "162- KH/TU",
	"202/BTTTT-KHTC", "12/ 2020 /NĐ-CP", "12/\t2020\n/QĐ", "12/20201/QĐ", "12/202/QĐ", "5-ủy/TU", "5-Ủy/TU", "5/Đ-A", "1234567/A-B",
	"Quy chế 01 của Tỉnh ủy", "Quy chế số 01", "Quy chế  số 5", "Quy chếsố 5", "Quy chế\t7", "Quy chế số x", "Kế hoạch 2018",
	"Thông tư 12/2020/TT-BGDĐT", "Chỉ thị 07", "theo Quyết định 1234 và Nghị quyết số 5", "Quy định Số 3", "Thông báo\n\n12",
	"Công văn 1" + strings.Repeat(" ", 40) + "2", "Nghị định" + strings.Repeat(" ", 35) + "9", "12/" + strings.Repeat(" ", 130) + "A-B",
}

func checkCiteScans(t *testing.T, s string) {
	t.Helper()
	if got, want := numberCandidates(s), numberCandidatesRef(s); !reflect.DeepEqual(got, want) {
		t.Errorf("numberCandidates(%q) = %v, want %v", s, got, want)
	}
	if got, want := shortRefs(s), shortRefsRef(s); !reflect.DeepEqual(got, want) {
		t.Errorf("shortRefs(%q) = %v, want %v", s, got, want)
	}
}

func TestCiteScansAgree(t *testing.T) {
	for _, s := range citeScanCases {
		checkCiteScans(t, s)
	}
}

func FuzzCiteScans(f *testing.F) {
	for _, s := range citeScanCases {
		f.Add(s)
	}
	f.Fuzz(checkCiteScans)
}
