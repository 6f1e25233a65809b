package generate

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: on a shared, loaded
// machine it measures the work a document costs, where wall time measures
// the queue for the CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Benchmarks of Render with fonts and templates loaded once (one Generator).
// The figures go to docs/benchmarks/generate.md; run
//
//	go test -run '^$' -bench . -benchmem ./generate/
func benchRender(b *testing.B, kind string, trip func() tripT, wantPages int) {
	for _, eng := range engines {
		b.Run(eng, func(b *testing.B) { benchEngine(b, eng, kind, trip, wantPages) })
	}
}

func benchEngine(b *testing.B, eng, kind string, trip func() tripT, wantPages int) {
	g := newTestGenerator(b, eng)
	t := trip()
	plan, err := g.Plan(context.Background(), kind, t)
	if err != nil {
		b.Fatal(err)
	}
	if wantPages > 0 && len(plan.Pages) != wantPages {
		b.Fatalf("%d pages, want %d", len(plan.Pages), wantPages)
	}
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := g.Render(context.Background(), kind, t); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - c0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/doc")
}

// oneLetter is a one-page công văn: the state trip without its appendix.
func oneLetter() tripT {
	t := stateTrip()
	t.Itinerary = t.Itinerary[:1]
	t.Itinerary[0].Sessions = nil
	t.Funding.Items = nil
	t.Members = t.Members[:1]
	t.CC = nil
	t.Purpose = "Trao đổi kinh nghiệm quản lý hoạt động đối ngoại địa phương."
	t.Funding.Note = ""
	t.Itinerary[0].Partner = ""
	t.Itinerary[0].City = ""
	t.Members[0].Unit = ""
	t.Recipients = []string{"UBND tỉnh Quảng Ninh"}
	t.Name = "Đoàn của Sở Ngoại vụ tỉnh Quảng Ninh"
	t.Contact = ""
	t.Invitation = ""
	return t
}

func BenchmarkLetter1Page(b *testing.B)   { benchRender(b, "proposal", oneLetter, 1) }
func BenchmarkLetter2Pages(b *testing.B)  { benchRender(b, "decision", stateTrip, 2) }
func BenchmarkReport2Pages(b *testing.B)  { benchRender(b, "report", shortReport, 2) }
func BenchmarkReport20Pages(b *testing.B) { benchRender(b, "report", longTrip, 20) }

// shortReport is a two-page report.
func shortReport() tripT {
	t := withActuals(stateTrip())
	t.Funding.Items = nil
	t.Report.Lessons = nil
	t.Report.Results = t.Report.Results[:1]
	t.Report.Proposals = t.Report.Proposals[:1]
	t.Itinerary[1].Sessions = nil
	t.Members = t.Members[:2]
	t.Report.Commitments = nil
	return t
}

func BenchmarkPlanOnly20Pages(b *testing.B) {
	g := newTestGenerator(b)
	t := longTrip()
	for i := 0; i < b.N; i++ {
		if _, err := g.Plan(context.Background(), "report", t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(Config{}); err != nil {
			b.Fatal(err)
		}
	}
}
