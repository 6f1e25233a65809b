package review

import (
	"context"
	"fmt"
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
)

// BenchmarkQueue: the "Cần kiểm tra" list of 20,000 documents, half of them
// to check, built from the store (the first request, and every
// `vanthu review`) and then kept (every later request of the web desk).
func BenchmarkQueue(b *testing.B) {
	ctx := context.Background()
	ms := memstore.New()
	for i := range 20000 {
		d := scan(fmt.Sprintf("Số: ?/UBND\nbản %d", i))
		d.Source.Source = fmt.Sprintf("/tmp/scan-%d.pdf", i)
		if i%2 == 0 {
			d.Number, d.NumberKey, d.Kind = fmt.Sprintf("%d/UBND-KT", i+1), corpus.NumberKey(fmt.Sprintf("%d/UBND-KT", i+1)), corpus.KindDocument
			d.Date, d.Type, d.Signer.Name = corpus.Date{Year: 2025, Month: 1, Day: 1}, "CV", "A"
			d.Source.Pages = nil
		}
		d.ID = corpus.DocID(&d)
		if _, err := ms.Put(ctx, []byte(fmt.Sprint(i)), d); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			s, _ := NewStore(ctx, ms)
			if q, _ := s.Queue(ctx); len(q) != 10000 {
				b.Fatalf("%d on the queue", len(q))
			}
		}
	})
	b.Run("kept", func(b *testing.B) {
		s, _ := NewStore(ctx, ms)
		s.Queue(ctx)
		for b.Loop() {
			if q, _ := s.Queue(ctx); len(q) != 10000 {
				b.Fatalf("%d on the queue", len(q))
			}
		}
	})
}
