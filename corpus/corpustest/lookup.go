package corpustest

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"vanthu/corpus"
)

func testFindNumber(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a")
	r := put(t, s, []byte("a"), doc, corpus.PutStored)
	put(t, s, []byte("b"), official(t, "155/2020/NĐ-CP", "Chính phủ", "2020-12-31", "b"), corpus.PutStored)
	for _, q := range []string{"4060-CV/BTCTU", "4060 -cv/btctu", "Số 4060-CV/BTCTU", "số: 4060- CV / BTCTU", "4060-CV-BTCTU"} {
		got, err := s.FindNumber(bg, q)
		if err != nil {
			t.Fatalf("FindNumber(%q): %v", q, err)
		}
		if len(got) != 1 || got[0].ID != r.ID || got[0].Text != doc.Text {
			t.Fatalf("FindNumber(%q) = %d documents, want %q with its text", q, len(got), r.ID)
		}
	}
	for _, q := range []string{"155/2020/nd-cp", "155/2020/ND-CP", "Số: 155 /2020/NĐ-CP"} {
		if got, err := s.FindNumber(bg, q); err != nil || len(got) != 1 || got[0].Number != "155/2020/NĐ-CP" {
			t.Fatalf("FindNumber(%q) = %v, %v", q, got, err)
		}
	}
	for _, q := range []string{"4061-CV/BTCTU", "", "không phải số", "../../etc/passwd"} {
		if got, err := s.FindNumber(bg, q); err != nil || len(got) != 0 {
			t.Fatalf("FindNumber(%q) = %d documents, %v; want none, nil", q, len(got), err)
		}
	}
}

func testFindNumberNewestFirst(t *testing.T, s corpus.Store) {
	// Party numbers restart each term: one number, several documents.
	days := []string{"2016-03-07", "2021-01-15", "2011-06-01"}
	for i, d := range days {
		put(t, s, []byte{byte(i)}, official(t, "38-CT/TW", "Ban Bí thư", d, d), corpus.PutStored)
	}
	got, err := s.FindNumber(bg, "38-ct/tw")
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, d := range got {
		order = append(order, d.Date.String())
	}
	if want := []string{"2021-01-15", "2016-03-07", "2011-06-01"}; !slices.Equal(order, want) {
		t.Fatalf("FindNumber order %v, want newest first %v", order, want)
	}
}

func testHasOriginal(t *testing.T, s corpus.Store) {
	b := []byte("original")
	r := put(t, s, b, official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a"), corpus.PutStored)
	id, ok, err := s.HasOriginal(bg, corpus.SHA256(b))
	if err != nil || !ok || id != r.ID {
		t.Fatalf("HasOriginal = %q, %v, %v; want %q, true", id, ok, err, r.ID)
	}
	for _, sha := range []string{corpus.SHA256([]byte("other")), "", "xyz", "../../LOCK", corpus.SHA256(b)[:10]} {
		if id, ok, err := s.HasOriginal(bg, sha); err != nil || ok || id != "" {
			t.Fatalf("HasOriginal(%q) = %q, %v, %v; want absent", sha, id, ok, err)
		}
	}
}

func testOriginal(t *testing.T, s corpus.Store) {
	// Binary bytes, not UTF-8, with NULs and CRLF: kept to the byte.
	b := []byte("%PDF-1.7\r\n\x00\xff\xfe\x80 stamp \x1b\n")
	for i := 0; i < 70000; i++ { // larger than any single read buffer
		b = append(b, byte(i*31))
	}
	r := put(t, s, b, official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a"), corpus.PutStored)
	if got := original(t, s, r.Document.Source.SHA256); string(got) != string(b) {
		t.Fatalf("Original returned %d bytes differing from the %d stored", len(got), len(b))
	}
	for _, sha := range []string{corpus.SHA256([]byte("absent")), "", "../docs", "zz"} {
		if _, err := s.Original(bg, sha); !errors.Is(err, corpus.ErrNotFound) {
			t.Fatalf("Original(%q): %v, want ErrNotFound", sha, err)
		}
	}
}

func testVersionText(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a")
	r := put(t, s, []byte("a"), doc, corpus.PutStored)
	if vt, err := s.VersionText(bg, r.Document.Source.SHA256); err != nil || vt != doc.Text {
		t.Fatalf("VersionText = %q, %v", vt, err)
	}
	for _, sha := range []string{corpus.SHA256([]byte("absent")), "", "../docs"} {
		if _, err := s.VersionText(bg, sha); !errors.Is(err, corpus.ErrNotFound) {
			t.Fatalf("VersionText(%q): %v, want ErrNotFound", sha, err)
		}
	}
}

// putMany stores n distinct documents and returns their ids.
func putMany(t *testing.T, s corpus.Store, n int) []string {
	t.Helper()
	var ids []string
	for i := 0; i < n; i++ {
		d := official(t, fmt.Sprintf("%d-CV/BTCTU", 100+i), btctu, "2019-05-31", fmt.Sprint("công văn ", i))
		ids = append(ids, put(t, s, []byte(fmt.Sprint("bytes ", i)), d, corpus.PutStored).ID)
	}
	return ids
}

func testEach(t *testing.T, s corpus.Store) {
	ids := putMany(t, s, 25)
	put(t, s, []byte("rec"), corpus.Document{ID: "0-first", Kind: corpus.KindRecord, Text: "r", Source: corpus.Version{Status: corpus.StatusOK}}, corpus.PutStored)
	ids = append(ids, "0-first")
	slices.Sort(ids)
	var seen []string
	err := s.Each(bg, func(d corpus.Document) error {
		if d.Text == "" || len(d.Versions) != 1 {
			return fmt.Errorf("%s: Each gave a document without text or versions", d.ID)
		}
		seen = append(seen, d.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, ids) {
		t.Fatalf("Each order %v, want id order %v", seen, ids)
	}
}

func testEachStops(t *testing.T, s corpus.Store) {
	putMany(t, s, 5)
	stop := errors.New("stop here")
	calls := 0
	err := s.Each(bg, func(corpus.Document) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Fatalf("Each returned %v after %d calls; want fn's error after 2", err, calls)
	}
	// Nothing to walk: fn is never called.
	if err := s.Each(bg, func(corpus.Document) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

func testLen(t *testing.T, s corpus.Store) {
	if n := length(t, s); n != 0 {
		t.Fatalf("empty store: Len = %d", n)
	}
	putMany(t, s, 7)
	if n := length(t, s); n != 7 {
		t.Fatalf("Len = %d, want 7", n)
	}
}
