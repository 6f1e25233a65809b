package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vanthu/audit"
	"vanthu/check"
	"vanthu/corpus"
	"vanthu/corpus/filestore"
)

func init() {
	register(command{"rules", "rule sets on delegations: list, add, show, check (YAML, kept in the data directory)", runRules})
}

// The rules an office adds are records of kind "ruleset" in the corpus's
// record store (corpus.RecordStore): versioned with who and when, kept
// beside the documents in the data directory, read again by every check, so
// adding or editing a set needs no rebuild.
func runRules(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "rules", "list | add FILE.yaml... | show ID | check FILE.yaml... [--author NAME]")
	author := fs.String("author", "", "who adds the rule set (kept with the version); default $USER")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("rules takes a subcommand: list, add FILE.yaml, show ID or check FILE.yaml")
	}
	sub, rest := pos[0], pos[1:]
	switch sub {
	case "check":
		if len(rest) == 0 {
			return usagef("rules check takes one or more YAML files")
		}
		bad := 0
		for _, p := range rest {
			b, err := os.ReadFile(p)
			if err != nil {
				return &usageError{err.Error()}
			}
			rs, err := check.ParseRuleSet(b, p)
			if err != nil {
				bad++
				fmt.Fprintln(e.stderr, ruleErr(err))
				continue
			}
			fmt.Fprintf(e.stdout, "%s: hợp lệ: bộ quy định %s, %d quy định, phạm vi %s\n", p, rs.ID, len(rs.Rules), scopeOf(rs))
		}
		if bad > 0 {
			return &exitError{code: 2}
		}
		return nil
	case "add":
		if len(rest) == 0 {
			return usagef("rules add takes one or more YAML files")
		}
		who := *author
		if who == "" {
			who = e.getenv("USER")
		}
		st, closeFn, err := openRecords(e, c.data, true)
		if err != nil {
			return err
		}
		defer closeFn()
		for _, p := range rest {
			b, err := os.ReadFile(p)
			if err != nil {
				return &usageError{err.Error()}
			}
			rs, rec, wrote, err := check.PutRuleSet(ctx, st, b, p, who, time.Now())
			var rde *check.RuleDataError
			if errors.As(err, &rde) {
				return &usageError{ruleErr(err)}
			}
			if err != nil {
				return err
			}
			state := "đã lưu"
			if !wrote {
				state = "không đổi"
			}
			if c.json {
				if err := json.NewEncoder(e.stdout).Encode(map[string]any{"id": rs.ID, "version": rec.Version, "stored": wrote, "file": p}); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(e.stdout, "%s: %s bộ quy định %s (phiên bản %d), phạm vi %s\n", p, state, rs.ID, rec.Version, scopeOf(rs))
		}
		return nil
	case "list":
		sets, err := allRuleSets(ctx, e, c.data)
		if err != nil {
			return err
		}
		if c.json {
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			return enc.Encode(sets)
		}
		for _, rs := range sets {
			valid := ""
			if !rs.ValidFrom.IsZero() || !rs.ValidTo.IsZero() {
				valid = fmt.Sprintf(", hiệu lực %s – %s", dateOr(rs.ValidFrom, "…"), dateOr(rs.ValidTo, "nay"))
			}
			fmt.Fprintf(e.stdout, "%s [%s] %s: %s của %s%s; %d quy định\n", rs.ID, originText(rs.Origin), scopeOf(rs),
				strings.TrimSpace(rs.Source.Type+" "+rs.Source.Number), rs.Source.Issuer, valid, len(rs.Rules))
		}
		return nil
	case "show":
		if len(rest) != 1 {
			return usagef("rules show takes one rule set id (see `vanthu rules list`)")
		}
		if st, closeFn, err := openRecords(e, c.data, false); err == nil {
			defer closeFn()
			if b, rec, err := check.StoredRuleSet(ctx, st, rest[0]); err == nil {
				fmt.Fprintf(e.stdout, "# %s: phiên bản %d, %s, %s\n", rest[0], rec.Version, orDash(rec.Author), rec.Time.Format(time.RFC3339))
				_, err := e.stdout.Write(b)
				return err
			}
		}
		if b, ok := check.ShippedYAML(rest[0]); ok {
			_, err := e.stdout.Write(b)
			return err
		}
		return usagef("no rule set %q (không có bộ quy định này): see `vanthu rules list`", rest[0])
	}
	return usagef("unknown rules subcommand %q: choose list, add, show or check", sub)
}

func ruleErr(err error) string {
	var rde *check.RuleDataError
	if errors.As(err, &rde) {
		if rde.Line > 0 {
			return fmt.Sprintf("%s:%d: %s", rde.File, rde.Line, rde.Msg)
		}
		return fmt.Sprintf("%s: %s", rde.File, rde.Msg)
	}
	return err.Error()
}

func scopeOf(rs check.RuleSet) string {
	if rs.National {
		return "toàn quốc"
	}
	return strings.Join(rs.Jurisdiction, ", ")
}

func originText(o string) string {
	switch o {
	case check.OriginUser:
		return "do đơn vị thêm"
	case "corpus":
		return "từ kho văn bản"
	}
	return "có sẵn"
}

func dateOr(d corpus.Date, s string) string {
	if d.IsZero() {
		return s
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// openRecords opens the data directory's record store (the corpus store);
// a reader gets nothing (ErrNotFound) when there is no corpus yet.
func openRecords(e *env, data string, write bool) (corpus.RecordStore, func(), error) {
	dir := filepath.Join(data, corpusDir)
	if !write {
		if _, err := os.Stat(dir); err != nil {
			return nil, nil, corpus.ErrNotFound
		}
	}
	cfg := filestore.DefaultConfig()
	cfg.Dir = dir
	cfg.ReadOnly = !write
	st, err := filestore.Open(cfg)
	if errors.Is(err, filestore.ErrLocked) {
		return nil, nil, fmt.Errorf("kho dữ liệu đang được một tiến trình vanthu khác ghi (the data directory is held by another vanthu writer, e.g. serve): stop it, add the rule set, start it again: %w", err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open corpus: %w", err)
	}
	if !write {
		return st, func() { st.Close() }, nil
	}
	l, err := openAudit(data)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return &audit.Store{Backend: st, Log: l}, func() { st.Close(); l.Close() }, nil
}

// userRules reads the rule sets the office added; problems are warnings, so
// that one bad record never stops a check.
func userRules(ctx context.Context, e *env, data string) []check.RuleSet {
	st, closeFn, err := openRecords(e, data, false)
	if err != nil {
		if !errors.Is(err, corpus.ErrNotFound) {
			fmt.Fprintf(e.stderr, "warning: the office's rule sets not read: %v\n", err)
		}
		return nil
	}
	defer closeFn()
	sets, errs, err := check.StoredRules(ctx, st)
	for _, x := range append(errs, err) {
		if x != nil {
			fmt.Fprintf(e.stderr, "warning: rule set not used: %s\n", ruleErr(x))
		}
	}
	return sets
}

// allRuleSets is the shipped rule sets with the office's added or edited
// ones (a stored set replaces the shipped set of the same id).
func allRuleSets(ctx context.Context, e *env, data string) ([]check.RuleSet, error) {
	base, err := check.DefaultRules()
	if err != nil {
		return nil, err
	}
	return check.Merge(base, userRules(ctx, e, data)), nil
}
