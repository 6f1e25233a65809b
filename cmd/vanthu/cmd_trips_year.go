package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"vanthu/corpus"
	tripreg "vanthu/register"
)

func tripsDue(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips due", "[--as-of YYYY-MM-DD] [--within DAYS] [--all] [--unit U] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	asOf := fs.String("as-of", "", "as of this day (YYYY-MM-DD), default today")
	within := fs.Int("within", 30, "besides the overdue ones, deadlines up to this many days ahead")
	all := fs.Bool("all", false, "every pending deadline, however far")
	unit := fs.String("unit", "", "one unit's trips")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	opt := tripreg.DueOptions{Within: *within, Unit: *unit}
	overdueOnly := *within == 0 && !*all
	switch {
	case *all || *within < 0:
		opt.Within = -1
	case overdueOnly:
		opt.Within = 1 // then keep the overdue ones and today's below
	}
	var err error
	if opt.AsOf, err = dateFlag("as-of", *asOf); err != nil {
		return err
	}
	overdue := false
	err = withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
		ds := reg.Due(opt)
		if overdueOnly {
			kept := ds[:0]
			for _, d := range ds {
				if d.Overdue || d.Days == 0 {
					kept = append(kept, d)
				}
			}
			ds = kept
		}
		if ds == nil {
			ds = []tripreg.Deadline{}
		}
		for _, d := range ds {
			overdue = overdue || d.Overdue
		}
		if c.json {
			return encodeJSON(e.stdout, ds)
		}
		if len(ds) == 0 {
			fmt.Fprintln(e.stdout, "Không có thời hạn nào sắp đến hay đã quá.")
		}
		for _, d := range ds {
			mark := "  "
			if d.Overdue {
				mark = "! "
			}
			fmt.Fprintf(e.stdout, "%s%s %s: %s — %s (%s)\n    %s, %s\n    căn cứ: %s: «%s»\n", mark, kindVi(d.Kind), vnDay(d.Deadline), d.Label,
				d.Name, d.Trip, d.Unit, d.Status.Name(), d.Ref, oneLine(d.Ref.Quote))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if overdue {
		return &exitError{code: 1}
	}
	return nil
}

// statsArgs are the window flags of `trips stats` and `trips report`.
type statsArgs struct {
	from, to, asOf, unit, periodStart *string
	year                              *int
}

func statsFlags(fs *flag.FlagSet) statsArgs {
	return statsArgs{
		from:        fs.String("from", "", "window start (YYYY-MM-DD; a trip counts in the window its departure falls in)"),
		to:          fs.String("to", "", "window end (YYYY-MM-DD)"),
		asOf:        fs.String("as-of", "", "report status as of this day (YYYY-MM-DD), default today"),
		unit:        fs.String("unit", "", "one unit's trips"),
		year:        fs.Int("year", 0, "the year as the window (instead of --from/--to): the calendar year unless --period-start"),
		periodStart: fs.String("period-start", "", "MM-DD the reporting year starts on, in the year before (12-15: 15/12 to 14/12, as national reporting rules count)"),
	}
}

func statsOptions(sa statsArgs) (tripreg.StatsOptions, error) {
	from, to, asOf, unit, year := sa.from, sa.to, sa.asOf, sa.unit, sa.year
	o := tripreg.StatsOptions{Unit: *unit}
	var err error
	if p := *sa.periodStart; p != "" {
		if len(p) != 5 || p[2] != '-' {
			return o, usagef("--period-start %q: want MM-DD", p)
		}
		if _, ok := corpus.NewDate(2000, int(p[0]-'0')*10+int(p[1]-'0'), int(p[3]-'0')*10+int(p[4]-'0')); !ok {
			return o, usagef("--period-start %q: not a day of the year", p)
		}
		if *year == 0 {
			return o, usagef("--period-start needs --year")
		}
	}
	if *year != 0 {
		o.From, o.To = tripreg.Window(*year, *sa.periodStart)
	}
	if *from != "" {
		if o.From, err = parseDateFlag("from", *from, false); err != nil {
			return o, err
		}
	}
	if *to != "" {
		if o.To, err = parseDateFlag("to", *to, true); err != nil {
			return o, err
		}
	}
	if !o.From.IsZero() && !o.To.IsZero() && o.To.Before(o.From) {
		return o, usagef("--to %s is before --from %s", o.To, o.From)
	}
	o.AsOf, err = dateFlag("as-of", *asOf)
	return o, err
}

func tripsStats(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips stats", "--from YYYY-MM-DD --to YYYY-MM-DD [--as-of YYYY-MM-DD] [--unit U] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	sa := statsFlags(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	o, err := statsOptions(sa)
	if err != nil {
		return err
	}
	return withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
		s := reg.Stats(o)
		if c.json {
			return encodeJSON(e.stdout, s)
		}
		w := e.stdout
		fmt.Fprintf(w, "Từ %s đến %s: %d đoàn, %d lượt người; trong kế hoạch %d, ngoài kế hoạch %d\n",
			vnDay(o.From), vnDay(o.To), s.Delegations, s.PersonTrips, s.InPlan, s.NotInPlan)
		fmt.Fprintf(w, "Báo cáo: %d đúng hạn, %d muộn, %d chưa có (quá hạn), %d chưa đến hạn\n",
			s.Reports.OnTime, s.Reports.Late, s.Reports.Missing, s.Reports.NotDue)
		for _, part := range []struct {
			title string
			m     map[string]tripreg.Count
		}{{"Theo nước", s.ByCountry}, {"Theo mục đích", s.ByPurpose}, {"Theo nguồn kinh phí", s.ByFunding}} {
			fmt.Fprintf(w, "%s:\n", part.title)
			for _, k := range sortedKeys(part.m) {
				fmt.Fprintf(w, "  %-40s %4d đoàn %5d lượt\n", k, part.m[k].Delegations, part.m[k].PersonTrips)
			}
		}
		return nil
	})
}

