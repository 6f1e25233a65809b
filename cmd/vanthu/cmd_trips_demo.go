package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"vanthu/corpus"
	examples "vanthu/examples/trips"
	tripreg "vanthu/register"
	"vanthu/trip"
)

// demoTrip says in which state the demo files an example trip, with the
// numbers a register holds at that state. Numbers and dates are made up,
// consistent with each file's own dates.
type demoTrip struct {
	file                   string
	status                 tripreg.Status
	inPlan                 bool
	request, decision, rep tripreg.DocRef
	settlement             tripreg.DocRef
	reason                 string
	dropReport             bool // file it without its report: the report is missing
	shiftYears             int  // a copy moved this many years on (the next year's plan)
	name                   string
	estimate               *tripreg.Estimate
}

func ref(num, date, body string) tripreg.DocRef {
	d, _ := corpus.ParseDate(date)
	return tripreg.DocRef{Number: num, Date: d, Body: body}
}

var demoTrips = []demoTrip{
	{file: "qn-snv-nhat-han-dat.yaml", status: tripreg.Settled, inPlan: true,
		request: ref("215/SNgV-LS", "2026-04-06", ""), decision: ref("1240/QĐ-UBND", "2026-04-20", "UBND tỉnh Quảng Ninh"),
		rep: ref("92/BC-SNgV", "2026-05-22", ""), settlement: ref("", "2026-05-29", "")},
	// Back on 17/9/2026, no report: overdue under 4060-CV/BTCTU mục 6 (10 days).
	{file: "hn-btctu-trung-quoc-dat.yaml", status: tripreg.Returned, inPlan: true, dropReport: true,
		request: ref("4152-CV/BTCTU", "2026-08-10", ""), decision: ref("2817-QĐ/TU", "2026-08-25", "Thành ủy Hà Nội")},
	{file: "bgddt-vkhgd-nop-ho-so-muon.yaml", status: tripreg.Settled, inPlan: true,
		request: ref("112/VKHGD-HTQT", "2026-04-20", ""), decision: ref("1502/QĐ-BGDĐT", "2026-05-05", "Bộ Giáo dục và Đào tạo"),
		rep: ref("61/BC-VKHGD", "2026-05-28", ""), settlement: ref("", "2026-06-02", "")},
	{file: "dn-snv-han-quoc-dat.yaml", status: tripreg.Reported, inPlan: false,
		request: ref("388/SNgV-HTQT", "2026-07-20", ""), decision: ref("2950/QĐ-UBND", "2026-08-14", "UBND thành phố Đà Nẵng"),
		rep: ref("45/BC-SNgV", "2026-09-18", "")},
	{file: "hcm-sxd-han-quoc-bau-cu.yaml", status: tripreg.Cancelled, inPlan: true,
		reason: "Trùng ngày bầu cử địa phương của Hàn Quốc (03/6/2026): đối tác đề nghị lùi sang năm sau"},
	{file: "hn-sgddt-khong-chuong-trinh.yaml", status: tripreg.Postponed,
		reason: "Chưa có chương trình làm việc chi tiết (4060-CV/BTCTU, mục 4)"},
	{file: "hn-sdl-qua-so-ngay.yaml", status: tripreg.Refused, request: ref("1201/SDL-QLDL", "2026-09-07", ""),
		reason: "Thời gian làm việc tại Hàn Quốc vượt 03 ngày (4060-CV/BTCTU, mục 2)"},
	{file: "hn-snnmt-qua-so-thanh-vien.yaml", status: tripreg.Refused, request: ref("655/SNNMT-HTQT", "2026-02-23", ""),
		reason: "Đoàn 9 người, vượt mức 07 người (4060-CV/BTCTU, mục 1)"},
	// Next year's plan: two trips moved a year on.
	{file: "bgddt-vkhgd-nop-ho-so-muon.yaml", status: tripreg.Planned, inPlan: true, dropReport: true, shiftYears: 1,
		name:     "Đoàn công tác Viện Khoa học Giáo dục Việt Nam đi Nhật Bản (kế hoạch 2027)",
		estimate: &tripreg.Estimate{Travel: 5200, Lodging: 3900, Other: 600}},
	{file: "qn-snv-nhat-han-dat.yaml", status: tripreg.Proposed, inPlan: true, dropReport: true, shiftYears: 1,
		name:    "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh (kế hoạch 2027)",
		request: ref("48/SNgV-LS", "2026-12-01", ""), estimate: &tripreg.Estimate{Travel: 6800, Lodging: 4700, Other: 900}},
}

