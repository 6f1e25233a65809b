package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"vanthu/review"
)

func init() {
	register(command{"review", "the documents to check (cần kiểm tra), worst first: warnings, fields not read", runReview})
	register(command{"set", "correct fields of a document (vanthu set ID number=12/UBND-NV date=2026-01-05), or --reviewed", runSet})
	register(command{"rm", "withdraw a document from search (restorable); --purge deletes one filed by mistake", runRm})
	register(command{"restore", "bring a withdrawn document back into search", runRestore})
}

// author names who made a change: --by, else VANTHU_USER, else USER.
func author(e *env, by string) string {
	for _, v := range []string{by, e.getenv("VANTHU_USER"), e.getenv("USER")} {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func runReview(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "review", "[--limit N] [--json] [--purges]")
	limit := fs.Int("limit", 0, "show at most N documents (0: all)")
	purges := fs.Bool("purges", false, "print the log of purged documents instead (who, when, why, what)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, e, c.data, appOptions{})
	if err != nil {
		return err
	}
	defer a.Close()
	if *purges {
		return printPurges(ctx, e, a, c.json)
	}
	q, err := a.review.Queue(ctx)
	if err != nil {
		return err
	}
	total := len(q)
	if *limit > 0 && len(q) > *limit {
		q = q[:*limit]
	}
	if c.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, it := range q {
			if err := enc.Encode(it); err != nil {
				return err
			}
		}
		return nil
	}
	if total == 0 {
		fmt.Fprintln(e.stdout, "Không có văn bản nào cần kiểm tra (nothing to check).")
		return nil
	}
	fmt.Fprintf(e.stdout, "%d văn bản cần kiểm tra (to check), nặng nhất trước:\n", total)
	for _, it := range q {
		label := it.Number
		if label == "" {
			label = oneLine(it.Title)
		}
		if label == "" {
			label = it.Source
		}
		fmt.Fprintf(e.stdout, "\n[%d] %s  %s\n", it.Score, it.ID, label)
		for _, is := range it.Issues {
			name := review.FieldLabel(is.Field)
			if is.Field == "text" {
				name = "Văn bản"
			}
			fmt.Fprintf(e.stdout, "    %s: %s\n", name, is.Message)
		}
	}
	fmt.Fprintf(e.stdout, "\nSửa: vanthu set ID field=value...   Đã kiểm tra: vanthu set ID --reviewed\n")
	return nil
}

func runSet(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "set", "ID|NUMBER FIELD=VALUE... [--reviewed] [--by NAME] [--note TEXT] [--nats URL]\n\nFields: "+strings.Join(review.FieldNames(), ", ")+
		"\n(an empty value, field=, says the field is empty; lists such as recipients and cc are separated by ;)")
	reviewed := fs.Bool("reviewed", false, "mark the document checked (đã kiểm tra): it leaves the review queue")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	by := fs.String("by", "", "who makes the correction (default: VANTHU_USER or USER)")
	note := fs.String("note", "", "why (kept with the correction)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("set needs a document id and FIELD=VALUE pairs, e.g. vanthu set 365b767759 number=12/UBND-NV")
	}
	// The id or number is every argument before the first FIELD=VALUE, so a
	// number typed with spaces needs no quotes.
	var refParts []string
	fields := map[string]string{}
	for _, p := range pos {
		name, value, ok := strings.Cut(p, "=")
		if !ok || len(fields) == 0 && len(refParts) == 0 {
			if len(fields) > 0 {
				return usagef("%q is not FIELD=VALUE (fields: %s)", p, strings.Join(review.FieldNames(), ", "))
			}
			refParts = append(refParts, p)
			continue
		}
		fields[strings.ToLower(strings.TrimSpace(name))] = value
	}
	if len(fields) == 0 && !*reviewed {
		return usagef("set needs FIELD=VALUE pairs or --reviewed (fields: %s)", strings.Join(review.FieldNames(), ", "))
	}
	a, done, err := openDeskApp(ctx, e, c, nf, "set", args, *by)
	if a == nil {
		return err
	}
	defer done()
	d, _, err := a.findDocument(ctx, strings.Join(refParts, " "))
	if err != nil {
		return err
	}
	desk := a.desk()
	who := author(e, *by)
	var warn error
	if len(fields) > 0 {
		d, err = desk.Set(ctx, d.ID, fields, who, *note)
		if errors.Is(err, review.ErrField) {
			return usagef("%v", err)
		}
		if err != nil && !errors.Is(err, review.ErrNotIndexed) {
			return err
		}
		warn = err
	}
	if *reviewed {
		d, err = desk.MarkReviewed(ctx, d.ID, who, *note)
		if err != nil && !errors.Is(err, review.ErrNotIndexed) {
			return err
		}
		warn = errors.Join(warn, err)
	}
	if warn != nil {
		fmt.Fprintf(e.stderr, "warning: %v\n", warn)
	}
	if c.json {
		d.Text = ""
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(showJSON(d))
	}
	for name := range fields {
		fmt.Fprintf(e.stdout, "%s: %s = %q (sửa bởi %s)\n", d.ID, review.FieldLabel(name), review.FieldValue(d, name), who)
	}
	if *reviewed {
		fmt.Fprintf(e.stdout, "%s: đã kiểm tra (checked by %s)\n", d.ID, who)
	}
	return nil
}

