package main

import (
	"context"
	"fmt"

	"vanthu/check"
	"vanthu/corpus"
	tripreg "vanthu/register"
)

// openTripRegister opens the trip register over an opened app's store: the
// shipped rules with the office's stored rule sets, and the rules found in
// the corpus, set the deadlines.
func openTripRegister(ctx context.Context, e *env, a *app) (*tripreg.Register, error) {
	rs, ok := a.store.(corpus.RecordStore)
	if !ok {
		return nil, fmt.Errorf("trips: the store keeps no records")
	}
	base, err := check.DefaultRules()
	if err != nil {
		return nil, err
	}
	stored, errs, err := check.StoredRules(ctx, rs)
	for _, x := range append(errs, err) {
		if x != nil {
			fmt.Fprintf(e.stderr, "warning: rule set not used: %s\n", ruleErr(x))
		}
	}
	cfg := tripreg.DefaultConfig()
	cfg.Store = rs
	cfg.Rules = check.Merge(base, stored)
	cfg.CorpusRules = storeRules(ctx, a)
	return tripreg.Open(ctx, cfg)
}
