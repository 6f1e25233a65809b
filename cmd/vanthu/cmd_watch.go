package main

import (
	"context"
	"errors"
	"fmt"
	"net/smtp"
	"strings"

	"vanthu/account"
	"vanthu/corpus"
	"vanthu/index"
	tripreg "vanthu/register"
	"vanthu/watch"
)

func init() {
	register(command{"watch", "saved searches: add NAME QUERY [filters], list, rm NAME, check (new matches since the last check, then marked seen), mail (digests by e-mail)", runWatch})
}

const watchUsage = "watch needs a subcommand: add NAME QUERY [--type T] [--issuer I] [--kind K] [--source S] [--from D] [--to D], list, rm NAME, check [--json], mail --smtp HOST:PORT --mail-from ADDRESS"

func runWatch(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef(watchUsage)
	}
	sub, args := args[0], args[1:]
	fs, c := newFlags(e, "watch "+sub, "[flags]")
	var f watch.Filters
	fs.StringVar(&f.Type, "type", "", "add: type of document (code or name: CV, Quyết định...)")
	fs.StringVar(&f.Issuer, "issuer", "", "add: issuer")
	fs.StringVar(&f.Kind, "kind", "", "add: kind (document, news, record)")
	fs.StringVar(&f.Source, "source", "", "add: source host (vbpl.vn) or file")
	from := fs.String("from", "", "add: issued on or after this day")
	to := fs.String("to", "", "add: issued on or before this day")
	user := fs.String("user", "", "whose saved searches (default VANTHU_USER, else cli:$USER; mail: only this user)")
	smtpAddr := fs.String("smtp", e.getenv("VANTHU_SMTP"), "mail: the SMTP server HOST:PORT (env VANTHU_SMTP; VANTHU_SMTP_USER and VANTHU_SMTP_PASSWORD log in)")
	sender := fs.String("mail-from", e.getenv("VANTHU_MAIL_FROM"), "mail: the sender address (env VANTHU_MAIL_FROM)")
	base := fs.String("base", "http://127.0.0.1:8080", "mail: the desk's address, for the links")
	perSearch := fs.Int("cap", 20, "mail: documents listed per saved search (the rest counted)")
	remind := fs.Int("remind", 7, "mail: remind each user of the deadlines of the trips they filed, overdue or due within this many days (-1: none)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if f.From, err = dateFlag("from", *from); err != nil {
		return err
	}
	if f.To, err = dateFlag("to", *to); err != nil {
		return err
	}
	owner := *user
	if owner == "" {
		owner = cliActor(e)
	}
	// A running `vanthu serve` holds the data directory: it runs the
	// command (with its index) instead of this process waiting for it.
	fargs := append([]string{"watch", sub}, args...)
	if sub != "mail" && *user == "" {
		fargs = append(fargs, "--user", owner)
	}
	if err := forward(ctx, e, c.data, fargs); !errors.Is(err, errNoHolder) {
		return err
	}
	switch sub {
	case "add", "rm", "list", "check", "mail":
	default:
		return usagef("unknown watch subcommand %q: %s", sub, watchUsage)
	}
	a, err := openApp(ctx, e, c.data, appOptions{write: true, index: sub == "check" || sub == "mail", command: "watch " + sub, wait: true})
	if err != nil {
		return err
	}
	defer a.Close()
	ws, err := newWatchStore(a)
	if err != nil {
		return err
	}
	switch sub {
	case "add":
		if len(pos) < 1 || len(pos) > 2 {
			return usagef("watch add NAME QUERY [filters]")
		}
		q := ""
		if len(pos) == 2 {
			q = pos[1]
		}
		w, err := ws.Add(ctx, owner, pos[0], q, f)
		if errors.Is(err, watch.ErrInvalid) {
			return &usageError{err.Error()}
		}
		if err != nil {
			return err
		}
		if c.json {
			return encodeJSON(e.stdout, w)
		}
		fmt.Fprintf(e.stdout, "đã lưu tìm kiếm %q cho %s: văn bản nhập từ nay trở đi khớp sẽ được báo (`vanthu watch check`)\n", w.Name, owner)
	case "rm":
		if len(pos) != 1 {
			return usagef("watch rm NAME")
		}
		if err := ws.Remove(ctx, owner, pos[0]); errors.Is(err, watch.ErrNotFound) {
			return &usageError{err.Error()}
		} else if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "đã xoá tìm kiếm %q\n", pos[0])
	case "list":
		return watchList(ctx, e, c.json, ws, owner)
	case "mail":
		if *smtpAddr == "" || *sender == "" {
			return usagef("watch mail needs --smtp HOST:PORT and --mail-from ADDRESS")
		}
		m := watch.Mailer{Addr: *smtpAddr, From: *sender}
		if u := e.getenv("VANTHU_SMTP_USER"); u != "" {
			host, _, _ := strings.Cut(*smtpAddr, ":")
			m.Auth = smtp.PlainAuth("", u, e.getenv("VANTHU_SMTP_PASSWORD"), host)
		}
		n, err := watchMail(ctx, e, a, ws, m, strings.TrimRight(*base, "/"), *perSearch, *user, *remind)
		if err != nil {
			return err
		}
		if n == 0 {
			fmt.Fprintln(e.stdout, "không có gì mới để gửi")
		}
	case "check":
		return watchCheck(ctx, e, c.json, ws, owner)
	}
	return nil
}

