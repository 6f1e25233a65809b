package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every query string comes from a user: the parser, the number reader and
// Search itself must accept anything without panicking or erroring.

var fuzzSeeds = []string{
	"đoàn ra nước ngoài", "doan ra nuoc ngoai", `"đoàn vào" -Cao`, "38-CT/TW", "38/CT-TW",
	"4060 cv btctu", "chi thi so 38 nam 2014", "nghị định 30/2020", "Số: 11 /TB-UBND", "1542 -QĐ/TU",
	"-", `"`, `- -"x`, "“công tác”", "\x00\xff", "a^2 title:x (((", "99999999999999/9999/ND-CP",
	"Đoàn ra \u0300\u0301", "hoà giải", strings.Repeat("đoàn ", 50),
}

func FuzzParseUserQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := parseUserQuery(s)
		for _, w := range append(append(q.Words, q.NotWords...), append(q.Phrases, q.NotPhr...)...) {
			if w == "" {
				t.Errorf("empty part from %q: %+v", s, q)
			}
		}
	})
}

func FuzzNumberTerms(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		keys, aliases := numberTerms(s)
		for _, k := range append(keys, aliases...) {
			if k == "" || !utf8.ValidString(k) {
				t.Errorf("bad term %q from %q", k, s)
			}
		}
	})
}

func FuzzSearch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "CT", 0)
	}
	fuzzIx, err := Open(DefaultConfig(f.TempDir() + "/index"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { fuzzIx.Close() })
	if err := fuzzIx.IndexBatch(context.Background(), loadFixtures(f)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, typ string, offset int) {
		r, err := fuzzIx.Search(context.Background(), Query{Text: text, Type: typ, Issuer: text, Offset: offset % 100, Facets: true})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		for _, h := range r.Hits {
			if strings.Contains(h.Snippet, "<script") || !utf8.ValidString(h.Snippet) {
				t.Errorf("%q: unsafe snippet %q", text, h.Snippet)
			}
		}
	})
}

func FuzzSnippet(f *testing.F) {
	f.Add("Trang <script>alert(1)</script> đoàn ra", 5, 12, 40)
	f.Add("", 0, 0, 10)
	f.Fuzz(func(t *testing.T, text string, s, e, n int) {
		if s < 0 || e < s || e > len(text) || n < 0 || n > 10000 {
			t.Skip()
		}
		out := snippet(text, []span{{s, e}}, n)
		if strings.Contains(out, "<script") {
			t.Errorf("unescaped: %q", out)
		}
	})
}
