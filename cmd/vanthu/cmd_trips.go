package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"vanthu/check"
	"vanthu/corpus"
	tripreg "vanthu/register"
)

func init() {
	register(command{"trips", "the trip register (sổ đoàn ra): list, show, file, set, import, export, due, stats, overlaps, plan, report", runTrips})
}

const tripsUsage = "trips needs a subcommand: list, show, file, set, import, export, due, stats, overlaps, plan, report"

func runTrips(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef(tripsUsage)
	}
	sub := map[string]func(context.Context, *env, []string) error{
		"list": tripsList, "show": tripsShow, "file": tripsFile, "set": tripsSet, "import": tripsImport,
		"export": tripsExport, "due": tripsDue, "stats": tripsStats, "overlaps": tripsOverlaps,
		"plan": tripsPlan, "report": tripsReport,
	}
	if f, ok := sub[args[0]]; ok {
		return f(ctx, e, args[1:])
	}
	return usagef("unknown trips subcommand %q: %s", args[0], tripsUsage)
}

// readUnits reads a list of units, one a line ("" gives none: any unit).
func readUnits(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, usagef("--units %s: no unit listed", path)
	}
	return out, nil
}

// withRegisterUnits is withRegister with the units that may own trips.
func withRegisterUnits(ctx context.Context, e *env, c *common, nf natsFlags, write bool, units []string, fn func(*tripreg.Register) error) error {
	return withRegister(ctx, e, c, nf, write, func(reg *tripreg.Register) error {
		reg.RestrictUnits(units)
		return fn(reg)
	})
}

// withRegister opens the data directory (for writing when write is set), or
// the cluster with --nats, and its trip register, and runs fn. The
// cluster's records are written with compare-and-set, so clerks filing
// trips from several machines at once never overwrite one another (a stale
// write is refused, as on one machine).
func withRegister(ctx context.Context, e *env, c *common, nf natsFlags, write bool, fn func(*tripreg.Register) error) error {
	var a *app
	var done func()
	var err error
	if nf.url != "" {
		a, done, err = openClusterApp(ctx, e, c.data, nf)
	} else if a, err = openApp(ctx, e, c.data, appOptions{write: write}); err == nil {
		done = func() { a.Close() }
	}
	if err != nil {
		return err
	}
	defer done()
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		return err
	}
	return fn(reg)
}

// withReadRegister opens the trip register of the data directory, or of
// the cluster with --nats, to read, and runs fn.
func withReadRegister(ctx context.Context, e *env, c *common, nf natsFlags, fn func(*tripreg.Register) error) error {
	return withRegister(ctx, e, c, nf, false, fn)
}