// watchList prints owner's saved searches.
func watchList(ctx context.Context, e *env, asJSON bool, ws *watch.Store, owner string) error {
	all, err := ws.List(ctx, owner)
	if err != nil {
		return err
	}
	for _, w := range all {
		if asJSON {
			w.Matches = nil
			if err := encodeJSON(e.stdout, w); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(e.stdout, "%-20s %q %s (%d chưa xem)\n", w.Name, w.Query, filterText(w.Filters), len(w.Unseen()))
	}
	if len(all) == 0 && !asJSON {
		fmt.Fprintf(e.stdout, "%s chưa lưu tìm kiếm nào: `vanthu watch add TÊN \"câu tìm kiếm\"`\n", owner)
	}
	return nil
}

// watchCheck prints the new matches of owner's saved searches (which are
// then marked seen).
func watchCheck(ctx context.Context, e *env, asJSON bool, ws *watch.Store, owner string) error {
	rs, err := ws.Check(ctx, owner)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if !asJSON && len(r.Matches) > 0 {
			fmt.Fprintf(e.stdout, "%s: %d văn bản mới\n", r.Search.Name, len(r.Matches))
		}
		for _, m := range r.Matches {
			if asJSON {
				if err := encodeJSON(e.stdout, map[string]any{"search": r.Search.Name, "owner": r.Search.Owner, "query": r.Search.Query,
					"id": m.ID, "number": m.Number, "title": m.Title, "date": m.Date, "seq": m.Seq, "why": m.Why}); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(e.stdout, "  %s  %s  %s\n", orDash(m.Number), m.ID, oneLine(m.Title))
		}
	}
	return nil
}

func filterText(f watch.Filters) string {
	s := ""
	for _, kv := range [][2]string{{"type", f.Type}, {"issuer", f.Issuer}, {"kind", f.Kind}, {"source", f.Source}, {"from", dateText(f.From)}, {"to", dateText(f.To)}} {
		if kv[1] != "" {
			s += " " + kv[0] + "=" + kv[1]
		}
	}
	return s
}

func dateText(d corpus.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// newWatchStore is the saved searches over the app's records and audit
// log, matched with the search index when it is open.
func newWatchStore(a *app) (*watch.Store, error) {
	if a.audit == nil || a.records == nil {
		return nil, errors.New("saved searches need the data directory open for writing")
	}
	cfg := watch.Config{Records: a.records, Log: a.audit}
	if a.idx != nil {
		cfg.Match = indexMatcher(a.idx)
	}
	return watch.New(cfg)
}

// indexMatcher finds which new documents a saved search finds: the search
// is run on the index as the search page runs it, and its hits intersected
// with the new documents (paged until all are found or the hits run out).
func indexMatcher(ix *index.Index) watch.Matcher {
	return watch.MatcherFunc(func(ctx context.Context, s watch.Search, ids []string) ([]watch.Doc, error) {
		want := map[string]bool{}
		for _, id := range ids {
			want[id] = true
		}
		q := index.Query{Text: s.Query, Type: s.Filters.Type, Issuer: s.Filters.Issuer, Kind: s.Filters.Kind, Source: s.Filters.Source,
			From: s.Filters.From, To: s.Filters.To, Limit: index.MaxLimit}
		if q.Text == "" {
			q.Sort = "-date"
		}
		var out []watch.Doc
		for page := 0; page < 50 && len(want) > 0; page++ {
			q.Offset = page * q.Limit
			res, err := ix.Search(ctx, q)
			if err != nil {
				return nil, err
			}
			for _, h := range res.Hits {
				if want[h.ID] {
					delete(want, h.ID)
					out = append(out, watch.Doc{ID: h.ID, Number: h.Number, Title: h.Title, Date: h.Date})
				}
			}
			if len(res.Hits) < q.Limit {
				break
			}
		}
		return out, nil
	})
}

// watchMail sends each user with an e-mail address and new matches one
// digest, then marks what it listed seen (only once sent).
func watchMail(ctx context.Context, e *env, a *app, ws *watch.Store, m watch.Mailer, base string, perSearch int, only string, remindWithin int) (int, error) {
	accts, err := account.New(account.Config{Records: a.records})
	if err != nil {
		return 0, err
	}
	us, err := accts.List(ctx)
	if err != nil {
		return 0, err
	}
	reminders := tripReminders(ctx, e, a, remindWithin)
	sent := 0
	var errs []error
	for _, u := range us {
		if u.Disabled || u.Email == "" || (only != "" && u.Name != only) {
			continue
		}
		rs, err := ws.Unseen(ctx, u.Name)
		if err != nil {
			return sent, err
		}
		d, ok := watch.BuildDigest(u.Name, base, rs, perSearch, reminders[u.Name]...)
		if !ok {
			continue
		}
		if err := m.Send(u.Email, d); err != nil {
			errs = append(errs, err)
			continue
		}
		sent++
		fmt.Fprintf(e.stdout, "%s <%s>: %d văn bản mới\n", u.Name, u.Email, d.Matches)
		if err := ws.MarkSeen(ctx, u.Name, d.UpTo); err != nil {
			return sent, err
		}
	}
	return sent, errors.Join(errs...)
}

// tripReminders are the pending deadlines of the register's trips, overdue
// or due within days, by the login of who filed each trip.
func tripReminders(ctx context.Context, e *env, a *app, days int) map[string][]watch.Reminder {
	out := map[string][]watch.Reminder{}
	if days < 0 {
		return out
	}
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		return out
	}
	if days == 0 {
		days = 1
	}
	for _, d := range reg.Due(tripreg.DueOptions{Within: days}) {
		en, err := reg.Get(d.Trip)
		if err != nil {
			continue
		}
		who := tripCreator(en)
		if who == "" {
			continue
		}
		out[who] = append(out[who], watch.Reminder{Trip: d.Trip, Name: d.Name, What: dueKindVN(d.Kind),
			Deadline: fmt.Sprintf("%02d/%02d/%04d", d.Deadline.Day, d.Deadline.Month, d.Deadline.Year), Label: d.Label, Rule: strings.TrimSpace(d.Rule.Number + " " + d.Rule.Quote)})
	}
	return out
}

func dueKindVN(k string) string {
	switch k {
	case "dossier":
		return "Gửi hồ sơ"
	case "report":
		return "Báo cáo kết quả"
	case "settlement":
		return "Quyết toán kinh phí"
	}
	return k
}
