package crawl

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
)

// A document page re-served with new markup but the same text is not
// handed to the sink again; a change of its text is.
func TestMarkupOnlyIsNotANewVersion(t *testing.T) { synctest.Test(t, testMarkupOnly) }

func testMarkupOnly(t *testing.T) {
	site := portalSite(t)
	sink := &recSink{}
	cfg := testConfig(t, site, sink)
	cfg.Delay, cfg.Jitter = 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	src := loadTestSource(t)
	src.Delay = 0
	if _, err := c.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	sink.take()
	page := docPath + "ke-hoach-doan-ra-nam-2026-1201.html"
	edit := func(old, new string) {
		site.mu.Lock()
		r := *site.routes[portal][page]
		site.mu.Unlock()
		if !bytes.Contains(r.body, []byte(old)) {
			t.Fatalf("the page has no %q", old)
		}
		r.body = bytes.Replace(r.body, []byte(old), []byte(new), 1)
		site.set(portal, page, &r)
	}
	// New markup: a class, an attribute, a script; the same words.
	edit("<body", `<body data-build="2026-09-01"><script>var x = "tracking";</script`+"\n")
	edit("</body>", `<div class="khung"  ></div></body>`)
	rep, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range sink.take() {
		if strings.HasSuffix(in.Name, page) {
			t.Errorf("a markup-only change was handed to the sink as a new version")
		}
	}
	if rep.MarkupOnly != 1 {
		t.Errorf("markup_only = %d, want 1", rep.MarkupOnly)
	}
	// A change of text is a new version.
	edit("</body>", "<p>Bổ sung: thay đổi lịch trình.</p></body>")
	if _, err := c.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range sink.take() {
		found = found || strings.HasSuffix(in.Name, page)
	}
	if !found {
		t.Errorf("a change of the page's text was not handed to the sink")
	}
}

func TestProblem(t *testing.T) {
	for _, c := range []struct {
		r    Report
		want string
	}{
		{Report{Fetched: 3, DocumentPages: 2}, ""},
		{Report{Failures: []Failure{{Reason: "connection refused"}}}, "unreachable"},
		{Report{Fetched: 2, Failed: 2}, "unreachable"},
		{Report{Fetched: 2, Warnings: []string{"site changed? ..."}}, "no longer match"},
		{Report{Stopped: "cancelled", Failures: []Failure{{Reason: "x"}}}, ""},
	} {
		if got := c.r.Problem(); (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("Problem(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}

// TestStatusFailedAndSilent: a failed run lists the source as failed; a
// source that brings nothing new is silent once its period has passed,
// by the clock given, and ok again when a document comes.
func TestStatusFailedAndSilent(t *testing.T) {
	ctx := context.Background()
	rs := memstore.New()
	day := func(n int) time.Time { return time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, n) }
	quiet := Source{Name: "quiet", SilentAfter: 10 * 24 * time.Hour}
	busy := Source{Name: "busy"}
	d, _ := corpus.NewDate(2026, 8, 30)
	if _, err := RecordRun(ctx, rs, quiet, Report{Fetched: 5, New: 2, Documents: 2}, d, day(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := RecordRun(ctx, rs, busy, Report{Fetched: 5, New: 1, Documents: 1}, corpus.Date{}, day(0)); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{3, 6, 9} {
		RecordRun(ctx, rs, quiet, Report{Fetched: 5, Unchanged: 5}, corpus.Date{}, day(n))
	}
	state := func(now time.Time) map[string]Status {
		sts, err := Statuses(ctx, rs, now)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]Status{}
		for _, s := range sts {
			m[s.Name] = s
		}
		return m
	}
	m := state(day(9))
	if m["quiet"].State != "ok" || m["busy"].State != "ok" || m["quiet"].Newest != d || m["quiet"].LastSuccess != day(9) {
		t.Fatalf("day 9: %+v", m)
	}
	m = state(day(11))
	if m["quiet"].State != "silent" || !strings.Contains(m["quiet"].Why, "01/09/2026") || m["busy"].State != "ok" {
		t.Errorf("day 11: %+v", m)
	}
	m = state(day(31))
	if m["busy"].State != "silent" || m["busy"].SilentDays != 30 {
		t.Errorf("day 31, default period: %+v", m["busy"])
	}
	RecordRun(ctx, rs, busy, Report{Failures: []Failure{{Reason: "dial tcp: connection refused"}}}, corpus.Date{}, day(32))
	if m = state(day(32)); m["busy"].State != "failed" || !strings.Contains(m["busy"].Why, "connection refused") || m["busy"].LastSuccess != day(0) {
		t.Errorf("after a failed run: %+v", m["busy"])
	}
	RecordRun(ctx, rs, quiet, Report{Fetched: 5, Changed: 1, Documents: 1}, corpus.Date{}, day(33))
	if m = state(day(33)); m["quiet"].State != "ok" {
		t.Errorf("after a new document: %+v", m["quiet"])
	}
}

// A run stopped part-way (max pages, or a machine that died) and resumed is
// one run: the status counts its documents once, not each part's running
// total.
func TestStatusCountsResumedRunOnce(t *testing.T) {
	ctx := context.Background()
	rs := memstore.New()
	src := Source{Name: "resumed"}
	t0 := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	parts := []Report{
		{StartedAt: t0, Fetched: 2, New: 1, Documents: 1, Stopped: "max-pages"},
		{StartedAt: t0, Resumed: true, Fetched: 4, New: 3, Documents: 3, Stopped: "max-pages"},
		{StartedAt: t0, Resumed: true, Fetched: 6, New: 5, Documents: 5, Complete: true},
		// Unchanged since: the resumed part brings nothing.
		{StartedAt: t0.Add(time.Hour), Fetched: 6, Unchanged: 6, Stopped: "max-pages"},
		{StartedAt: t0.Add(time.Hour), Resumed: true, Fetched: 6, Unchanged: 6, Complete: true},
		{StartedAt: t0.Add(2 * time.Hour), Fetched: 6, Unchanged: 5, Changed: 1, Documents: 1, Complete: true},
	}
	want := []int{1, 3, 5, 5, 5, 6}
	for i, rep := range parts {
		st, err := RecordRun(ctx, rs, src, rep, corpus.Date{}, t0.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if st.Documents != want[i] {
			t.Errorf("after part %d: %d documents, want %d", i+1, st.Documents, want[i])
		}
	}
}
