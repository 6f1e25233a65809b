package filestore

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vanthu/corpus"
)

// Benchmarks for docs/benchmarks/store.md. Run:
//
//	VANTHU_BENCH_DIR=/tmp/vanthu-bench go test -run '^$' -bench . -benchtime 5x -timeout 60m ./corpus/filestore/
//
// Stores for Open are built once per size (without fsync, which only makes
// the build slower) and removed by TestMain unless VANTHU_BENCH_DIR keeps them.

var benchStores = struct {
	sync.Mutex
	dirs map[int]string
}{dirs: map[int]string{}}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range benchStores.dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// benchDoc is a realistic công văn: ~40 KB original, ~8 KB of text, the
// recipients, citations and rules the extractor finds in the seeds.
func benchDoc(i int, rng *rand.Rand) ([]byte, corpus.Document) {
	num := fmt.Sprintf("%d-CV/BTCTU", i)
	d, _ := corpus.NewDate(2000+i%25, 1+i%12, 1+i%28)
	b := make([]byte, 40<<10)
	for j := range b {
		b[j] = byte(rng.Uint32())
	}
	copy(b, fmt.Sprintf("%%PDF-1.4 %d ", i))
	text := strings.Repeat(fmt.Sprintf("Thực hiện Quy định số 1542-QĐ/TU về quản lý đoàn ra, văn bản %d. ", i), 110)
	doc := corpus.Document{
		Kind: corpus.KindDocument, Number: num, NumberKey: corpus.NumberKey(num), Type: "CV", TypeName: "Công văn",
		Issuer: "Ban Tổ chức Thành ủy Hà Nội", ParentIssuer: "Thành ủy Hà Nội", Place: "Hà Nội", Date: d,
		Title:      "V/v thực hiện quy định về quản lý đoàn ra nước ngoài",
		Recipients: []string{"Các huyện ủy, quận ủy, thị ủy", "Các đảng ủy trực thuộc Thành ủy", "Các ban, đơn vị", "Văn phòng Thành ủy"},
		CC:         []string{"Như kính gửi", "Thường trực Thành ủy (để báo cáo)", "Lưu VT"},
		Signer:     corpus.Signer{Authority: "TM.", Title: "Trưởng ban", Name: "Vũ Đức Bảo"},
		ESign:      &corpus.ESign{Signer: "Ban Tổ chức Thành ủy", Email: "btctu@hanoi.gov.vn", Org: "Thành ủy Hà Nội", Time: "2019-05-31T15:01:05+07:00"},
		Citations: []corpus.Citation{
			{Number: "1542-QĐ/TU", Key: "1542-QD-TU", Type: "QĐ", Date: corpus.Date{Year: 2016, Month: 12, Day: 7}, Quote: "Quyết định số 1542 -QĐ/TU, ngày 07/12/2016"},
			{Number: "38-CT/TW", Key: "38-CT-TW", Type: "CT", Date: corpus.Date{Year: 2014, Month: 7, Day: 21}, Issuer: "Bộ Chính trị", Quote: "Chỉ thị số 38-CT/TW, ngày 21/7/2014 của Bộ Chính trị"},
			{Number: "162-KH/TU", Key: "162-KH-TU", Type: "KH", Date: corpus.Date{Year: 2018, Month: 1, Day: 9}, Quote: "Kế hoạch số 162- KH/TU ngày 9/1/2018"},
		},
		Rules: []corpus.Rule{
			{Kind: corpus.RuleMembersPerDelegation, Limit: 7, Unit: "person", Quote: "không quá 07 người/đoàn"},
			{Kind: corpus.RuleDaysPerCountry, Limit: 3, Unit: "day", Quote: "Mỗi nước thăm không quá 03 ngày"},
			{Kind: corpus.RuleCountriesPerTrip, Limit: 3, Unit: "country", Quote: "không đi quá 03 nước"},
			{Kind: corpus.RuleReportDeadline, Limit: 10, Unit: "day", Quote: "chậm nhất trong 10 ngày"},
		},
		Spans: map[string]corpus.Span{"number": {Line: 4, Offset: 80, Len: 13}, "date": {Line: 5, Offset: 120, Len: 30}},
		Text:  text,
		Source: corpus.Version{
			MIME: "application/pdf", Source: fmt.Sprintf("https://btctu.hanoi.gov.vn/van-ban/%d.pdf", i),
			FetchedAt: time.Date(2024, 3, 1, 8, 0, 0, 0, corpus.VietnamZone), Extractor: "pdftext/1 (text layer)",
			Status: corpus.StatusOK, Quality: 0.97,
			Pages: []corpus.Page{{Number: 1, Source: "text", Quality: 0.97, Chars: 4200}, {Number: 2, Source: "text", Quality: 0.97, Chars: 4100}},
		},
	}
	return b, doc
}

