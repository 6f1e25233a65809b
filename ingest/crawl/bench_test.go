package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/ingest"
)

// benchSite serves a portal of lists×perList document pages: list page i
// links its perList documents and list page i+1. Pages are generated, with
// an ETag, and nothing is logged, so the server adds no heap that grows with
// the crawl.
func benchSite(tb testing.TB, lists, perList int) *testSite {
	pad := strings.Repeat("<p>Thực hiện Quy chế quản lý thống nhất các hoạt động đối ngoại, Sở Ngoại vụ đề nghị các cơ quan, đơn vị gửi hồ sơ đoàn ra.</p>\n", 12)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body string
		switch {
		case strings.HasPrefix(r.URL.Path, "/ds/"):
			i, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/ds/"))
			if i >= lists {
				http.NotFound(w, r)
				return
			}
			var b strings.Builder
			b.WriteString("<html><body><div class='danh-sach'>")
			for j := 0; j < perList; j++ {
				fmt.Fprintf(&b, "<a class='tieu-de' href='/vb/%d.html'>Văn bản %d</a>\n", i*perList+j, i*perList+j)
			}
			fmt.Fprintf(&b, "</div><a href='/ds/%d'>Trang sau</a></body></html>", i+1)
			body = b.String()
		case strings.HasPrefix(r.URL.Path, "/vb/"):
			body = "<html><head><meta charset='utf-8'></head><body><h1 class='title-detail'>Công văn " + r.URL.Path +
				"</h1><table><tr><td>Số ký hiệu</td><td>" + strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/vb/"), ".html") +
				"/SNgV-VP</td></tr></table><div class='noi-dung'>" + pad + "</div></body></html>"
		default:
			http.NotFound(w, r)
			return
		}
		etag := `"` + strconv.Itoa(len(body)) + "-" + r.URL.Path + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return &testSite{t: tb, addrs: map[string]string{portal + ":80": srv.Listener.Addr().String()}}
}

// heapSink counts inputs and samples the live heap (after a GC) every
// `every` inputs.
type heapSink struct {
	mu    sync.Mutex
	n     int
	every int
	heap  []uint64 // bytes, one sample per `every` inputs
}

func (s *heapSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	if s.every > 0 && s.n%s.every == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		s.heap = append(s.heap, m.HeapAlloc)
	}
	return ingest.Result{Input: in.Name, Status: "stored"}, nil
}

func benchSource() Source {
	return Source{
		Name:  "bench",
		Start: []string{"http://" + portal + "/ds/0"},
		Links: LinkRules{
			List:     Rule{Patterns: []string{`/ds/\d+$`}},
			Document: Rule{Selectors: []string{".danh-sach a.tieu-de"}},
		},
		Page: PageRules{Mode: ModeSelectors, Title: "h1.title-detail", Number: `td:contains("Số ký hiệu") + td`},
	}
}

// BenchmarkCrawl10k crawls a local portal of 10,000 document pages (and 100
// list pages) with no delay: the first run (everything new), then a second
// run (every page 304). Heap is sampled after a GC every 1,000 documents;
// heap-growth-KB is the last sample minus the first, the memory that grew
// with the pages already seen.
//
//	go test ./ingest/crawl -run '^$' -bench Crawl10k -benchtime 1x
func BenchmarkCrawl10k(b *testing.B) {
	const lists, perList = 100, 100
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		site := benchSite(b, lists, perList)
		sink := &heapSink{every: 1000}
		cfg := DefaultConfig()
		cfg.DataDir = b.TempDir()
		cfg.Sink = sink
		cfg.Transport = site.transport()
		cfg.Delay, cfg.Jitter = 0, 0
		c, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep, err := c.Run(context.Background(), benchSource())
		first := time.Since(start)
		if err != nil || rep.Documents != lists*perList {
			b.Fatalf("run 1: %v, %d documents", err, rep.Documents)
		}
		start = time.Now()
		rep2, err := c.Run(context.Background(), benchSource())
		second := time.Since(start)
		b.StopTimer()
		if err != nil || rep2.NotModified != lists*perList+lists {
			b.Fatalf("run 2: %v, %d not modified", err, rep2.NotModified)
		}
		fi, _ := os.Stat(filepath.Join(cfg.DataDir, "crawl", "state.db"))
		c.Close()
		b.ReportMetric(float64(rep.Fetched)/first.Seconds(), "pages/s-first-run")
		b.ReportMetric(float64(rep2.Fetched)/second.Seconds(), "pages/s-304-run")
		h := sink.heap
		b.ReportMetric(float64(h[0])/(1<<20), "heap-MB-at-1k")
		b.ReportMetric(float64(h[len(h)-1])/(1<<20), "heap-MB-at-10k")
		b.ReportMetric((float64(h[len(h)-1])-float64(h[0]))/(1<<10), "heap-growth-KB")
		b.ReportMetric(float64(fi.Size())/(1<<20), "state-MB")
		b.Logf("heap samples every 1000 documents (MB): %s", mbList(h))
		b.StartTimer()
	}
}

func mbList(h []uint64) string {
	var s []string
	for _, v := range h {
		s = append(s, fmt.Sprintf("%.2f", float64(v)/(1<<20)))
	}
	return strings.Join(s, " ")
}
