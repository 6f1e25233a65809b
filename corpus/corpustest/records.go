package corpustest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"vanthu/corpus"
)

// RunRecords runs the conformance suite of corpus.RecordStore against the
// stores open returns. open must return a new, empty store each time.
func RunRecords(t *testing.T, open func(t *testing.T) corpus.RecordStore) {
	t.Helper()
	for _, c := range recordCases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

var recordCases = []struct {
	name string
	fn   func(t *testing.T, s corpus.RecordStore)
}{
	{"FirstVersion", testRecordFirstVersion},
	{"SameContentUnchanged", testRecordSameContent},
	{"VersionsKept", testRecordVersionsKept},
	{"CompareAndSet", testRecordCompareAndSet},
	{"NotFound", testRecordNotFound},
	{"Invalid", testRecordInvalid},
	{"EachInIDOrder", testRecordEach},
	{"Concurrent", testRecordConcurrent},
}

var t0 = time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)

func rec(kind, id, data string) corpus.Record {
	return corpus.Record{Kind: kind, ID: id, Author: "lan", Time: t0, Data: json.RawMessage(data)}
}

func testRecordFirstVersion(t *testing.T, s corpus.RecordStore) {
	r, wrote, err := s.PutRecord(bg, rec("trip", "qn-2026-001", `{"name": "Đoàn Sở Ngoại vụ", "members": 3}`), 0)
	if err != nil || !wrote || r.Version != 1 || r.SHA256 == "" {
		t.Fatalf("PutRecord = %+v, %v, %v; want version 1 written", r, wrote, err)
	}
	got, err := s.GetRecord(bg, "trip", "qn-2026-001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.Author != "lan" || !got.Time.Equal(t0) || got.SHA256 != r.SHA256 {
		t.Errorf("GetRecord = %+v, want %+v", got, r)
	}
	var v map[string]any
	if err := json.Unmarshal(got.Data, &v); err != nil || v["name"] != "Đoàn Sở Ngoại vụ" {
		t.Errorf("data = %s (%v)", got.Data, err)
	}
}

func testRecordSameContent(t *testing.T, s corpus.RecordStore) {
	if _, _, err := s.PutRecord(bg, rec("trip", "a", `{"x":1,"y":"b"}`), -1); err != nil {
		t.Fatal(err)
	}
	// The same content in another layout is the same version.
	r, wrote, err := s.PutRecord(bg, rec("trip", "a", "{ \"y\": \"b\",\n \"x\": 1 }"), -1)
	if err != nil || wrote || r.Version != 1 {
		t.Fatalf("same content again = %+v, %v, %v; want version 1, not written", r, wrote, err)
	}
}

func testRecordVersionsKept(t *testing.T, s corpus.RecordStore) {
	for i := 1; i <= 3; i++ {
		r := rec("correction", "doc-1", fmt.Sprintf(`{"number":"%d/UBND-NV"}`, i))
		r.Time = t0.Add(time.Duration(i) * time.Hour)
		r.Author = fmt.Sprintf("user%d", i)
		got, wrote, err := s.PutRecord(bg, r, i-1)
		if err != nil || !wrote || got.Version != i {
			t.Fatalf("put %d = %+v, %v, %v", i, got, wrote, err)
		}
	}
	vs, err := s.RecordVersions(bg, "correction", "doc-1")
	if err != nil || len(vs) != 3 {
		t.Fatalf("RecordVersions = %d, %v; want 3", len(vs), err)
	}
	for i, v := range vs {
		if v.Version != i+1 || v.Author != fmt.Sprintf("user%d", i+1) || string(v.Data) != fmt.Sprintf(`{"number":"%d/UBND-NV"}`, i+1) {
			t.Errorf("version %d = %+v %s", i+1, v, v.Data)
		}
	}
	cur, _ := s.GetRecord(bg, "correction", "doc-1")
	if cur.Version != 3 {
		t.Errorf("current version = %d, want 3", cur.Version)
	}
}

