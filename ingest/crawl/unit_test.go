package crawl

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"120":                           2 * time.Minute,
		"-1":                            0,
		"soon":                          0,
		"Tue, 24 Nov 2026 05:00:30 GMT": 30 * time.Second,
	} {
		h := http.Header{}
		if v != "" {
			h.Set("Retry-After", v)
		}
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q: %s, want %s", v, got, want)
		}
	}
}

func TestCleanField(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"date", " Ngày ban hành:  05/01/2026 ", "2026-01-05"},
		{"date", "ngày 3 tháng 11 năm 2025", "2025-11-03"},
		{"date", "2025-11-28", "2025-11-28"},
		{"date", "31/02/2025", "31/02/2025"}, // not a date: kept as written
		{"number", "Số ký hiệu: 25/2025/TT-BGDĐT", "25/2025/TT-BGDĐT"},
		{"title", "V/v: tăng cường\n quản lý", "V/v: tăng cường quản lý"},
		{"issuer", "Cơ quan ban hành: Bộ Ngoại giao", "Bộ Ngoại giao"},
		{"title", "Tho\u0302ng ba\u0301o", "Thông báo"}, // NFC
	} {
		if got := cleanField(tc.name, tc.in); got != tc.want {
			t.Errorf("cleanField(%s, %q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestCanonicalURL(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP://VBPL.vn:80/TW/Pages/a.aspx?ItemID=1#x": "http://vbpl.vn/TW/Pages/a.aspx?ItemID=1",
		"https://vbpl.vn:443":                          "https://vbpl.vn/",
		"https://user:pw@vbpl.vn/a":                    "https://vbpl.vn/a",
		"ftp://vbpl.vn/a":                              "",
		"/relative":                                    "",
		"mailto:a@b.vn":                                "",
	} {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// A redirect to an allowed host but to a path robots.txt forbids is not followed.
func TestRedirectIntoDisallowedPath(t *testing.T) {
	site := portalSite(t)
	site.set(portal, "/tin-tuc/van-ban-chi-dao.html", &route{to: "/private/tin-tuc/chi-tiet/du-thao-noi-bo-1080.html"})
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rep, err := c.Run(context.Background(), Source{Name: "r", Start: []string{listURL}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range site.requests("", 0) {
		if strings.HasPrefix(l.Path, "/private/") {
			t.Errorf("followed a redirect into a disallowed path: %s", l.Path)
		}
	}
	if len(sink.take()) != 0 || rep.Robots != 1 || rep.Failed != 0 {
		t.Errorf("report %+v", rep)
	}
}
