package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/index"
	"vanthu/register"
	"vanthu/web"
)

// BenchmarkTripsPages serves the register's pages over 10,000 generated
// trips: the register page (a year's filter, the first 200 lines, the
// yearly documents' deadlines), a trip's page (deadlines, check, trips to
// combine with), the statistics page, the pairs to combine of a year, and
// the list API.
func BenchmarkTripsPages(b *testing.B) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, corpus.VietnamZone) }
	reg, err := register.Open(ctx, register.Config{Store: memstore.New(), Now: now})
	if err != nil {
		b.Fatal(err)
	}
	trips := register.Generate(register.GenConfig{N: 10000, Seed: 1, AsOf: corpus.Date{Year: 2026, Month: 12, Day: 1}})
	for _, e := range trips {
		if _, _, err := reg.File(ctx, "bench", e, ""); err != nil {
			b.Fatal(err)
		}
	}
	cfg := web.DefaultConfig()
	cfg.Store, cfg.Search, cfg.Trips = memstore.New(), nilSearcher{}, reg
	h, err := web.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	items, _ := reg.List(register.Filter{Year: 2026, Limit: 1})
	for _, c := range []struct{ name, path string }{
		{"register-year", "/trips?year=2026"},
		{"register-unit", "/trips?unit=" + "Sở+Ngoại+vụ+tỉnh+Quảng+Ninh"},
		{"trip", "/trips/" + items[0].ID},
		{"stats-year", "/trips/stats?year=2026"},
		{"overlaps-year", "/trips/overlaps?year=2026"},
		{"api-list-country", "/api/trips?year=2026&country=Korea&limit=50"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: %d", c.path, rec.Code)
				}
				io.Copy(io.Discard, rec.Body)
			}
		})
	}
}

// nilSearcher answers no search: the register's pages do not search.
type nilSearcher struct{}

func (nilSearcher) Search(context.Context, index.Query) (index.Result, error) {
	return index.Result{}, nil
}
func (nilSearcher) Cites(context.Context, string) (index.CitesResult, error) {
	return index.CitesResult{}, nil
}
func (nilSearcher) CitedBy(context.Context, string) (index.CitesResult, error) {
	return index.CitesResult{}, nil
}
