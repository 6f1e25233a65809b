package index_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"vanthu/corpus"
	"vanthu/index"
)

// An index is a view of documents: open one in a directory, index documents
// (from a corpus.Store in vanthu), search with or without diacritics. The
// words of a title are found as the text's are ("tăng cường" is only in the
// title of 4060-CV/BTCTU).
func Example() {
	dir, err := os.MkdirTemp("", "vanthu-index-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ix, err := index.Open(index.DefaultConfig(dir))
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	docs := []corpus.Document{
		{ID: "4060-cv-btctu", Number: "4060-CV/BTCTU", Type: "CV", Issuer: "Ban Tổ chức Thành ủy Hà Nội",
			Date: corpus.Date{Year: 2019, Month: 5, Day: 31}, Kind: corpus.KindDocument,
			Title: "V/v tăng cường quản lý đoàn ra", Text: "Mỗi đoàn không quá 07 người; không quá 03 nước."},
		{ID: "tin-hoi-nghi", Kind: corpus.KindNews, Title: "Hội nghị tổng kết công tác đối ngoại",
			Date: corpus.Date{Year: 2025, Month: 12, Day: 20}, Text: "Tổng kết công tác đối ngoại năm 2025."},
	}
	if err := ix.IndexBatch(ctx, docs); err != nil {
		log.Fatal(err)
	}
	for _, q := range []string{"không quá 07 người", "khong qua 07 nguoi", "tăng cường", "tang cuong", "4060 cv/btctu", "doi ngoai"} {
		res, err := ix.Search(ctx, index.Query{Text: q})
		if err != nil {
			log.Fatal(err)
		}
		if len(res.Hits) == 0 {
			fmt.Printf("%-18q 0\n", q)
			continue
		}
		fmt.Printf("%-18q %d: %s\n", q, res.Total, res.Hits[0].ID)
	}
	// Output:
	// "không quá 07 người" 1: 4060-cv-btctu
	// "khong qua 07 nguoi" 1: 4060-cv-btctu
	// "tăng cường"       1: 4060-cv-btctu
	// "tang cuong"       1: 4060-cv-btctu
	// "4060 cv/btctu"    1: 4060-cv-btctu
	// "doi ngoai"        1: tin-hoi-nghi
}
