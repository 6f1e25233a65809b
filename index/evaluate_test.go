package index

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// evalQueries cover the shapes buildQuery makes: words with and without
// diacritics, one word, more words than maxAllWords (any may match),
// phrases, exclusions, document numbers, filters, empty text, paging, both
// date orders and facets.
func evalQueries() []Query {
	var qs []Query
	texts := []string{
		"đoàn ra", "doan ra", "hợp tác quốc tế", "hop tac quoc te", "kinh phí", "ngoai vu",
		"quản lý hoạt động đối ngoại", "doan ra nuoc ngoai cong tac hoc tap",
		`"công tác nước ngoài"`, `"doan ra"`, `đoàn -vào`, `hop tac -"quoc te"`, "-ra",
		"38-CT/TW", "chi thi 38", "155/2020/nd-cp", "nghị định 30", "xyzzy không có", "a", "",
		// Accent-free words with two close readings, searched both ways
		// (TestEvalQueriesSearchCloseReadings).
		"ban", "ban tham gia hop tac quoc te cua tinh",
	}
	for i, t := range texts {
		q := Query{Text: t, Limit: 10, Facets: i%2 == 0}
		qs = append(qs, q)
		q.Sort = []string{"date", "-date", ""}[i%3]
		q.Offset, q.Limit = 7, 25
		qs = append(qs, q)
	}
	qs = append(qs,
		Query{Text: "đoàn ra", Type: "CV", Facets: true, Limit: MaxLimit},
		Query{Text: "doan", Kind: "directive", Limit: 20},
		Query{Type: "QĐ", Sort: "-date", Facets: true},
		Query{Text: "kế hoạch", Source: "vanban.chinhphu.vn", Limit: 20},
		Query{Text: "doan vao", From: corpus.Date{Year: 2019, Month: 1, Day: 1}, To: corpus.Date{Year: 2022, Month: 12, Day: 31}},
		Query{Text: "kế hoạch", Issuer: "Quảng Ninh", Facets: true},
	)
	return qs
}

// TestEvalQueriesSearchCloseReadings checks that evalQueries hold the
// queries whose close readings are searched together (exactQ, wordQuery),
// so that TestEvaluateAgreesWithBleve compares those shapes with bleve too.
func TestEvalQueriesSearchCloseReadings(t *testing.T) {
	ix, _ := generatedIndex(t, gencorpus.Config{Seed: 5, N: 300, TextBytes: 700, CiteOutside: 0.3}, 300, nil)
	_, err := ix.current()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.mu.RUnlock()
	short, long := false, false
	for _, q := range evalQueries() {
		words := ix.analyze(q.Text)
		if len(words) == 0 || corpus.HasDiacritics(q.Text) || strings.ContainsAny(q.Text, "\"-/0123456789") {
			continue
		}
		_, alts := restoreReadings(ix.stats, words)
		for _, a := range alts {
			if len(a) > 0 {
				short = short || len(words) <= maxAllWords
				long = long || len(words) > maxAllWords
			}
		}
	}
	if !short || !long {
		t.Errorf("evalQueries: a short query with close readings %v, a long one %v; want both", short, long)
	}
}

// TestEvaluateAgreesWithBleve holds evaluate to bleve's own searchers: the
// same totals, facets, scores and hits (ties of equal score may come in
// either order within their group), on several segments with replaced and
// deleted documents.
func TestEvaluateAgreesWithBleve(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 500
	}
	ix, docs := generatedIndex(t, gencorpus.Config{Seed: 5, N: n, TextBytes: 700, CiteOutside: 0.3}, 250, func(i int, d *corpus.Document) {
		switch i {
		case 17: // longer than the norm table: the norm is computed
			d.Text = strings.Repeat("Đoàn ra nước ngoài, hợp tác quốc tế. ", 1500)
		case 18: // longer than 65,535 syllables: its lists are not packed
			d.Text = strings.Repeat("đoàn ra công tác ", 17000)
		}
	})
	ix.postings.min = 0 // cache every list, however short (from the first search on)
	cache := ix.postings
	compare := func(stage string) {
		t.Helper()
		// With decoded lists (cached on the first pass, read from the
		// cache on the second, some of them decoded before documents were
		// replaced and deleted) and without.
		for _, c := range []*postingsCache{cache, cache, nil} {
			ix.postings = c
			for _, q := range evalQueries() {
				compareWithBleve(t, ix, stage, q)
			}
		}
		if hits, _, _ := cache.stats(); hits == 0 {
			t.Errorf("%s: no posting list was read from the cache", stage)
		}
	}
	compare("fresh")
	replaceAndDelete(t, ix, docs, 3, 7, func(d *corpus.Document) { d.Title += " đoàn ra nước ngoài" }, 5, 11)
	compare("changed")
}

