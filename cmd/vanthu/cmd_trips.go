package main

import (
	"bytes"
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
	"vanthu/trip"
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
func withRegisterUnits(ctx context.Context, e *env, c *common, write bool, units []string, fn func(*tripreg.Register) error) error {
	return withRegister(ctx, e, c, write, func(reg *tripreg.Register) error {
		reg.RestrictUnits(units)
		return fn(reg)
	})
}

// withRegister opens the data directory (for writing when write is set) and
// its trip register, and runs fn.
func withRegister(ctx context.Context, e *env, c *common, write bool, fn func(*tripreg.Register) error) error {
	a, err := openApp(ctx, e, c.data, appOptions{write: write})
	if err != nil {
		return err
	}
	defer a.Close()
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		return err
	}
	return fn(reg)
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
	err := withRegister(ctx, quiet, &common{data: data}, false, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips list", "[--year Y] [--unit U] [--status S,...] [--country C] [--person P] [--q WORDS] [--overdue] [--as-of D] [--sort due|departure] [--limit N] [--json]")
	lf := addListFilter(fs)
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
	return withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips show", "ID [--as-of D] [--versions] [--json]")
	asOf := fs.String("as-of", "", "state deadlines as of this day (YYYY-MM-DD), default today")
	versions := fs.Bool("versions", false, "every stored version, oldest first")
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
	a, err := openApp(ctx, e, c.data, appOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
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

func tripsFile(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips file", "TRIP.yaml [--unit U] [--status S] [--in-plan] [--funding TEXT] [--by NAME] [--note TEXT] [--json]")
	unit := fs.String("unit", "", "the owning unit (default: the head's unit)")
	status := fs.String("status", "planned", "the status it is filed in")
	inPlan := fs.Bool("in-plan", false, "the trip is in the approved annual plan")
	funding := fs.String("funding", "", "the funding source as the unit writes it (\"Ngân sách tỉnh\")")
	by := fs.String("by", "", "who files it (default VANTHU_USER, USER)")
	note := fs.String("note", "", "a note for the history")
	id := fs.String("id", "", "file under this id (default: made from the unit, name, departure and head)")
	update := fs.Bool("update", false, "when the trip is already filed, replace its trip file with this one (status and numbers kept)")
	units := fs.String("units", "", "a file listing the units that may own trips, one a line: any other unit is refused")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("trips file takes one trip file: vanthu trips file trip.yaml")
	}
	known, err := readUnits(*units)
	if err != nil {
		return err
	}
	t, err := trip.Load(pos[0])
	if err != nil {
		return &usageError{err.Error()}
	}
	st, err := tripreg.ParseStatus(*status)
	if err != nil {
		return &usageError{err.Error()}
	}
	ent := tripreg.Entry{ID: *id, Unit: *unit, Status: st, InPlan: *inPlan, Funding: *funding, Trip: t}
	return withRegisterUnits(ctx, e, c, true, known, func(reg *tripreg.Register) error {
		got, created, err := reg.File(ctx, author(e, *by), ent, *note)
		if err != nil {
			return tripErr(err)
		}
		if !created && *update {
			if got, err = reg.UpdateTrip(ctx, got.ID, author(e, *by), *note, t); err != nil {
				return tripErr(err)
			}
		}
		if c.json {
			return encodeJSON(e.stdout, struct {
				Created bool          `json:"created"`
				Entry   tripreg.Entry `json:"entry"`
			}{created, got})
		}
		if created {
			fmt.Fprintf(e.stdout, "đã vào sổ: %s  %s (%s)\n", got.ID, got.Trip.Name, got.Status.Name())
		} else {
			fmt.Fprintf(e.stdout, "đã có trong sổ: %s  %s (%s)\n", got.ID, got.Trip.Name, got.Status.Name())
		}
		return nil
	})
}

func tripsSet(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips set", "ID [--status S --number N --date D --body B --reason R --on D] [--unit U] [--in-plan yes|no] [--funding F] [--notes T] [--doc ID] [--by NAME] [--note T] [--json]")
	status := fs.String("status", "", "move to this status (see `vanthu help`: planned → proposed → approved → travelling → returned → reported → settled; refused, postponed, cancelled)")
	number := fs.String("number", "", "the request's, decision's, report's or settlement's number")
	date := fs.String("date", "", "that document's date (YYYY-MM-DD), default --on or today")
	body := fs.String("body", "", "approved: the approving body")
	reason := fs.String("reason", "", "postponed, cancelled, refused: why")
	on := fs.String("on", "", "the day it happened (travelling, returned: the actual departure, return)")
	unit := fs.String("unit", "", "change the owning unit")
	inPlan := fs.String("in-plan", "", "yes or no")
	funding := fs.String("funding", "", "change the funding source as written")
	notes := fs.String("notes", "", "change the notes")
	doc := fs.String("doc", "", "link a document (corpus id) to the trip")
	by := fs.String("by", "", "who makes the change (default VANTHU_USER, USER)")
	note := fs.String("note", "", "a note for the history")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("trips set takes one trip id")
	}
	m := tripreg.Move{Number: *number, Body: *body, Reason: *reason, Note: *note}
	if m.Date, err = dateFlag("date", *date); err != nil {
		return err
	}
	if m.On, err = dateFlag("on", *on); err != nil {
		return err
	}
	edits := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "unit", "in-plan", "funding", "notes", "doc":
			edits = true
		}
	})
	if *status == "" && !edits {
		return usagef("trips set: nothing to change (give --status or a field)")
	}
	var plan *bool
	switch strings.ToLower(*inPlan) {
	case "":
	case "yes", "true", "x":
		t := true
		plan = &t
	case "no", "false":
		t := false
		plan = &t
	default:
		return usagef("--in-plan %q: yes or no", *inPlan)
	}
	if *status != "" {
		if m.To, err = tripreg.ParseStatus(*status); err != nil {
			return &usageError{err.Error()}
		}
	}
	who := author(e, *by)
	return withRegister(ctx, e, c, true, func(reg *tripreg.Register) error {
		id := pos[0]
		var got tripreg.Entry
		var err error
		if edits {
			got, err = reg.Edit(ctx, id, who, noteOr(*note, "sửa thông tin"), func(en *tripreg.Entry) error {
				if *unit != "" {
					en.Unit = *unit
				}
				if plan != nil {
					en.InPlan = *plan
				}
				if *funding != "" {
					en.Funding = *funding
				}
				if *notes != "" {
					en.Notes = *notes
				}
				if *doc != "" {
					en.Documents = appendOnce(en.Documents, *doc)
				}
				return nil
			})
			if err != nil {
				return tripErr(err)
			}
		}
		if m.To != "" {
			if err := checkDecisionCLI(ctx, e, c.data, reg, id, who, m.To); err != nil {
				return err
			}
			if got, err = reg.Move(ctx, id, who, m); err != nil {
				return tripErr(err)
			}
		}
		if c.json {
			return encodeJSON(e.stdout, got)
		}
		fmt.Fprintf(e.stdout, "%s: %s (%s)\n", got.ID, got.Status.Name(), got.Status)
		return nil
	})
}

