package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/corpus/memstore"
)

func clock() func() time.Time {
	t := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Minute); return t }
}

func openLog(t *testing.T, dir string) *audit.Log {
	t.Helper()
	l, err := audit.Open(audit.Config{Dir: dir, Now: clock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func fill(t *testing.T, l *audit.Log, n int) {
	t.Helper()
	ctx := audit.WithActor(context.Background(), "lan")
	for i := 0; i < n; i++ {
		if _, err := l.Append(ctx, audit.Entry{Action: audit.ActionRecord, Kind: "trip", ID: "t" + string(rune('a'+i)), After: "x"}); err != nil {
			t.Fatal(err)
		}
	}
}

func lines(t *testing.T, l *audit.Log) [][]byte {
	b, err := os.ReadFile(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
}

func writeLines(t *testing.T, l *audit.Log, ls [][]byte) {
	if err := os.WriteFile(l.Path(), append(bytes.Join(ls, []byte("\n")), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestChainHoldsAndReopens(t *testing.T) {
	dir := t.TempDir()
	l := openLog(t, dir)
	fill(t, l, 3)
	l.Close()
	l = openLog(t, dir)
	fill(t, l, 2)
	n, err := l.Verify()
	if err != nil || n != 5 {
		t.Fatalf("Verify = %d, %v; want 5, nil", n, err)
	}
	es, err := l.List(audit.Filter{})
	if err != nil || len(es) != 5 {
		t.Fatalf("List = %d entries, %v", len(es), err)
	}
	for i, e := range es {
		if e.Seq != int64(i+1) || e.Actor != "lan" || e.Time.IsZero() {
			t.Errorf("entry %d = %+v", i, e)
		}
		if i > 0 && e.Prev != es[i-1].Hash {
			t.Errorf("entry %d does not link to %d", i+1, i)
		}
	}
}

func TestVerifyNamesTheAlteredEntry(t *testing.T) {
	cases := []struct {
		name   string
		alter  func(ls [][]byte) [][]byte
		seq    int64
		remove bool
	}{
		{"edited actor", func(ls [][]byte) [][]byte {
			ls[2] = bytes.Replace(ls[2], []byte(`"actor":"lan"`), []byte(`"actor":"minh"`), 1)
			return ls
		}, 3, false},
		{"edited and rehashed", func(ls [][]byte) [][]byte {
			var e audit.Entry
			json.Unmarshal(ls[1], &e)
			e.Actor = "minh"
			b, _ := json.Marshal(e) // hash left stale: someone cannot recompute it here either way
			ls[1] = b
			return ls
		}, 2, false},
		{"deleted", func(ls [][]byte) [][]byte { return append(ls[:1], ls[2:]...) }, 2, false},
		{"last cut off", func(ls [][]byte) [][]byte { return ls[:3] }, 4, false},
		{"not JSON", func(ls [][]byte) [][]byte { ls[0] = []byte("{oops"); return ls }, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := openLog(t, t.TempDir())
			fill(t, l, 4)
			writeLines(t, l, c.alter(lines(t, l)))
			_, err := l.Verify()
			var ce *audit.ChainError
			if !errors.As(err, &ce) || !errors.Is(err, audit.ErrTampered) {
				t.Fatalf("Verify = %v; want a ChainError", err)
			}
			if ce.Seq != c.seq {
				t.Errorf("Verify names entry %d (%v); want %d", ce.Seq, err, c.seq)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	l := openLog(t, t.TempDir())
	ctx := context.Background()
	l.Append(audit.WithActor(ctx, "lan"), audit.Entry{Action: audit.ActionRecord, Kind: "trip", ID: "2026-a"})
	l.Append(audit.WithActor(ctx, "minh"), audit.Entry{Action: audit.ActionDocument, Kind: "document", ID: "d1"})
	l.Append(ctx, audit.Entry{Actor: "minh", Action: audit.ActionLoginFailed})
	for _, c := range []struct {
		f    audit.Filter
		want int
	}{
		{audit.Filter{Actor: "MINH"}, 2},
		{audit.Filter{Kind: "trip"}, 1},
		{audit.Filter{ID: "d1"}, 1},
		{audit.Filter{Action: "login"}, 1},
		{audit.Filter{After: 1}, 2},
		{audit.Filter{Limit: 1}, 1},
		{audit.Filter{From: time.Date(2026, 3, 1, 8, 2, 0, 0, time.UTC)}, 2},
	} {
		es, err := l.List(c.f)
		if err != nil || len(es) != c.want {
			t.Errorf("List(%+v) = %d, %v; want %d", c.f, len(es), err, c.want)
		}
	}
}

func TestStoreLogsWrites(t *testing.T) {
	dir := t.TempDir()
	l := openLog(t, dir)
	s := &audit.Store{Backend: memstore.New(), Log: l}
	ctx := audit.WithActor(context.Background(), "lan")
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	r := corpus.Record{Kind: "trip", ID: "t1", Time: now, Data: json.RawMessage(`{"a":1}`)}
	if _, _, err := s.PutRecord(ctx, r, 0); err != nil {
		t.Fatal(err)
	}
	r.Data = json.RawMessage(`{"a":2}`)
	r2, _, err := s.PutRecord(ctx, r, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutRecord(ctx, r, -1); err != nil { // unchanged: no entry
		t.Fatal(err)
	}
	doc := corpus.Document{Kind: corpus.KindDocument, Text: "Công văn", Title: "Công văn"}
	doc.Source = corpus.Version{SHA256: corpus.SHA256([]byte("x")), Source: "file:x.txt"}
	if _, err := s.Put(ctx, []byte("x"), doc); err != nil {
		t.Fatal(err)
	}
	es, _ := l.List(audit.Filter{})
	if len(es) != 3 {
		t.Fatalf("%d entries, want 3: %+v", len(es), es)
	}
	if es[1].Before != es[0].After || es[1].After != r2.SHA256 || es[1].Version != 2 || es[1].Actor != "lan" {
		t.Errorf("second entry = %+v", es[1])
	}
	if es[2].Action != audit.ActionDocument || es[2].Status != string(corpus.PutStored) {
		t.Errorf("document entry = %+v", es[2])
	}
	if _, err := os.Stat(filepath.Join(dir, audit.HeadName)); err != nil {
		t.Error(err)
	}
}

// TestHistory finds a record's entries through the index, kept current
// across appends by this log and by another handle on the same file.
func TestHistory(t *testing.T) {
	dir := t.TempDir()
	l := openLog(t, dir)
	ctx := context.Background()
	l.Append(ctx, audit.Entry{Action: audit.ActionRecord, Kind: "trip", ID: "t1"})
	l.Append(ctx, audit.Entry{Action: audit.ActionDocument, Kind: "document", ID: "d1"})
	if es, err := l.History("trip", "t1", 0); err != nil || len(es) != 1 {
		t.Fatalf("History t1 = %v, %v", es, err)
	}
	other := openLog(t, dir)
	other.Append(ctx, audit.Entry{Action: audit.ActionRecord, Kind: "correction", ID: "d1"})
	l.Append(ctx, audit.Entry{Action: audit.ActionRecord, Kind: "trip", ID: "t1", Version: 2})
	es, err := l.History("", "d1", 0)
	if err != nil || len(es) != 2 || es[1].Kind != "correction" {
		t.Fatalf("History d1 = %+v, %v", es, err)
	}
	if es, _ := l.History("trip", "t1", 1); len(es) != 1 || es[0].Version != 2 {
		t.Errorf("History t1 limit 1 = %+v", es)
	}
	if es, _ := l.History("trip", "d1", 0); len(es) != 0 {
		t.Errorf("History of kind trip for d1 = %+v", es)
	}
	if n, err := l.Verify(); err != nil || n != 4 {
		t.Errorf("Verify = %d %v", n, err)
	}
}
