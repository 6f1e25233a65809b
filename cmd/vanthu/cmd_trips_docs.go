package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

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

// tripsDocCommands are the subcommands of `vanthu trips` that write the
// yearly documents (Thông tư 25/2025/TT-BGDĐT, Phụ lục IV and III) as PDF
// and XLSX; the trips command dispatches to them.
var tripsDocCommands = map[string]func(context.Context, *env, []string) error{
	"plan":   runTripsPlan,
	"report": runTripsReport,
}

// officeFlags are the header of a yearly document; what is not given comes
// from the unit's trips.
type officeFlags struct {
	o      generate.Office
	date   string
	to     stringList
	output stringList
	engine string
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func addOfficeFlags(fs *flag.FlagSet, of *officeFlags) {
	fs.StringVar(&of.o.Issuer, "issuer", "", "issuing unit in the header (default: the trips' issuer)")
	fs.StringVar(&of.o.ParentIssuer, "parent", "", "its parent body (default: the trips')")
	fs.StringVar(&of.o.Place, "place", "", "place of issue (default: the trips')")
	fs.StringVar(&of.o.Code, "code", "", "the issuer part of the number, e.g. SNgV (default: the trips')")
	fs.IntVar(&of.o.Number, "number", 0, "the document's number (0 leaves it blank for the records office)")
	fs.StringVar(&of.o.Signer.Authority, "authority", "", "signing authority, e.g. KT. GIÁM ĐỐC")
	fs.StringVar(&of.o.Signer.Title, "title", "", "signer's title (default: the trips' signer, else THỦ TRƯỞNG ĐƠN VỊ)")
	fs.StringVar(&of.o.Signer.Name, "signer", "", "signer's name")
	fs.StringVar(&of.date, "date", "", "the document's date YYYY-MM-DD (default: blank for the day it is signed)")
	fs.Var(&of.to, "recipient", "Kính gửi (repeat for several)")
	fs.Var(&of.output, "o", "output file, .pdf or .xlsx (repeat for both; default both, named after the year)")
	fs.StringVar(&of.engine, "engine", "", "PDF engine: maroto (default) or direct")
}

func (of *officeFlags) office(reg annualdoc.Getter, trips []string) (generate.Office, error) {
	o := of.o
	o.Recipients = append([]string(nil), of.to...)
	if of.date != "" {
		d, err := corpus.ParseDate(of.date)
		if err != nil {
			return o, usagef("--date %q: want YYYY-MM-DD", of.date)
		}
		o.Date = d
	}
	return annualdoc.Office(o, reg, trips), nil
}

// writeYearly writes the document in each format asked for, and says where.
func writeYearly(ctx context.Context, e *env, of *officeFlags, base string, pdf func(*generate.Generator) ([]byte, error), xlsx func() ([]byte, error)) ([]string, error) {
	outs := of.output
	if len(outs) == 0 {
		outs = []string{base + ".pdf", base + ".xlsx"}
	}
	var written []string
	var g *generate.Generator
	for _, out := range outs {
		var b []byte
		var err error
		switch strings.ToLower(filepath.Ext(out)) {
		case ".pdf":
			if g == nil {
				cfg := generate.DefaultConfig()
				cfg.Engine = of.engine
				if g, err = generate.New(cfg); err != nil {
					return written, &usageError{err.Error()}
				}
			}
			b, err = pdf(g)
		case ".xlsx":
			b, err = xlsx()
		default:
			return written, usagef("-o %s: the file must end in .pdf or .xlsx", out)
		}
		if err != nil {
			return written, err
		}
		if err := writeFileAtomic(out, b); err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}

func yearlyDeadline(d *tripreg.YearDeadline) string {
	if d == nil {
		return ""
	}
	return fmt.Sprintf("hạn nộp %02d/%02d/%d (%s)", d.Date.Day, d.Date.Month, d.Date.Year, d.Rule.String())
}

func runTripsPlan(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips plan", "--year YYYY [--unit U] [-o FILE.pdf] [-o FILE.xlsx] [--issuer ... --signer ...]")
	year := fs.Int("year", 0, "the year of the plan (default: next year)")
	unit := fs.String("unit", "", "one unit's delegations (default: every unit)")
	var of officeFlags
	addOfficeFlags(fs, &of)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, e, c.data, appOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		return err
	}
	if *year == 0 {
		*year = reg.Today().Year + 1
	}
	p := reg.Plan(*unit, *year)
	o, err := of.office(reg, annualdoc.PlanTrips(p))
	if err != nil {
		return err
	}
	doc := annualdoc.Plan(p, o)
	written, err := writeYearly(ctx, e, &of, fmt.Sprintf("ke-hoach-doan-ra-%d", *year),
		func(g *generate.Generator) ([]byte, error) { return g.RenderAnnualPlan(ctx, doc) },
		func() ([]byte, error) { return generate.AnnualPlanXLSX(doc) })
	if err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"plan": p, "files": written})
	}
	fmt.Fprintf(e.stdout, "Kế hoạch đoàn ra năm %d: %d đoàn", *year, len(p.Rows))
	if p.Sum > 0 {
		fmt.Fprintf(e.stdout, ", dự toán %s USD", generate.USD(p.Sum))
	}
	if dl := yearlyDeadline(p.Deadline); dl != "" {
		fmt.Fprintf(e.stdout, "; %s", dl)
	}
	fmt.Fprintf(e.stdout, "\n%s\n", strings.Join(written, "\n"))
	return nil
}

