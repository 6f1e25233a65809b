package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"vanthu/corpus/filestore"
)

func init() {
	register(command{"verify", "check the corpus on disk (originals match their sha256, texts present); --repair rebuilds damaged records", runVerify})
}

func runVerify(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "verify", "[--repair] [--json]")
	repair := fs.Bool("repair", false, "rebuild damaged or missing document records from the versions' metadata")
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
	st, err := filestore.Open(cfg)
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
	if c.json {
		if err := json.NewEncoder(e.stdout).Encode(out); err != nil {
			return err
		}
	} else {
		n, _ := st.Len(ctx)
		fmt.Fprintf(e.stdout, "verify: %d documents, %d problems\n", n, len(problems))
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
	}
	if len(problems) > 0 {
		return &exitError{code: 1, msg: "the corpus has problems: see above (the index can always be rebuilt with `vanthu reindex`)"}
	}
	return nil
}
