package review

import (
	"strings"
	"testing"
)

// FuzzTextDiff: with unlimited context the diff holds both texts: its
// unchanged and deleted lines are a's, its unchanged and inserted lines b's.
func FuzzTextDiff(f *testing.F) {
	f.Add("Số: ?%/UBND\nV/v đoàn ra\fKính gửi", "Số: 15/UBND-KT\nV/v đoàn ra\fKính gửi\nhết")
	f.Add("", "a")
	f.Add("a\n\nb", "a\nb\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 4096 || len(b) > 4096 {
			return
		}
		var ga, gb []string
		for _, l := range TextDiff(a, b, 1<<30) {
			switch l.Op {
			case Same:
				ga, gb = append(ga, l.Text), append(gb, l.Text)
			case Delete:
				ga = append(ga, l.Text)
			case Insert:
				gb = append(gb, l.Text)
			default:
				t.Fatalf("unexpected op %q", l.Op)
			}
		}
		if strings.Join(splitLines(a), "\n") != strings.Join(splitLines(b), "\n") {
			if w := strings.Join(splitLines(a), "\n"); strings.Join(ga, "\n") != w {
				t.Errorf("a not kept: %q vs %q", ga, w)
			}
			if w := strings.Join(splitLines(b), "\n"); strings.Join(gb, "\n") != w {
				t.Errorf("b not kept: %q vs %q", gb, w)
			}
		}
	})
}

// FuzzParseDate: what a person types as a date never panics, and a date it
// accepts prints as one that reads back the same.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-02-04", "4/2/2025", "31.12.1999", "31/2/2025", "", "1/1/0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if back, ok := ParseDate(d.String()); !ok || back != d {
			t.Errorf("%q → %s → %v %v", s, d, back, ok)
		}
	})
}
