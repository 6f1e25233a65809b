package register

import (
	"context"
	"sync"
	"testing"

	"vanthu/corpus/memstore"
)

// benchReg is a register of 10,000 generated trips (see BENCHMARKS.md).
var benchReg = sync.OnceValues(func() (*Register, error) {
	asOf := date("2026-12-01")
	r, err := Open(context.Background(), Config{Store: memstore.New(), Now: asOf.Time})
	if err != nil {
		return nil, err
	}
	for _, e := range Generate(GenConfig{N: 10000, Seed: 1, AsOf: asOf}) {
		if _, _, err := r.File(context.Background(), "gen", e, ""); err != nil {
			return nil, err
		}
	}
	return r, nil
})

func loadBench(b *testing.B) *Register {
	r, err := benchReg()
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkList10k: the register page's query, a year, a unit and a
// country, overdue first.
func BenchmarkList10k(b *testing.B) {
	r := loadBench(b)
	f := Filter{Year: 2026, Unit: "Sở Ngoại vụ tỉnh Quảng Ninh", Country: "Han Quoc", AsOf: date("2026-12-01"), Limit: 50}
	b.ResetTimer()
	for b.Loop() {
		if _, n := r.List(f); n == 0 {
			b.Fatal("nothing listed")
		}
	}
}

// BenchmarkListYear10k: a whole year, every trip with its next deadline.
func BenchmarkListYear10k(b *testing.B) {
	r := loadBench(b)
	f := Filter{Year: 2026, AsOf: date("2026-12-01")}
	for b.Loop() {
		if _, n := r.List(f); n == 0 {
			b.Fatal("nothing listed")
		}
	}
}

// BenchmarkStatsYear10k: a year's statistics over 10,000 trips.
func BenchmarkStatsYear10k(b *testing.B) {
	r := loadBench(b)
	from, to := Window(2026, "")
	for b.Loop() {
		if s := r.Stats(StatsOptions{From: from, To: to, AsOf: date("2026-12-01")}); s.Delegations == 0 {
			b.Fatal("no delegations")
		}
	}
}

// BenchmarkDue10k: every overdue or due-soon deadline.
func BenchmarkDue10k(b *testing.B) {
	r := loadBench(b)
	for b.Loop() {
		r.Due(DueOptions{AsOf: date("2026-12-01")})
	}
}

// BenchmarkOpen10k: rebuilding the view from 10,000 records.
func BenchmarkOpen10k(b *testing.B) {
	r := loadBench(b)
	for b.Loop() {
		if _, err := Open(context.Background(), Config{Store: r.store}); err != nil {
			b.Fatal(err)
		}
	}
}