// compareWithBleve runs q both ways and reports the first difference.
func compareWithBleve(t testing.TB, ix *Index, stage string, q Query) {
	t.Helper()
	name := fmt.Sprintf("%s: %q type %q sort %q offset %d", stage, q.Text, q.Type, q.Sort, q.Offset)
	ix.tune.bleveEval = false
	idx, err := ix.current()
	if err != nil {
		t.Fatal(err)
	}
	pq, _, err := ix.buildQuery(idx, q)
	ix.mu.RUnlock()
	if err != nil {
		t.Fatal(err)
	}
	if p, err := compilePlan(pq.query); err != nil || p.kind == pFilter {
		t.Errorf("%s: evaluate leaves this query to bleve (%v)", name, err)
	}
	got := mustSearch(t, ix, q)
	ix.tune.bleveEval = true
	want := mustSearch(t, ix, q)
	ix.tune.bleveEval = false
	if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
		t.Errorf("%s: %d hits of %d, bleve %d of %d", name, len(got.Hits), got.Total, len(want.Hits), want.Total)
		return
	}
	if !reflect.DeepEqual(got.Facets, want.Facets) {
		t.Errorf("%s: facets %v, bleve %v", name, got.Facets, want.Facets)
	}
	if got.Restored != want.Restored {
		t.Errorf("%s: restored %q, bleve %q", name, got.Restored, want.Restored)
	}
	sameHits(t, name, q, got.Hits, want.Hits)
}

// sameHits reports the first difference between two pages of hits of q
// where bleve's order is the reference: the same scores (and dates, when
// sorted by date) hit by hit, and within a group of equal ones the same
// ids in any order.
func sameHits(t testing.TB, name string, q Query, got, want []Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d hits, bleve %d", name, len(got), len(want))
		return
	}
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for i := range want {
		if !same(got[i].Score, want[i].Score) || got[i].Date != want[i].Date && q.Sort != "" {
			t.Errorf("%s: hit %d is %s score %.12f, bleve %s score %.12f", name, i, got[i].ID, got[i].Score, want[i].ID, want[i].Score)
			return
		}
	}
	// Within a group of equal scores (and dates, when sorted by date) the
	// ids must be the same, in any order: ties go by document number, which
	// scorch's merges change between two searches. The page's last group
	// may be cut anywhere, and so may its first when the page starts at an
	// offset.
	byID := map[string]Hit{}
	for _, h := range want {
		byID[h.ID] = h
	}
	for i := 0; i < len(want); {
		j := i
		for j < len(want) && same(want[j].Score, want[i].Score) && (q.Sort == "" || want[j].Date == want[i].Date) {
			j++
		}
		if j == len(want) && i > 0 {
			break
		}
		var gs, ws []string
		for k := i; k < j; k++ {
			gs, ws = append(gs, got[k].ID), append(ws, want[k].ID)
		}
		sort.Strings(gs)
		sort.Strings(ws)
		if j < len(want) && !(i == 0 && q.Offset > 0) && !reflect.DeepEqual(gs, ws) {
			t.Errorf("%s: hits %d–%d: ids %v, bleve %v", name, i, j-1, gs, ws)
			return
		}
		i = j
	}
	for _, h := range got {
		w, ok := byID[h.ID]
		if !ok {
			continue // the other side of a cut tie group
		}
		h.Score, w.Score = 0, 0
		if !reflect.DeepEqual(h, w) {
			t.Errorf("%s: hit %s is %+v, bleve %+v", name, h.ID, h, w)
			return
		}
	}
}

// FuzzEvaluateAgreesWithBleve runs any query text both ways on a small
// index of two segments.
func FuzzEvaluateAgreesWithBleve(f *testing.F) {
	for _, q := range evalQueries() {
		f.Add(q.Text, q.Sort, q.Offset)
	}
	ix := fuzzEvalIndex(f)
	f.Fuzz(func(t *testing.T, text, sortBy string, offset int) {
		if sortBy != "date" && sortBy != "-date" {
			sortBy = ""
		}
		q := Query{Text: text, Sort: sortBy, Offset: offset % 50, Limit: 15, Facets: true}
		compareWithBleve(t, ix, "fuzz", q)
	})
}

func fuzzEvalIndex(f *testing.F) *Index {
	ix, docs := generatedIndex(f, gencorpus.Config{Seed: 9, N: 300, TextBytes: 500}, 150, nil)
	if err := ix.Delete(context.Background(), docs[7].ID); err != nil {
		f.Fatal(err)
	}
	return ix
}