// registerHistory is the year's trips of the data directory's register,
// for the check of a new trip to count each member's trips from (nil when
// there is no register: the trip file's declared trips_this_year is used,
// and the check says so).
func registerHistory(ctx context.Context, e *env, data string, t corpus.Trip) []corpus.PastTrip {
	if _, err := os.Stat(filepath.Join(data, corpusDir)); err != nil {
		return nil
	}
	var h []corpus.PastTrip
	quiet := &env{stdin: e.stdin, stdout: io.Discard, stderr: io.Discard, getenv: e.getenv}
	err := withRegister(ctx, quiet, &common{data: data}, natsFlags{}, false, func(reg *tripreg.Register) error {
		if reg.Len() > 0 {
			h = reg.History(t.Departure.Year, tripreg.NewID(tripreg.Entry{Unit: tripreg.DefaultUnit(t), Trip: t}))
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: trip register not used: %v\n", err)
	}
	return h
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// tripErr turns the register's errors into the CLI's: bad input (exit 2)
// for what the user typed, the error itself otherwise.
func tripErr(err error) error {
	if err == nil {
		return nil
	}
	var fe *tripreg.FieldError
	var te *tripreg.TransitionError
	switch {
	case errors.As(err, &fe):
		return usagef("chuyến %s, trường %s: %s (%s)", fe.Trip, fe.Field, fe.Message, fe.MessageEN)
	case errors.As(err, &te):
		return usagef("chuyến %s: không chuyển được từ %q sang %q: %s", te.Trip, te.From, te.To, te.Why)
	case errors.Is(err, tripreg.ErrNotFound), errors.Is(err, tripreg.ErrInvalid):
		return &usageError{err.Error()}
	case errors.Is(err, tripreg.ErrConflict):
		return fmt.Errorf("%w: chuyến đi vừa được người khác sửa, hãy thử lại", err)
	}
	return err
}

// dateFlags parses --as-of style flags.
func dateFlag(name, v string) (corpus.Date, error) { return parseDateFlag(name, v, false) }

// listFilter adds the register's filters to a flag set.
type listFilter struct {
	year                                   *int
	unit, status, country, person, q, asOf *string
	from, to                               *string
	inPlan                                 *string
	overdue                                *bool
}

func addListFilter(fs *flag.FlagSet) *listFilter {
	return &listFilter{
		year:    fs.Int("year", 0, "departure year"),
		unit:    fs.String("unit", "", "the owning unit"),
		status:  fs.String("status", "", "statuses, comma-separated (planned, proposed, approved, refused, travelling, returned, reported, settled, postponed, cancelled)"),
		country: fs.String("country", "", "a country, any spelling (Hàn Quốc, Han Quoc, Korea)"),
		person:  fs.String("person", "", "a member's name"),
		q:       fs.String("q", "", "words in the name, unit, members, countries or numbers"),
		asOf:    fs.String("as-of", "", "state deadlines as of this day (YYYY-MM-DD), default today"),
		from:    fs.String("from", "", "departure on or after (YYYY-MM-DD)"),
		to:      fs.String("to", "", "departure on or before (YYYY-MM-DD)"),
		inPlan:  fs.String("in-plan", "", "yes: only trips in the plan; no: only those outside it"),
		overdue: fs.Bool("overdue", false, "only trips with an overdue deadline"),
	}
}

func (lf *listFilter) filter() (tripreg.Filter, error) {
	f := tripreg.Filter{Year: *lf.year, Unit: *lf.unit, Country: *lf.country, Person: *lf.person, Text: *lf.q, Overdue: *lf.overdue}
	var err error
	if f.AsOf, err = dateFlag("as-of", *lf.asOf); err != nil {
		return f, err
	}
	if f.From, err = parseDateFlag("from", *lf.from, false); err != nil {
		return f, err
	}
	if f.To, err = parseDateFlag("to", *lf.to, true); err != nil {
		return f, err
	}
	for _, s := range strings.Split(*lf.status, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		st, err := tripreg.ParseStatus(s)
		if err != nil {
			return f, &usageError{err.Error()}
		}
		f.Status = append(f.Status, st)
	}
	switch strings.ToLower(*lf.inPlan) {
	case "":
	case "yes", "true", "x", "co":
		t := true
		f.InPlan = &t
	case "no", "false", "khong":
		t := false
		f.InPlan = &t
	default:
		return f, usagef("--in-plan %q: yes or no", *lf.inPlan)
	}
	return f, nil
}

func tripsList(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips list", "[--year Y] [--unit U] [--status S,...] [--country C] [--person P] [--q WORDS] [--overdue] [--as-of D] [--sort due|departure] [--limit N] [--json] [--nats URL]")
	lf := addListFilter(fs)
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	sortBy := fs.String("sort", "due", "due (overdue first) or departure (newest first)")
	limit := fs.Int("limit", 0, "at most N trips (0: all)")
	offset := fs.Int("offset", 0, "skip the first N")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	f, err := lf.filter()
	if err != nil {
		return err
	}
	if *sortBy != "due" && *sortBy != "departure" {
		return usagef("--sort %q: due or departure", *sortBy)
	}
	f.Sort, f.Limit, f.Offset = *sortBy, *limit, *offset
	return withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
		items, total := reg.List(f)
		if c.json {
			return encodeJSON(e.stdout, struct {
				Total int                `json:"total"`
				Trips []tripreg.ListItem `json:"trips"`
			}{total, items})
		}
		w := e.stdout
		fmt.Fprintf(w, "Sổ đoàn ra: %d chuyến\n", total)
		for _, it := range items {
			next := ""
			if it.Next != nil {
				mark := ""
				if it.Next.Overdue {
					mark = "! "
				}
				next = fmt.Sprintf("  %s%s %s: %s", mark, kindVi(it.Next.Kind), vnDay(it.Next.Deadline), it.Next.Label)
			}
			fmt.Fprintf(w, "%s  %s–%s  %-10s  %s (%s; %s)%s\n", it.ID, vnDay(it.Departure), vnDay(it.Return), it.Status,
				it.Name, it.Unit, strings.Join(it.Countries, ", "), next)
		}
		return nil
	})
}

func vnDay(d corpus.Date) string {
	if d.IsZero() {
		return "?"
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

func kindVi(k string) string {
	switch k {
	case tripreg.KindDossier:
		return "hạn gửi hồ sơ"
	case tripreg.KindReport:
		return "hạn báo cáo"
	case tripreg.KindSettlement:
		return "hạn quyết toán"
	}
	return k
}

// tripShow is the JSON of `trips show`.
type tripShow struct {
	Entry     tripreg.Entry         `json:"entry"`
	Deadlines []tripreg.Deadline    `json:"deadlines"`
	Labels    []string              `json:"labels"` // each deadline in words, in the same order
	Counts    []tripreg.PersonCount `json:"counts"` // trips this year per member
	Check     check.Report          `json:"check"`
	Documents []tripDoc             `json:"documents"` // linked to the trip, or carrying one of its numbers
	Versions  []tripreg.Version     `json:"versions,omitempty"`
}

// tripDoc is a stored document of a trip.
type tripDoc struct {
	ID     string      `json:"id"`
	Number string      `json:"number,omitempty"`
	Type   string      `json:"type,omitempty"`
	Date   corpus.Date `json:"date"`
	Title  string      `json:"title,omitempty"`
	Link   string      `json:"link"` // "listed" (the trip lists it) or "number" (it carries one of the trip's numbers)
}

// tripDocuments finds a trip's documents in the store.
func tripDocuments(ctx context.Context, a *app, en tripreg.Entry) []tripDoc {
	out := []tripDoc{}
	seen := map[string]bool{}
	add := func(d corpus.Document, link string) {
		if !seen[d.ID] {
			seen[d.ID] = true
			out = append(out, tripDoc{ID: d.ID, Number: d.Number, Type: d.Type, Date: d.Date, Title: d.Title, Link: link})
		}
	}
	for _, id := range en.Documents {
		if a.review != nil && a.review.Withdrawn(id) {
			continue // withdrawn from every listing (vanthu rm)
		}
		if d, err := a.store.Get(ctx, id); err == nil {
			add(d, "listed")
		} else {
			seen[id] = true
			out = append(out, tripDoc{ID: id, Link: "listed"})
		}
	}
	for _, n := range en.Numbers() {
		ds, err := a.store.FindNumber(ctx, n)
		if err != nil {
			continue
		}
		for _, d := range ds {
			add(d, "number")
		}
	}
	return out
}

func tripsShow(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips show", "ID [--as-of D] [--versions] [--json] [--nats URL]")
	asOf := fs.String("as-of", "", "state deadlines as of this day (YYYY-MM-DD), default today")
	versions := fs.Bool("versions", false, "every stored version, oldest first")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("trips show takes one trip id")
	}
	day, err := dateFlag("as-of", *asOf)
	if err != nil {
		return err
	}
	a, closeApp, err := openReadApp(ctx, e, c.data, nf)
	if err != nil {
		return err
	}
	defer closeApp()
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		return err
	}
	ent, err := reg.Get(pos[0])
	if err != nil {
		return tripErr(err)
	}
	out := tripShow{Entry: ent, Counts: reg.Counts(ent), Deadlines: []tripreg.Deadline{}, Labels: []string{}}
	out.Deadlines, _ = reg.Deadlines(ent.ID, day)
	for _, d := range out.Deadlines {
		out.Labels = append(out.Labels, d.Label)
	}
	out.Check, _ = reg.Check(ent.ID, day)
	out.Documents = tripDocuments(ctx, a, ent)
	if *versions {
		if out.Versions, err = reg.Versions(ctx, ent.ID); err != nil {
			return err
		}
	}
	if c.json {
		return encodeJSON(e.stdout, out)
	}
	printTrip(e.stdout, out)
	return nil
}

func printTrip(w io.Writer, s tripShow) {
	en := s.Entry
	h := en.Head()
	fmt.Fprintf(w, "%s  %s\n", en.ID, en.Trip.Name)
	fmt.Fprintf(w, "Đơn vị: %s\nTrạng thái: %s (%s)\n", en.Unit, en.Status.Name(), en.Status)
	fmt.Fprintf(w, "Trưởng đoàn: %s, %s; %d thành viên\n", h.Name, h.Position, len(en.Trip.Members))
	fmt.Fprintf(w, "Nước đến: %s; %s – %s\n", strings.Join(en.Countries(), ", "), vnDay(en.Trip.Departure), vnDay(en.Trip.Return))
	if en.Trip.Jurisdiction != "" {
		fmt.Fprintf(w, "Áp dụng quy định của: %s\n", en.Trip.Jurisdiction)
	}
	plan := "ngoài kế hoạch"
	if en.InPlan {
		plan = "trong kế hoạch"
	}
	fmt.Fprintf(w, "Kinh phí: %s; %s\n", tripreg.FundingName(en.Funding, en.Trip.Funding.Source), plan)
	for _, d := range []struct {
		name string
		ref  tripreg.DocRef
	}{{"Công văn đề nghị", en.Request}, {"Quyết định", en.Decision}, {"Báo cáo", en.Report}, {"Quyết toán", en.Settlement}} {
		if !d.ref.IsZero() {
			fmt.Fprintf(w, "%s: %s\n", d.name, strings.Join(nonEmpty(d.ref.Number, "ngày "+vnDay(d.ref.Date), d.ref.Body), " "))
		}
	}
	if en.Reason != "" {
		fmt.Fprintf(w, "Lý do: %s\n", en.Reason)
	}
	if len(s.Deadlines) > 0 {
		fmt.Fprintln(w, "\nThời hạn:")
		for _, d := range s.Deadlines {
			fmt.Fprintf(w, "  %s %s: %s\n    căn cứ: %s\n    «%s»\n", kindVi(d.Kind), vnDay(d.Deadline), d.Label, d.Ref, oneLine(d.Ref.Quote))
		}
	}
	fmt.Fprintln(w, "\nSố chuyến đi nước ngoài trong năm (tính cả chuyến này):")
	for _, pc := range s.Counts {
		src := "theo sổ"
		if pc.Source == "declared" {
			src = "theo số khai trong tệp (trips_this_year), sổ có " + fmt.Sprint(pc.Counted)
		}
		fmt.Fprintf(w, "  %s: lần thứ %d (%s)\n", pc.Name, pc.Used+1, src)
	}
	if len(s.Documents) > 0 {
		fmt.Fprintln(w, "\nVăn bản:")
		for _, d := range s.Documents {
			fmt.Fprintf(w, "  %s  %s %s  %s\n", d.ID, d.Number, vnDay(d.Date), d.Title)
		}
	}
	fmt.Fprintln(w, "\nLịch sử:")
	for _, ch := range en.History {
		fmt.Fprintf(w, "  %s  %s → %s  %s %s\n", vnDay(ch.On), ch.From, ch.To, ch.Author, ch.Note)
	}
	if len(s.Check.Findings) > 0 {
		fmt.Fprintf(w, "\nKiểm tra theo quy định: %s\n", s.Check.Status)
		for _, f := range s.Check.Findings {
			if f.Status != check.StatusPass {
				fmt.Fprintf(w, "  [%s] %s\n", f.Status, f.Message)
			}
		}
	}
	for _, v := range s.Versions {
		fmt.Fprintf(w, "phiên bản %d: %s %s %s\n", v.Version, v.Time.Format("2006-01-02 15:04"), v.Author, v.Note)
	}
}