// benchStore returns a store directory holding n documents with full
// metadata but 1 KiB originals and short texts: Open reads only docs/*.json
// and lists objects/, so the size of originals does not change its cost and
// 100,000 documents stay within a few hundred MB of disk. With
// VANTHU_BENCH_DIR set, stores are kept there between runs.
func benchStore(b *testing.B, n int) string {
	benchStores.Lock()
	defer benchStores.Unlock()
	if d, ok := benchStores.dirs[n]; ok {
		return d
	}
	var dir string
	if keep := os.Getenv("VANTHU_BENCH_DIR"); keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("docs-%d", n))
		if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
			return dir
		}
		os.RemoveAll(dir)
	} else {
		d, err := os.MkdirTemp("", fmt.Sprintf("vanthu-bench-%d-", n))
		if err != nil {
			b.Fatal(err)
		}
		dir = d
		benchStores.dirs[n] = dir
	}
	s, err := Open(Config{Dir: dir, noSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(uint64(n), 0))
	start := time.Now()
	for i := 0; i < n; i++ {
		_, doc := benchDoc(i, rng)
		doc.Text = doc.Text[:200]
		raw := []byte(fmt.Sprintf("%%PDF-1.4 %d %s", i, strings.Repeat("x", 1000)))
		if _, err := s.Put(bg, raw, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built %d documents in %v (no fsync)", n, time.Since(start).Round(time.Millisecond))
	if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// cpuTime is the user+system time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		for _, ro := range []bool{false, true} {
			name := fmt.Sprintf("docs=%d/writer", n)
			if ro {
				name = fmt.Sprintf("docs=%d/read-only", n)
			}
			b.Run(name, func(b *testing.B) {
				dir := benchStore(b, n)
				var heap uint64
				var cpu time.Duration
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					c0 := cpuTime()
					b.StartTimer()
					s, err := Open(Config{Dir: dir, ReadOnly: ro})
					if err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					cpu += cpuTime() - c0
					runtime.GC()
					runtime.ReadMemStats(&after)
					heap = after.HeapAlloc - before.HeapAlloc
					if l, _ := s.Len(bg); l != n {
						b.Fatalf("Len = %d, want %d", l, n)
					}
					s.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(heap)/float64(n), "index-B/doc")
				// CPU time (user+system, all threads) is reported beside wall
				// time because the machine the figures come from may be shared.
				b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// BenchmarkPut stores new documents with every fsync, as ingest does.
func BenchmarkPut(b *testing.B) {
	for _, sync := range []bool{true, false} {
		name := "fsync"
		if !sync {
			name = "no-fsync"
		}
		b.Run(name, func(b *testing.B) {
			s, err := Open(Config{Dir: b.TempDir(), noSync: !sync})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(1, 1))
			raws := make([][]byte, b.N)
			docs := make([]corpus.Document, b.N)
			for i := range docs {
				raws[i], docs[i] = benchDoc(i, rng)
			}
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if _, err := s.Put(bg, raws[i], docs[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
		})
	}
}

// BenchmarkPutUnchanged is re-ingesting a folder already stored.
func BenchmarkPutUnchanged(b *testing.B) {
	s, err := Open(Config{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	raw, doc := benchDoc(1, rand.New(rand.NewPCG(1, 1)))
	if _, err := s.Put(bg, raw, doc); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, err := s.Put(bg, raw, doc); err != nil || r.Status != corpus.PutUnchanged {
			b.Fatal(r.Status, err)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	dir := benchStore(b, 10000)
	s, err := Open(Config{Dir: dir, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ids, _ := s.ids()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Get(bg, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindNumber(b *testing.B) {
	dir := benchStore(b, 10000)
	s, err := Open(Config{Dir: dir, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if got, err := s.FindNumber(bg, fmt.Sprintf("%d -cv/btctu", i%10000)); err != nil || len(got) != 1 {
			b.Fatal(len(got), err)
		}
	}
}
