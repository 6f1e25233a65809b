package filestore

import (
	"context"
	"fmt"
	"testing"

	"vanthu/corpus"
)

var bg = context.Background()

// sample builds an official document as the metadata extractor would, with
// text and bytes that depend on i and variant.
func sample(t testing.TB, i, variant int) ([]byte, corpus.Document) {
	t.Helper()
	n, ok := corpus.ParseNumber(fmt.Sprintf("%d-CV/BTCTU", 4000+i))
	if !ok {
		t.Fatalf("number %d does not parse", i)
	}
	d, _ := corpus.NewDate(2019, 5, 1+i%28)
	doc := corpus.Document{
		Kind: corpus.KindDocument, Number: n.Canonical, NumberKey: n.Key, Type: "CV", TypeName: "Công văn",
		Issuer: "Ban Tổ chức Thành ủy Hà Nội", ParentIssuer: "Thành ủy Hà Nội", Place: "Hà Nội", Date: d,
		Title:      fmt.Sprintf("V/v thực hiện quy định về đoàn ra số %d", i),
		Recipients: []string{"Các huyện ủy, quận ủy, thị ủy", "Các đảng ủy trực thuộc Thành ủy"},
		Text:       fmt.Sprintf("THÀNH ỦY HÀ NỘI\nBAN TỔ CHỨC\nSố %s\nbản %d\nKính gửi: các đơn vị\n", n.Canonical, variant),
		Source: corpus.Version{
			MIME: "application/pdf", Source: fmt.Sprintf("seeds/%d.pdf", i), Extractor: "pdftext/1 (text layer)",
			Status: corpus.StatusOK, Quality: 0.98,
		},
	}
	return []byte(fmt.Sprintf("%%PDF-1.4 document %d variant %d", i, variant)), doc
}

func mustPut(t testing.TB, s *Store, b []byte, d corpus.Document) corpus.PutResult {
	t.Helper()
	r, err := s.Put(bg, b, d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
