//go:build unix

package index

import (
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

// BenchmarkBatch indexes one batch of 500 generated documents into a fresh
// index, through the mapping's analyzers (every body field analysed on its
// own, the way bleve would) and through bleveDocument's one pass, which
// also counts the restoration statistics. Run with
// -cpu 1 to compare the CPU each needs:
//
//	go test -run '^$' -bench Batch -benchtime 30x -cpu 1 ./index/
func BenchmarkBatch(b *testing.B) {
	g, err := gencorpus.New(gencorpus.Config{Seed: 1, N: 500, TextBytes: 4096, CiteOutside: 0.3})
	if err != nil {
		b.Fatal(err)
	}
	var docs []corpus.Document
	for i := 0; i < g.Len(); i++ {
		docs = append(docs, g.Doc(i))
	}
	m, err := newMapping()
	if err != nil {
		b.Fatal(err)
	}
	ix := &Index{mapping: m}
	for _, mode := range []string{"mapping", "onepass"} {
		b.Run(mode, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				idx, err := bleve.NewUsing(b.TempDir()+"/index", m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
					map[string]interface{}{"unsafe_batch": true})
				if err != nil {
					b.Fatal(err)
				}
				batch := idx.NewBatch()
				stats := newRestoreStats()
				for j := range docs {
					d := &docs[j]
					if mode == "mapping" {
						f := documentFields(d)
						txt := corpus.NFC(d.Text)
						f[fText] = txt
						err = batch.Index(d.ID, f)
					} else {
						doc, derr := ix.bleveDocument(d, stats)
						if err = derr; err == nil {
							err = batch.IndexAdvanced(doc)
						}
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				c0 := cpuTime()
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
				b.StopTimer()
				idx.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/doc")
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*len(docs)), "cpu-µs/doc")
		})
	}
}
