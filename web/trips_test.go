package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/generate"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/plaintext"
	"vanthu/register"
	"vanthu/trip"
	"vanthu/web"
)

// testClock is the register's clock, moved by the tests (never slept).
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(d string) {
	t, err := time.ParseInLocation("2006-01-02", d, corpus.VietnamZone)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = t.Add(9 * time.Hour)
	c.mu.Unlock()
}

func newTripsFixture(t *testing.T, today, token string) (*fixture, *register.Register, *testClock) {
	t.Helper()
	c := &testClock{}
	c.set(today)
	reg, err := register.Open(context.Background(), register.Config{Store: memstore.New(), Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, func(cfg *web.Config) {
		cfg.Trips = reg
		cfg.Token = token
		// Letters made from the register are stored as PDFs.
		p, err := meta.New(meta.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		pipe, err := ingest.New(ingest.Config{Store: cfg.Store, Parser: p, Indexer: cfg.Search.(*index.Index),
			Extractors: map[string]ingest.Extractor{ingest.FormatText: plaintext.Extractor{}, ingest.FormatPDF: ocrPDF{}}})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Ingest = pipe
	})
	return f, reg, c
}

func exampleTrip(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../examples/trips/hn-btctu-trung-quoc-dat.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func doJSON(t *testing.T, method, u string, body []byte, token string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, u, err, b)
		}
	}
	return resp.StatusCode
}