func sortedKeys(m map[string]tripreg.Count) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	// most delegations first, then by name
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0; j-- {
			a, b := m[ks[j-1]], m[ks[j]]
			if a.Delegations > b.Delegations || a.Delegations == b.Delegations && ks[j-1] < ks[j] {
				break
			}
			ks[j-1], ks[j] = ks[j], ks[j-1]
		}
	}
	return ks
}

func tripsOverlaps(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips overlaps", "[--from D] [--to D] [--gap DAYS] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	from := fs.String("from", "", "departures on or after (YYYY-MM-DD)")
	to := fs.String("to", "", "departures on or before (YYYY-MM-DD)")
	gap := fs.Int("gap", 7, "days apart that still count as the same time")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	o := tripreg.OverlapOptions{Gap: *gap}
	if *gap == 0 {
		o.Gap = -1
	}
	var err error
	if o.From, err = parseDateFlag("from", *from, false); err != nil {
		return err
	}
	if o.To, err = parseDateFlag("to", *to, true); err != nil {
		return err
	}
	return withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
		ov := reg.Overlaps(o)
		if ov == nil {
			ov = []tripreg.Overlap{}
		}
		if c.json {
			return encodeJSON(e.stdout, ov)
		}
		fmt.Fprintf(e.stdout, "%d cặp đoàn có thể ghép (cùng nước, cùng thời gian):\n", len(ov))
		for _, x := range ov {
			fmt.Fprintf(e.stdout, "- %s: %s (%s, %s–%s) và %s (%s, %s–%s)\n", strings.Join(x.Countries, ", "),
				x.A.Unit, x.A.ID, vnDay(x.A.Departure), vnDay(x.A.Return), x.B.Unit, x.B.ID, vnDay(x.B.Departure), vnDay(x.B.Return))
		}
		return nil
	})
}

