package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"vanthu/account"
	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/crawl"
	"vanthu/ingest/meta"
	"vanthu/ingest/plaintext"
	"vanthu/internal/democorpus"
	"vanthu/register"
	"vanthu/review"
	"vanthu/trip"
	"vanthu/watch"
	"vanthu/web"
)

// officeFixture is the desk of an office with accounts, wired as `vanthu
// serve` wires it beyond localhost: every write goes through the logging
// store, the register and the review desk share it.
type officeFixture struct {
	url     string
	accts   *account.Store
	log     *audit.Log
	reg     *register.Register
	docID   string
	tripID  string
	pipe    *ingest.Pipeline
	records corpus.RecordStore
}

func newOffice(t *testing.T, mutate ...func(*web.Config)) *officeFixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	l, err := audit.Open(audit.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	back := &audit.Store{Backend: memstore.New(), Log: l}
	rs, err := review.NewStore(ctx, back)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.DefaultConfig(filepath.Join(dir, "index")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	pipe, err := ingest.New(ingest.Config{Store: rs, Parser: p, Indexer: review.GuardedIndex{Store: rs, Next: ix},
		Extractors: map[string]ingest.Extractor{ingest.FormatText: plaintext.Extractor{}}})
	if err != nil {
		t.Fatal(err)
	}
	f := &officeFixture{log: l, pipe: pipe, records: back}
	for _, fl := range democorpus.Files() {
		if strings.HasSuffix(fl.Name, ".txt") {
			res, err := pipe.Ingest(ctx, ingest.Input{Name: "demo/" + fl.Name, Data: fl.Data})
			if err != nil {
				t.Fatal(err)
			}
			if f.docID == "" {
				f.docID = res.ID
			}
		}
	}
	reg, err := register.Open(ctx, register.Config{Store: back, Now: func() time.Time { return time.Date(2026, 8, 10, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	accts, err := account.New(account.Config{Records: back, Cost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []account.User{
		{Name: "admin", Role: account.Admin, FullName: "Quản Trị"},
		{Name: "lan", Role: account.Clerk, FullName: "Trần Thị Lan"},
		{Name: "minh", Role: account.Approver, FullName: "Lê Văn Minh"},
		{Name: "trang", Role: account.Approver, FullName: "Lê Thị Thu Trang"}, // travels on the example trip
	} {
		if _, err := accts.Add(ctx, "cli", u, "mat-khau-"+u.Name); err != nil {
			t.Fatal(err)
		}
	}
	e, _, err := reg.File(ctx, "lan", register.Entry{Trip: mustTrip(t)}, "")
	if err != nil {
		t.Fatal(err)
	}
	f.tripID = e.ID
	cfg := web.DefaultConfig()
	cfg.Search, cfg.Ingest, cfg.Review, cfg.Parse, cfg.Trips = ix, pipe, &review.Desk{Store: rs, Index: ix}, p.Parse, reg
	cfg.Accounts, cfg.Sessions, cfg.Audit = accts, &account.Sessions{}, l
	if cfg.Watch, err = watch.New(watch.Config{Records: back, Log: l, Match: testMatcher(ix)}); err != nil {
		t.Fatal(err)
	}
	cfg.RequireToken = true // listening beyond localhost: the accounts stand in for the token
	for _, m := range mutate {
		m(&cfg)
	}
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f.url, f.accts, f.reg = srv.URL, accts, reg
	return f
}

func mustTrip(t *testing.T) corpus.Trip {
	t.Helper()
	tr, err := trip.Parse(exampleTrip(t), "example")
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// client is a browser: a cookie jar, and the CSRF token of the last page.
type client struct {
	*http.Client
	base string
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, base: base}
}

var sessionCSRFRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) csrf(t *testing.T, path string) string {
	t.Helper()
	resp, err := c.Get(c.base + path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := sessionCSRFRe.FindSubmatch(b)
	if m == nil {
		t.Fatalf("no csrf field on %s (%d)", path, resp.StatusCode)
	}
	return string(m[1])
}

func (c *client) post(t *testing.T, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp, err := c.PostForm(c.base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func (c *client) login(t *testing.T, name, pw string) *http.Response {
	t.Helper()
	resp, _ := c.post(t, "/login", url.Values{"csrf": {c.csrf(t, "/login")}, "name": {name}, "password": {pw}, "next": {"/"}})
	return resp
}

// writeRoutes are the desk's write endpoints, with a path to try each on.
// TestEveryWriteRouteIsListed keeps the list complete.
func writeRoutes(f *officeFixture) map[string]string {
	return map[string]string{
		"POST /draft":                     "/draft",
		"POST /file":                      "/file",
		"POST /api/ingest":                "/api/ingest",
		"POST /trips/{id}/move":           "/trips/" + f.tripID + "/move",
		"POST /trips/{id}/edit":           "/trips/" + f.tripID + "/edit",
		"POST /trips/{id}/letters/{kind}": "/trips/" + f.tripID + "/letters/decision",
		"POST /api/trips":                 "/api/trips",
		"POST /api/trips/{id}/set":        "/api/trips/" + f.tripID + "/set",
		"POST /api/documents/{id}/review": "/api/documents/" + f.docID + "/review",
		"POST /documents/{id}/correct":    "/documents/" + f.docID + "/correct",
		"POST /documents/{id}/reviewed":   "/documents/" + f.docID + "/reviewed",
		"POST /documents/{id}/withdraw":   "/documents/" + f.docID + "/withdraw",
		"POST /documents/{id}/restore":    "/documents/" + f.docID + "/restore",
		"POST /documents/{id}/purge":      "/documents/" + f.docID + "/purge",
		"POST /watch":                     "/watch",
		"POST /watch/seen":                "/watch/seen",
		"POST /watch/remove":              "/watch/remove",
		"POST /watch/feed":                "/watch/feed",
		"POST /logout":                    "/logout",
	}
}

// openRoutes write nothing (a live check, a PDF of the posted trip) or are
// the login itself.
var openRoutes = []string{"POST /login", "POST /draft/check", "POST /api/check", "POST /api/generate/{kind}"}

// TestEveryWriteRouteIsListed reads the route table from the source: a new
// write route must be added to writeRoutes (and so be tested refused without
// a login) or to openRoutes.
func TestEveryWriteRouteIsListed(t *testing.T) {
	listed := writeRoutes(&officeFixture{})
	re := regexp.MustCompile(`HandleFunc\("((?:POST|PUT|PATCH|DELETE) [^"]+)"`)
	files, _ := filepath.Glob("*.go")
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			n++
			r := string(m[1])
			if _, ok := listed[r]; !ok && !slices.Contains(openRoutes, r) {
				t.Errorf("write route %q (%s) is in neither writeRoutes nor openRoutes", r, name)
			}
		}
	}
	if n < len(listed) {
		t.Errorf("found %d write routes in the source, fewer than the %d listed", n, len(listed))
	}
}

// TestWritesNeedALogin: once the office has accounts, every write endpoint
// refuses a request without a login (a form, JSON, or the old shared-token
// field), and one with a session but without the session's CSRF token;
// the register's pages ask for a login.
func TestWritesNeedALogin(t *testing.T) {
	f := newOffice(t)
	anon := newClient(t, f.url)
	for route, path := range writeRoutes(f) {
		for _, ct := range []string{"application/x-www-form-urlencoded", "application/json"} {
			req, _ := http.NewRequest("POST", f.url+path, strings.NewReader("csrf=x&by=lan&to=approved&token=x"))
			req.Header.Set("Content-Type", ct)
			resp, err := anon.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s (%s) without a login: %d, want 401", route, ct, resp.StatusCode)
			}
		}
	}
	lan := newClient(t, f.url)
	if resp := lan.login(t, "lan", "mat-khau-lan"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	for route, path := range writeRoutes(f) {
		resp, _ := lan.post(t, path, url.Values{"csrf": {"not-the-token"}, "by": {"lan"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a session but a wrong CSRF token: %d, want 403", route, resp.StatusCode)
		}
	}
	for _, path := range []string{"/trips", "/trips/" + f.tripID, "/audit"} {
		resp, err := anon.Get(f.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			t.Errorf("GET %s without a login: %d %q, want a redirect to the login", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	for _, path := range []string{"/api/trips", "/api/trips/" + f.tripID, "/api/audit"} {
		resp, err := anon.Get(f.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without a login: %d, want 401", path, resp.StatusCode)
		}
	}
	// Search and documents stay open: they are public documents.
	if resp, err := anon.Get(f.url + "/?q=chi+thi"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("search without a login: %v %v", resp.StatusCode, err)
	}
}

// TestLoginSessionAndLog logs in (a wrong password first), checks the
// cookie's attributes, files a trip as the session's user, and finds the
// three in the audit log with who.
func TestLoginSessionAndLog(t *testing.T) {
	f := newOffice(t)
	c := newClient(t, f.url)
	if resp := c.login(t, "lan", "wrong-password"); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	resp := c.login(t, "lan", "mat-khau-lan")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "vanthu_session" {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" {
		t.Fatalf("session cookie = %+v", cookie)
	}
	token := c.csrf(t, "/trips")
	req, _ := http.NewRequest("POST", f.url+"/api/trips?author=somebody-else", bytes.NewReader(mustTripJSON(t)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", token)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var filed struct {
		Trip register.Entry `json:"trip"`
	}
	json.NewDecoder(resp.Body).Decode(&filed)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || filed.Trip.History[0].Author != "lan" {
		t.Fatalf("file as lan: %d, author %+v", resp.StatusCode, filed.Trip.History)
	}
	es, err := f.log.List(audit.Filter{After: 0})
	if err != nil {
		t.Fatal(err)
	}
	var saw []string
	for _, e := range es {
		switch {
		case e.Action == audit.ActionLoginFailed && e.Actor == "lan",
			e.Action == audit.ActionLogin && e.Actor == "lan",
			e.Action == audit.ActionRecord && e.Kind == "trip" && e.ID == filed.Trip.ID && e.Actor == "lan":
			saw = append(saw, e.Action)
		}
	}
	if len(saw) != 3 {
		t.Errorf("audit log holds %v of failed login, login, trip filed by lan", saw)
	}
	// The trip page shows its history from the log.
	r2, err := c.Get(f.url + "/trips/" + filed.Trip.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if !strings.Contains(string(b), `id="history"`) || !strings.Contains(string(b), `<td class="actor">lan</td>`) {
		t.Errorf("trip page lacks its history by lan")
	}
	// Logging out ends the session.
	c.post(t, "/logout", url.Values{"csrf": {c.csrf(t, "/trips")}})
	if r3, _ := c.Get(f.url + "/trips"); r3.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout /trips = %d, want a redirect to the login", r3.StatusCode)
	}
}

func mustTripJSON(t *testing.T) []byte {
	tr := mustTrip(t)
	tr.Name += " (lần 2)"
	b, err := json.Marshal(register.Entry{Trip: tr})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestApproverRules: a clerk cannot approve; an approver travelling on the
// trip cannot; the approver who filed it cannot; another approver can, by
// API token.
func TestApproverRules(t *testing.T) {
	f := newOffice(t)
	ctx := context.Background()
	move := func(user string, want int) {
		t.Helper()
		tok, err := f.accts.NewToken(ctx, "cli", user, "test")
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		st := doJSON(t, "POST", f.url+"/api/trips/"+f.tripID+"/set", []byte(`{"to":"proposed","number":"12/BTCTU"}`), tok, &out)
		if st != http.StatusOK && st != http.StatusConflict {
			t.Fatalf("propose as %s: %d %v", user, st, out)
		}
		st = doJSON(t, "POST", f.url+"/api/trips/"+f.tripID+"/set", []byte(`{"to":"approved","number":"34/QĐ-UBND","body":"UBND thành phố"}`), tok, &out)
		if st != want {
			t.Errorf("approve as %s: %d %v, want %d", user, st, out, want)
		}
	}
	move("lan", http.StatusForbidden)   // a clerk
	move("trang", http.StatusForbidden) // travels on it
	move("minh", http.StatusOK)
	e, _ := f.reg.Get(f.tripID)
	if e.Status != register.Approved || e.History[len(e.History)-1].Author != "minh" {
		t.Errorf("after minh's approval: %s by %+v", e.Status, e.History[len(e.History)-1])
	}
	// The approver who filed a trip cannot approve it.
	tok, _ := f.accts.NewToken(ctx, "cli", "minh", "own")
	var filed struct {
		Trip register.Entry `json:"trip"`
	}
	if st := doJSON(t, "POST", f.url+"/api/trips", mustTripJSON(t), tok, &filed); st != http.StatusCreated || filed.Trip.History[0].Author != "minh" {
		t.Fatalf("file as minh: %d %+v", st, filed.Trip.History)
	}
	doJSON(t, "POST", f.url+"/api/trips/"+filed.Trip.ID+"/set", []byte(`{"to":"proposed","number":"13/BTCTU"}`), tok, nil)
	if st := doJSON(t, "POST", f.url+"/api/trips/"+filed.Trip.ID+"/set", []byte(`{"to":"approved","number":"35/QĐ-UBND","body":"UBND"}`), tok, nil); st != http.StatusForbidden {
		t.Errorf("minh approves the trip he filed: %d, want 403", st)
	}
	// A disabled user's token stops working.
	f.accts.SetDisabled(ctx, "cli", "minh", true)
	if st := doJSON(t, "POST", f.url+"/api/trips", mustTripJSON(t), tok, nil); st != http.StatusUnauthorized {
		t.Errorf("disabled user's token: %d, want 401", st)
	}
}

// TestNoAccountsWorksAsBefore: on localhost with no users, writes work
// without a login and the header says how to create the first admin.
func TestNoAccountsWorksAsBefore(t *testing.T) {
	accts, err := account.New(account.Config{Records: memstore.New(), Cost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	var base web.Config
	f := newFixture(t, func(c *web.Config) { c.Accounts, c.Sessions = accts, &account.Sessions{}; base = *c })
	_, body, _ := f.get(t, "/")
	if !strings.Contains(body, `id="first-run"`) || !strings.Contains(body, "vanthu users add") {
		t.Error("the desk does not say how to create the first admin")
	}
	if st := doJSON(t, "POST", f.srv.URL+"/api/ingest?name=x.txt", []byte("Số: 12/UBND\nNội dung"), "", nil); st >= 400 {
		t.Errorf("ingest without accounts: %d", st)
	}
	// Beyond localhost without accounts nor token the desk does not start.
	base.RequireToken = true
	if _, err := web.New(base); err == nil {
		t.Error("New beyond localhost with no accounts and no token: no error")
	}
}

// testMatcher runs a saved search on the index and keeps the new documents
// among its hits, as cmd's matcher does.
func testMatcher(ix *index.Index) watch.Matcher {
	return watch.MatcherFunc(func(ctx context.Context, s watch.Search, ids []string) ([]watch.Doc, error) {
		res, err := ix.Search(ctx, index.Query{Text: s.Query, Type: s.Filters.Type, Issuer: s.Filters.Issuer, Limit: index.MaxLimit})
		if err != nil {
			return nil, err
		}
		var out []watch.Doc
		for _, h := range res.Hits {
			if slices.Contains(ids, h.ID) {
				out = append(out, watch.Doc{ID: h.ID, Number: h.Number, Title: h.Title, Date: h.Date})
			}
		}
		return out, nil
	})
}

// TestWatchPageAndFeed: a clerk saves a search on the page; a matching
// document is ingested; the page lists it, the Atom feed under the user's
// secret address parses back with the entry, marking seen empties the page,
// and a reset feed address ends the old one.
func TestWatchPageAndFeed(t *testing.T) {
	f := newOffice(t)
	c := newClient(t, f.url)
	c.login(t, "lan", "mat-khau-lan")
	resp, body := c.post(t, "/watch", url.Values{"csrf": {c.csrf(t, "/watch")}, "name": {"Nhật Bản"}, "q": {"nhat ban"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save a search: %d %s", resp.StatusCode, body)
	}
	text := "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 88/UBND-NV\nHạ Long, ngày 05 tháng 01 năm 2026\nV/v đón đoàn Nhật Bản\nKính gửi: Sở Ngoại vụ\nNội dung đón đoàn Nhật Bản.\n"
	res, err := f.pipe.Ingest(context.Background(), ingest.Input{Name: "new/88.txt", Data: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	f.pipe.Ingest(context.Background(), ingest.Input{Name: "new/89.txt", Data: []byte("Số: 89/UBND-NV\nV/v lịch tiếp công dân\nNội dung.\n")})
	page := func() string {
		r, err := c.Get(f.url + "/watch")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		return string(b)
	}
	p := page()
	if !strings.Contains(p, `id="new-count">1 văn bản mới`) || !strings.Contains(p, "/documents/"+res.ID) || strings.Contains(p, "89/UBND-NV") {
		t.Fatalf("watch page:\n%s", p)
	}
	resp, body = c.post(t, "/watch/feed", url.Values{"csrf": {c.csrf(t, "/watch")}})
	m := regexp.MustCompile(`<code>(http://[^<]+/feeds/[^<]+\.atom)</code>`).FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("feed reset: %d", resp.StatusCode)
	}
	feed := func(u string) (int, watch.Feed) {
		r, err := http.Get(u) // a newsreader: no cookie
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		var fd watch.Feed
		if r.StatusCode == http.StatusOK {
			if err := xml.NewDecoder(r.Body).Decode(&fd); err != nil {
				t.Fatalf("feed does not parse: %v", err)
			}
		}
		return r.StatusCode, fd
	}
	st, fd := feed(m[1])
	if st != http.StatusOK || len(fd.Entries) != 1 || !strings.Contains(fd.Entries[0].Title, "88/UBND-NV") || !strings.HasSuffix(fd.Entries[0].Links[0].Href, "/documents/"+res.ID) {
		t.Fatalf("feed: %d %+v", st, fd)
	}
	c.post(t, "/watch/seen", url.Values{"csrf": {c.csrf(t, "/watch")}, "upto": {regexp.MustCompile(`name="upto" value="(\d+)"`).FindStringSubmatch(page())[1]}})
	if p := page(); !strings.Contains(p, `id="nothing-new"`) {
		t.Errorf("after marking seen the page still lists new documents")
	}
	// The feed keeps its entries (a newsreader remembers what it read).
	if st, fd := feed(m[1]); st != http.StatusOK || len(fd.Entries) != 1 {
		t.Errorf("feed after marking seen: %d %d entries", st, len(fd.Entries))
	}
	c.post(t, "/watch/feed", url.Values{"csrf": {c.csrf(t, "/watch")}})
	if st, _ := feed(m[1]); st != http.StatusNotFound {
		t.Errorf("old feed address after a reset: %d, want 404", st)
	}
	if st, _ := feed(f.url + "/feeds/wrong.atom"); st != http.StatusNotFound {
		t.Errorf("a wrong feed address: %d", st)
	}
}

// TestSourcesPage: a source whose last run failed and one silent past its
// period are listed apart from the one that is fine, as of the desk's clock.
func TestSourcesPage(t *testing.T) {
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	var records corpus.RecordStore
	f := newOffice(t, func(c *web.Config) {
		c.Now = func() time.Time { return now }
		c.SourceStatus = func(ctx context.Context, at time.Time) ([]crawl.Status, error) {
			return crawl.Statuses(ctx, records, at)
		}
	})
	records = f.records
	ctx := context.Background()
	d0 := now.AddDate(0, 0, -40)
	crawl.RecordRun(ctx, records, crawl.Source{Name: "down"}, crawl.Report{Failures: []crawl.Failure{{Reason: "connection refused"}}}, corpus.Date{}, now.AddDate(0, 0, -1))
	crawl.RecordRun(ctx, records, crawl.Source{Name: "quiet"}, crawl.Report{Fetched: 3, New: 1, Documents: 1}, corpus.Date{}, d0)
	crawl.RecordRun(ctx, records, crawl.Source{Name: "quiet"}, crawl.Report{Fetched: 3, Unchanged: 3}, corpus.Date{}, now.AddDate(0, 0, -1))
	crawl.RecordRun(ctx, records, crawl.Source{Name: "fine"}, crawl.Report{Fetched: 3, New: 1, Documents: 1}, corpus.Date{}, now.AddDate(0, 0, -2))
	c := newClient(t, f.url)
	if r, _ := c.Get(f.url + "/sources"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("sources page without a login: %d", r.StatusCode)
	}
	c.login(t, "admin", "mat-khau-admin")
	r, err := c.Get(f.url + "/sources")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	page := string(b)
	bad := page[strings.Index(page, `id="sources-bad"`):strings.Index(page, `id="sources-ok"`)]
	for _, want := range []string{`data-source="down" data-state="failed"`, `data-source="quiet" data-state="silent"`, "connection refused"} {
		if !strings.Contains(bad, want) {
			t.Errorf("the sources to look at lack %q", want)
		}
	}
	if strings.Contains(bad, `data-source="fine"`) || !strings.Contains(page, `data-source="fine" data-state="ok"`) {
		t.Errorf("the fine source is not listed as fine")
	}
}