func testRecordCompareAndSet(t *testing.T, s corpus.RecordStore) {
	if _, _, err := s.PutRecord(bg, rec("trip", "a", `{"v":1}`), 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutRecord(bg, rec("trip", "a", `{"v":2}`), 0); !errors.Is(err, corpus.ErrConflict) {
		t.Errorf("create over an existing record: %v, want ErrConflict", err)
	}
	if _, _, err := s.PutRecord(bg, rec("trip", "a", `{"v":2}`), 5); !errors.Is(err, corpus.ErrConflict) {
		t.Errorf("stale version: %v, want ErrConflict", err)
	}
	if r, _, err := s.PutRecord(bg, rec("trip", "a", `{"v":2}`), 1); err != nil || r.Version != 2 {
		t.Errorf("right version: %+v, %v", r, err)
	}
}

func testRecordNotFound(t *testing.T, s corpus.RecordStore) {
	if _, err := s.GetRecord(bg, "trip", "none"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("GetRecord missing: %v", err)
	}
	if _, err := s.RecordVersions(bg, "trip", "none"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("RecordVersions missing: %v", err)
	}
	n := 0
	if err := s.EachRecord(bg, "trip", func(corpus.Record) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("EachRecord of an empty kind: %d, %v", n, err)
	}
}

func testRecordInvalid(t *testing.T, s corpus.RecordStore) {
	bad := []corpus.Record{
		rec("Trip", "a", `{}`),
		rec("", "a", `{}`),
		rec("trip", "", `{}`),
		rec("trip", "a", `{not json`),
		{Kind: "trip", ID: "a", Data: json.RawMessage(`{}`)}, // no time
	}
	for _, r := range bad {
		if _, _, err := s.PutRecord(bg, r, -1); !errors.Is(err, corpus.ErrInvalid) {
			t.Errorf("PutRecord(%q, %q, %s) = %v, want ErrInvalid", r.Kind, r.ID, r.Data, err)
		}
	}
	ctx, cancel := context.WithCancel(bg)
	cancel()
	if _, _, err := s.PutRecord(ctx, rec("trip", "a", `{}`), -1); err == nil {
		t.Error("PutRecord with a cancelled context succeeded")
	}
}

func testRecordEach(t *testing.T, s corpus.RecordStore) {
	ids := []string{"c", "a/b", "B", "Đoàn 1", "a"}
	for _, id := range ids {
		if _, _, err := s.PutRecord(bg, rec("trip", id, `{"v":1}`), -1); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.PutRecord(bg, rec("trip", "a", `{"v":2}`), -1); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutRecord(bg, rec("user", "z", `{}`), -1); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := s.EachRecord(bg, "trip", func(r corpus.Record) error {
		got = append(got, r.ID)
		if r.ID == "a" && r.Version != 2 {
			t.Errorf("EachRecord gave version %d of a, want the current 2", r.Version)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"B", "a", "a/b", "c", "Đoàn 1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("EachRecord ids = %q, want %q", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachRecord(bg, "trip", func(corpus.Record) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachRecord stop: %d calls, %v", n, err)
	}
}

func testRecordConcurrent(t *testing.T, s corpus.RecordStore) {
	// Eight writers each add a version with compare-and-set, retrying on
	// conflict: every version is kept once, none is lost.
	const writers = 8
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				cur := 0
				if r, err := s.GetRecord(bg, "trip", "shared"); err == nil {
					cur = r.Version
				}
				_, _, err := s.PutRecord(bg, rec("trip", "shared", fmt.Sprintf(`{"writer":%d}`, w)), cur)
				if err == nil {
					return
				}
				if !errors.Is(err, corpus.ErrConflict) {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	vs, err := s.RecordVersions(bg, "trip", "shared")
	if err != nil || len(vs) != writers {
		t.Fatalf("versions = %d, %v; want %d", len(vs), err, writers)
	}
}
