package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testPortal serves a list page linking one document page.
func testPortal(t *testing.T, number string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/list.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><ul><li><a href="/doc/1.html">Công văn</a></li></ul></body></html>`)
	})
	mux.HandleFunc("/doc/1.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><title>Công văn</title></head><body><article><p>ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH</p>
<p>Số: %s</p><p>Hạ Long, ngày 05 tháng 01 năm 2026</p><p>V/v cử đoàn đi công tác nước ngoài</p>
<p>Kính gửi: Sở Ngoại vụ. Ủy ban nhân dân tỉnh đồng ý cử đoàn đi công tác tại Nhật Bản từ ngày 10 đến ngày 15 tháng 3 năm 2026 theo đề nghị của Sở.</p></article></body></html>`, number)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestCrawlFailsOnADownPortalAndSourcesStatus: two local portals are
// crawled; one goes down and the next crawl exits 1 naming it; sources
// status lists it as failed, and the other as silent once its period has
// passed (the day given with --as-of).
func TestCrawlFailsOnADownPortalAndSourcesStatus(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	a, b := testPortal(t, "12/UBND-NV"), testPortal(t, "13/UBND-NV")
	yaml := fmt.Sprintf(`sources:
  - name: portal-a
    start: [%s/list.html]
    links:
      list: {patterns: ['/list\.html$']}
      document: {patterns: ['/doc/\d+\.html$']}
    page: {mode: auto}
  - name: portal-b
    start: [%s/list.html]
    silent_after: 10d
    links:
      list: {patterns: ['/list\.html$']}
      document: {patterns: ['/doc/\d+\.html$']}
    page: {mode: auto}
`, a.URL, b.URL)
	sf := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(sf, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := vt(t, "crawl", "--sources", sf, "--delay", "0", "--data", data)
	if code != 0 {
		t.Fatalf("crawl: %d\n%s\n%s", code, out, errs)
	}
	status := func(args ...string) map[string]map[string]any {
		t.Helper()
		code, out, errs := vt(t, append([]string{"sources", "status", "--json", "--data", data}, args...)...)
		if code != 0 {
			t.Fatalf("sources status: %d %s", code, errs)
		}
		m := map[string]map[string]any{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var st map[string]any
			if err := json.Unmarshal([]byte(l), &st); err != nil {
				t.Fatalf("%v: %q", err, l)
			}
			m[st["name"].(string)] = st
		}
		return m
	}
	m := status()
	if m["portal-a"]["state"] != "ok" || m["portal-b"]["state"] != "ok" || m["portal-a"]["newest_document"] != "2026-01-05" || m["portal-a"]["last_success"] == nil {
		t.Fatalf("status after the first crawl: %v", m)
	}
	a.Close()
	code, _, errs = vt(t, "crawl", "--sources", sf, "--delay", "0", "--data", data)
	if code != 1 || !strings.Contains(errs, "(sources failing): portal-a —") {
		t.Fatalf("crawl with portal-a down: exit %d\n%s", code, errs)
	}
	m = status()
	if m["portal-a"]["state"] != "failed" || !strings.Contains(m["portal-a"]["why"].(string), "unreachable") || m["portal-b"]["state"] != "ok" {
		t.Errorf("status with portal-a down: %v", m)
	}
	later := time.Now().AddDate(0, 0, 12).Format("2006-01-02")
	m = status("--as-of", later, "--problems")
	if m["portal-b"]["state"] != "silent" || m["portal-a"]["state"] != "failed" {
		t.Errorf("status 12 days later: %v", m)
	}
	if code, out, _ := vt(t, "sources", "status", "--data", data, "--as-of", later); code != 0 || !strings.Contains(out, "portal-b") || !strings.Contains(out, "silent") {
		t.Errorf("sources status: %d %s", code, out)
	}
}
