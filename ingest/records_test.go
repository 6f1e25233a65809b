package ingest_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"vanthu/ingest"
)

// A line over 16 MiB is reported as that record's error and the records
// after it are still read, to the last one (with or without a newline).
func TestIngestRecordsLongLineDoesNotStopTheFile(t *testing.T) {
	p, st, _ := newPipeline(t, nil)
	long := `{"id":"huge","text":"` + strings.Repeat("đoàn ra ", (16<<20)/9+1000) + `"}`
	in := io.MultiReader(
		strings.NewReader(`{"id":"r1","title":"Một","text":"Bản ghi một"}`+"\n"),
		strings.NewReader(long+"\n"),
		strings.NewReader(`{"id":"r3","title":"Ba","text":"Bản ghi ba"}`+"\n\n"),
		strings.NewReader(`{"id":"r4","title":"Bốn","text":"Bản ghi bốn"}`),
	)
	var rs []ingest.Result
	if err := p.IngestRecords(context.Background(), "big.jsonl", in, func(r ingest.Result) { rs = append(rs, r) }); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 {
		t.Fatalf("got %d results, want 4: %+v", len(rs), rs)
	}
	if rs[1].Status != "error" || !strings.Contains(rs[1].Error, "big.jsonl:2") || !strings.Contains(rs[1].Error, "16 MiB") {
		t.Errorf("long line: %+v", rs[1])
	}
	for i, id := range map[int]string{0: "r1", 2: "r3", 3: "r4"} {
		if rs[i].Status != "stored" || rs[i].ID != id {
			t.Errorf("record %d: %+v", i+1, rs[i])
		}
	}
	if !strings.Contains(rs[3].Input, "big.jsonl:5") {
		t.Errorf("line numbers: %s", rs[3].Input)
	}
	if _, err := st.Get(context.Background(), "huge"); err == nil {
		t.Error("the overlong record was stored")
	}
}

// A line of exactly the limit is still a record.
func TestIngestRecordsLineAtLimit(t *testing.T) {
	p, _, _ := newPipeline(t, nil)
	head, tail := `{"id":"edge","text":"`, `"}`
	line := head + strings.Repeat("a", 16<<20-len(head)-len(tail)) + tail
	var rs []ingest.Result
	err := p.IngestRecords(context.Background(), "edge.jsonl", strings.NewReader(line+"\n"+line[:len(line)-3]+`b"}`+"\n"), func(r ingest.Result) { rs = append(rs, r) })
	if err != nil || len(rs) != 2 || rs[0].Status != "stored" || rs[1].Status == "error" {
		t.Fatalf("%v %+v", err, rs)
	}
}