// Renderers of the yearly documents, by the output's extension (".pdf",
// ".xlsx"). `trips plan -o OUT` and `trips report -o OUT` call the one for
// OUT's extension; the document code registers them in its init.
var (
	tripPlanRenderers   = map[string]func(ctx context.Context, e *env, reg *tripreg.Register, p tripreg.Plan, out string) error{}
	tripReportRenderers = map[string]func(ctx context.Context, e *env, reg *tripreg.Register, r tripreg.AnnualReport, out string) error{}
)

func tripsPlan(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips plan", "--year Y [--unit U] [-o OUT.pdf|OUT.xlsx] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	year := fs.Int("year", 0, "the year planned (default: next year)")
	unit := fs.String("unit", "", "one unit's plan")
	out := fs.String("o", "", "write the plan (Phụ lục IV) to this file")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	return withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
		y := *year
		if y == 0 {
			y = reg.Today().Year + 1
		}
		p := reg.Plan(*unit, y)
		if *out != "" {
			render, ok := tripPlanRenderers[strings.ToLower(filepath.Ext(*out))]
			if !ok {
				return usagef("-o %q: no renderer for this kind of file", *out)
			}
			return render(ctx, e, reg, p, *out)
		}
		if c.json {
			return encodeJSON(e.stdout, p)
		}
		fmt.Fprintf(e.stdout, "Kế hoạch đoàn ra năm %d%s: %d đoàn\n", y, unitSuffix(*unit), len(p.Rows))
		if p.Deadline != nil {
			fmt.Fprintf(e.stdout, "Hạn gửi: %s (%s)\n", vnDay(p.Deadline.Date), p.Deadline.Rule)
		}
		for _, r := range p.Rows {
			fmt.Fprintf(e.stdout, "%3d. %s; trưởng đoàn %s; %d người, %d ngày; %s\n", r.No, r.Name, r.Head, r.Members, r.Days, r.Purpose)
		}
		return nil
	})
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " của " + u
}

func tripsReport(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips report", "--year Y | --from D --to D [--as-of D] [--unit U] [-o OUT.pdf|OUT.xlsx] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	sa := statsFlags(fs)
	out := fs.String("o", "", "write the report (Phụ lục III) to this file")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	o, err := statsOptions(sa)
	if err != nil {
		return err
	}
	return withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
		if o.From.IsZero() && o.To.IsZero() {
			o.From, o.To = tripreg.Window(reg.Today().Year, "")
		}
		r := reg.AnnualReport(o)
		if *out != "" {
			render, ok := tripReportRenderers[strings.ToLower(filepath.Ext(*out))]
			if !ok {
				return usagef("-o %q: no renderer for this kind of file", *out)
			}
			return render(ctx, e, reg, r, *out)
		}
		if c.json {
			return encodeJSON(e.stdout, r)
		}
		fmt.Fprintf(e.stdout, "Báo cáo công tác quản lý đoàn ra %s – %s%s: %d đoàn, %d lượt người\n",
			vnDay(r.From), vnDay(r.To), unitSuffix(*sa.unit), r.Stats.Delegations, r.Stats.PersonTrips)
		if r.Deadline != nil {
			fmt.Fprintf(e.stdout, "Hạn gửi: %s (%s)\n", vnDay(r.Deadline.Date), r.Deadline.Rule)
		}
		for _, row := range r.Rows {
			rep := "chưa có báo cáo"
			if !row.Report.Date.IsZero() {
				rep = row.Report.Number + " ngày " + vnDay(row.Report.Date)
			} else if row.ReportMissing {
				rep = "KHÔNG CÓ BÁO CÁO (quá hạn)"
			}
			fmt.Fprintf(e.stdout, "%3d. %s; %s; %s–%s; %s\n", row.No, row.Name, strings.Join(row.Countries, ", "), vnDay(row.From), vnDay(row.To), rep)
		}
		return nil
	})
}
