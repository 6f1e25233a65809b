package register

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestDeadlinesAroundHolidays: deadlines counted in working days skip Tết
// and its nghỉ bù, 30/4-1/5 and 2/9; Hà Nội's are calendar days.
func TestDeadlinesAroundHolidays(t *testing.T) {
	ctx := context.Background()
	r, c := newReg(t, "2026-11-20")
	trips := []Entry{
		moetTrip("Đoàn về trước Tết 2027", "2027-01-31", "2027-02-04"),
		moetTrip("Đoàn đi sau 30/4", "2027-05-10", "2027-05-14"),
		moetTrip("Đoàn về trước Quốc khánh 2026", "2026-08-27", "2026-08-31"),
	}
	hn := moetTrip("Đoàn Hà Nội", "2026-10-05", "2026-10-09")
	hn.Trip.Jurisdiction, hn.Unit = "UBND thành phố Hà Nội", "Sở Công Thương thành phố Hà Nội"
	trips = append(trips, hn)
	var ids []string
	for _, e := range trips {
		got, _, err := r.File(ctx, "clerk", e, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got.ID)
	}
	// The trips that left: approved and back, their reports due.
	c.set("2026-08-01")
	for _, id := range []string{ids[2], ids[3]} {
		mustMove(t, r, id, Move{To: Proposed, Number: "1/X"}, Move{To: Approved, Number: "2/QĐ", Body: "Bộ"})
	}
	c.set("2026-11-20")
	for _, id := range []string{ids[2], ids[3]} {
		mustMove(t, r, id, Move{To: Travelling}, Move{To: Returned})
	}
	got := map[string][]Deadline{}
	for _, id := range ids {
		ds, err := r.Deadlines(id, date("2026-11-20"))
		if err != nil {
			t.Fatal(err)
		}
		e, _ := r.Get(id)
		got[e.Trip.Name] = ds
	}
	// Worked by hand: back Thursday 4/2/2027; 5/2 and 8-9/2 are Tết, 10-11/2
	// nghỉ bù for 6-7/2 on the weekend; the 15th working day is 4/3/2027.
	if d := find(got["Đoàn về trước Tết 2027"], KindReport); d.Deadline != date("2027-03-04") || d.CountedIn != "working" {
		t.Errorf("report after Tết 2027: %+v", d)
	}
	// Back Monday 31/8/2026: 1/9 and 2/9 (a Wednesday) are Quốc khánh; the
	// 15th working day after is 23/9.
	if d := find(got["Đoàn về trước Quốc khánh 2026"], KindReport); d.Deadline != date("2026-09-23") || !d.Overdue {
		t.Errorf("report after 2/9/2026: %+v", d)
	}
	// Hà Nội 4060-CV/BTCTU mục 6: 10 calendar days after 9/10 is 19/10.
	if d := find(got["Đoàn Hà Nội"], KindReport); d.Deadline != date("2026-10-19") || d.CountedIn != "calendar" || d.Days != 32 || d.Rule.Number != "4060-CV/BTCTU" {
		t.Errorf("Hà Nội report: %+v", d)
	}
	b, _ := json.MarshalIndent(got, "", "  ")
	golden(t, "deadlines.golden.json", b)
}

func mustMove(t *testing.T, r *Register, id string, ms ...Move) {
	t.Helper()
	for _, m := range ms {
		if _, err := r.Move(context.Background(), id, "clerk", m); err != nil {
			t.Fatal(err)
		}
	}
}

func find(ds []Deadline, kind string) Deadline {
	for _, d := range ds {
		if d.Kind == kind {
			return d
		}
	}
	return Deadline{}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs (run with -update to accept):\n%s", name, got)
	}
}

