package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"vanthu/check"
	"vanthu/trip"
)

// BenchmarkCheck checks the Hà Nội Party example with a Checker built once
// (as the web server would).
func BenchmarkCheck(b *testing.B) {
	tr, err := trip.Load(filepath.Join("..", "examples", "trips", "hn-btctu-trung-quoc-dat.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := check.New(check.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	opts := check.Options{Today: exampleToday}
	b.ReportAllocs()
	for b.Loop() {
		if rep := c.Check(tr, opts); rep.Failed() {
			b.Fatal("failed")
		}
	}
}

// BenchmarkRun includes parsing the embedded rule files on each call (what
// `vanthu check` does once per process).
func BenchmarkRun(b *testing.B) {
	tr, err := trip.Load(filepath.Join("..", "examples", "trips", "bgddt-vkhgd-nop-ho-so-muon.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		check.Run(tr, check.Options{Today: exampleToday})
	}
}

func BenchmarkParseTrip(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "trips", "qn-snv-nhat-han-dat.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := trip.Parse(data, "qn.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
