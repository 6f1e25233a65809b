package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/index"
	"vanthu/web"
)

// failingSearcher is the real index, except that Search and Cites fail with
// err: how a handler meets a store or engine failure.
type failingSearcher struct {
	web.Searcher
	err error
}

func (f failingSearcher) Search(context.Context, index.Query) (index.Result, error) {
	return index.Result{}, f.err
}

func (f failingSearcher) Cites(context.Context, string) (index.CitesResult, error) {
	return index.CitesResult{}, f.err
}

// syncBuffer is a log sink the handlers may write to while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type apiErrorBody struct {
	Error struct {
		Code, Message, Field string
	}
}

// goErrorText matches what a Go error from one of our packages (or the
// libraries under them) looks like: a package prefix, a wrapped cause, a
// file path, a fmt verb gone wrong.
var goErrorText = regexp.MustCompile(`\b(filestore|memstore|natsstore|index|corpus|register|trip|review|ingest|web|check|generate|crawl|bleve|yaml|json|strconv|http|multipart|zap|scorch):|%!|/srv/|\.go:\d|unexpected EOF|segment|Go struct|cannot unmarshal`)

// TestErrorClasses: each class of failure a handler can meet is answered
// with its status and a plain Vietnamese message, as JSON on the API and as
// a page elsewhere; an unknown failure is a 500 whose id is in the log with
// the real error, and never the error itself.
func TestErrorClasses(t *testing.T) {
	cases := []struct {
		name       string
		err        error
		status     int
		code       string
		message    string // a part of the message
		retryAfter string
	}{
		{"store locked", fmt.Errorf("web: search: %w", &filestore.LockedError{Dir: "/srv/vanthu", PID: "42"}),
			http.StatusServiceUnavailable, "locked", "thử lại sau", "30"},
		{"index locked", &index.OpenError{Dir: "/srv/vanthu/index", Err: index.ErrLocked},
			http.StatusServiceUnavailable, "locked", "thử lại sau", "30"},
		{"read-only", filestore.ErrReadOnly, http.StatusServiceUnavailable, "read_only", "chỉ cho đọc", ""},
		{"not found", fmt.Errorf("corpus: get 42: %w", corpus.ErrNotFound), http.StatusNotFound, "not_found", "Không tìm thấy", ""},
		{"conflict", fmt.Errorf("register: edit: %w", corpus.ErrConflict), http.StatusConflict, "conflict", "người khác cập nhật", ""},
		{"timeout", fmt.Errorf("index: search: %w", context.DeadlineExceeded), http.StatusServiceUnavailable, "timeout", "thử lại", "5"},
		{"anything else", fmt.Errorf("index: bleve: segment 7 unreadable: %w", io.ErrUnexpectedEOF),
			http.StatusInternalServerError, "internal", "Lỗi máy chủ (mã ", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var logs syncBuffer
			f := newFixture(t, func(cfg *web.Config) {
				cfg.Search = failingSearcher{Searcher: cfg.Search, err: c.err}
				cfg.Log = log.New(&logs, "", 0)
			})
			// The JSON API.
			resp, err := http.Get(f.srv.URL + "/api/search?q=hộ+chiếu")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var e apiErrorBody
			if err := json.Unmarshal(b, &e); err != nil {
				t.Fatalf("not JSON: %s", b)
			}
			if resp.StatusCode != c.status || e.Error.Code != c.code || !strings.Contains(e.Error.Message, c.message) ||
				resp.Header.Get("Retry-After") != c.retryAfter {
				t.Errorf("API: %d %q Retry-After %q, want %d %q containing %q, Retry-After %q",
					resp.StatusCode, b, resp.Header.Get("Retry-After"), c.status, c.code, c.message, c.retryAfter)
			}
			if m := goErrorText.FindString(string(b)); m != "" {
				t.Errorf("API answer carries Go error text %q: %s", m, b)
			}
			if c.status == http.StatusInternalServerError {
				id := regexp.MustCompile(`mã ([0-9a-f]{12})`).FindStringSubmatch(e.Error.Message)
				if id == nil || !strings.Contains(logs.String(), id[1]) || !strings.Contains(logs.String(), "segment 7 unreadable") {
					t.Errorf("a 500's id must be logged with the real error: message %q, log %q", e.Error.Message, logs.String())
				}
			}
			// The citations API and the search page say the same.
			code, body, _ := f.get(t, "/api/citations/4060-CV/BTCTU")
			if code != c.status || !strings.Contains(body, c.message) {
				t.Errorf("citations: %d %s", code, body)
			}
			code, body, h := f.get(t, "/?q=h%E1%BB%99+chi%E1%BA%BFu")
			if code != c.status || !strings.Contains(body, c.message) || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
				t.Errorf("page: %d %s", code, h.Get("Content-Type"))
			}
			if m := goErrorText.FindString(pageText(body)); m != "" {
				t.Errorf("page carries Go error text %q", m)
			}
		})
	}
}

