package index

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"vanthu/corpus"
)

// Vietnamese syllables that English stop-word lists remove must be searchable.
func TestStopWordSyllables(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for _, w := range []string{"an", "to", "ra", "vào", "không", "no", "on", "là", "của", "trong", "số"} {
		doc := corpus.Document{ID: "sw-" + w, Kind: corpus.KindNews, Text: "xyzzy " + w + " plugh"}
		if err := ix.Index(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		r := mustSearch(t, ix, Query{Text: `"xyzzy ` + w + ` plugh"`})
		if !slices.Contains(ids(r), doc.ID) {
			t.Errorf("phrase with %q: %v, want %s", w, ids(r), doc.ID)
		}
		r = mustSearch(t, ix, Query{Text: w, Limit: 100})
		if !slices.Contains(ids(r), doc.ID) {
			t.Errorf("word %q: %d hits without %s", w, r.Total, doc.ID)
		}
	}
}

func TestNumberSpellings(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for _, c := range []struct{ q, id string }{
		{"38-CT/TW", "ct38-2014"}, {"38/CT-TW", "ct38-2014"}, {"38 ct tw", "ct38-2014"}, {"38-ct/tw", "ct38-2014"},
		{"Chỉ thị 38", "ct38-2014"}, {"chi thi so 38", "ct38-2014"}, {"CT 38", "ct38-2014"},
		{"4060-CV/BTCTU", "cv4060-2019"}, {"Số 4060-CV/BTCTU", "cv4060-2019"}, {"4060 cv btctu", "cv4060-2019"},
		{"công văn 4060", "cv4060-2019"},
		{"1542 -QĐ/TU", "qd1542-2016"}, {"1542-qd/tu", "qd1542-2016"}, {"quyết định 1542", "qd1542-2016"},
		{"nghị định 30/2020", "nd30-2020"}, {"30/2020/NĐ-CP", "nd30-2020"}, {"30/2020/nd-cp", "nd30-2020"}, {"NĐ 30/2020", "nd30-2020"},
		{"11/TB-UBND", "tb11-qn-2024"}, {"Số: 11 /TB-UBND", "tb11-qn-2024"}, {"thông báo 11 năm 2024", "tb11-qn-2024"},
		{"507/UBND-KGVX", "cv507-kgvx"}, {"507 ubnd kgvx", "cv507-kgvx"},
		{"thông tư 25/2025", "tt25-2025"},
	} {
		r := mustSearch(t, ix, Query{Text: c.q})
		if len(r.Hits) == 0 || r.Hits[0].ID != c.id {
			t.Errorf("%q: %v, want %s first", c.q, ids(r), c.id)
		}
	}
}

func TestFilters(t *testing.T) {
	ix, docs := fixtureIndex(t)
	byID := map[string]corpus.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	check := func(name string, q Query, ok func(corpus.Document) bool) {
		t.Helper()
		q.Limit = 100
		r := mustSearch(t, ix, q)
		want := 0
		for _, d := range docs {
			if ok(d) {
				want++
			}
		}
		if q.Text == "" && int(r.Total) != want {
			t.Errorf("%s: %d hits, want %d: %v", name, r.Total, want, ids(r))
		}
		if len(r.Hits) == 0 {
			t.Errorf("%s: no hits", name)
		}
		for _, h := range r.Hits {
			if !ok(byID[h.ID]) {
				t.Errorf("%s: %s should be filtered out", name, h.ID)
			}
		}
	}
	check("type CT", Query{Type: "CT"}, func(d corpus.Document) bool { return d.Type == "CT" })
	check("type Chỉ thị", Query{Type: "Chỉ thị"}, func(d corpus.Document) bool { return d.Type == "CT" })
	check("type qd", Query{Type: "qd"}, func(d corpus.Document) bool { return d.Type == "QĐ" })
	check("issuer", Query{Issuer: "Quảng Ninh"}, func(d corpus.Document) bool { return strings.Contains(d.Issuer, "Quảng Ninh") })
	check("issuer folded", Query{Issuer: "quang ninh"}, func(d corpus.Document) bool { return strings.Contains(d.Issuer, "Quảng Ninh") })
	check("kind", Query{Kind: "news"}, func(d corpus.Document) bool { return d.Kind == corpus.KindNews })
	check("source", Query{Source: "vbpl.vn"}, func(d corpus.Document) bool { return strings.Contains(d.Source.Source, "vbpl.vn") })
	from, to := corpus.Date{Year: 2019, Month: 1, Day: 1}, corpus.Date{Year: 2020, Month: 3, Day: 5}
	inRange := func(d corpus.Document) bool { return !d.Date.Before(from) && !to.Before(d.Date) }
	check("dates", Query{From: from, To: to}, inRange)
	check("from only", Query{From: corpus.Date{Year: 2025, Month: 1, Day: 1}}, func(d corpus.Document) bool { return d.Date.Year >= 2025 })
	check("text and type", Query{Text: "đoàn ra", Type: "CT"}, func(d corpus.Document) bool { return d.Type == "CT" })
	check("text and dates", Query{Text: "doan", From: from, To: to}, inRange)
}

func TestFacets(t *testing.T) {
	ix, docs := fixtureIndex(t)
	r := mustSearch(t, ix, Query{Facets: true})
	if int(r.Total) != len(docs) {
		t.Fatalf("total %d, want %d", r.Total, len(docs))
	}
	want := map[string]map[string]int{FacetType: {}, FacetYear: {}, FacetIssuer: {}, FacetSource: {}}
	for _, d := range docs {
		if d.Type != "" {
			want[FacetType][d.Type]++
		}
		if d.Issuer != "" {
			want[FacetIssuer][d.Issuer]++
		}
		want[FacetYear][d.Date.String()[:4]]++
		if s := sourceHost(d.Source.Source); s != "" {
			want[FacetSource][s]++
		}
	}
	for name, counts := range want {
		got := map[string]int{}
		for _, f := range r.Facets[name] {
			got[f.Term] = f.Count
		}
		for term, n := range counts {
			if got[term] != n {
				t.Errorf("facet %s %q = %d, want %d", name, term, got[term], n)
			}
		}
	}
	// Facets follow the query.
	r = mustSearch(t, ix, Query{Text: "38-CT/TW", Facets: true, Type: "CT"})
	for _, f := range r.Facets[FacetType] {
		if f.Term != "CT" {
			t.Errorf("type facet under a CT filter has %q", f.Term)
		}
	}
}

func TestSortAndPagination(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for _, s := range []string{"date", "-date"} {
		r := mustSearch(t, ix, Query{Text: "đoàn", Sort: s, Limit: 100})
		for i := 1; i < len(r.Hits); i++ {
			a, b := r.Hits[i-1].Date, r.Hits[i].Date
			if (s == "date" && a > b) || (s == "-date" && a < b) {
				t.Errorf("sort %s: %s (%s) before %s (%s)", s, r.Hits[i-1].ID, a, r.Hits[i].ID, b)
			}
		}
	}
	all := mustSearch(t, ix, Query{Text: "đoàn", Sort: "-date", Limit: 100})
	var paged []string
	for off := 0; off < len(all.Hits); off += 3 {
		r := mustSearch(t, ix, Query{Text: "đoàn", Sort: "-date", Limit: 3, Offset: off})
		if r.Total != all.Total {
			t.Errorf("total %d on page %d, want %d", r.Total, off, all.Total)
		}
		paged = append(paged, ids(r)...)
	}
	if !slices.Equal(paged, ids(all)) {
		t.Errorf("pages %v\n != all %v", paged, ids(all))
	}
	if _, err := ix.Search(context.Background(), Query{Sort: "size"}); err == nil {
		t.Error("unknown sort accepted")
	}
}

// TestDateSortOnlyRelevant: sorted by date, a long query finds only the
// documents holding all of its words (ranked by relevance, it finds any
// that holds one): the newest document with one word in common is not first.
func TestDateSortOnlyRelevant(t *testing.T) {
	ix, docs := fixtureIndex(t)
	text := map[string]string{}
	for _, d := range docs {
		text[d.ID] = foldString(strings.ToLower(d.Title + " " + d.Text))
	}
	for _, q := range []string{"kế hoạch đoàn ra năm 2024", "ke hoach doan ra nam 2024"} {
		rel := mustSearch(t, ix, Query{Text: q, Limit: 100})
		for _, s := range []string{"date", "-date"} {
			r := mustSearch(t, ix, Query{Text: q, Sort: s, Limit: 100})
			if r.Total == 0 || r.Total >= rel.Total {
				t.Errorf("%q sorted by %s: %d hits, by relevance %d: want fewer, not none", q, s, r.Total, rel.Total)
			}
			for _, h := range r.Hits {
				for _, w := range strings.Fields(foldString(strings.ToLower(q))) {
					if !strings.Contains(text[h.ID], w) {
						t.Errorf("%q sorted by %s: %s has no %q", q, s, h.ID, w)
					}
				}
			}
		}
	}
}

func TestSnippets(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for _, c := range []struct {
		q, id string
		marks []string
		no    []string
	}{
		{"doan ra nuoc ngoai", "ct38-2014", []string{"<mark>đoàn</mark>", "<mark>nước</mark>", "<mark>ngoài</mark>"}, nil},
		{"đoàn ra nước ngoài", "ct38-2014", []string{"<mark>đoàn</mark>", "<mark>ra</mark>"}, nil},
		{"bàn", "news-tour-ban", []string{"<mark>bàn</mark>"}, nil},
		{"bản vẽ", "news-ban-ve", []string{"<mark>bản</mark>", "<mark>Bản</mark>"}, []string{"<mark>Ban"}},
		{"hòa giải", "rec-hoa-binh", []string{"<mark>Hoà</mark>", "<mark>hòa</mark>"}, nil},
		{"script", "news-xss", []string{"&lt;<mark>script</mark>&gt;"}, []string{"<script", "<b>"}},
		{"\"đoàn ra nước ngoài\"", "news-xss", []string{"<mark>đoàn</mark> <mark>ra</mark>"}, []string{"<script"}},
	} {
		r := mustSearch(t, ix, Query{Text: c.q, Limit: 20})
		var hit *Hit
		for i := range r.Hits {
			if r.Hits[i].ID == c.id {
				hit = &r.Hits[i]
			}
		}
		if hit == nil {
			t.Errorf("%q: %s not found in %v", c.q, c.id, ids(r))
			continue
		}
		for _, m := range c.marks {
			if !strings.Contains(hit.Snippet, m) {
				t.Errorf("%q: snippet lacks %q: %s", c.q, m, hit.Snippet)
			}
		}
		for _, m := range c.no {
			if strings.Contains(hit.Snippet, m) {
				t.Errorf("%q: snippet has %q: %s", c.q, m, hit.Snippet)
			}
		}
	}
}

func TestSnippetWindow(t *testing.T) {
	text := strings.Repeat("lorem ipsum dolor ", 40) + "Đoàn ra <b>nước</b> ngoài" + strings.Repeat(" sit amet", 40)
	i := strings.Index(text, "Đoàn")
	s := snippet(text, []span{{i, i + len("Đoàn")}}, 120)
	if !strings.Contains(s, "<mark>Đoàn</mark> ra &lt;b&gt;nước&lt;/b&gt;") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet %q", s)
	}
	if got := snippet("a\n\n b", nil, 100); got != "a b" {
		t.Errorf("white space: %q", got)
	}
}

