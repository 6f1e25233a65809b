package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"vanthu/ingest"
)

const smudgedText = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: ....../UBND-KT\nQuảng Ngãi, ngày 04 tháng 02 năm 2025\nV/v cử cán bộ đi công tác nước ngoài\nKính gửi: Sở Ngoại vụ\nNội dung.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Mẫu\n"

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func postForm(t *testing.T, base, path string, v url.Values) (int, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+path, v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location") + string(b)
}

func getPage(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestReviewAPIAndPurge(t *testing.T) {
	f := newReviewDesk(t)
	r, err := f.pipe.Ingest(context.Background(), ingest.Input{Name: "cv.txt", Data: []byte(smudgedText)})
	if err != nil {
		t.Fatal(err)
	}
	code, body := getPage(t, f.url+"/api/review")
	var q struct {
		Total     int
		Documents []struct {
			ID     string
			Issues []struct{ Field string }
		}
	}
	if err := json.Unmarshal([]byte(body), &q); code != 200 || err != nil || q.Total != 1 || q.Documents[0].ID != r.ID {
		t.Fatalf("/api/review: %d %v %s", code, err, body)
	}
	_, page := getPage(t, f.url+"/documents/"+r.ID)
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no form token on the document page")
	}
	csrf := m[1]

	// A bad value names the field; a correction without a name is refused.
	if code, body := postForm(t, f.url, "/documents/"+r.ID+"/correct", url.Values{"csrf": {csrf}, "by": {"lan"}, "f_date": {"31/2/2025"}}); code != 400 || !strings.Contains(body, "Ngày ban hành") {
		t.Errorf("bad date: %d %s", code, body)
	}
	if code, _ := postForm(t, f.url, "/documents/"+r.ID+"/correct", url.Values{"csrf": {csrf}, "f_number": {"15/UBND-KT"}}); code != 400 {
		t.Errorf("correction without a name: %d", code)
	}
	if code, _ := postForm(t, f.url, "/documents/"+r.ID+"/correct", url.Values{"by": {"lan"}, "f_number": {"15/UBND-KT"}}); code != 403 {
		t.Errorf("correction without the form token: %d", code)
	}

	// Purge: refused without the id typed again, then done and logged.
	if code, _ := postForm(t, f.url, "/documents/"+r.ID+"/purge", url.Values{"csrf": {csrf}, "by": {"lan"}, "reason": {"nhập nhầm"}, "confirm": {"yes"}}); code != 400 {
		t.Errorf("purge without confirmation: %d", code)
	}
	if _, err := f.store.Get(context.Background(), r.ID); err != nil {
		t.Fatalf("refused purge removed the document: %v", err)
	}
	code, loc := postForm(t, f.url, "/documents/"+r.ID+"/purge", url.Values{"csrf": {csrf}, "by": {"lan"}, "reason": {"nhập nhầm"}, "confirm": {r.ID}})
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/review?purged=") {
		t.Fatalf("purge: %d %s", code, loc)
	}
	if code, _ := getPage(t, f.url+"/documents/"+r.ID); code != 404 {
		t.Errorf("purged document page: %d", code)
	}
	if _, body := getPage(t, f.url+"/api/search?q=c%E1%BB%AD+c%C3%A1n+b%E1%BB%99"); strings.Contains(body, r.ID) {
		t.Errorf("purged document still found: %s", body)
	}
	log, err := f.desk.Purges(context.Background())
	if err != nil || len(log) != 1 || log[0].Author != "lan" || log[0].Note != "nhập nhầm" {
		t.Errorf("purge log: %v %+v", err, log)
	}
}

func postJSON(t *testing.T, u, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(u, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestReviewJSONAPI(t *testing.T) {
	f := newReviewDesk(t)
	r, err := f.pipe.Ingest(context.Background(), ingest.Input{Name: "cv.txt", Data: []byte(smudgedText)})
	if err != nil {
		t.Fatal(err)
	}
	u := f.url + "/api/documents/" + r.ID + "/review"
	if code, body := postJSON(t, u, `{"action":"set","fields":{"number":"nonsense"},"by":"lan"}`); code != 400 || !strings.Contains(body, "bad_field") {
		t.Errorf("bad number: %d %s", code, body)
	}
	code, body := postJSON(t, u, `{"action":"set","fields":{"number":"15 /UBND-KT"},"by":"lan","note":"bản giấy"}`)
	if code != 200 || !strings.Contains(body, `"number":"15/UBND-KT"`) {
		t.Fatalf("set: %d %s", code, body)
	}
	if _, body := getPage(t, f.url+"/api/search?q=15+ubnd+kt"); !strings.Contains(body, r.ID) {
		t.Errorf("search after the API correction: %s", body)
	}
	if code, body := postJSON(t, u, `{"action":"withdraw","by":"lan"}`); code != 200 || !strings.Contains(body, `"withdrawn":true`) {
		t.Errorf("withdraw: %d %s", code, body)
	}
	if _, body := getPage(t, f.url+"/api/search?q=15+ubnd+kt"); strings.Contains(body, r.ID) {
		t.Errorf("withdrawn, still found: %s", body)
	}
	if code, body := postJSON(t, u, `{"action":"restore","by":"lan"}`); code != 200 || !strings.Contains(body, `"withdrawn":false`) {
		t.Errorf("restore: %d %s", code, body)
	}
	if code, body := postJSON(t, u, `{"action":"reviewed","by":"lan"}`); code != 200 || !strings.Contains(body, `"needs_review":false`) {
		t.Errorf("reviewed: %d %s", code, body)
	}
	if code, _ := postJSON(t, u, `{"action":"purge","by":"lan","confirm":"x"}`); code != 400 {
		t.Errorf("unconfirmed purge: %d", code)
	}
	if code, _ := postJSON(t, u, `{"action":"set","fields":{"title":"x"}}`); code != 400 {
		t.Errorf("no author: %d", code)
	}
	if code, _ := postJSON(t, f.url+"/api/documents/nope/review", `{"action":"reviewed","by":"lan"}`); code != 404 {
		t.Errorf("unknown document: %d", code)
	}
}
