package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/review"
)

func init() {
	register(command{"verify", "check the corpus on disk (originals match their sha256, texts present) and that the search index holds every stored document; --repair fixes what it can", runVerify})
}

func runVerify(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "verify", "[--repair] [--duplicates] [--json]")
	repair := fs.Bool("repair", false, "rebuild damaged or missing document records from the versions' metadata, and index what the search index lacks")
	dups := fs.Bool("duplicates", false, "also list documents stored apart that are likely one official document (same number, issuer and date; same title; same text)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	cfg := filestore.DefaultConfig()
	cfg.Dir = filepath.Join(c.data, corpusDir)
	cfg.ReadOnly = !*repair
	// openApp with nothing to open only checks there is a corpus, and says
	// how to make one when there is not.
	probe, err := openApp(ctx, e, c.data, appOptions{indexOnly: true})
	if err != nil {
		return err
	}
	probe.Close()
	var st *filestore.Store
	if *repair {
		st, err = openStoreForWriting(ctx, e, c.data, cfg, "verify --repair", true)
		if err == nil {
			writeWriterNote(c.data, writerNote{PID: os.Getpid(), Command: "verify --repair", Since: time.Now().UTC()})
			defer removeWriterNote(c.data)
		}
	} else {
		st, err = filestore.Open(cfg)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	out := map[string]any{}
	if *repair {
		rep, err := st.Repair(ctx)
		if err != nil {
			return err
		}
		out["rewritten"], out["skipped"] = rep.Rewritten, rep.Skipped
		if !c.json {
			fmt.Fprintf(e.stdout, "repair: %d document records rebuilt, %d skipped\n", len(rep.Rewritten), len(rep.Skipped))
			for _, p := range rep.Skipped {
				fmt.Fprintf(e.stdout, "  skipped: %s\n", p)
			}
		}
	}
	problems, err := st.Verify(ctx)
	if err != nil {
		return err
	}
	out["problems"] = problems
	rs, err := review.NewStore(ctx, st)
	if err != nil {
		return err
	}
	ir := verifyIndex(ctx, e, rs, st, filepath.Join(c.data, indexDir), *repair)
	out["index"] = ir
	var groups []corpus.DuplicateGroup
	labels := map[string]string{}
	if *dups {
		var f corpus.Duplicates
		err := st.Each(ctx, func(d corpus.Document) error {
			f.Add(d)
			labels[d.ID] = d.Label()
			return nil
		})
		if err != nil {
			return err
		}
		groups = f.Groups()
		out["duplicates"] = groups
	}
	n, _ := st.Len(ctx)
	if c.json {
		if err := json.NewEncoder(e.stdout).Encode(out); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "verify: %d documents, %d problems\n", n, len(problems))
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
		fmt.Fprintf(e.stdout, "index: %s\n", ir.Summary)
		for _, l := range ir.Lines {
			fmt.Fprintf(e.stdout, "  %s\n", l)
		}
		if *dups {
			fmt.Fprintf(e.stdout, "duplicates: %d groups of documents stored apart that are likely one document\n", len(groups))
			reason := map[string]string{"number": "same number, issuer and date", "title": "same title, issuer and date", "text": "same text"}
			for _, g := range groups {
				var parts []string
				for _, id := range g.IDs {
					parts = append(parts, fmt.Sprintf("%s (%s)", id, labels[id]))
				}
				fmt.Fprintf(e.stdout, "  %s: %s\n", reason[g.Reason], strings.Join(parts, ", "))
			}
		}
	}
	switch {
	case len(problems) > 0:
		return &exitError{code: 1, msg: "the corpus has problems: see above (the index can always be rebuilt with `vanthu reindex`)"}
	case !ir.OK:
		return &exitError{code: 1, msg: "the search index does not hold what the corpus holds: " + ir.Repair}
	}
	return nil
}

// indexReport is verify's comparison of the search index with the corpus.
type indexReport struct {
	OK      bool     `json:"ok"`
	Checked bool     `json:"checked"` // false when the index could not be read
	Stored  int      `json:"stored"`
	Indexed int      `json:"indexed"`
	Missing []string `json:"missing,omitempty"` // stored, not searchable
	Stale   []string `json:"stale,omitempty"`   // an older version indexed
	Extra   []string `json:"extra,omitempty"`   // indexed, not stored
	Summary string   `json:"summary"`
	Repair  string   `json:"repair,omitempty"` // what to run
	Lines   []string `json:"-"`
}

