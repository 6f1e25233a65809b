package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"vanthu/account"
	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/ingest/crawl"
	tripreg "vanthu/register"
	"vanthu/web"
)

// openAudit opens the data directory's audit log.
func openAudit(data string) (*audit.Log, error) {
	return audit.Open(audit.Config{Dir: data})
}

// cliActor is who the command line writes as in the audit log: the account
// named by VANTHU_USER, else the system user ("cli:lan").
func cliActor(e *env) string {
	if v := strings.TrimSpace(e.getenv("VANTHU_USER")); v != "" {
		return v
	}
	if v := strings.TrimSpace(e.getenv("USER")); v != "" {
		return "cli:" + v
	}
	return "cli"
}

// withCLIActor marks the command's writes as the command line's, unless
// the caller (the web desk, a forwarded command) already named someone.
func withCLIActor(ctx context.Context, e *env) context.Context {
	if audit.ActorFrom(ctx) != "" {
		return ctx
	}
	return audit.WithActor(ctx, cliActor(e))
}

// checkDecision refuses a move to approved or refused that the account
// running the command may not make, once the office has accounts: the
// approver named by who must not have filed the trip nor travel on it.
func checkDecision(ctx context.Context, rs corpus.RecordStore, who string, en tripreg.Entry, to tripreg.Status) error {
	if to != tripreg.Approved && to != tripreg.Refused {
		return nil
	}
	accts, err := account.New(account.Config{Records: rs, Cost: 4})
	if err != nil {
		return err
	}
	if any, err := accts.Any(ctx); err != nil || !any {
		return err
	}
	u, err := accts.Get(ctx, who)
	if errors.Is(err, account.ErrNotFound) {
		return usagef("duyệt chuyến đi cần tài khoản người phê duyệt: đặt VANTHU_USER hoặc --by là tên đăng nhập (không có tài khoản %q)", who)
	}
	if err != nil {
		return err
	}
	if u.Disabled {
		return usagef("tài khoản %q đã bị khoá", u.Name)
	}
	if err := account.MayDecide(u, tripCreator(en), tripTravellers(en)); err != nil {
		return &usageError{err.Error()}
	}
	return nil
}

// tripCreator is who filed a trip: the author of its first status.
func tripCreator(en tripreg.Entry) string {
	if len(en.History) > 0 {
		return en.History[0].Author
	}
	return ""
}

func tripTravellers(en tripreg.Entry) []string {
	var out []string
	for _, m := range en.Trip.Members {
		out = append(out, m.Name)
	}
	return out
}

// checkDecisionCLI is checkDecision for `vanthu trips set`: who is --by,
// VANTHU_USER or USER.
func checkDecisionCLI(ctx context.Context, e *env, data string, reg *tripreg.Register, id, who string, to tripreg.Status) error {
	if to != tripreg.Approved && to != tripreg.Refused {
		return nil
	}
	en, err := reg.Get(id)
	if err != nil {
		return nil // the move itself says the trip is unknown
	}
	rs, closeFn, err := openRecords(e, data, false)
	if err != nil {
		return nil
	}
	defer closeFn()
	return checkDecision(ctx, rs, who, en, to)
}

// wireAccounts gives the web desk the office's accounts, its sessions and
// the audit log (when the data directory is open for writing).
func wireAccounts(cfg *web.Config, a *app) error {
	if a.records == nil {
		return nil
	}
	accts, err := account.New(account.Config{Records: a.records})
	if err != nil {
		return err
	}
	cfg.Accounts, cfg.Sessions, cfg.Audit = accts, &account.Sessions{}, a.audit
	cfg.SourceStatus = func(ctx context.Context, now time.Time) ([]crawl.Status, error) {
		return crawl.Statuses(ctx, a.records, now)
	}
	if a.audit != nil {
		if cfg.Watch, err = newWatchStore(a); err != nil {
			return err
		}
	}
	return nil
}
