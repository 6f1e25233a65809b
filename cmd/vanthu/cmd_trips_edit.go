package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tripreg "vanthu/register"
	"vanthu/trip"
)

func tripsFile(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "trips file", "TRIP.yaml [--unit U] [--status S] [--in-plan] [--funding TEXT] [--by NAME] [--note TEXT] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
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
	return withRegisterUnits(ctx, e, c, nf, true, known, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips set", "ID [--status S --number N --date D --body B --reason R --on D] [--unit U] [--in-plan yes|no] [--funding F] [--notes T] [--doc ID] [--by NAME] [--note T] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
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
	return withRegister(ctx, e, c, nf, true, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips import", "FILE.xlsx|FILE.csv [--unit U] [--jurisdiction J] [--by NAME] [--json] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
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
	err = withRegisterUnits(ctx, e, c, nf, true, known, func(reg *tripreg.Register) error {
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
	fs, c := newFlags(e, "trips export", "-o FILE.xlsx|FILE.csv [filters of trips list] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
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
	return withReadRegister(ctx, e, c, nf, func(reg *tripreg.Register) error {
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
