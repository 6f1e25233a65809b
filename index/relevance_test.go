package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/sharedtest"
)

// relevanceCase is one line of testdata/relevance.json: a query (with or
// without diacritics), the ids expected in its top k, the id expected first,
// ids that must not be returned at all. Ids "seed:NNN" name the seeds in
// ../shared/seeds; cases that need them are skipped when they are absent.
type relevanceCase struct {
	Query string   `json:"query"`
	Want  []string `json:"want"`
	K     int      `json:"k"`
	First string   `json:"first"`
	Not   []string `json:"not"`
}

var seedNumber = regexp.MustCompile(`(?m)^\s*Số:?\s+(\S+)\s*$`)

// seedDocuments builds Documents from the seed texts with a deliberately
// minimal parse (first line as title, a "Số ..." line as number): the
// metadata parser lives elsewhere and is not a dependency of this package.
func seedDocuments(t *testing.T) []corpus.Document {
	t.Helper()
	dir := os.Getenv("VANTHU_SHARED")
	if dir == "" {
		dir = filepath.Join(sharedtest.Root(t), "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
	var docs []corpus.Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := corpus.NFC(string(b))
		d := corpus.Document{ID: "seed:" + filepath.Base(f)[:3], Kind: corpus.KindNews, Text: text}
		for _, line := range strings.Split(text, "\n") {
			if l := strings.TrimSpace(line); len(l) > 20 {
				d.Title = l
				break
			}
		}
		if m := seedNumber.FindStringSubmatch(text); m != nil {
			if p, ok := corpus.ParseNumber(m[1]); ok {
				d.Kind, d.Number, d.NumberKey, d.Type = corpus.KindDocument, p.Canonical, p.Key, p.Type
			}
		}
		docs = append(docs, d)
	}
	return docs
}

func TestRelevance(t *testing.T) {
	ix, _ := fixtureIndex(t)
	seeds := seedDocuments(t)
	if err := ix.IndexBatch(context.Background(), seeds); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "relevance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []relevanceCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("testdata/relevance.json: %v", err)
	}
	for _, c := range cases {
		t.Run(c.Query, func(t *testing.T) {
			if len(seeds) == 0 && strings.Contains(strings.Join(append(c.Want, c.First), " "), "seed:") {
				t.Skip("seeds not found")
			}
			r := mustSearch(t, ix, Query{Text: c.Query, Limit: 20})
			got := ids(r)
			if c.First != "" && (len(got) == 0 || got[0] != c.First) {
				t.Errorf("first = %v, want %s", got, c.First)
			}
			k := c.K
			if k == 0 {
				k = 10
			}
			top := got[:min(k, len(got))]
			for _, w := range c.Want {
				if !slices.Contains(top, w) {
					t.Errorf("%s not in top %d: %v", w, k, got)
				}
			}
			for _, n := range c.Not {
				if slices.Contains(got, n) {
					t.Errorf("%s returned, want it excluded: %v", n, got)
				}
			}
		})
	}
}
