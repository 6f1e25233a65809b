package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"vanthu/index"
)

func init() {
	register(command{"cites", "what a document cites, or with --cited-by who cites it", runCites})
}

func runCites(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "cites", "NUMBER [--cited-by] [--json]")
	citedBy := fs.Bool("cited-by", false, "list the documents that cite NUMBER")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("cites needs a document number, e.g. vanthu cites 4060-CV/BTCTU")
	}
	number := strings.Join(pos, " ")
	a, err := openApp(ctx, e, c.data, appOptions{index: true, indexOnly: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if errors.Is(a.idxErr, index.ErrLocked) {
		// A writer holds the index: it answers instead (forward.go).
		if err := forward(ctx, e, c.data, append([]string{"cites"}, args...)); !errors.Is(err, errNoHolder) {
			return err
		}
	}
	ix, err := a.needIndex()
	if err != nil {
		return err
	}
	var res index.CitesResult
	if *citedBy {
		res, err = ix.CitedBy(ctx, number)
	} else {
		res, err = ix.Cites(ctx, number)
	}
	if errors.Is(err, index.ErrNotFound) {
		return usagef("%s: không có văn bản này trong kho (no document with this number); `vanthu cites --cited-by %s` lists who cites it", number, number)
	}
	if err != nil {
		return err
	}
	if c.json {
		if res.Citations == nil {
			res.Citations = []index.Citation{}
		}
		if res.Documents == nil {
			res.Documents = []index.DocRef{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	w := e.stdout
	if len(res.Documents) == 0 {
		fmt.Fprintf(w, "%s: không có trong kho (not in the corpus)\n", res.Number)
	}
	for _, d := range res.Documents {
		fmt.Fprintf(w, "%s  %s  %s  %s\n", d.Number, d.Issuer, d.Date, oneLine(d.Title))
	}
	if *citedBy {
		fmt.Fprintf(w, "\nĐược dẫn chiếu bởi %d văn bản (cited by):\n", len(res.Citations))
		for _, ct := range res.Citations {
			label := ct.From.Number
			if label == "" {
				label = oneLine(ct.From.Title)
			}
			fmt.Fprintf(w, "  ← %s  %s  (%s)\n     %q\n", label, ct.From.Date, ct.From.ID, oneLine(ct.Quote))
		}
		return nil
	}
	fmt.Fprintf(w, "\nDẫn chiếu %d văn bản (cites):\n", len(res.Citations))
	unresolved := 0
	for _, ct := range res.Citations {
		state := "→ " + strings.Join(ct.IDs, ", ")
		if !ct.Resolved {
			state = "chưa có trong kho (unresolved: fetch it)"
			unresolved++
		}
		label := ct.Number
		if label == "" {
			label = oneLine(ct.Quote)
		}
		fmt.Fprintf(w, "  %s  %s  %s  %s\n", label, ct.Date, ct.Issuer, state)
	}
	if unresolved > 0 {
		fmt.Fprintf(w, "\n%d văn bản được dẫn chiếu chưa có trong kho.\n", unresolved)
	}
	return nil
}
