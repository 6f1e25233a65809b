package web_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/register"
	"vanthu/web"
)

// TestBrowserAccountsAndAuditLog: with accounts created (the first admin
// as `vanthu users add` creates it), the admin logs in; a clerk corrects a
// document and files a trip, then proposes it; an approver approves it; the
// audit log page shows the three with who and when; editing one line of
// the log file makes the log's verification fail naming that entry.
func TestBrowserAccountsAndAuditLog(t *testing.T) {
	ctx := browserCtx(t)
	sample := mustTrip(t)
	sample.Name = "Đoàn công tác thử nghiệm tài khoản"
	f := newOffice(t, func(c *web.Config) { c.Sample = &sample })
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	login := func(name, pw string) {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(f.url+"/login"),
			chromedp.WaitVisible(chromedp.ID("login-name")),
			chromedp.SendKeys(chromedp.ID("login-name"), name),
			chromedp.SendKeys(chromedp.ID("login-password"), pw),
			chromedp.Click(chromedp.ID("login-submit")),
		)
		if err = errors.Join(err, waitVisible(ctx, `#who`)); err != nil {
			t.Fatalf("login as %s: %v", name, err)
		}
		if w := text(`#who`); !strings.Contains(w, name) {
			t.Fatalf("logged in as %q, want %s", w, name)
		}
	}
	logout := func() {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.authbar form button`)))
		if err = errors.Join(err, waitVisible(ctx, `#login-link`)); err != nil {
			t.Fatalf("logout: %v", err)
		}
	}

	// The admin logs in and sees the log.
	login("admin", "mat-khau-admin")
	screenshot(t, ctx, "accounts-1-admin")
	logout()

	// The clerk corrects a document.
	login("lan", "mat-khau-lan")
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.url+"/documents/"+f.docID),
		chromedp.WaitReady(chromedp.ID("correct")),
		chromedp.Click(chromedp.CSS(`#correct-box summary`)),
		chromedp.SetValue(chromedp.ID("f_title"), "Tiêu đề đã sửa bởi văn thư"),
		chromedp.Click(chromedp.ID("save")),
	)
	if err = errors.Join(err, waitVisible(ctx, `#done`)); err != nil {
		t.Fatalf("correct: %v", err)
	}
	screenshot(t, ctx, "accounts-2-corrected")

	// ... files the drafting page's trip and proposes it.
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.url+"/draft"),
		chromedp.WaitVisible(chromedp.CSS(`form#draft`)),
		chromedp.Click(chromedp.ID("file-trip")),
	)
	if err = errors.Join(err, waitVisible(ctx, `#trip-status[data-status="planned"]`)); err != nil {
		t.Fatalf("file the trip: %v", err)
	}
	var id string
	items, _ := f.reg.List(register.Filter{})
	for _, e := range items {
		if e.Name == sample.Name {
			id = e.ID
		}
	}
	if id == "" {
		t.Fatal("the trip is not in the register")
	}
	move := func(to register.Status, fields map[string]string) error {
		form := `form.move[data-to="` + string(to) + `"]`
		acts := []chromedp.Action[chromedp.Void]{chromedp.Navigate(f.url + "/trips/" + id), chromedp.WaitVisible(chromedp.CSS(form))}
		for name, v := range fields {
			acts = append(acts, chromedp.SendKeys(chromedp.CSS(form+` input[name="`+name+`"]`), v))
		}
		acts = append(acts, chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
		return chromedp.Do(ctx, acts...)
	}
	if err := errors.Join(move(register.Proposed, map[string]string{"number": "4102-CV/BTCTU", "date": "10/08/2026"}),
		waitVisible(ctx, `#trip-status[data-status="proposed"]`)); err != nil {
		t.Fatalf("propose: %v", err)
	}
	// A clerk cannot approve.
	if err := errors.Join(move(register.Approved, map[string]string{"number": "512-QĐ/TU", "date": "10/08/2026", "body": "Thường trực Thành ủy Hà Nội"}),
		waitVisible(ctx, `#trip-error`)); err != nil {
		t.Fatalf("clerk's approval: %v", err)
	}
	logout()

	// The approver approves it.
	login("minh", "mat-khau-minh")
	if err := errors.Join(move(register.Approved, map[string]string{"number": "512-QĐ/TU", "date": "10/08/2026", "body": "Thường trực Thành ủy Hà Nội"}),
		waitVisible(ctx, `#trip-status[data-status="approved"]`)); err != nil {
		t.Fatalf("approve: %v", err)
	}
	if h := text(`#history`); !strings.Contains(h, "minh") || !strings.Contains(h, "lan") {
		t.Errorf("the trip's history does not name lan and minh:\n%s", h)
	}
	screenshot(t, ctx, "accounts-3-approved")

	// The log shows the three with who and when.
	err = chromedp.Do(ctx, chromedp.Navigate(f.url+"/audit"), chromedp.WaitVisible(chromedp.ID("audit-log")))
	if err != nil {
		t.Fatal(err)
	}
	log := text(`#audit-log`)
	for _, want := range []string{"correction " + f.docID, "trip " + id} {
		if !strings.Contains(log, want) {
			t.Errorf("the log page lacks %q", want)
		}
	}
	screenshot(t, ctx, "accounts-4-log")
	es, err := f.log.List(audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var corrected, filed, approved *audit.Entry
	for i, e := range es {
		switch {
		case e.Kind == "correction" && e.ID == f.docID && e.Actor == "lan":
			corrected = &es[i]
		case e.Kind == "trip" && e.ID == id && e.Version == 1 && e.Actor == "lan":
			filed = &es[i]
		case e.Kind == "trip" && e.ID == id && e.Actor == "minh":
			approved = &es[i]
		}
	}
	if corrected == nil || filed == nil || approved == nil {
		t.Fatalf("log lacks correction by lan (%v), trip filed by lan (%v) or approved by minh (%v)", corrected, filed, approved)
	}
	for _, e := range []*audit.Entry{corrected, filed, approved} {
		if e.Time.IsZero() || !strings.Contains(log, e.Time.In(corpus.VietnamZone).Format("02/01/2006 15:04")) {
			t.Errorf("entry %d has no time on the page: %+v", e.Seq, e)
		}
	}

	// Editing one line of the log breaks the chain at that entry.
	if n, err := f.log.Verify(); err != nil {
		t.Fatalf("verify before editing: %d, %v", n, err)
	}
	b, err := os.ReadFile(f.log.Path())
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(b, []byte("\n"))
	i := int(approved.Seq - 1)
	lines[i] = bytes.Replace(lines[i], []byte(`"actor":"minh"`), []byte(`"actor":"lan"`), 1)
	if err := os.WriteFile(f.log.Path(), bytes.Join(lines, []byte("\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = f.log.Verify()
	var ce *audit.ChainError
	if !errors.As(err, &ce) || ce.Seq != approved.Seq {
		t.Fatalf("verify after editing entry %d: %v", approved.Seq, err)
	}
}
