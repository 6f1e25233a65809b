package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"vanthu/corpus"
	"vanthu/ingest/crawl"
)

func init() {
	register(command{"sources", "status of the crawled sources: last success, newest document, failed or silent longer than their period", runSources})
}

func runSources(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "status" {
		return usagef("sources needs a subcommand: status [--json] [--problems] [--as-of DATE]")
	}
	fs, c := newFlags(e, "sources status", "[--json] [--problems] [--as-of DATE] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	problems := fs.Bool("problems", false, "list only the sources that failed or fell silent")
	asOf := fs.String("as-of", "", "assess as of this day (default now)")
	if _, err := parseArgs(fs, args[1:]); err != nil {
		return err
	}
	now := time.Now()
	if *asOf != "" {
		d, err := dateFlag("as-of", *asOf)
		if err != nil {
			return err
		}
		now = time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, corpus.VietnamZone)
	}
	var sts []crawl.Status
	var rs corpus.RecordStore
	var closeFn func()
	var err error
	if nf.url != "" {
		// Cluster mode: `crawl --nats` records the sources' status there.
		rs, closeFn, err = openClusterStore(ctx, e, c.data, nf)
		if err != nil {
			return err
		}
	} else {
		rs, closeFn, err = openRecords(e, c.data, false)
	}
	if err == nil {
		defer closeFn()
		if sts, err = crawl.Statuses(ctx, rs, now); err != nil {
			return err
		}
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return err
	}
	shown := 0
	for _, st := range sts {
		if *problems && st.State == "ok" {
			continue
		}
		shown++
		if c.json {
			if err := encodeJSON(e.stdout, st); err != nil {
				return err
			}
			continue
		}
		newest := "-"
		if !st.Newest.IsZero() {
			newest = st.Newest.String()
		}
		last := "-"
		if !st.LastSuccess.IsZero() {
			last = st.LastSuccess.In(corpus.VietnamZone).Format("02/01/2006 15:04")
		}
		fmt.Fprintf(e.stdout, "%-24s %-7s lần tốt gần nhất %s · văn bản mới nhất %s", st.Name, st.State, last, newest)
		if st.Why != "" {
			fmt.Fprintf(e.stdout, " · %s", st.Why)
		}
		fmt.Fprintln(e.stdout)
	}
	if shown == 0 && !c.json {
		if len(sts) == 0 {
			fmt.Fprintln(e.stdout, "chưa có nguồn nào được thu thập (`vanthu crawl --sources FILE`)")
		} else {
			fmt.Fprintln(e.stdout, "mọi nguồn đều ổn")
		}
	}
	return nil
}
