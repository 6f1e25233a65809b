package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/ingest"
	"vanthu/internal/democorpus"
	"vanthu/trip"
)

func init() {
	register(command{"demo", "build the sample corpus (and any files given) and serve it", runDemo})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "demo", "[PATH...] [--data DIR] [--addr HOST:PORT] [--no-serve]")
	var sf serveFlags
	addServeFlags(e, fs, &sf)
	noServe := fs.Bool("no-serve", false, "build the corpus and index, then stop")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	dataSet := false
	fs.Visit(func(f *flag.Flag) { dataSet = dataSet || f.Name == "data" })
	if !dataSet && e.getenv("VANTHU_DATA") == "" {
		// Keep the sample corpus apart from a real one in ./vanthu-data.
		c.data = "vanthu-data-demo"
	}
	a, err := openApp(ctx, e, c.data, appOptions{write: true, index: true, ocr: true, serve: true, command: "demo"})
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	counts := map[string]int{}
	tally := func(r ingest.Result) {
		counts[r.Status]++
		if r.Status == "error" {
			fmt.Fprintf(e.stderr, "demo: %s: %s\n", r.Input, r.Error)
		}
	}
	for _, f := range democorpus.Files() {
		r, _ := a.pipeline.Ingest(ctx, ingest.Input{Name: "demo/" + f.Name, Data: f.Data})
		tally(r)
	}
	// Letters the project generates itself from the sample trips: the
	// drafting side's output goes into the corpus like any signed PDF.
	// The same trip must give the same PDF, so that running the demo again
	// over its data directory finds every letter unchanged instead of
	// storing a new version of each: a fixed creation date (generate writes
	// it as the modification date too, and its fonts in a fixed order).
	gcfg := generate.DefaultConfig()
	gcfg.Now = func() time.Time { return demoLettersDate }
	g, err := generate.New(gcfg)
	if err != nil {
		return err
	}
	for _, tf := range democorpus.Trips() {
		t, err := trip.Parse(tf.Data, tf.Name)
		if err != nil {
			fmt.Fprintf(e.stderr, "demo: %s: %v\n", tf.Name, err)
			continue
		}
		// The letters as `vanthu generate` drafts them: the decision issued
		// by the deciding body with the applicable rule's deadline.
		_, notes := check.Draft(t, check.Options{})
		dt, gn := forDrafting(t, notes)
		for _, kind := range g.Kinds() {
			pdf, err := g.RenderNotes(ctx, kind, dt, gn)
			if err != nil {
				fmt.Fprintf(e.stderr, "demo: %s %s: %v\n", tf.Name, kind, err)
				continue
			}
			name := "demo/generated/" + strings.TrimSuffix(tf.Name, ".yaml") + "-" + kind + ".pdf"
			r, _ := a.pipeline.Ingest(ctx, ingest.Input{Name: name, Data: pdf})
			tally(r)
		}
	}
	if len(paths) > 0 {
		files, bad := expandPaths(paths)
		quiet := &env{stdin: e.stdin, stdout: discard{}, stderr: e.stderr, getenv: e.getenv}
		if err := ingestFiles(ctx, quiet, a, files, bad, false, 2); err != nil {
			fmt.Fprintf(e.stderr, "demo: %v\n", err)
		}
	}
	demoRegister(ctx, e, a)
	n, _ := a.store.Len(ctx)
	fmt.Fprintf(e.stdout, "demo: kho mẫu tại %s: %d văn bản (%d mới, %d đã có) trong %.1fs\n",
		c.data, n, counts["stored"]+counts["new-version"], counts["unchanged"], time.Since(start).Seconds())
	if *noServe {
		return nil
	}
	return serve(ctx, e, a, c.data, sf)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// demoLettersDate is the creation date written into the demo's generated
// letters.
var demoLettersDate = time.Date(2025, 11, 3, 9, 0, 0, 0, corpus.VietnamZone)