func runRm(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "rm", "ID|NUMBER [--reason TEXT] [--by NAME] [--purge [--confirm ID]] [--nats URL]")
	reason := fs.String("reason", "", "why (kept in the record)")
	by := fs.String("by", "", "who (default: VANTHU_USER or USER)")
	purge := fs.Bool("purge", false, "delete the document and its originals for good (a document filed by mistake); asks to type its id")
	confirm := fs.String("confirm", "", "with --purge: the document id, typed again to confirm without a prompt")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("rm needs a document id or number")
	}
	if *purge && nf.url != "" {
		return usagef("rm --purge works on a data directory only: the cluster keeps no way to delete an original")
	}
	a, done, err := openDeskApp(ctx, e, c, nf, "rm", args, *by)
	if a == nil {
		return err
	}
	defer done()
	d, others, err := a.findDocument(ctx, strings.Join(pos, " "))
	if err != nil {
		return err
	}
	if len(others) > 0 && d.ID != strings.Join(pos, " ") {
		return usagef("%d documents have the number %s: give the id (%s, %s...)", len(others)+1, d.Number, d.ID, others[0].ID)
	}
	desk := a.desk()
	who := author(e, *by)
	if *purge {
		ans := *confirm
		if ans == "" {
			fmt.Fprintf(e.stderr, "Xoá hẳn %s (%s) cùng bản gốc? Không thể hoàn tác.\nGõ lại mã văn bản để xác nhận (type the id to confirm): ", d.ID, d.Label())
			line, _ := bufio.NewReader(e.stdin).ReadString('\n')
			ans = strings.TrimSpace(line)
		}
		_, err := desk.Purge(ctx, d.ID, ans, who, *reason)
		if errors.Is(err, review.ErrConfirm) {
			return usagef("not purged: %v", err)
		}
		if err != nil && !errors.Is(err, review.ErrNotIndexed) {
			return err
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "warning: %v\n", err)
		}
		fmt.Fprintf(e.stdout, "%s: đã xoá hẳn (purged by %s at %s; logged)\n", d.ID, who, time.Now().Format("2006-01-02 15:04"))
		return nil
	}
	if _, err := desk.Withdraw(ctx, d.ID, who, *reason); err != nil {
		if !errors.Is(err, review.ErrNotIndexed) {
			return err
		}
		fmt.Fprintf(e.stderr, "warning: %v\n", err)
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"id": d.ID, "withdrawn": true})
	}
	fmt.Fprintf(e.stdout, "%s: đã rút khỏi tìm kiếm (withdrawn; the original stays): vanthu restore %s\n", d.ID, d.ID)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "restore", "ID [--by NAME] [--reason TEXT] [--nats URL]")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	reason := fs.String("reason", "", "why (kept in the record)")
	by := fs.String("by", "", "who (default: VANTHU_USER or USER)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("restore needs a document id")
	}
	a, done, err := openDeskApp(ctx, e, c, nf, "restore", args, *by)
	if a == nil {
		return err
	}
	defer done()
	d, _, err := a.findDocument(ctx, strings.Join(pos, " "))
	if err != nil {
		return err
	}
	if !a.review.Withdrawn(d.ID) {
		return usagef("%s is not withdrawn (văn bản không bị rút)", d.ID)
	}
	if _, err := a.desk().Restore(ctx, d.ID, author(e, *by), *reason); err != nil {
		if !errors.Is(err, review.ErrNotIndexed) {
			return err
		}
		fmt.Fprintf(e.stderr, "warning: %v\n", err)
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"id": d.ID, "withdrawn": false})
	}
	fmt.Fprintf(e.stdout, "%s: đã khôi phục (restored to search)\n", d.ID)
	return nil
}

