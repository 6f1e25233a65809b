package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"vanthu/corpus"
)

// A title's words are words of its document: found as words (syllable
// pairs, phrases), in queries whose words must all match, with and without
// diacritics, though the text never says them; and a document that says a
// word in its title ranks above one that only says it in its text.
func TestTitleWords(t *testing.T) {
	ix, _ := openTemp(t)
	docs := []corpus.Document{
		{ID: "title", Kind: corpus.KindDocument, Number: "4060-CV/BTCTU", Title: "V/v tăng cường quản lý đoàn ra",
			Text: "Mỗi đoàn không quá 07 người; không quá 03 nước."},
		{ID: "text", Kind: corpus.KindDocument, Title: "Về việc tổ chức hội nghị",
			Text: "Tăng cường quản lý các hội nghị quốc tế. Mỗi hội nghị báo cáo kết quả."},
		{ID: "record", Kind: corpus.KindRecord, Title: "Thủ tục cấp hộ chiếu công vụ", Text: "Hồ sơ gồm tờ khai và ảnh."},
		{ID: "other", Kind: corpus.KindNews, Title: "Tin hội nghị", Text: "Quản lý hội nghị, tăng trưởng kinh tế, cường độ."},
	}
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want []string // in this order, and no other
	}{
		// "other" holds the syllables apart: after the two that hold the word.
		{"tăng cường", []string{"title", "text", "other"}},
		{"tang cuong", []string{"title", "text", "other"}},
		{`"tăng cường quản lý"`, []string{"title", "text"}},
		{"quản lý đoàn ra", []string{"title"}},
		{"quan ly doan ra", []string{"title"}},
		{"đoàn ra", []string{"title"}},
		{"hộ chiếu công vụ", []string{"record"}},
		{"ho chieu cong vu", []string{"record"}},
		{`"thủ tục cấp hộ chiếu"`, []string{"record"}},
		{"tổ chức hội nghị", []string{"text"}},
	} {
		r := mustSearch(t, ix, Query{Text: c.q})
		if got := ids(r); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.q, got, c.want)
		}
	}
	// The snippet is cut from the text, never from the title.
	r := mustSearch(t, ix, Query{Text: "đoàn ra"})
	if len(r.Hits) != 1 || strings.Contains(r.Hits[0].Snippet, "V/v") || r.Hits[0].Title != docs[0].Title {
		t.Errorf("hits %+v: want the title as the title, a snippet of the text", r.Hits)
	}
}
