package crawl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"testing/synctest"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/ingest"
	"vanthu/ingest/htmltext"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdftext"
)

// The real pipeline as cmd/vanthu wires it (HTML and PDF readers, metadata
// parser), over a memstore: what the crawl of the test portal stores.
func realPipeline(t *testing.T) (*ingest.Pipeline, corpus.Store) {
	t.Helper()
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	st := memstore.New()
	popts := pdftext.DefaultOptions()
	popts.OCR = false
	pl, err := ingest.New(ingest.Config{
		Store:  st,
		Parser: p,
		Extractors: map[string]ingest.Extractor{
			ingest.FormatHTML: ingest.ExtractorFunc(func(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
				r, err := htmltext.Extract(ctx, in.Data, in.Name, in.MIME, htmltext.DefaultOptions())
				if err != nil {
					return ingest.Extracted{}, err
				}
				return ingest.Extracted{Text: r.Text, Title: r.Title, Extractor: "html/" + r.Method, Quality: r.Quality, Links: r.Links, Fields: r.Fields}, nil
			}),
			ingest.FormatPDF: ingest.ExtractorFunc(func(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
				r, err := pdftext.Extract(ctx, bytes.NewReader(in.Data), int64(len(in.Data)), popts)
				if err != nil {
					return ingest.Extracted{}, err
				}
				return ingest.Extracted{Text: r.Text(), Pages: r.CorpusPages(), Extractor: r.Extractor, Status: r.Status, Quality: r.Quality, Message: r.Message}, nil
			}),
		},
		Now: func() time.Time { return time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return pl, st
}

// goldenDoc is what the golden file keeps of a stored document.
type goldenDoc struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Number   string   `json:"number,omitempty"`
	Type     string   `json:"type,omitempty"`
	Issuer   string   `json:"issuer,omitempty"`
	Date     string   `json:"date,omitempty"`
	Title    string   `json:"title,omitempty"`
	Versions []string `json:"versions"` // source (of page) status
}

func TestCrawlIntoPipeline(t *testing.T) { synctest.Test(t, testCrawlIntoPipeline) }

func testCrawlIntoPipeline(t *testing.T) {
	site := portalSite(t)
	pl, st := realPipeline(t)
	cfg := testConfig(t, site, pl)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	src.Delay = 0
	ctx := context.Background()
	rep, err := c.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 8 {
		t.Errorf("%d originals accepted by the pipeline, want 8; failures %v", rep.Documents, rep.Failures)
	}
	checkStoreGolden(t, st, "portal-store.json")

	// A second run stores nothing new; a changed page becomes a new version.
	n0, _ := st.Len(ctx)
	if rep2, err := c.Run(ctx, src); err != nil || rep2.Documents != 0 {
		t.Fatalf("run 2: %v, %d documents", err, rep2.Documents)
	}
	changed := bytes.Replace(page(t, "doc-hd-1151.html"), []byte("dự kiến chương trình"), []byte("chương trình"), 1)
	site.set(portal, docPath+"huong-dan-thu-tuc-xuat-canh-1151.html", &route{body: changed, ctype: "text/html; charset=utf-8", etag: true})
	rep3, err := c.Run(ctx, src)
	if err != nil || rep3.Ingested["new-version"] != 1 {
		t.Fatalf("run 3: %v, ingested %v", err, rep3.Ingested)
	}
	if n1, _ := st.Len(ctx); n1 != n0 {
		t.Errorf("a changed page made a new document (%d → %d), want a new version", n0, n1)
	}
}

func checkStoreGolden(t *testing.T, st corpus.Store, name string) {
	t.Helper()
	var docs []goldenDoc
	err := st.Each(context.Background(), func(d corpus.Document) error {
		g := goldenDoc{ID: d.ID, Kind: string(d.Kind), Number: d.Number, Type: d.Type, Issuer: d.Issuer, Date: d.Date.String(), Title: d.Title}
		for _, v := range d.Versions {
			s := v.Source
			if v.Of != "" {
				s += " (of " + v.Of + ")"
			}
			g.Versions = append(g.Versions, fmt.Sprintf("%s %s", s, v.Status))
		}
		sort.Strings(g.Versions)
		docs = append(docs, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(docs, "", "  ")
	b = append(b, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("stored documents differ from %s (run with -update after checking):\n%s", path, b)
	}
}
