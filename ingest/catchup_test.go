package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/ingest"
)

// versionIndex is an in-memory VersionIndexer: id → full sha256 indexed.
type versionIndex struct {
	mu sync.Mutex
	v  map[string]string
}

func (x *versionIndex) Index(ctx context.Context, d corpus.Document) error {
	return x.IndexBatch(ctx, []corpus.Document{d})
}

func (x *versionIndex) IndexBatch(_ context.Context, ds []corpus.Document) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, d := range ds {
		x.v[d.ID] = d.Source.SHA256
	}
	return nil
}

func (x *versionIndex) Versions(context.Context) (map[string]string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := map[string]string{}
	for id, sha := range x.v {
		out[id] = sha[:16]
	}
	return out, nil
}

// TestCatchUp: documents stored without reaching the index (a process
// killed between the two), or indexed at an older version, are indexed by
// CatchUp; an ingest of the same original again reports it unchanged and
// CatchUp is what makes it searchable.
func TestCatchUp(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	ix := &versionIndex{v: map[string]string{}}
	ex := map[string]ingest.Extractor{ingest.FormatText: textExtractor{}}
	// A pipeline without an index stands for the process that died after
	// storing and before indexing.
	blind, err := ingest.New(ingest.Config{Store: st, Parser: lineParser{}, Extractors: ex})
	if err != nil {
		t.Fatal(err)
	}
	p, err := ingest.New(ingest.Config{Store: st, Parser: lineParser{}, Extractors: ex, Indexer: ix})
	if err != nil {
		t.Fatal(err)
	}
	in := func(i, v int) ingest.Input {
		return ingest.Input{Name: fmt.Sprintf("d%d.txt", i), Data: []byte(fmt.Sprintf("Số: %d/KH-UBND\nCơ quan: UBND tỉnh\nNgày: 2020-01-0%d\nbản %d", 10+i, 1+i%9, v))}
	}
	for i := range 3 {
		if _, err := p.Ingest(ctx, in(i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 3; i < 6; i++ {
		if _, err := blind.Ingest(ctx, in(i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	// A new version of document 1 stored but not indexed.
	if r, err := blind.Ingest(ctx, in(1, 2)); err != nil || r.Status != string(corpus.PutNewVersion) {
		t.Fatalf("new version: %+v %v", r, err)
	}
	if r, _ := p.Ingest(ctx, in(4, 1)); r.Status != string(corpus.PutUnchanged) {
		t.Fatalf("same bytes again: %s", r.Status)
	}
	g, err := ingest.CompareIndex(ctx, st, ix)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Missing) != 3 || len(g.Stale) != 1 || len(g.Extra) != 0 || g.OK() {
		t.Fatalf("gap before: %+v", g)
	}
	n, err := p.CatchUp(ctx, nil)
	if err != nil || n != 4 {
		t.Fatalf("CatchUp indexed %d: %v", n, err)
	}
	if g, _ := ingest.CompareIndex(ctx, st, ix); !g.OK() || g.Stored != 6 || g.Indexed != 6 {
		t.Fatalf("gap after: %+v", g)
	}
	ix.v["gone"] = strings.Repeat("a", 64)
	if g, _ := ingest.CompareIndex(ctx, st, ix); len(g.Extra) != 1 || g.Extra[0] != "gone" {
		t.Fatalf("extra: %+v", g)
	}
}