func TestDueOrderAndStats(t *testing.T) {
	ctx := context.Background()
	asOf := date("2026-12-01")
	r, _ := newReg(t, "2026-12-01")
	for _, e := range Generate(GenConfig{N: 400, Seed: 3, AsOf: asOf}) {
		if _, _, err := r.File(ctx, "gen", e, ""); err != nil {
			t.Fatal(err)
		}
	}
	due := r.Due(DueOptions{AsOf: asOf})
	if len(due) == 0 || !due[0].Overdue {
		t.Fatalf("due: %d, first %+v", len(due), due)
	}
	seenNot := false
	for _, d := range due {
		if !d.Overdue {
			seenNot = true
		} else if seenNot {
			t.Fatal("an overdue deadline after one not overdue")
		}
		if d.Rule.Number == "" || d.Rule.Quote == "" {
			t.Fatalf("deadline without citation: %+v", d)
		}
	}
	from, to := Window(2026, "")
	st := r.Stats(StatsOptions{From: from, To: to, AsOf: asOf})
	rp := st.Reports
	if st.Delegations == 0 || rp.OnTime+rp.Late+rp.Missing+rp.NotDue != st.Delegations || st.InPlan+st.NotInPlan != st.Delegations {
		t.Fatalf("stats do not add up: %+v", st)
	}
	// Counted by hand over the entries.
	want := 0
	for _, it := range r.sorted() {
		if it.e.Trip.Departure.Year == 2026 && it.e.Status.went() {
			want++
		}
	}
	if st.Delegations != want {
		t.Errorf("delegations %d, want %d", st.Delegations, want)
	}
	items, total := r.List(Filter{Year: 2026, Country: "Han Quoc", AsOf: asOf})
	for _, it := range items {
		if !contains(it.Countries, "Hàn Quốc") {
			t.Fatalf("list by country: %+v", it)
		}
	}
	if total == 0 || st.ByCountry["Hàn Quốc"].Delegations > total {
		t.Errorf("Korea: %d listed, %d in stats", total, st.ByCountry["Hàn Quốc"].Delegations)
	}
	if ov := r.Overlaps(OverlapOptions{From: from, To: to}); len(ov) == 0 {
		t.Error("no overlapping trips among 400")
	} else if ov[0].A.Unit == ov[0].B.Unit || len(ov[0].Countries) == 0 {
		t.Errorf("overlap: %+v", ov[0])
	}
	if p := r.Plan("", 2027); len(p.Rows) == 0 || p.Deadline == nil || p.Deadline.Date != date("2026-09-30") {
		t.Errorf("plan 2027: %d rows, deadline %+v", len(p.Rows), p.Deadline)
	}
	ar := r.AnnualReport(StatsOptions{From: from, To: to, AsOf: asOf, Unit: "Viện Khoa học Giáo dục Việt Nam"})
	if len(ar.Rows) != ar.Stats.Delegations || ar.Deadline == nil || ar.Deadline.Date != date("2026-12-20") {
		t.Errorf("annual report: %d rows, %d delegations, deadline %+v", len(ar.Rows), ar.Stats.Delegations, ar.Deadline)
	}
}

func TestPersonCounts(t *testing.T) {
	ctx := context.Background()
	r, _ := newReg(t, "2026-01-02")
	for _, d := range []string{"2026-02-02", "2026-03-02", "2026-07-06"} {
		if _, _, err := r.File(ctx, "a", moetTrip("Đoàn "+d, d, d), ""); err != nil {
			t.Fatal(err)
		}
	}
	e := moetTrip("Đoàn mới", "2026-09-07", "2026-09-10")
	e.Trip.Members[1].TripsThisYear = 5
	pcs := r.Counts(e)
	if pcs[0].Counted != 3 || pcs[0].Source != "register" || pcs[1].Used != 5 || pcs[1].Source != "declared" {
		t.Errorf("counts: %+v", pcs)
	}
}

func TestWindow(t *testing.T) {
	for _, c := range []struct{ start, from, to string }{
		{"", "2026-01-01", "2026-12-31"},
		{"01-01", "2026-01-01", "2026-12-31"},
		{"12-15", "2025-12-15", "2026-12-14"},
		{"03-01", "2025-03-01", "2026-02-28"},
	} {
		f, to := Window(2026, c.start)
		if f != date(c.from) || to != date(c.to) {
			t.Errorf("Window(2026, %q) = %s..%s, want %s..%s", c.start, f, to, c.from, c.to)
		}
	}
}
