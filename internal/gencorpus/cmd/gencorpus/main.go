// Command gencorpus writes a generated corpus as JSON lines (one
// corpus.Document per line) for benchmarks and load tests:
//
//	go run ./internal/gencorpus/cmd/gencorpus -n 100000 -seed 1 > /tmp/corpus.jsonl
//
// Keep the output out of the repository; the same flags reproduce it exactly.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"vanthu/corpus"
	"vanthu/internal/gencorpus"
)

func main() {
	cfg := gencorpus.DefaultConfig()
	flag.IntVar(&cfg.N, "n", cfg.N, "number of documents")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	flag.IntVar(&cfg.TextBytes, "bytes", cfg.TextBytes, "approximate text length per document")
	flag.Parse()
	g, err := gencorpus.New(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	err = g.Each(context.Background(), func(d corpus.Document) error { return enc.Encode(d) })
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
