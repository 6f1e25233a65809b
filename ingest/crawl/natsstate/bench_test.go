package natsstate

import (
	"context"
	"testing"
	"time"

	"vanthu/ingest/crawl"
	"vanthu/internal/natsembed"
)

// BenchmarkCrawlState crawls a loopback portal of 2,000 document pages (and
// 20 list pages of 100 links) with no delay, twice (everything new, then
// every page 304), on the bbolt state and on the key-value state (one
// server, and a three-server cluster with three replicas):
//
//	go test ./ingest/crawl/natsstate -run '^$' -bench CrawlState -benchtime 1x
func BenchmarkCrawlState(b *testing.B) {
	const lists, perList = 20, 100
	run := func(b *testing.B, st crawl.State) {
		site := newSite(b, lists, perList)
		cfg := crawl.DefaultConfig()
		cfg.State = st
		cfg.Sink = &memSink{}
		cfg.Delay, cfg.Jitter, cfg.OverrideDelay = 0, 0, true
		c, err := crawl.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		src := site.source()
		start := time.Now()
		rep, err := c.Run(context.Background(), src)
		first := time.Since(start)
		if err != nil || rep.Documents != lists*perList {
			b.Fatalf("run 1: %v, %d documents", err, rep.Documents)
		}
		start = time.Now()
		rep2, err := c.Run(context.Background(), src)
		second := time.Since(start)
		if err != nil || rep2.NotModified != lists*(perList+1) {
			b.Fatalf("run 2: %v, %d not modified", err, rep2.NotModified)
		}
		b.ReportMetric(float64(rep.Fetched)/first.Seconds(), "pages/s-first-run")
		b.ReportMetric(float64(rep2.Fetched)/second.Seconds(), "pages/s-304-run")
	}
	b.Run("bbolt", func(b *testing.B) {
		for range b.N {
			st, err := crawl.OpenBoltState(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			run(b, st)
		}
	})
	b.Run("kv-1", func(b *testing.B) {
		srv := startServer(b, "bench")
		nc := connect(b, srv.ClientURL())
		for i := range b.N {
			st, err := New(context.Background(), nc, Config{Name: "bench" + string(rune('a'+i%26))})
			if err != nil {
				b.Fatal(err)
			}
			run(b, st)
		}
	})
	b.Run("kv-3", func(b *testing.B) {
		if raceDetector {
			b.Skip("three replicating nats-servers: not under -race (a data race inside nats-server)")
		}
		servers, err := natsembed.StartCluster(b.TempDir(), "bench", 3)
		if err != nil {
			b.Fatal(err)
		}
		defer func() {
			for _, s := range servers {
				s.Stop()
			}
		}()
		nc := connect(b, servers[1].ClientURL())
		for i := range b.N {
			st, err := New(context.Background(), nc, Config{Name: "bench" + string(rune('a'+i%26)), Replicas: 3})
			if err != nil {
				b.Fatal(err)
			}
			run(b, st)
		}
	})
}
