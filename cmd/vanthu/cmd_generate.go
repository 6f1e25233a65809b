package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"vanthu/generate"
	"vanthu/templates"
)

func init() {
	register(command{"generate", "draft a trip's document as a signed-ready PDF or a Word document: proposal, decision or report", runGenerate})
}

func runGenerate(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "generate", "KIND TRIP.yaml -o OUT.pdf [--format pdf|docx] [--templates DIR] [--sign CERT.p12 --pass-env VAR]")
	out := fs.String("o", "", "output file (default KIND.pdf, or KIND.docx with --format docx)")
	format := fs.String("format", "pdf", "pdf, or docx (the same letter as a Word document, to edit before signing)")
	tdir := fs.String("templates", "", "directory of templates overriding the embedded ones (same file names)")
	signWith := fs.String("sign", "", "PKCS#12 file (.p12) to sign the PDF with")
	passEnv := fs.String("pass-env", "", "environment variable holding the .p12 password")
	stamp := fs.Bool("stamp", false, "with --sign: draw a visible e-signature stamp (signer, organisation, time)")
	noCorpus := fs.Bool("no-corpus", false, "use only the shipped and added rule sets, not rules found in the corpus's documents")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("generate takes a kind and a trip file: vanthu generate proposal trip.yaml -o de-nghi.pdf")
	}
	kind, tripPath := pos[0], pos[1]
	if *format != "pdf" && *format != "docx" {
		return usagef("unknown format %q: choose pdf or docx", *format)
	}
	if *format == "docx" && *signWith != "" {
		return usagef("--sign signs PDFs only: sign the letter once it is final, as a PDF")
	}
	var set *templates.Set
	if *tdir != "" {
		if set, err = templates.Load(*tdir); err != nil {
			return &usageError{err.Error()}
		}
	}
	g, err := generate.New(generate.Config{Templates: set})
	if err != nil {
		return err
	}
	if !slices.Contains(g.Kinds(), kind) {
		return usagef("unknown document kind %q: choose one of %s", kind, strings.Join(g.Kinds(), ", "))
	}
	t, err := loadTrip(e, tripPath)
	if err != nil {
		return err
	}
	rep, notes, err := draftCheck(ctx, e, c.data, t, *noCorpus)
	if err != nil {
		return err
	}
	warnBeforeSigning(e.stderr, rep)
	dt, gn := forDrafting(t, notes)
	var pdf []byte
	if *format == "docx" {
		pdf, err = g.RenderDOCX(ctx, kind, dt, gn)
	} else {
		pdf, err = g.RenderNotes(ctx, kind, dt, gn)
	}
	if errors.Is(err, generate.ErrNoReport) {
		return usagef("%s: the trip has no report section (report:), which a post-trip report needs", tripPath)
	}
	if err != nil {
		return err
	}
	if *signWith != "" {
		if pdf, err = signPDF(e, pdf, *signWith, *passEnv, *stamp); err != nil {
			return err
		}
	}
	if *out == "" {
		*out = kind + "." + *format
	}
	if err := writeFileAtomic(*out, pdf); err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"kind": kind, "format": *format, "file": *out, "bytes": len(pdf), "signed": *signWith != ""})
	}
	fmt.Fprintf(e.stdout, "%s: %s (%d bytes)\n", kind, *out, len(pdf))
	return nil
}

// writeFileAtomic writes through a temporary file so a failed write never
// leaves half a PDF under the final name.
func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".vanthu-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
