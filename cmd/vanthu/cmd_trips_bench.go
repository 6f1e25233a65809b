package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/internal/machinespeed"
	tripreg "vanthu/register"
)

// tripsBench is the output of `vanthu bench trips --json`.
type tripsBench struct {
	Trips      int           `json:"trips"`
	Store      string        `json:"store"` // memory or the data directory
	FileMs     float64       `json:"file_ms"`
	OpenMs     float64       `json:"open_ms"` // rebuilding the view from the records
	ListMs     float64       `json:"list_filtered_ms"`
	ListYearMs float64       `json:"list_year_ms"`
	StatsMs    float64       `json:"stats_year_ms"`
	DueMs      float64       `json:"due_ms"`
	Listed     int           `json:"listed"`
	Stats      tripreg.Stats `json:"stats"`
	Machine    [2]string     `json:"machine"`
}

// benchTrips generates trips into a register and times what the register
// page and the statistics do (BENCHMARKS.md, "Trip register").
func benchTrips(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "bench trips", "[--n 10000] [--seed 1] [--as-of 2026-12-01] [--write] [--sheet FILE.xlsx|FILE.csv] [--runs 20] [--json]")
	n := fs.Int("n", 10000, "trips to generate")
	seed := fs.Uint64("seed", 1, "random seed (same seed, same trips)")
	asOfS := fs.String("as-of", "2026-12-01", "the day the trips' statuses and deadlines are those of")
	write := fs.Bool("write", false, "file the trips into the data directory's register (--data) instead of memory")
	sheet := fs.String("sheet", "", "also write the generated trips as a spreadsheet (.xlsx or .csv), for `trips import`")
	runs := fs.Int("runs", 20, "timed runs of each query (the median is reported)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	asOf, err := dateFlag("as-of", *asOfS)
	if err != nil || asOf.IsZero() {
		return usagef("--as-of %q: want YYYY-MM-DD", *asOfS)
	}
	if *runs < 1 {
		*runs = 1
	}
	trips := tripreg.Generate(tripreg.GenConfig{N: *n, Seed: *seed, AsOf: asOf})
	res := tripsBench{Trips: len(trips), Store: "memory"}
	res.Machine[0] = machinespeed.String()
	clock := func() time.Time { return asOf.Time().Add(10 * time.Hour) }
	var store corpus.RecordStore = memstore.New()
	var a *app
	if *write {
		if a, err = openApp(ctx, e, c.data, appOptions{write: true}); err != nil {
			return err
		}
		defer a.Close()
		rs, ok := a.store.(corpus.RecordStore)
		if !ok {
			return fmt.Errorf("bench trips: the store keeps no records")
		}
		store, res.Store = rs, c.data
	}
	reg, err := tripreg.Open(ctx, tripreg.Config{Store: store, Now: clock})
	if err != nil {
		return err
	}
	start := time.Now()
	for _, t := range trips {
		if _, _, err := reg.File(ctx, "bench", t, ""); err != nil {
			return err
		}
	}
	res.FileMs = ms(time.Since(start))
	start = time.Now()
	if reg, err = tripreg.Open(ctx, tripreg.Config{Store: store, Now: clock}); err != nil {
		return err
	}
	res.OpenMs = ms(time.Since(start))
	from, to := tripreg.Window(asOf.Year, "")
	filtered := tripreg.Filter{Year: asOf.Year, Unit: "Sở Ngoại vụ tỉnh Quảng Ninh", Country: "Han Quoc", Status: []tripreg.Status{tripreg.Returned, tripreg.Reported, tripreg.Settled}, AsOf: asOf, Limit: 50}
	res.ListMs = median(*runs, func() { _, res.Listed = reg.List(filtered) })
	res.ListYearMs = median(*runs, func() { reg.List(tripreg.Filter{Year: asOf.Year, AsOf: asOf, Limit: 50}) })
	res.StatsMs = median(*runs, func() { res.Stats = reg.Stats(tripreg.StatsOptions{From: from, To: to, AsOf: asOf}) })
	res.DueMs = median(*runs, func() { reg.Due(tripreg.DueOptions{AsOf: asOf}) })
	res.Machine[1] = machinespeed.String()
	if *sheet != "" {
		rows := reg.ExportRows(tripreg.Filter{})
		var buf bytes.Buffer
		if strings.ToLower(filepath.Ext(*sheet)) == ".xlsx" {
			err = tripreg.WriteXLSX(&buf, rows)
		} else {
			err = tripreg.WriteCSV(&buf, rows)
		}
		if err == nil {
			err = writeFileAtomic(*sheet, buf.Bytes())
		}
		if err != nil {
			return err
		}
	}
	if c.json {
		return encodeJSON(e.stdout, res)
	}
	b, _ := json.MarshalIndent(res.Stats.Reports, "", "")
	fmt.Fprintf(e.stdout, "%d chuyến (%s): vào sổ %.0f ms, dựng lại sổ từ bản ghi %.0f ms\n", res.Trips, res.Store, res.FileMs, res.OpenMs)
	fmt.Fprintf(e.stdout, "list có lọc (năm, đơn vị, nước, trạng thái): %.2f ms (%d chuyến); list cả năm: %.2f ms\n", res.ListMs, res.Listed, res.ListYearMs)
	fmt.Fprintf(e.stdout, "thống kê năm %d: %.2f ms (%d đoàn, %d lượt người; báo cáo %s); trips due: %.2f ms\n",
		asOf.Year, res.StatsMs, res.Stats.Delegations, res.Stats.PersonTrips, strings.ReplaceAll(string(b), "\n", " "), res.DueMs)
	fmt.Fprintf(e.stdout, "máy: %s / %s (median of %d runs)\n", res.Machine[0], res.Machine[1], *runs)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// median runs fn n times and returns the median duration in ms.
func median(n int, fn func()) float64 {
	ds := make([]float64, n)
	for i := range ds {
		start := time.Now()
		fn()
		ds[i] = ms(time.Since(start))
	}
	sort.Float64s(ds)
	return ds[n/2]
}