// fileDemoTrips files the example trips into the register in the states of
// demoTrips. Filing again finds them there and adds nothing.
func fileDemoTrips(ctx context.Context, reg *tripreg.Register) (filed, existing int, err error) {
	files := map[string][]byte{}
	for _, f := range examples.Files() {
		files[f.Name] = f.Data
	}
	for _, d := range demoTrips {
		b, ok := files[d.file]
		if !ok {
			return filed, existing, fmt.Errorf("demo: example trip %s missing", d.file)
		}
		t, err := trip.Parse(b, d.file)
		if err != nil {
			return filed, existing, err
		}
		if d.dropReport || d.status != tripreg.Reported && d.status != tripreg.Settled {
			t.Report = nil // only a trip that reported holds its report
		}
		if d.shiftYears != 0 {
			shiftTrip(&t, d.shiftYears)
		}
		if d.name != "" {
			t.Name = d.name
		}
		e := tripreg.Entry{Status: d.status, InPlan: d.inPlan, Request: d.request, Decision: d.decision,
			Report: d.rep, Settlement: d.settlement, Reason: d.reason, Estimate: d.estimate, Trip: t}
		on := t.Departure
		for _, r := range []tripreg.DocRef{d.request, d.decision, d.rep, d.settlement} {
			if !r.Date.IsZero() {
				on = r.Date
			}
		}
		e.History = []tripreg.Change{{To: d.status, On: on, Time: demoLettersDate.UTC(), Author: "demo",
			Note: "sổ mẫu của vanthu demo"}}
		_, created, err := reg.File(ctx, "demo", e, "sổ mẫu của vanthu demo: "+strings.TrimSuffix(d.file, ".yaml"))
		if err != nil {
			return filed, existing, fmt.Errorf("demo: %s: %w", d.file, err)
		}
		if created {
			filed++
		} else {
			existing++
		}
	}
	return filed, existing, nil
}

// shiftTrip moves every date of a trip by whole years.
func shiftTrip(t *corpus.Trip, years int) {
	sh := func(d *corpus.Date) {
		if !d.IsZero() {
			x := time.Date(d.Year+years, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
			*d = corpus.Date{Year: x.Year(), Month: int(x.Month()), Day: x.Day()}
		}
	}
	sh(&t.Date)
	sh(&t.Departure)
	sh(&t.Return)
	for i := range t.Itinerary {
		sh(&t.Itinerary[i].From)
		sh(&t.Itinerary[i].To)
		for j := range t.Itinerary[i].Sessions {
			sh(&t.Itinerary[i].Sessions[j].Date)
		}
	}
}

// demoRegister opens the demo's register and files the example trips.
func demoRegister(ctx context.Context, e *env, a *app) {
	reg, err := openTripRegister(ctx, e, a)
	if err != nil {
		fmt.Fprintf(e.stderr, "demo: sổ đoàn ra: %v\n", err)
		return
	}
	filed, existing, err := fileDemoTrips(ctx, reg)
	if err != nil {
		fmt.Fprintf(e.stderr, "demo: sổ đoàn ra: %v\n", err)
	}
	fmt.Fprintf(e.stdout, "demo: sổ đoàn ra: %d chuyến (%d mới, %d đã có); `vanthu trips due --data %s` nêu các chuyến quá hạn\n",
		reg.Len(), filed, existing, a.dir)
}