// TestTripsAPI files the example trip, moves it through its lifecycle over
// the API, refuses an impossible move with the Vietnamese reason, and lists
// its report as overdue once the clock passes the deadline.
func TestTripsAPI(t *testing.T) {
	f, _, clock := newTripsFixture(t, "2026-08-10", "s3cret")
	base := f.srv.URL
	// Writes need the token.
	if st := doJSON(t, "POST", base+"/api/trips", exampleTrip(t), "", nil); st != http.StatusUnauthorized {
		t.Fatalf("file without token: %d, want 401", st)
	}
	var filed struct {
		Trip    register.Entry `json:"trip"`
		Created bool           `json:"created"`
	}
	if st := doJSON(t, "POST", base+"/api/trips", exampleTrip(t), "s3cret", &filed); st != http.StatusCreated || !filed.Created {
		t.Fatalf("file: %d %+v", st, filed)
	}
	id := filed.Trip.ID
	if filed.Trip.Status != register.Planned || filed.Trip.Unit == "" {
		t.Errorf("filed as %q by unit %q", filed.Trip.Status, filed.Trip.Unit)
	}
	// Filing again adds nothing.
	if st := doJSON(t, "POST", base+"/api/trips", exampleTrip(t), "s3cret", &filed); st != http.StatusOK || filed.Created {
		t.Errorf("filing again: %d created=%v", st, filed.Created)
	}
	// Edits over the API; nothing to change is a bad request.
	var edited struct {
		Trip register.Entry `json:"trip"`
	}
	if st := doJSON(t, "POST", base+"/api/trips/"+id+"/set", []byte(`{"in_plan":true,"notes":"kế hoạch 2026"}`), "s3cret", &edited); st != 200 || !edited.Trip.InPlan || edited.Trip.Notes != "kế hoạch 2026" {
		t.Errorf("edit: %d %+v", st, edited.Trip)
	}
	if st := doJSON(t, "POST", base+"/api/trips/"+id+"/set", []byte(`{}`), "s3cret", nil); st != http.StatusBadRequest {
		t.Errorf("empty set: %d", st)
	}
	// An impossible move: reported before approved.
	var apiErr struct {
		Error struct {
			Code, Message, Trip string
		} `json:"error"`
	}
	if st := doJSON(t, "POST", base+"/api/trips/"+id+"/set", []byte(`{"to":"reported","number":"30/BC-SNgV"}`), "s3cret", &apiErr); st != http.StatusConflict ||
		apiErr.Error.Code != "transition" || !strings.Contains(apiErr.Error.Message, "Không chuyển được") || apiErr.Error.Trip != id {
		t.Errorf("reported before approved: %d %+v", st, apiErr)
	}
	// A move missing its field names the field.
	var fieldErr struct {
		Error struct{ Code, Field, Message string } `json:"error"`
	}
	if st := doJSON(t, "POST", base+"/api/trips/"+id+"/set", []byte(`{"to":"proposed"}`), "s3cret", &fieldErr); st != http.StatusUnprocessableEntity ||
		fieldErr.Error.Field != "request.number" {
		t.Errorf("proposed without number: %d %+v", st, fieldErr)
	}
	for _, step := range []struct{ day, move string }{
		{"2026-08-10", `{"to":"proposed","number":"4102-CV/BTCTU","date":"2026-08-10"}`},
		{"2026-08-25", `{"to":"approved","number":"512-QĐ/TU","body":"Thường trực Thành ủy Hà Nội"}`},
		{"2026-09-13", `{"to":"travelling"}`},
		{"2026-09-17", `{"to":"returned"}`},
	} {
		clock.set(step.day)
		var out struct {
			Trip register.Entry `json:"trip"`
		}
		if st := doJSON(t, "POST", base+"/api/trips/"+id+"/set", []byte(step.move), "s3cret", &out); st != http.StatusOK {
			t.Fatalf("%s: %d", step.move, st)
		}
	}
	// Right after the return the report is due, not overdue.
	var due []register.Deadline
	doJSON(t, "GET", base+"/api/trips/due", nil, "", &due)
	if len(due) == 0 || due[0].Kind != "report" || due[0].Overdue {
		t.Fatalf("due after return: %+v", due)
	}
	deadline := due[0].Deadline
	if due[0].Rule.Number == "" || due[0].Rule.Quote == "" {
		t.Errorf("the deadline cites no rule: %+v", due[0].Rule)
	}
	// The day after the deadline it is overdue, and the list puts it first.
	clock.set(deadline.Time().AddDate(0, 0, 1).Format("2006-01-02"))
	doJSON(t, "GET", base+"/api/trips/due", nil, "", &due)
	if len(due) == 0 || !due[0].Overdue || due[0].Trip != id || due[0].Days < 1 {
		t.Fatalf("due after the deadline: %+v", due)
	}
	var list struct {
		Total int                 `json:"total"`
		Trips []register.ListItem `json:"trips"`
	}
	doJSON(t, "GET", base+"/api/trips?overdue=1&country="+url.QueryEscape("Trung Quoc"), nil, "", &list)
	if list.Total != 1 || list.Trips[0].Next == nil || !list.Trips[0].Next.Overdue {
		t.Errorf("overdue list by country spelt without diacritics: %+v", list)
	}
	doJSON(t, "GET", base+"/api/trips?year=2025", nil, "", &list)
	if list.Total != 0 {
		t.Errorf("year 2025 lists %d trips", list.Total)
	}
	var stats register.Stats
	doJSON(t, "GET", base+"/api/trips/stats?from=2026-01-01&to=2026-12-31", nil, "", &stats)
	if stats.Delegations != 1 || stats.PersonTrips != 5 || stats.Reports.Missing != 1 {
		t.Errorf("stats %+v", stats)
	}
	var show struct {
		Trip      register.Entry      `json:"trip"`
		Deadlines []register.Deadline `json:"deadlines"`
		Versions  []register.Version  `json:"versions"`
	}
	doJSON(t, "GET", base+"/api/trips/"+id, nil, "", &show)
	if show.Trip.Status != register.Returned || len(show.Versions) != 6 || len(show.Deadlines) == 0 { // filed, edited, four moves
		t.Errorf("show: status %s, %d versions, %d deadlines", show.Trip.Status, len(show.Versions), len(show.Deadlines))
	}
	if st := doJSON(t, "GET", base+"/api/trips/nope", nil, "", nil); st != http.StatusNotFound {
		t.Errorf("unknown trip: %d", st)
	}
}

