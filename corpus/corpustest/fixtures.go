package corpustest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"vanthu/corpus"
)

// fetched is a fixed provenance time, in Vietnam's zone as the crawler writes it.
var fetched = time.Date(2019, 6, 3, 9, 30, 0, 0, corpus.VietnamZone)

func date(t *testing.T, s string) corpus.Date {
	t.Helper()
	d, err := corpus.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// official builds an official document as the metadata extractor would.
func official(t *testing.T, number, issuer, day, title string) corpus.Document {
	t.Helper()
	n, ok := corpus.ParseNumber(number)
	if !ok {
		t.Fatalf("fixture number %q does not parse", number)
	}
	return corpus.Document{
		Kind:      corpus.KindDocument,
		Number:    n.Canonical,
		NumberKey: n.Key,
		Type:      n.Type,
		TypeName:  corpus.TypeName(n.Type),
		Issuer:    issuer,
		Date:      date(t, day),
		Title:     title,
		Text:      fmt.Sprintf("%s\nSố: %s\n%s\n", issuer, n.Canonical, title),
		Source: corpus.Version{
			MIME:      "text/plain; charset=utf-8",
			Source:    "seeds/" + n.Key + ".txt",
			FetchedAt: fetched,
			Extractor: "text",
			Status:    corpus.StatusOK,
			Quality:   1,
		},
	}
}

// news builds a news article keyed by its URL.
func news(url, title string) corpus.Document {
	return corpus.Document{
		Kind:  corpus.KindNews,
		Title: title,
		Text:  title + "\n\nNội dung bài viết.",
		Source: corpus.Version{
			MIME: "text/html", Source: url, FetchedAt: fetched,
			Extractor: "html/readability", Status: corpus.StatusOK, Quality: 0.9,
		},
	}
}

// wantID is the id a store must give doc stored from b.
func wantID(doc corpus.Document, b []byte) string {
	doc.Source.SHA256 = corpus.SHA256(b)
	doc.Source.Size = int64(len(b))
	return corpus.DocID(&doc)
}

func put(t *testing.T, s corpus.Store, b []byte, doc corpus.Document, want corpus.PutStatus) corpus.PutResult {
	t.Helper()
	r, err := s.Put(bg, b, doc)
	if err != nil {
		t.Fatalf("Put(%s): %v", doc.Label(), err)
	}
	if r.Status != want {
		t.Fatalf("Put(%s): status %q, want %q", doc.Label(), r.Status, want)
	}
	if r.ID != r.Document.ID {
		t.Fatalf("Put(%s): result id %q but document id %q", doc.Label(), r.ID, r.Document.ID)
	}
	return r
}

func get(t *testing.T, s corpus.Store, id string) corpus.Document {
	t.Helper()
	d, err := s.Get(bg, id)
	if err != nil {
		t.Fatalf("Get(%q): %v", id, err)
	}
	return d
}

func length(t *testing.T, s corpus.Store) int {
	t.Helper()
	n, err := s.Len(bg)
	if err != nil {
		t.Fatalf("Len: %v", err)
	}
	return n
}

func original(t *testing.T, s corpus.Store, sha string) []byte {
	t.Helper()
	rc, err := s.Original(bg, sha)
	if err != nil {
		t.Fatalf("Original(%s): %v", sha, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("Original(%s): read: %v", sha, err)
	}
	return b
}

func shas(vs []corpus.Version) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.SHA256)
	}
	return out
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameJSON compares two values through their JSON form, the form every store
// keeps, so time zones and monotonic clock readings do not matter.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, w := jsonOf(t, got), jsonOf(t, want)
	if !bytes.Equal(g, w) {
		t.Fatalf("%s differs:\ngot  %s\nwant %s", what, g, w)
	}
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