// forwardWrite sends a review command to the running server that holds the
// data directory (forward.go), so that a correction made on the command
// line while the desk runs is stored and indexed by it at once. The author
// goes along, since the server does not see this process's environment.
// It returns errNoHolder when nobody runs such commands for others (or when
// this command already runs inside the server).
func forwardWrite(ctx context.Context, e *env, data, name string, args []string, by string) error {
	if sharedApp(ctx) != nil {
		return errNoHolder
	}
	fargs := append([]string{name}, args...)
	if strings.TrimSpace(by) == "" {
		fargs = append(fargs, "--by", author(e, ""))
	}
	return forward(ctx, e, data, fargs)
}

func printPurges(ctx context.Context, e *env, a *app, asJSON bool) error {
	log, err := a.desk().Purges(ctx)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, r := range log {
		var p review.PurgeLog
		json.Unmarshal(r.Data, &p)
		if asJSON {
			if err := enc.Encode(map[string]any{"id": r.ID, "author": r.Author, "time": r.Time, "reason": r.Note, "document": p}); err != nil {
				return err
			}
			continue
		}
		label := p.Number
		if label == "" {
			label = oneLine(p.Title)
		}
		fmt.Fprintf(e.stdout, "%s  %s  %s (%s) — %s\n", r.Time.UTC().Format("2006-01-02 15:04"), r.Author, r.ID, label, r.Note)
		for _, v := range p.Versions {
			fmt.Fprintf(e.stdout, "    %s %s\n", v.SHA256[:min(12, len(v.SHA256))], v.Source)
		}
	}
	if len(log) == 0 && !asJSON {
		fmt.Fprintln(e.stdout, "Chưa xoá hẳn văn bản nào (no purges).")
	}
	return nil
}

// openDeskApp opens what set, rm and restore change. On a data directory a
// running server that holds it does the change (forwardWrite: then a is nil
// and err what the server answered); otherwise the data directory is opened
// for writing, its index updated at once. With --nats the decision is a
// record of the cluster, and every search node applies it as it comes
// (cluster.Follower's records).
func openDeskApp(ctx context.Context, e *env, c *common, nf natsFlags, command string, args []string, by string) (*app, func(), error) {
	if nf.url != "" {
		return openClusterApp(ctx, e, c.data, nf)
	}
	if err := forwardWrite(ctx, e, c.data, command, args, by); !errors.Is(err, errNoHolder) {
		return nil, nil, err
	}
	a, err := openApp(ctx, e, c.data, appOptions{write: true, index: true, command: command, wait: true})
	if err != nil {
		return nil, nil, err
	}
	return a, func() { a.Close() }, nil
}