// TestTripsPages renders the register, a trip and the statistics, and moves
// a trip from its page's form.
func TestTripsPages(t *testing.T) {
	f, reg, clock := newTripsFixture(t, "2026-08-10", "")
	ctx := context.Background()
	tr, err := trip.Parse(exampleTrip(t), "example")
	if err != nil {
		t.Fatal(err)
	}
	e, _, err := reg.File(ctx, "test", register.Entry{Trip: tr}, "")
	if err != nil {
		t.Fatal(err)
	}
	st, body, _ := f.get(t, "/trips?year=2026")
	if st != 200 || !strings.Contains(body, "Sổ đoàn ra") || !strings.Contains(body, e.Trip.Name) || !strings.Contains(body, "trong kế hoạch") {
		t.Fatalf("register page %d:\n%s", st, body)
	}
	// Another unit to the same country in the same days: a pair to combine.
	other := tr
	other.Name = "Đoàn công tác Sở Ngoại vụ thành phố Hà Nội"
	other.Departure.Day += 2
	if _, _, err := reg.File(ctx, "test", register.Entry{Unit: "Sở Ngoại vụ thành phố Hà Nội", Trip: other}, ""); err != nil {
		t.Fatal(err)
	}
	var ov []register.Overlap
	if st := doJSON(t, "GET", f.srv.URL+"/api/trips/overlaps?year=2026", nil, "", &ov); st != 200 || len(ov) != 1 {
		t.Errorf("overlaps: %d %+v", st, ov)
	}
	if _, body, _ := f.get(t, "/trips/overlaps?year=2026"); !strings.Contains(body, "1 cặp đoàn") || !strings.Contains(body, "Sở Ngoại vụ thành phố Hà Nội") {
		t.Errorf("the overlaps page does not list the pair to combine:\n%s", body)
	}
	if _, body, _ := f.get(t, "/trips/"+e.ID); !strings.Contains(body, `id="overlaps"`) || !strings.Contains(body, "Sở Ngoại vụ thành phố Hà Nội") {
		t.Errorf("the trip page does not name the other unit's trip to combine with:\n%s", body)
	}

	// The plan of the year from the register, while the trip is planned.
	st, body, h := f.get(t, "/trips/plan/xlsx?year=2026&unit="+url.QueryEscape(e.Unit))
	if st != 200 || !strings.Contains(h.Get("Content-Disposition"), "ke-hoach-doan-ra-2026.xlsx") {
		t.Fatalf("plan xlsx: %d %v", st, h)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(generate.PlanSheet)
	x.Close()
	if len(rows) != generate.XLSXTitleRows+4 || rows[generate.XLSXTitleRows+2][1] != e.Trip.Name || !strings.Contains(rows[1][0], "BAN TỔ CHỨC") {
		t.Errorf("plan sheet rows %q", rows)
	}
	if _, body, _ := f.get(t, "/trips?limit=1"); !strings.Contains(body, `rel="next"`) || !strings.Contains(body, "offset=1") {
		t.Errorf("no next page with one trip a page:\n%s", body)
	}
	st, body, _ = f.get(t, "/trips/"+e.ID)
	if st != 200 || !strings.Contains(body, "Chuyển sang “đã đề nghị”") || !strings.Contains(body, "Kiểm tra theo quy định") {
		t.Fatalf("trip page %d:\n%s", st, body)
	}
	// The move form: CSRF token from the page.
	csrf := between(body, `name="csrf" value="`, `"`)
	post := func(vals url.Values) (int, string) {
		vals.Set("csrf", csrf)
		resp, err := http.PostForm(f.srv.URL+"/trips/"+e.ID+"/move", vals)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, body := post(url.Values{"to": {"reported"}, "number": {"1"}}); st != http.StatusConflict || !strings.Contains(body, "Không chuyển được từ “trong kế hoạch” sang “đã báo cáo”") {
		t.Errorf("impossible move from the page: %d\n%s", st, body)
	}
	if st, body := post(url.Values{"to": {"proposed"}, "number": {"4102-CV/BTCTU"}, "date": {"10/08/2026"}}); st != 200 || !strings.Contains(body, `data-status="proposed"`) {
		t.Errorf("move from the page: %d\n%s", st, body)
	}
	if st, body := post(url.Values{"to": {"approved"}, "number": {"1"}, "date": {"31/02/2026"}, "body": {"UBND"}}); st != http.StatusBadRequest || !strings.Contains(body, "ngày/tháng/năm") {
		t.Errorf("bad date from the page: %d\n%s", st, body)
	}
	// Edits from the page: in the plan, a note.
	if st, body := postTo(t, f.srv.URL+"/trips/"+e.ID+"/edit", url.Values{"csrf": {csrf}, "in_plan": {"1"}, "notes": {"Ghép với đoàn Sở Ngoại vụ"}}); st != 200 || !strings.Contains(body, "Ghép với đoàn Sở Ngoại vụ") {
		t.Errorf("edit from the page: %d\n%s", st, body)
	}
	if x, _ := reg.Get(e.ID); !x.InPlan || x.Notes != "Ghép với đoàn Sở Ngoại vụ" {
		t.Errorf("after the edit: in plan %v, notes %q", x.InPlan, x.Notes)
	}

	// A letter made from the record and stored is linked both ways.
	before, _ := reg.Get(e.ID)
	if st, body := postTo(t, f.srv.URL+"/trips/"+e.ID+"/letters/decision", url.Values{"csrf": {csrf}}); st != 200 || !strings.Contains(body, `id="documents"`) {
		t.Fatalf("store the decision: %d\n%s", st, body)
	}
	after, _ := reg.Get(e.ID)
	if len(after.Documents) != len(before.Documents)+1 {
		t.Fatalf("the trip lists %d documents after storing its letter, had %d", len(after.Documents), len(before.Documents))
	}
	letter := after.Documents[len(after.Documents)-1]
	if _, body, _ := f.get(t, "/documents/"+letter); !strings.Contains(body, "/trips/"+e.ID) {
		t.Errorf("the stored letter's page does not name its trip")
	}
	// Again: the same letter, nothing new.
	postTo(t, f.srv.URL+"/trips/"+e.ID+"/letters/decision", url.Values{"csrf": {csrf}})
	if again, _ := reg.Get(e.ID); len(again.Documents) != len(after.Documents) {
		t.Errorf("storing the same letter again added a document: %v", again.Documents)
	}

	// The request, once stored, is linked both ways by its number.
	res, err := f.pipe.Ingest(ctx, ingest.Input{Name: "cv-4102.txt", Data: []byte("THÀNH ỦY HÀ NỘI\nBAN TỔ CHỨC\n*\nSố 4102-CV/BTCTU\n" +
		"V/v xin chủ trương cử đoàn đi công tác Trung Quốc\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 10 tháng 8 năm 2026\nKính gửi: Thường trực Thành ủy.\nBan Tổ chức Thành ủy kính đề nghị.\n")})
	if err != nil || res.ID == "" {
		t.Fatalf("ingest the request: %v %+v", err, res)
	}
	if _, body, _ := f.get(t, "/trips/"+e.ID); !strings.Contains(body, "/documents/"+res.ID) {
		t.Errorf("the trip page does not link its stored request %s (number %q)", res.ID, res.Number)
	}
	if _, body, _ := f.get(t, "/documents/"+res.ID); !strings.Contains(body, "Thuộc chuyến đi") || !strings.Contains(body, "/trips/"+e.ID) {
		t.Errorf("the document page does not show its trip")
	}
	clock.set("2026-12-01")
	st, body, _ = f.get(t, "/trips/stats?year=2026")
	if st != 200 || !strings.Contains(body, "<svg") || !strings.Contains(body, "Trung Quốc") || !strings.Contains(body, `id="kpi-delegations">2<`) {
		t.Fatalf("stats page %d:\n%s", st, body)
	}
	if strings.Contains(body, "http://") && !strings.Contains(body, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("the statistics page loads something from another site")
	}
	if st, _, _ := f.get(t, "/trips/stats?year=abc"); st != http.StatusBadRequest {
		t.Errorf("bad year: %d", st)
	}
	if st, _, _ := f.get(t, "/trips/"+e.ID+"/pdf/proposal"); st != 200 {
		t.Errorf("proposal from the register: %d", st)
	}
	st, body, _ = f.get(t, "/trips/report/pdf?year=2026")
	if st != 200 || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("report pdf: %d %.40q", st, body)
	}
	if st, _, _ := f.get(t, "/trips/report/doc?year=2026"); st != http.StatusNotFound {
		t.Errorf("report as .doc: %d", st)
	}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	j := strings.Index(s, b)
	if j < 0 {
		return ""
	}
	return s[:j]
}

// TestTripsWithoutRegister: the pages and API answer 503 when no register is
// configured, and the drafting page offers no filing.
func TestTripsWithoutRegister(t *testing.T) {
	f := newFixture(t, nil)
	if st, _, _ := f.get(t, "/api/trips"); st != http.StatusServiceUnavailable {
		t.Errorf("api without register: %d", st)
	}
	if st, _, _ := f.get(t, "/trips"); st != http.StatusServiceUnavailable {
		t.Errorf("page without register: %d", st)
	}
	if _, body, _ := f.get(t, "/draft"); strings.Contains(body, "file-trip") {
		t.Error("the drafting page offers filing without a register")
	}
}

func postTo(t *testing.T, u string, vals url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(u, vals)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
