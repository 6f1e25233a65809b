package web_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/register"
	"vanthu/trip"
	"vanthu/web"
)

// TestBrowserTripRegister files a trip from the drafting page, moves it
// through its states from its page, and sees it overdue in the register once
// the report's deadline has passed: the register's clock is moved by the
// test, never slept.
func TestBrowserTripRegister(t *testing.T) {
	ctx := browserCtx(t)
	clock := &testClock{}
	clock.set("2026-08-10")
	reg, err := register.Open(context.Background(), register.Config{Store: memstore.New(), Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	sample, err := trip.Parse(exampleTrip(t), "example")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, func(c *web.Config) { c.Trips, c.Sample = reg, &sample })
	base := f.srv.URL

	// File the drafting page's trip.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/draft"),
		chromedp.WaitVisible(chromedp.CSS(`form#draft`)),
		chromedp.Click(chromedp.ID("file-trip")),
	)
	err = errors.Join(err, waitVisible(ctx, `#trip-status[data-status="planned"]`))
	if err != nil {
		t.Fatalf("file from the drafting page: %v", err)
	}
	items, _ := reg.List(register.Filter{})
	if len(items) != 1 || items[0].Name != sample.Name {
		t.Fatalf("the register holds %+v after filing", items)
	}
	id := items[0].ID
	screenshot(t, ctx, "trips-1-filed")

	// Move it through its states from its page, each on its day.
	steps := []struct {
		day    string
		to     register.Status
		fields map[string]string
	}{
		{"2026-08-10", register.Proposed, map[string]string{"number": "4102-CV/BTCTU", "date": "10/08/2026"}},
		{"2026-08-25", register.Approved, map[string]string{"number": "512-QĐ/TU", "date": "25/08/2026", "body": "Thường trực Thành ủy Hà Nội"}},
		{"2026-09-13", register.Travelling, nil},
		{"2026-09-17", register.Returned, nil},
	}
	for _, s := range steps {
		clock.set(s.day)
		form := `form.move[data-to="` + string(s.to) + `"]`
		acts := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/trips/" + id), chromedp.WaitVisible(chromedp.CSS(form))}
		for name, v := range s.fields {
			acts = append(acts, chromedp.SendKeys(chromedp.CSS(form+` input[name="`+name+`"]`), v))
		}
		acts = append(acts, chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
		err := chromedp.Do(ctx, acts...)
		err = errors.Join(err, waitVisible(ctx, `#trip-status[data-status="`+string(s.to)+`"]`))
		if err != nil {
			t.Fatalf("move to %s on %s: %v", s.to, s.day, err)
		}
	}
	timeline, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("timeline")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"trong kế hoạch", "đã đề nghị", "đã có quyết định cử đoàn", "đang đi công tác", "đã về nước"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, timeline)
		}
	}
	deadlines, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("deadlines")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(deadlines, "Báo cáo kết quả") || !strings.Contains(deadlines, "4060-CV/BTCTU") || !strings.Contains(deadlines, "còn") {
		t.Errorf("deadlines after the return: %s", deadlines)
	}
	screenshot(t, ctx, "trips-2-returned")

	// The register: due, not overdue.
	row := `#register tr[data-trip="` + id + `"]`
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/trips"), chromedp.WaitVisible(chromedp.CSS(row)))
	if err != nil {
		t.Fatal(err)
	}
	cls, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+row+`').className`))
	if err != nil || cls == "overdue" {
		t.Errorf("overdue the day it came back: class %q %v", cls, err)
	}

	// The day after the report's deadline, the register shows it overdue.
	ds, err := reg.Deadlines(id, corpus.Date{})
	if err != nil || len(ds) == 0 {
		t.Fatalf("deadlines: %v %v", ds, err)
	}
	var due corpus.Date
	for _, d := range ds {
		if d.Kind == register.KindReport {
			due = d.Deadline
		}
	}
	clock.set(due.Time().AddDate(0, 0, 1).Format("2006-01-02"))
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/trips?overdue=1"), chromedp.WaitVisible(chromedp.CSS(row+`.overdue`)))
	if err != nil {
		t.Fatalf("overdue row: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "quá hạn 1 ngày") || !strings.Contains(text, "4060-CV/BTCTU") {
		t.Errorf("overdue row: %s", text)
	}
	screenshot(t, ctx, "trips-3-overdue")

	// The statistics page counts it as a missing report, with its charts.
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/trips/stats?year=2026"), chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
	if err != nil {
		t.Fatal(err)
	}
	missing, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("kpi-missing")))
	if err != nil || strings.TrimSpace(missing) != "1" {
		t.Errorf("missing reports on the statistics page: %q %v", missing, err)
	}
	screenshot(t, ctx, "trips-4-stats")

	// Reporting, late, clears it.
	form := `form.move[data-to="reported"]`
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/trips/"+id), chromedp.WaitVisible(chromedp.CSS(form)),
		chromedp.SendKeys(chromedp.CSS(form+` input[name="number"]`), "61-BC/BTCTU"),
		chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
	err = errors.Join(err, waitVisible(ctx, `#trip-status[data-status="reported"]`))
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	if items, _ := reg.List(register.Filter{Overdue: true}); len(items) != 0 {
		t.Errorf("still overdue after its report: %+v", items)
	}
}
