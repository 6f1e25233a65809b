package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/trip"
)

func init() {
	register(command{"check", "check a trip against the rules on delegations, each finding citing its source", runCheck})
}

func runCheck(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "check", "TRIP.yaml [--history FILE] [--no-corpus] [--json]")
	history := fs.String("history", "", "the year's register of past trips (YAML/JSON), to count each leader's trips")
	noCorpus := fs.Bool("no-corpus", false, "use only the shipped and added rule sets, not rules found in the corpus's documents")
	today := fs.String("today", "", "check as of this date (YYYY-MM-DD), default today")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("check takes one trip file: vanthu check trip.yaml")
	}
	t, err := loadTrip(e, pos[0])
	if err != nil {
		return err
	}
	opts := check.Options{}
	if opts.Today, err = parseDateFlag("today", *today, false); err != nil {
		return err
	}
	if *history != "" {
		if opts.History, err = trip.LoadHistory(*history); err != nil {
			return &usageError{err.Error()}
		}
	} else {
		opts.History = registerHistory(ctx, e, c.data, t)
	}
	if opts.Rules, err = allRuleSets(ctx, e, c.data); err != nil {
		return err
	}
	if !*noCorpus {
		opts.CorpusRules = corpusRules(ctx, e, c.data)
	}
	rep := check.Run(t, opts)
	if c.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printCheck(e, rep)
	}
	if rep.Failed() {
		return &exitError{code: 1}
	}
	if !rep.OwnRules {
		return &exitError{code: exitNoOwnRules}
	}
	return nil
}

// exitNoOwnRules is the exit status of a check that passed only the national
// layer because the trip's jurisdiction has no rule set of its own (README).
const exitNoOwnRules = 3

// loadTrip reads and validates a trip file; validation problems are listed
// field by field (bad input: exit 2).
func loadTrip(e *env, path string) (corpus.Trip, error) {
	t, err := trip.Load(path)
	if err != nil {
		return t, &usageError{err.Error()}
	}
	if fes := trip.Validate(t); len(fes) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %d lỗi trong tệp chuyến công tác (invalid trip):", path, len(fes))
		for _, fe := range fes {
			fmt.Fprintf(&b, "\n  - %s", fe.Error())
		}
		return t, &usageError{b.String()}
	}
	return t, nil
}

// corpusRules collects the rules found in the ingested documents, when there
// is a corpus; without one the shipped rules apply alone.
func corpusRules(ctx context.Context, e *env, data string) []check.RuleSet {
	if _, err := os.Stat(filepath.Join(data, corpusDir)); err != nil {
		return nil
	}
	a, err := openApp(ctx, e, data, appOptions{})
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: corpus rules not used: %v\n", err)
		return nil
	}
	defer a.Close()
	return storeRules(ctx, a)
}

// storeRules turns the rules stated in stored documents into rule sets.
func storeRules(ctx context.Context, a *app) []check.RuleSet {
	var docs []corpus.Document
	err := a.store.Each(ctx, func(d corpus.Document) error {
		if len(d.Rules) > 0 {
			d.Text = ""
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(a.e.stderr, "warning: reading corpus rules: %v\n", err)
	}
	return check.FromDocuments(docs)
}

func printCheck(e *env, rep check.Report) {
	w := e.stdout
	if rep.Notice != "" {
		fmt.Fprintln(w, rep.Notice)
	}
	fmt.Fprintf(w, "Chuyến công tác: %s\n", rep.Trip)
	if rep.Jurisdiction != "" {
		fmt.Fprintf(w, "Áp dụng quy định của: %s\n", rep.Jurisdiction)
	}
	if len(rep.Sources) > 0 {
		fmt.Fprintf(w, "Căn cứ: %s\n", strings.Join(rep.Sources, "; "))
	}
	fmt.Fprintln(w)
	marks := map[string]string{"pass": "đạt  ", "info": "t.tin", "warn": "lưu ý", "fail": "KHÔNG", "needs-approval": "XIN Ý"}
	for _, f := range rep.Findings {
		m := marks[f.Status]
		if m == "" {
			m = f.Status
		}
		fmt.Fprintf(w, "[%s] %s\n", m, f.Message)
		cite := strings.TrimSpace(strings.Join(nonEmpty(f.Citation.Number, f.Citation.Date.String(), f.Citation.Issuer, f.Citation.Item), ", "))
		if cite != "" {
			fmt.Fprintf(w, "        căn cứ: %s\n", cite)
		}
		if f.Citation.Quote != "" {
			fmt.Fprintf(w, "        «%s»\n", oneLine(f.Citation.Quote))
		}
		if f.Authority != "" && f.Status != "pass" {
			fmt.Fprintf(w, "        thẩm quyền cho phép ngoại lệ: %s\n", f.Authority)
		}
	}
	fmt.Fprintf(w, "\nKết quả: %s\n", rep.Status)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
