package index

import (
	"context"
	"net/url"
	"os"
	"sort"
	"testing"
	"time"

	"vanthu/corpus"
)

func TestZZWebQueries(t *testing.T) {
	dir := os.Getenv("ZZ_DIR")
	if dir == "" {
		t.Skip()
	}
	cfg := DefaultConfig(dir)
	cfg.CacheResults = 0
	ix, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := []string{"q=đoàn+ra", "q=doan+ra+nuoc+ngoai", "q=quản+lý+hoạt+động+đối+ngoại", "q=hop+tac+quoc+te", "q=kinh+phí",
		"q=%22công+tác+nước+ngoài%22", "q=%22doan+ra%22", "q=%22hội+nhập+quốc+tế%22",
		"q=38-CT/TW", "q=chi+thi+38", "q=155/2020/nd-cp", "q=4060+cv+btctu",
		"q=đoàn+ra&limit=20", "q=ngoai+vu&sort=-date",
		"q=đoàn+ra&type=CV", "q=doan+vao&from=2019&to=2022", "q=kế+hoạch&issuer=Quảng+Ninh", "type=QĐ&sort=-date"}
	for _, s := range qs {
		v, _ := url.ParseQuery(s)
		q := Query{Text: v.Get("q"), Type: v.Get("type"), Issuer: v.Get("issuer"), Sort: v.Get("sort"), Facets: os.Getenv("ZZ_NOFACET") == "", Limit: 10}
		if v.Get("from") != "" {
			q.From = corpus.Date{Year: 2019, Month: 1, Day: 1}
			q.To = corpus.Date{Year: 2022, Month: 12, Day: 31}
		}
		var ds []time.Duration
		var tot uint64
		for i := 0; i < 15; i++ {
			st := time.Now()
			r, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(st))
			tot = r.Total
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		t.Logf("%-40s total %6d  min %6.1f  med %6.1f ms", s, tot, ms(ds[0]), ms(ds[7]))
	}
}