// TestBadInputNamesTheField: a value that cannot be used is a 400 naming
// the field, in JSON ("field") and in the message.
func TestBadInputNamesTheField(t *testing.T) {
	f, _, _ := newTripsFixture(t, "2026-03-01", "")
	for _, c := range []struct{ path, field string }{
		{"/api/search?limit=abc", "limit"},
		{"/api/search?offset=-1", "offset"},
		{"/api/search?sort=sideways", "sort"},
		{"/api/search?from=32-13-2026", "from"},
		{"/api/trips?year=20x6", "year"},
		{"/api/trips?status=lost", "status"},
		{"/api/trips/stats?start=1215", "start"},
		{"/api/trips/due?as_of=yesterday", "as_of"},
		{"/api/ingest", "name"},
	} {
		method := http.MethodGet
		if c.path == "/api/ingest" {
			method = http.MethodPost
		}
		req, _ := http.NewRequest(method, f.srv.URL+c.path, strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e apiErrorBody
		json.Unmarshal(b, &e)
		if resp.StatusCode != http.StatusBadRequest || e.Error.Field != c.field || !strings.Contains(e.Error.Message, "“"+c.field+"”") {
			t.Errorf("%s: %d %s, want 400 naming %q", c.path, resp.StatusCode, b, c.field)
		}
		if m := goErrorText.FindString(string(b)); m != "" {
			t.Errorf("%s: Go error text %q in %s", c.path, m, b)
		}
	}
	// The search page says it too, with the form kept.
	code, body, _ := f.get(t, "/?q=visa&limit=abc")
	if code != http.StatusBadRequest || !strings.Contains(body, "limit") {
		t.Errorf("search page: %d", code)
	}
}

// TestErrorPathsCarryNoGoErrorText walks the error paths a client can reach
// with bad requests and checks that no answer carries a Go error's text.
func TestErrorPathsCarryNoGoErrorText(t *testing.T) {
	f, _, _ := newTripsFixture(t, "2026-03-01", "")
	for _, c := range []struct {
		method, path, ctype, body string
		status                    int
	}{
		{"GET", "/api/documents/nope", "", "", 404},
		{"GET", "/documents/nope", "", "", 404},
		{"GET", "/api/documents/nope/original", "", "", 404},
		{"POST", "/api/check", "application/yaml", "name: [unclosed\n", 400},
		{"POST", "/api/check", "application/json", `{"name": 3, "members": "x"}`, 400},
		{"POST", "/api/check", "application/json", `{"nonsense": true}`, 400},
		{"POST", "/api/generate/decision", "application/yaml", "::\n\t- x", 400},
		{"POST", "/api/check", "multipart/form-data; boundary=zz", "--zz\r\nbroken", 400},
		{"POST", "/api/trips", "application/json", `{"trip": {"name": 7}}`, 400},
		{"POST", "/api/trips", "application/yaml", "name: [", 400},
		{"POST", "/api/trips/nope/set", "application/json", `{"to": "approved"}`, 404},
		{"POST", "/api/trips/nope/set", "application/json", `{"bogus": 1}`, 400},
		{"GET", "/api/trips/nope", "", "", 404},
		{"GET", "/api/trips/stats?from=2026-05-01&to=2026-01-01", "", "", 400},
		{"GET", "/trips?year=abc", "", "", 400},
		{"GET", "/trips/stats?year=abc", "", "", 400},
		{"GET", "/trips/plan/pdf?year=abc", "", "", 400},
		{"POST", "/api/ingest", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx", 400},
		{"POST", "/file", "multipart/form-data; boundary=zz", "--zz\r\ngarbage", 400},
		{"POST", "/draft", "multipart/form-data; boundary=zz", "--zz\r\ngarbage", 400},
		{"POST", "/draft/check", "multipart/form-data; boundary=zz", "--zz\r\ngarbage", 400},
	} {
		req, _ := http.NewRequest(c.method, f.srv.URL+c.path, strings.NewReader(c.body))
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
		req.Header.Set("Origin", f.srv.URL)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s %s %q: status %d, want %d: %s", c.method, c.path, c.body, resp.StatusCode, c.status, b)
		}
		text := string(b)
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			text = pageText(text)
		}
		if m := goErrorText.FindString(text); m != "" {
			t.Errorf("%s %s %q: Go error text %q in %s", c.method, c.path, c.body, m, text)
		}
		if errors.Is(err, io.EOF) {
			t.Fatal(err)
		}
	}
}

// pageText is what a page shows: the text between tags, without the
// scripts and styles (whose code may well say "json:").
func pageText(html string) string {
	html = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>`).ReplaceAllString(html, "")
	return regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(html, " ")
}
