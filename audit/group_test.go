package audit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"vanthu/audit"
)

// Appends made at once are written together; each must still get back the
// entry as written, and the chain must hold.
func TestConcurrentAppendsChain(t *testing.T) {
	l := openLog(t, t.TempDir())
	ctx := audit.WithActor(context.Background(), "lan")
	const n = 64
	got := make([]audit.Entry, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := l.Append(ctx, audit.Entry{Action: audit.ActionDocument, Kind: "document", ID: fmt.Sprint("d", i), After: "x"})
			if err != nil {
				t.Error(err)
			}
			got[i] = e
		}()
	}
	wg.Wait()
	if c, err := l.Verify(); err != nil || c != n {
		t.Fatalf("Verify = %d, %v; want %d, nil", c, err, n)
	}
	es, err := l.List(audit.Filter{})
	if err != nil || len(es) != n {
		t.Fatalf("List = %d entries, %v", len(es), err)
	}
	seen := map[int64]bool{}
	for i, e := range got {
		if e.Seq < 1 || e.Seq > n || seen[e.Seq] {
			t.Fatalf("Append %d returned seq %d", i, e.Seq)
		}
		seen[e.Seq] = true
		if w := es[e.Seq-1]; w != e || w.ID != fmt.Sprint("d", i) || w.Actor != "lan" {
			t.Errorf("Append %d returned %+v; the log holds %+v", i, e, w)
		}
	}
}

func TestAppendAfterClose(t *testing.T) {
	l := openLog(t, t.TempDir())
	l.Close()
	if _, err := l.Append(context.Background(), audit.Entry{Action: audit.ActionOther}); !errors.Is(err, audit.ErrClosed) {
		t.Fatalf("Append after Close = %v, want ErrClosed", err)
	}
}

// BenchmarkAppendParallel measures appends made at once, as an ingest
// storing many documents makes them.
func BenchmarkAppendParallel(b *testing.B) {
	l, err := audit.Open(audit.Config{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	ctx := context.Background()
	b.SetParallelism(64)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := l.Append(ctx, audit.Entry{Action: audit.ActionDocument, Kind: "document", ID: "d", After: "x"}); err != nil {
				b.Error(err)
			}
		}
	})
}