// The JSON form of Result is the CLI/API contract.
func TestResultJSON(t *testing.T) {
	ix, _ := fixtureIndex(t)
	r := mustSearch(t, ix, Query{Text: "38-CT/TW", Facets: true, Limit: 1})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]interface{}
	json.Unmarshal(b, &m)
	for _, k := range []string{"total", "hits", "facets", "took_ms"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result JSON lacks %q: %s", k, b)
		}
	}
	hit := m["hits"].([]interface{})[0].(map[string]interface{})
	for _, k := range []string{"id", "number", "type", "issuer", "date", "title", "score", "snippet"} {
		if _, ok := hit[k]; !ok {
			t.Errorf("hit JSON lacks %q: %s", k, b)
		}
	}
	if hit["number"] != "38-CT/TW" || hit["date"] != "2014-07-21" || hit["type"] != "CT" || hit["issuer"] != "Bộ Chính trị" {
		t.Errorf("hit fields: %v", hit)
	}
	f := m["facets"].(map[string]interface{})["type"].([]interface{})[0].(map[string]interface{})
	if _, ok := f["term"]; !ok {
		t.Errorf("facet JSON: %v", f)
	}
}

// No input is a syntax error: bleve query-string syntax is plain text here.
func TestQuerySyntaxNeverFails(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for _, q := range []string{`+`, `-`, `"`, `""`, `title:x`, `a^2 b~`, `(((`, `*`, `?`, `\`, `- -`, `"unterminated đoàn`, `/regex/`, "\x00", "\xff\xfe"} {
		if _, err := ix.Search(context.Background(), Query{Text: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
	r := mustSearch(t, ix, Query{Text: `"unterminated đoàn`})
	_ = r
}

func TestParseUserQuery(t *testing.T) {
	got := parseUserQuery(`đoàn ra "nước ngoài" -du -"lịch sử" “công tác” - x-y`)
	want := userQuery{Words: []string{"đoàn", "ra", "x-y"}, Phrases: []string{"nước ngoài", "công tác"}, NotWords: []string{"du"}, NotPhr: []string{"lịch sử"}}
	b1, _ := json.Marshal(got)
	b2, _ := json.Marshal(want)
	if string(b1) != string(b2) {
		t.Errorf("got %s\nwant %s", b1, b2)
	}
}

func TestRestore(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for q, want := range map[string]string{
		"doan ra nuoc ngoai": "đoàn ra nước ngoài",
		"bao cao ket qua":    "báo cáo kết quả",
		"ban ve thiet ke":    "bản vẽ thiết kế",
		"hoi cho thuong mai": "hội chợ thương mại",
		// The words of the field, which law texts restore otherwise
		// (cù, chuyên, qua, môi, lê tăng).
		"cu doan di cong tac":            "cử đoàn đi công tác",
		"ket thuc chuyen cong tac":       "kết thúc chuyến công tác",
		"khong qua 03 ngay":              "không quá 03 ngày",
		"moi nuoc tham khong qua 3 ngay": "mỗi nước thăm không quá 3 ngày",
		"cu doan du le tang":             "cử đoàn dự lễ tang",
	} {
		r := mustSearch(t, ix, Query{Text: q})
		if r.Restored != want {
			t.Errorf("%q restored as %q, want %q", q, r.Restored, want)
		}
	}
	if r := mustSearch(t, ix, Query{Text: "đoàn ra"}); r.Restored != "" {
		t.Errorf("accented query restored: %q", r.Restored)
	}
}
