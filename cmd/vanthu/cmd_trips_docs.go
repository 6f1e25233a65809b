package main

import (
	"context"
	"fmt"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/internal/annualdoc"
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

// The yearly documents' renderers for `trips plan -o` and `trips report -o`:
// Phụ lục IV and III of Thông tư 25/2025/TT-BGDĐT as PDF (the official
// layout on landscape A4) and XLSX. The header comes from the unit's trips
// (issuer, parent body, place, signer); a plan or report of several units
// leaves it for whoever consolidates them.
func init() {
	tripPlanRenderers[".pdf"] = func(ctx context.Context, e *env, reg *tripreg.Register, p tripreg.Plan, out string) error {
		g, err := generate.New(generate.DefaultConfig())
		if err != nil {
			return err
		}
		b, err := g.RenderAnnualPlan(ctx, yearlyPlan(reg, p))
		return writeYearly(e, out, b, err)
	}
	tripPlanRenderers[".xlsx"] = func(ctx context.Context, e *env, reg *tripreg.Register, p tripreg.Plan, out string) error {
		b, err := generate.AnnualPlanXLSX(yearlyPlan(reg, p))
		return writeYearly(e, out, b, err)
	}
	tripReportRenderers[".pdf"] = func(ctx context.Context, e *env, reg *tripreg.Register, r tripreg.AnnualReport, out string) error {
		g, err := generate.New(generate.DefaultConfig())
		if err != nil {
			return err
		}
		b, err := g.RenderAnnualReport(ctx, yearlyReport(reg, r))
		return writeYearly(e, out, b, err)
	}
	tripReportRenderers[".xlsx"] = func(ctx context.Context, e *env, reg *tripreg.Register, r tripreg.AnnualReport, out string) error {
		b, err := generate.AnnualReportXLSX(yearlyReport(reg, r))
		return writeYearly(e, out, b, err)
	}
}

func yearlyPlan(reg *tripreg.Register, p tripreg.Plan) generate.AnnualPlan {
	return annualdoc.Plan(p, annualdoc.Office(generate.Office{}, reg, annualdoc.PlanTrips(p)))
}

func yearlyReport(reg *tripreg.Register, r tripreg.AnnualReport) generate.AnnualReport {
	return annualdoc.Report(r, annualdoc.Office(generate.Office{}, reg, annualdoc.ReportTrips(r)))
}

func writeYearly(e *env, out string, b []byte, err error) error {
	if err != nil {
		return err
	}
	if err := writeFileAtomic(out, b); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "đã ghi %s\n", out)
	return nil
}
