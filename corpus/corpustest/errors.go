package corpustest

import (
	"context"
	"errors"
	"testing"

	"vanthu/corpus"
)

func testGetNotFound(t *testing.T, s corpus.Store) {
	put(t, s, []byte("a"), official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a"), corpus.PutStored)
	for _, id := range []string{"no-such-id", "", "../LOCK", "docs", "a/b", "4060-cv-btctu"} {
		if _, err := s.Get(bg, id); !errors.Is(err, corpus.ErrNotFound) {
			t.Fatalf("Get(%q): %v, want errors.Is ErrNotFound", id, err)
		}
	}
}

func testPutInvalid(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a")
	for _, b := range [][]byte{nil, {}} {
		if _, err := s.Put(bg, b, doc); !errors.Is(err, corpus.ErrInvalid) {
			t.Fatalf("Put with %d bytes: %v, want errors.Is ErrInvalid", len(b), err)
		}
	}
	for _, id := range []string{"bad\x00id", "bad\nid", "\xff\xfe"} {
		rec := corpus.Document{ID: id, Kind: corpus.KindRecord, Text: "x"}
		if _, err := s.Put(bg, []byte("x"), rec); !errors.Is(err, corpus.ErrInvalid) {
			t.Fatalf("Put of record id %q: %v, want errors.Is ErrInvalid", id, err)
		}
	}
	if n := length(t, s); n != 0 {
		t.Fatalf("invalid Puts stored %d documents", n)
	}
	if _, ok, _ := s.HasOriginal(bg, corpus.SHA256([]byte("x"))); ok {
		t.Fatal("an invalid Put left its original behind")
	}
}

func testIsolation(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a")
	doc.Recipients = []string{"Huyện ủy"}
	doc.Attrs = map[string]string{"k": "v"}
	doc.Source.Warnings = []string{"w"}
	b := []byte("bytes")
	r := put(t, s, b, doc, corpus.PutStored)
	want := jsonOf(t, get(t, s, r.ID))

	// Mutate everything the caller still holds.
	doc.Recipients[0] = "changed"
	doc.Attrs["k"] = "changed"
	doc.Source.Warnings[0] = "changed"
	b[0] = 'X'
	r.Document.Recipients[0] = "changed"
	r.Document.Versions[0].SHA256 = "changed"
	g := get(t, s, r.ID)
	g.Recipients[0] = "changed"
	g.Attrs["k"] = "changed"
	g.Versions[0].Warnings[0] = "changed"

	if got := jsonOf(t, get(t, s, r.ID)); string(got) != string(want) {
		t.Fatalf("stored document changed through a caller's value:\ngot  %s\nwant %s", got, want)
	}
	if o := original(t, s, corpus.SHA256([]byte("bytes"))); string(o) != "bytes" {
		t.Fatalf("stored original changed through the caller's slice: %q", o)
	}
}

func testContextCancelled(t *testing.T, s corpus.Store) {
	ctx := cancelled()
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a")
	if _, err := s.Put(ctx, []byte("a"), doc); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put with a cancelled context: %v, want context.Canceled", err)
	}
	if n := length(t, s); n != 0 {
		t.Fatalf("a cancelled Put stored %d documents", n)
	}
	r := put(t, s, []byte("a"), doc, corpus.PutStored)
	checks := map[string]error{}
	_, checks["Get"] = s.Get(ctx, r.ID)
	_, checks["FindNumber"] = s.FindNumber(ctx, "4060-CV/BTCTU")
	_, _, checks["HasOriginal"] = s.HasOriginal(ctx, r.Document.Source.SHA256)
	_, checks["Original"] = s.Original(ctx, r.Document.Source.SHA256)
	_, checks["VersionText"] = s.VersionText(ctx, r.Document.Source.SHA256)
	_, checks["Len"] = s.Len(ctx)
	checks["Each"] = s.Each(ctx, func(corpus.Document) error { return nil })
	for name, err := range checks {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v, want context.Canceled", name, err)
		}
	}
}

func testEachContext(t *testing.T, s corpus.Store) {
	putMany(t, s, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := s.Each(ctx, func(corpus.Document) error {
		calls++
		if calls == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 3 {
		t.Fatalf("Each after cancel: %v after %d calls; want context.Canceled after 3", err, calls)
	}
}

func testCloseTwice(t *testing.T, s corpus.Store) {
	put(t, s, []byte("a"), official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a"), corpus.PutStored)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := s.Put(bg, []byte("b"), official(t, "4061-CV/BTCTU", btctu, "2019-05-31", "b")); err == nil {
		t.Fatal("Put after Close succeeded")
	}
}