func runTripsReport(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips report", "--year YYYY [--start MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--as-of YYYY-MM-DD] [--unit U] [-o FILE.pdf] [-o FILE.xlsx]")
	year := fs.Int("year", 0, "the year reported on (default: this year)")
	start := fs.String("start", "", "the reporting period's first day MM-DD when it is not 01-01 (12-15: the national period)")
	from := fs.String("from", "", "first day of the window YYYY-MM-DD (instead of --year)")
	to := fs.String("to", "", "last day of the window YYYY-MM-DD")
	asOf := fs.String("as-of", "", "state the reports as of this day YYYY-MM-DD (default: today)")
	unit := fs.String("unit", "", "one unit's delegations (default: every unit)")
	var of officeFlags
	addOfficeFlags(fs, &of)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, e, c.data, appOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		return err
	}
	opt := tripreg.StatsOptions{Unit: *unit}
	if *year == 0 {
		*year = reg.Today().Year
	}
	if *start != "" && (len(*start) != 5 || (*start)[2] != '-') {
		return usagef("--start %q: want MM-DD, e.g. 12-15", *start)
	}
	opt.From, opt.To = tripreg.Window(*year, *start)
	for _, x := range []struct {
		name, v string
		d       *corpus.Date
	}{{"--from", *from, &opt.From}, {"--to", *to, &opt.To}, {"--as-of", *asOf, &opt.AsOf}} {
		if x.v == "" {
			continue
		}
		d, err := corpus.ParseDate(x.v)
		if err != nil {
			return usagef("%s %q: want YYYY-MM-DD", x.name, x.v)
		}
		*x.d = d
	}
	if opt.To.Before(opt.From) {
		return usagef("--to %s is before --from %s", opt.To, opt.From)
	}
	rep := reg.AnnualReport(opt)
	o, err := of.office(reg, annualdoc.ReportTrips(rep))
	if err != nil {
		return err
	}
	doc := annualdoc.Report(rep, o)
	written, err := writeYearly(ctx, e, &of, fmt.Sprintf("bao-cao-doan-ra-%d", opt.To.Year),
		func(g *generate.Generator) ([]byte, error) { return g.RenderAnnualReport(ctx, doc) },
		func() ([]byte, error) { return generate.AnnualReportXLSX(doc) })
	if err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"report": rep, "files": written})
	}
	s := rep.Stats
	fmt.Fprintf(e.stdout, "Báo cáo đoàn ra từ %s đến %s: %d đoàn, %d lượt người; báo cáo đúng hạn %d, muộn %d, quá hạn chưa báo cáo %d, chưa đến hạn %d",
		opt.From, opt.To, s.Delegations, s.PersonTrips, s.Reports.OnTime, s.Reports.Late, s.Reports.Missing, s.Reports.NotDue)
	if dl := yearlyDeadline(rep.Deadline); dl != "" {
		fmt.Fprintf(e.stdout, "; %s", dl)
	}
	fmt.Fprintf(e.stdout, "\n%s\n", strings.Join(written, "\n"))
	return nil
}
