package index

import (
	"context"
	"os"
	"testing"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("ZZ_DIR")
	if dir == "" {
		t.Skip()
	}
	cfg := DefaultConfig(dir)
	cfg.CacheResults = 0
	ix, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i := 0; i < 150; i++ {
		if _, err := ix.Search(context.Background(), Query{Text: os.Getenv("ZZ_Q"), Facets: true, Limit: 10}); err != nil {
			t.Fatal(err)
		}
	}
}
