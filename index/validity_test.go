package index

import (
	"context"
	"slices"
	"testing"

	"vanthu/corpus"
)

// The portal's tình trạng hiệu lực and ngày có hiệu lực are filters: a
// search narrowed to "hết hiệu lực" finds the documents the portal says
// have expired and no other, with or without words, through the
// evaluator as through bleve.
func TestValidityFilters(t *testing.T) {
	ix, _ := openTemp(t)
	docs := loadFixtures(t)
	set := map[string]struct {
		code string
		eff  corpus.Date
	}{
		"ct38-2014":   {corpus.ValidityExpired, corpus.Date{Year: 2014, Month: 7, Day: 21}},
		"nd30-2020":   {corpus.ValidityInForce, corpus.Date{Year: 2020, Month: 3, Day: 5}},
		"tt25-2025":   {corpus.ValidityExpired, corpus.Date{Year: 2026, Month: 1, Day: 13}},
		"qd1542-2016": {corpus.ValidityPartlyExpired, corpus.Date{}},
	}
	for i := range docs {
		if v, ok := set[docs[i].ID]; ok {
			docs[i].Validity, docs[i].ValidityText, docs[i].Effective = v.code, corpus.ValidityLabel(v.code), v.eff
		}
	}
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	ids := func(q Query) []string {
		t.Helper()
		q.Limit = 100
		var out []string
		for _, h := range mustSearch(t, ix, q).Hits {
			out = append(out, h.ID)
		}
		slices.Sort(out)
		return out
	}
	cases := []struct {
		q    Query
		want []string
	}{
		{Query{Status: "het-hieu-luc"}, []string{"ct38-2014", "tt25-2025"}},
		{Query{Status: "Hết hiệu lực"}, []string{"ct38-2014", "tt25-2025"}},
		{Query{Status: "het hieu luc mot phan"}, []string{"qd1542-2016"}},
		{Query{Status: corpus.ValidityInForce, Text: "văn thư"}, []string{"nd30-2020"}},
		{Query{Status: corpus.ValidityExpired, Text: "đoàn đi công tác nước ngoài"}, []string{"ct38-2014", "tt25-2025"}},
		{Query{Status: corpus.ValidityNotYet}, nil},
		{Query{Status: "bogus"}, nil},
		{Query{EffectiveFrom: corpus.Date{Year: 2026, Month: 1, Day: 1}}, []string{"tt25-2025"}},
		{Query{EffectiveFrom: corpus.Date{Year: 2014, Month: 1, Day: 1}, EffectiveTo: corpus.Date{Year: 2020, Month: 12, Day: 31}}, []string{"ct38-2014", "nd30-2020"}},
		{Query{Status: corpus.ValidityExpired, EffectiveTo: corpus.Date{Year: 2020, Month: 1, Day: 1}}, []string{"ct38-2014"}},
	}
	for _, c := range cases {
		if got := ids(c.q); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.q, got, c.want)
		}
	}
	for _, c := range cases {
		if c.q.Text != "" {
			compareWithBleve(t, ix, "validity", c.q)
		}
	}
}