func noteOr(s, def string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return def
}

func appendOnce(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}

func tripsImport(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips import", "FILE.xlsx|FILE.csv [--unit U] [--jurisdiction J] [--by NAME] [--json]")
	unit := fs.String("unit", "", "the unit of rows without \"Đơn vị\"")
	jur := fs.String("jurisdiction", "", "whose rules apply to rows without \"Áp dụng quy định của\"")
	by := fs.String("by", "", "who imports (default VANTHU_USER, USER)")
	units := fs.String("units", "", "a file listing the units that may own trips, one a line: rows of any other unit are rejected")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("trips import takes one spreadsheet (.xlsx or .csv)")
	}
	known, err := readUnits(*units)
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return &usageError{err.Error()}
	}
	rows, err := tripreg.ReadSheet(f, pos[0])
	f.Close()
	if err != nil {
		return &usageError{err.Error()}
	}
	var res tripreg.ImportResult
	err = withRegisterUnits(ctx, e, c, true, known, func(reg *tripreg.Register) error {
		var err error
		res, err = reg.Import(ctx, author(e, *by), rows, tripreg.ImportOptions{Name: filepath.Base(pos[0]), Unit: *unit, Jurisdiction: *jur})
		return err
	})
	if errors.Is(err, tripreg.ErrSheet) {
		return &usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	if c.json {
		if err := encodeJSON(e.stdout, res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%s: %d dòng; %d chuyến mới, %d đã có trong sổ, %d dòng bị từ chối\n",
			pos[0], res.Rows, res.Imported, res.Existing, len(res.Rejected))
		for _, re := range res.Rejected {
			col := ""
			if re.Column != "" {
				col = fmt.Sprintf(", cột %q", re.Column)
			}
			fmt.Fprintf(e.stdout, "  dòng %d%s: %s\n", re.Row, col, re.Message)
		}
	}
	if len(res.Rejected) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

func tripsExport(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips export", "-o FILE.xlsx|FILE.csv [filters of trips list]")
	lf := addListFilter(fs)
	out := fs.String("o", "", "the file to write (.xlsx or .csv); without it CSV goes to standard output")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	f, err := lf.filter()
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *out != "" && ext != ".xlsx" && ext != ".csv" {
		return usagef("-o %q: want a .xlsx or .csv file", *out)
	}
	return withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
		rows := reg.ExportRows(f)
		var buf bytes.Buffer
		var err error
		if ext == ".xlsx" {
			err = tripreg.WriteXLSX(&buf, rows)
		} else {
			err = tripreg.WriteCSV(&buf, rows)
		}
		if err != nil {
			return err
		}
		if *out == "" {
			_, err = e.stdout.Write(buf.Bytes())
			return err
		}
		if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "trips export: %d chuyến → %s\n", len(rows)-1, *out)
		return nil
	})
}

func tripsDue(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips due", "[--as-of YYYY-MM-DD] [--within DAYS] [--all] [--unit U] [--json]")
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
	err = withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips stats", "--from YYYY-MM-DD --to YYYY-MM-DD [--as-of YYYY-MM-DD] [--unit U] [--json]")
	sa := statsFlags(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	o, err := statsOptions(sa)
	if err != nil {
		return err
	}
	return withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips overlaps", "[--from D] [--to D] [--gap DAYS] [--json]")
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
	return withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips plan", "--year Y [--unit U] [-o OUT.pdf|OUT.xlsx] [--json]")
	year := fs.Int("year", 0, "the year planned (default: next year)")
	unit := fs.String("unit", "", "one unit's plan")
	out := fs.String("o", "", "write the plan (Phụ lục IV) to this file")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	return withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips report", "--year Y | --from D --to D [--as-of D] [--unit U] [-o OUT.pdf|OUT.xlsx] [--json]")
	sa := statsFlags(fs)
	out := fs.String("o", "", "write the report (Phụ lục III) to this file")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	o, err := statsOptions(sa)
	if err != nil {
		return err
	}
	return withRegister(ctx, e, c, false, func(reg *tripreg.Register) error {
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
