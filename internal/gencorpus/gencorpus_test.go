package gencorpus

import (
	"context"
	"reflect"
	"testing"
	"unicode/utf8"

	"vanthu/corpus"
)

func TestDeterministic(t *testing.T) {
	g, err := New(Config{Seed: 7, N: 50, TextBytes: 4096, CiteOutside: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := New(Config{Seed: 7, N: 50, TextBytes: 4096, CiteOutside: 0.3})
	for i := 0; i < 50; i++ {
		if !reflect.DeepEqual(g.Doc(i), g2.Doc(i)) {
			t.Fatalf("doc %d differs between two generators with the same seed", i)
		}
	}
	g3, _ := New(Config{Seed: 8, N: 50, TextBytes: 4096})
	if g.Doc(3).Text == g3.Doc(3).Text {
		t.Error("different seeds gave the same text")
	}
}

func TestDocuments(t *testing.T) {
	g, _ := New(Config{Seed: 1, N: 300, TextBytes: 4096, CiteOutside: 0.3})
	ids := map[string]bool{}
	keys := map[string]bool{}
	resolved := 0
	total := 0
	err := g.Each(context.Background(), func(d corpus.Document) error {
		if ids[d.ID] {
			t.Errorf("duplicate id %s", d.ID)
		}
		ids[d.ID] = true
		if d.NumberKey == "" || keys[d.NumberKey] {
			t.Errorf("%s: number %q key %q empty or duplicate", d.ID, d.Number, d.NumberKey)
		}
		keys[d.NumberKey] = true
		if n := len(d.Text); n < 4096 || n > 4096+400 {
			t.Errorf("%s: text is %d bytes, want about 4096", d.ID, n)
		}
		if !utf8.ValidString(d.Text) || corpus.NFC(d.Text) != d.Text {
			t.Errorf("%s: text is not valid NFC UTF-8", d.ID)
		}
		if d.Date.IsZero() || d.Issuer == "" || d.Type == "" || d.Title == "" {
			t.Errorf("%s: missing metadata: %+v", d.ID, d)
		}
		for _, c := range d.Citations {
			total++
			if keys[c.Key] {
				resolved++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if resolved == 0 || resolved == total {
		t.Errorf("citations: %d of %d resolve inside the corpus; want some of each", resolved, total)
	}
}

func TestBadConfig(t *testing.T) {
	if _, err := New(Config{N: -1}); err == nil {
		t.Error("negative N accepted")
	}
}
