package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"vanthu/corpus"
	"vanthu/ingest"
)

func init() {
	register(command{"extract", "print the text of a PDF, HTML or text file without storing it", runExtract})
}

// extractJSON is the `extract --json` object.
type extractJSON struct {
	File      string            `json:"file"`
	Format    string            `json:"format"`
	Extractor string            `json:"extractor"`
	Status    corpus.Status     `json:"status"`
	Quality   float64           `json:"quality"`
	Message   string            `json:"message,omitempty"`
	Title     string            `json:"title,omitempty"`
	Pages     []pageJSON        `json:"pages"`
	Warnings  []string          `json:"warnings,omitempty"`
	Links     []string          `json:"links,omitempty"`
	Fields    map[string]string `json:"fields,omitempty"`
}

type pageJSON struct {
	corpus.Page
	Text string `json:"text"`
}

func runExtract(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "extract", "FILE [--json] [--no-ocr]")
	noOCR := fs.Bool("no-ocr", false, "do not OCR scanned pages")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("extract takes one file: vanthu extract FILE")
	}
	path := pos[0]
	data, err := os.ReadFile(path)
	if err != nil {
		return usagef("%s", readError(path, err))
	}
	in := ingest.Input{Name: path, Data: data}
	if len(data) == 0 {
		return usagef("%s: the file is empty (0 bytes)", path)
	}
	format := ingest.DetectFormat(in)
	ex := extractors(appOptions{ocr: !*noOCR})[format]
	if ex == nil {
		return usagef("%s: unknown format (vanthu reads PDF, HTML and plain text)", path)
	}
	x, err := ex.Extract(ctx, in)
	if err != nil {
		return &usageError{err.Error()}
	}
	if x.Status == "" {
		x.Status = corpus.StatusOK
	}
	if !c.json {
		fmt.Fprint(e.stdout, strings.TrimRight(x.Text, "\n")+"\n")
		if x.Status != corpus.StatusOK {
			fmt.Fprintf(e.stderr, "extract %s: %s: %s\n", path, x.Status, x.Message)
		}
		for _, w := range x.Warnings {
			fmt.Fprintf(e.stderr, "extract %s: warning: %s\n", path, w)
		}
		return nil
	}
	out := extractJSON{File: path, Format: format, Extractor: x.Extractor, Status: x.Status, Quality: x.Quality,
		Message: x.Message, Title: x.Title, Warnings: x.Warnings, Links: x.Links, Fields: x.Fields, Pages: []pageJSON{}}
	texts := strings.Split(x.Text, "\f")
	for i, t := range texts {
		p := corpus.Page{Number: i + 1, Source: "text"}
		if i < len(x.Pages) {
			p = x.Pages[i]
		}
		out.Pages = append(out.Pages, pageJSON{Page: p, Text: t})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
