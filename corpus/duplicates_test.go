package corpus_test

import (
	"reflect"
	"strings"
	"testing"

	"vanthu/corpus"
)

func numbered(id, number, issuer string, date corpus.Date) corpus.Document {
	p, _ := corpus.ParseNumber(number)
	return corpus.Document{ID: id, Kind: corpus.KindDocument, Number: p.Canonical, NumberKey: p.Key, Issuer: issuer, Date: date}
}

func TestSameIssue(t *testing.T) {
	d := func(y, m, dd int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: dd} }
	law := numbered("a", "100/2015/QH13", "Quốc hội", d(2015, 11, 27))
	cases := []struct {
		name string
		b    corpus.Document
		want bool
	}{
		{"same number, issuer and date", numbered("b", "100/2015/QH13", "QUỐC HỘI", d(2015, 11, 27)), true},
		{"date not read on one side, number with the year", numbered("b", "100/2015/qh13", "Quốc hội", corpus.Date{}), true},
		{"other date", numbered("b", "100/2015/QH13", "Quốc hội", d(2015, 12, 1)), false},
		{"other issuer", numbered("b", "100/2015/QH13", "Chính phủ", d(2015, 11, 27)), false},
		{"issuer unknown", numbered("b", "100/2015/QH13", "", d(2015, 11, 27)), false},
		{"other number", numbered("b", "101/2015/QH13", "Quốc hội", d(2015, 11, 27)), false},
	}
	for _, c := range cases {
		if got := corpus.SameIssue(law, c.b); got != c.want {
			t.Errorf("%s: SameIssue = %v, want %v", c.name, got, c.want)
		}
		if got := corpus.SameIssue(c.b, law); got != c.want {
			t.Errorf("%s (reversed): SameIssue = %v, want %v", c.name, got, c.want)
		}
	}
	// A number without a year (a công văn) needs the date on both sides:
	// the same running number comes back every year.
	cv := numbered("c", "507/UBND-KGVX", "Ủy ban nhân dân tỉnh Quảng Ngãi", d(2025, 1, 24))
	if corpus.SameIssue(cv, numbered("d", "507/UBND-KGVX", "UBND tỉnh Quảng Ngãi", corpus.Date{})) {
		t.Error("công văn without a date joined")
	}
}

func TestDuplicates(t *testing.T) {
	d := func(y, m, dd int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: dd} }
	text := strings.Repeat("Điều 1. Phạm vi điều chỉnh của Bộ luật này. ", 10)
	docs := []corpus.Document{
		numbered("blhs-pdf", "100/2015/QH13", "Quốc hội", corpus.Date{}),
		numbered("blhs-html", "100/2015/QH13", "Quốc hội", d(2015, 11, 27)),
		numbered("cv-2024", "11/TB-UBND", "UBND tỉnh Quảng Ninh", d(2024, 2, 20)),
		numbered("cv-2025", "11/TB-UBND", "UBND tỉnh Quảng Ninh", d(2025, 2, 20)),
		{ID: "hp-pdf", Kind: corpus.KindDocument, Title: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", Issuer: "Quốc hội", Date: d(2013, 11, 28)},
		{ID: "hp-html", Kind: corpus.KindDocument, Title: "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Issuer: "Quốc hội", Date: d(2013, 11, 28)},
		{ID: "news-1", Kind: corpus.KindNews, Text: text},
		{ID: "news-2", Kind: corpus.KindNews, Text: "  " + strings.ToUpper(text) + "\n"},
		{ID: "rec-1", Kind: corpus.KindRecord, Text: text},
	}
	var f corpus.Duplicates
	for _, x := range docs {
		f.Add(x)
	}
	want := []corpus.DuplicateGroup{
		{Reason: "number", IDs: []string{"blhs-html", "blhs-pdf"}},
		{Reason: "title", IDs: []string{"hp-html", "hp-pdf"}},
		{Reason: "text", IDs: []string{"news-1", "news-2"}},
	}
	if got := f.Groups(); !reflect.DeepEqual(got, want) {
		t.Errorf("Groups() = %+v\nwant %+v", got, want)
	}
}