// verifyIndex compares the index with the store by id and version; with
// repair, it first indexes what the index lacks (which needs the index for
// writing: the caller holds the writer's lock).
func verifyIndex(ctx context.Context, e *env, rs *review.Store, st *filestore.Store, dir string, repair bool) indexReport {
	icfg := index.DefaultConfig(dir)
	icfg.ReadOnly = !repair
	icfg.CachePostingsMB, icfg.CacheResults = 0, 0
	ix, err := index.Open(icfg)
	if errors.Is(err, index.ErrVersion) && repair {
		if _, _, rerr := rebuildIndex(ctx, e, rs, dir); rerr == nil {
			ix, err = index.Open(icfg)
		}
	}
	if errors.Is(err, index.ErrLocked) && !repair {
		// The writer holding the index says what it holds (forward.go).
		if out, ferr := forwardOutput(ctx, filepath.Dir(dir), []string{"versions"}); ferr == nil {
			var indexed map[string]string
			if jerr := json.Unmarshal(out, &indexed); jerr == nil {
				heads, herr := st.Heads(ctx)
				if herr == nil {
					for id := range heads {
						if rs.Withdrawn(id) {
							delete(heads, id)
						}
					}
					g := ingest.Diff(heads, indexed)
					// The writer goes on storing and indexing: what it
					// indexed after this store was opened is not extra.
					g.Extra = nil
					r := gapReport(g)
					if n, ok := readWriterNote(filepath.Dir(dir)); ok && !r.OK {
						r.Repair = fmt.Sprintf("%s is running and may be indexing them right now: run `vanthu verify` again once it has finished, and if they are still missing, %s", n, r.Repair)
					}
					return r
				}
			}
		}
	}
	if err != nil {
		r := indexReport{OK: false, Summary: fmt.Sprintf("not checked: %v", err)}
		switch {
		case errors.Is(err, index.ErrLocked):
			holder := "another vanthu process"
			if n, ok := readWriterNote(filepath.Dir(dir)); ok {
				holder = n.String()
			}
			// Not a fault of the index: it is in use.
			r.OK = true
			r.Summary = fmt.Sprintf("not checked: in use by %s; run `vanthu verify` again once it has finished", holder)
		case errors.Is(err, index.ErrNoIndex):
			r.Repair = "run `vanthu reindex`"
		default:
			r.Repair = "run `vanthu reindex` (it rebuilds the index from the corpus)"
		}
		return r
	}
	defer ix.Close()
	if repair {
		if err := catchUpIndex(ctx, e, rs, st, ix); err != nil {
			fmt.Fprintf(e.stderr, "warning: %v\n", err)
		}
	}
	g, err := compareIndex(ctx, rs, st, ix)
	if err != nil {
		return indexReport{Summary: fmt.Sprintf("not checked: %v", err), Repair: "run `vanthu reindex`"}
	}
	return gapReport(g)
}

func gapReport(g ingest.Gap) indexReport {
	r := indexReport{OK: g.OK(), Checked: true, Stored: g.Stored, Indexed: g.Indexed, Missing: g.Missing, Stale: g.Stale, Extra: g.Extra}
	if r.OK {
		r.Summary = fmt.Sprintf("%d documents indexed, each at its current version", g.Indexed)
		return r
	}
	r.Summary = fmt.Sprintf("%d stored, %d indexed: %d missing from the index, %d indexed at an older version, %d indexed but not stored",
		g.Stored, g.Indexed, len(g.Missing), len(g.Stale), len(g.Extra))
	add := func(what string, ids []string) {
		if len(ids) > 0 {
			r.Lines = append(r.Lines, what+": "+sampleIDs(ids, 10))
		}
	}
	add("missing", g.Missing)
	add("older version", g.Stale)
	add("not stored", g.Extra)
	r.Repair = "run `vanthu verify --repair` (or any `vanthu ingest`, which first indexes what the index lacks)"
	if len(g.Extra) > 0 || (g.Indexed == 0 && g.Stored > 0) {
		r.Repair = "run `vanthu reindex` (it rebuilds the index from the corpus)"
	}
	return r
}
