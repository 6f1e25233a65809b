package crawl

import (
	"context"
	"testing"
	"testing/synctest"

	"vanthu/corpus"
)

// A legal-documents portal publishing each document's tình trạng hiệu lực
// and ngày có hiệu lực beside its text.
const lawPortal = "vanban.test"

const lawSources = `sources:
  - name: vanban-test
    start: [http://vanban.test/danh-sach.html]
    links:
      document:
        patterns: ['/van-ban/\d+\.html$']
    page:
      mode: selectors
      title: h1
      number: 'td:contains("Số ký hiệu") + td'
      date: 'td:contains("Ngày ban hành") + td'
      status: p.tinh-trang
      effective: 'td:contains("Ngày có hiệu lực") + td'
      body: div.noi-dung
`

func lawPage(title, number, status, effective string) []byte {
	return []byte(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<h1>` + title + `</h1>
<table><tr><td>Số ký hiệu</td><td>` + number + `</td></tr>
<tr><td>Ngày ban hành</td><td>29/11/2025</td></tr>
<tr><td>Ngày có hiệu lực</td><td>` + effective + `</td></tr></table>
<p class="tinh-trang">Tình trạng: ` + status + `</p>
<div class="noi-dung"><p>` + title + `: Bộ Tài chính quy định chế độ công tác phí cho cán bộ, công chức đi công tác ngắn hạn ở nước ngoài do ngân sách nhà nước bảo đảm kinh phí.</p></div>
</body></html>`)
}

func TestCrawlKeepsPortalValidity(t *testing.T) { synctest.Test(t, testCrawlKeepsPortalValidity) }

func testCrawlKeepsPortalValidity(t *testing.T) {
	site := newTestSite(t, lawPortal)
	html := "text/html; charset=utf-8"
	site.set(lawPortal, "/robots.txt", &route{body: []byte("User-agent: *\nAllow: /\n"), ctype: "text/plain"})
	site.set(lawPortal, "/danh-sach.html", &route{ctype: html, body: []byte(`<html><body>
<a href="/van-ban/102.html">Thông tư 102</a> <a href="/van-ban/40.html">Thông tư 40</a></body></html>`)})
	site.set(lawPortal, "/van-ban/102.html", &route{ctype: html, etag: true,
		body: lawPage("Thông tư quy định chế độ công tác phí ở nước ngoài", "102/2025/TT-BTC", "Hết hiệu lực", "13/01/2026")})
	site.set(lawPortal, "/van-ban/40.html", &route{ctype: html, etag: true,
		body: lawPage("Thông tư sửa đổi chế độ chi tiêu đón tiếp khách nước ngoài", "40/2025/TT-BTC", "Còn hiệu lực", "01/02/2026")})
	srcs, err := ParseSources("vanban.yaml", []byte(lawSources))
	if err != nil {
		t.Fatal(err)
	}
	pl, st := realPipeline(t)
	cfg := testConfig(t, site, pl)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	rep, err := c.Run(ctx, srcs[0])
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 2 {
		t.Fatalf("%d documents stored, want 2; failures %v", rep.Documents, rep.Failures)
	}
	want := map[string]struct {
		code, text string
		eff        corpus.Date
	}{
		"102/2025/TT-BTC": {corpus.ValidityExpired, "Hết hiệu lực", corpus.Date{Year: 2026, Month: 1, Day: 13}},
		"40/2025/TT-BTC":  {corpus.ValidityInForce, "Còn hiệu lực", corpus.Date{Year: 2026, Month: 2, Day: 1}},
	}
	seen := 0
	err = st.Each(ctx, func(d corpus.Document) error {
		w, ok := want[d.Number]
		if !ok {
			t.Errorf("unexpected document %s %q", d.ID, d.Number)
			return nil
		}
		seen++
		if d.Validity != w.code || d.ValidityText != w.text || d.Effective != w.eff {
			t.Errorf("%s: validity %q %q effective %v, want %q %q %v", d.Number, d.Validity, d.ValidityText, d.Effective, w.code, w.text, w.eff)
		}
		if d.FieldSources["status"] != "portal" || d.FieldSources["effective"] != "portal" {
			t.Errorf("%s: field sources %v, want status and effective from the portal", d.Number, d.FieldSources)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != 2 {
		t.Errorf("found %d of the 2 documents", seen)
	}
}
