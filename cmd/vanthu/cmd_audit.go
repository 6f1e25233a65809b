package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vanthu/audit"
	"vanthu/corpus"
)

func init() {
	register(command{"audit", "the audit log of every write: verify (detects an edited or deleted entry), list [--json] with filters", runAudit})
}

const auditUsage = "audit needs a subcommand: verify, list [--doc ID] [--trip ID] [--kind K] [--user U] [--action A] [--from DATE] [--to DATE] [--limit N] [--json]"

func runAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef(auditUsage)
	}
	sub, args := args[0], args[1:]
	fs, c := newFlags(e, "audit "+sub, "[flags]")
	doc := fs.String("doc", "", "list: entries of one document (its id)")
	trip := fs.String("trip", "", "list: entries of one trip (its id)")
	kind := fs.String("kind", "", "list: entries of one kind of record (document, trip, correction, withdrawal, ruleset, user, watch)")
	user := fs.String("user", "", "list: entries by one user")
	action := fs.String("action", "", "list: one action (document.put, record.put, login, login.failed...)")
	from := fs.String("from", "", "list: from this day (YYYY-MM-DD or DD/MM/YYYY), Vietnam time")
	to := fs.String("to", "", "list: up to this day, inclusive")
	limit := fs.Int("limit", 0, "list: only the newest N entries (0: all)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(c.data, audit.FileName)); err != nil {
		if sub == "verify" || sub == "list" {
			if c.json && sub == "list" {
				return nil
			}
			fmt.Fprintf(e.stdout, "chưa có nhật ký (%s): chưa ghi gì vào kho\n", filepath.Join(c.data, audit.FileName))
			return nil
		}
	}
	l, err := audit.Open(audit.Config{Dir: c.data})
	if err != nil {
		return err
	}
	defer l.Close()
	switch sub {
	case "verify":
		n, err := l.Verify()
		var ce *audit.ChainError
		if errors.As(err, &ce) {
			if c.json {
				encodeJSON(e.stdout, map[string]any{"ok": false, "entries": n, "seq": ce.Seq, "line": ce.Line, "error": ce.Error()})
			}
			return &exitError{code: 1, msg: fmt.Sprintf("nhật ký bị sửa hoặc xoá: %s", strings.TrimPrefix(ce.Error(), "audit: "))}
		}
		if err != nil {
			return err
		}
		if c.json {
			return encodeJSON(e.stdout, map[string]any{"ok": true, "entries": n})
		}
		fmt.Fprintf(e.stdout, "nhật ký nguyên vẹn: %d mục, chuỗi băm khớp\n", n)
		return nil
	case "list":
		f := audit.Filter{Actor: *user, Kind: *kind, Action: *action, Limit: *limit}
		switch {
		case *doc != "":
			f.Kind, f.ID = "", *doc
		case *trip != "":
			f.Kind, f.ID = "trip", *trip
		}
		if *from != "" {
			d, err := dateFlag("from", *from)
			if err != nil {
				return err
			}
			f.From = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, corpus.VietnamZone)
		}
		if *to != "" {
			d, err := dateFlag("to", *to)
			if err != nil {
				return err
			}
			f.To = time.Date(d.Year, time.Month(d.Month), d.Day, 23, 59, 59, 999999999, corpus.VietnamZone)
		}
		es, err := l.List(f)
		if err != nil {
			return err
		}
		for _, en := range es {
			if c.json {
				if err := encodeJSON(e.stdout, en); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(e.stdout, "%6d  %s  %-12s %-13s %s %s\n", en.Seq, en.Time.In(corpus.VietnamZone).Format("02/01/2006 15:04:05"),
				orDash(en.Actor), en.Action, strings.TrimSpace(en.Kind+" "+en.ID), oneLine(en.Note))
		}
		return nil
	}
	return usagef("unknown audit subcommand %q: %s", sub, auditUsage)
}
