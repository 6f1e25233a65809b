package index

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// TestDateSortAgreesWithBleve compares the date column's order with bleve's
// sort by the date field, then by score: on several segments, with
// documents without a date, replaced and deleted documents, filters, paging
// and facets. Hits of the same day and score may come in either order, so
// each page is compared as its sequence of (date, score) and, tie group by
// tie group, as sets of ids.
func TestDateSortAgreesWithBleve(t *testing.T) {
	n := 1200
	if testing.Short() {
		n = 400
	}
	ix, docs := generatedIndex(t, gencorpus.Config{Seed: 11, N: n, TextBytes: 600, CiteOutside: 0.3}, 300, func(i int, d *corpus.Document) {
		if i%37 == 0 {
			d.Date = corpus.Date{} // no date: last in both orders
		}
	})
	var queries []Query
	for _, sortBy := range []string{"-date", "date"} {
		queries = append(queries,
			Query{Sort: sortBy, Limit: 60},
			Query{Sort: sortBy, Limit: 20, Offset: 40, Facets: true},
			Query{Text: "đoàn ra", Sort: sortBy, Limit: MaxLimit},
			Query{Text: "hop tac", Sort: sortBy, Type: "QĐ", Limit: MaxLimit, Facets: true},
			Query{Text: "kinh phí", Sort: sortBy, From: corpus.Date{Year: 2015, Month: 1, Day: 1}, Limit: 30},
			Query{Text: "không có chữ này xyzzy", Sort: sortBy},
		)
	}
	compare := func(stage string) {
		t.Helper()
		for _, q := range queries {
			name := fmt.Sprintf("%s: %q sort %s offset %d", stage, q.Text, q.Sort, q.Offset)
			ix.tune.bleveDateSort = false
			got := mustSearch(t, ix, q)
			ix.tune.bleveDateSort = true
			want := mustSearch(t, ix, q)
			ix.tune.bleveDateSort = false
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Errorf("%s: %d hits of %d, bleve %d of %d", name, len(got.Hits), got.Total, len(want.Hits), want.Total)
				continue
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("%s: facets differ", name)
			}
			compareDateOrder(t, name, got.Hits, want.Hits)
		}
	}
	compare("fresh")
	replaceAndDelete(t, ix, docs, 1, 9, func(d *corpus.Document) {
		d.Date = corpus.Date{Year: 2026, Month: 1, Day: 2} // all on one day: ties by score
	}, 5, 13)
	compare("changed")
}

func compareDateOrder(t *testing.T, name string, got, want []Hit) {
	t.Helper()
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
	for i := range want {
		if got[i].Date != want[i].Date || !same(got[i].Score, want[i].Score) {
			t.Errorf("%s: hit %d is %s score %.6f, bleve %s score %.6f", name, i, got[i].Date, got[i].Score, want[i].Date, want[i].Score)
			return
		}
	}
	// Tie groups: the same ids within each, except the last group of the
	// page, which the page may cut anywhere.
	for i := 0; i < len(want); {
		j := i
		for j < len(want) && want[j].Date == want[i].Date && same(want[j].Score, want[i].Score) {
			j++
		}
		if j == len(want) {
			break
		}
		var g, w []string
		for k := i; k < j; k++ {
			g, w = append(g, got[k].ID), append(w, want[k].ID)
		}
		sort.Strings(g)
		sort.Strings(w)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: hits %d–%d (%s): ids %v, bleve %v", name, i, j-1, want[i].Date, g, w)
			return
		}
		i = j
	}
}
