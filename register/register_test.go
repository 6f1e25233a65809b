package register

import (
	"context"
	"errors"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
)

// clock is a settable clock for tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }
func (c *clock) set(d string) {
	t, err := time.ParseInLocation("2006-01-02", d, corpus.VietnamZone)
	if err != nil {
		panic(err)
	}
	c.t = t.Add(9 * time.Hour)
}

func date(s string) corpus.Date {
	d, err := corpus.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func newReg(t testing.TB, today string) (*Register, *clock) {
	t.Helper()
	c := &clock{}
	c.set(today)
	r, err := Open(context.Background(), Config{Store: memstore.New(), Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	return r, c
}

// moetTrip is a trip bound by Thông tư 25/2025/TT-BGDĐT.
func moetTrip(name string, dep, ret string) Entry {
	return Entry{Unit: "Viện Khoa học Giáo dục Việt Nam", Funding: "Ngân sách nhà nước", Trip: corpus.Trip{
		Jurisdiction: "Bộ Giáo dục và Đào tạo", Name: name, Nature: "làm việc",
		Members:   []corpus.Member{{Name: "Lê Văn An", Head: true, Unit: "Viện Khoa học Giáo dục Việt Nam"}, {Name: "Trần Thị Bình"}},
		Itinerary: []corpus.Stop{{Country: "Han Quoc", From: date(dep), To: date(ret)}},
		Departure: date(dep), Return: date(ret), Funding: corpus.Funding{Source: "state-budget"},
	}}
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	type step struct {
		today string
		move  Move
		want  error // nil, ErrTransition or ErrInvalid
		field string
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"the whole line", []step{
			{"2026-03-02", Move{To: Proposed, Number: "12/VKHGD-HTQT"}, nil, ""},
			{"2026-03-20", Move{To: Approved, Number: "845/QĐ-BGDĐT", Body: "Bộ Giáo dục và Đào tạo"}, nil, ""},
			{"2026-05-10", Move{To: Travelling}, nil, ""},
			{"2026-05-15", Move{To: Returned}, nil, ""},
			{"2026-05-25", Move{To: Reported, Number: "40/BC-VKHGD"}, nil, ""},
			{"2026-05-29", Move{To: Settled}, nil, ""},
			{"2026-06-01", Move{To: Cancelled, Reason: "x"}, ErrTransition, ""},
		}},
		{"reported before approved", []step{
			{"2026-03-02", Move{To: Reported, Number: "40/BC"}, ErrTransition, ""},
			{"2026-03-02", Move{To: Approved, Number: "845/QĐ", Body: "Bộ"}, ErrTransition, ""},
		}},
		{"return before departure", []step{
			{"2026-03-02", Move{To: Proposed, Number: "1"}, nil, ""},
			{"2026-03-03", Move{To: Approved, Number: "2", Body: "Bộ"}, nil, ""},
			{"2026-05-10", Move{To: Travelling}, nil, ""},
			{"2026-05-20", Move{To: Returned, On: date("2026-05-09")}, ErrInvalid, "trip.return"},
		}},
		{"leaving before the day", []step{
			{"2026-03-02", Move{To: Proposed, Number: "1"}, nil, ""},
			{"2026-03-03", Move{To: Approved, Number: "2", Body: "Bộ"}, nil, ""},
			{"2026-05-01", Move{To: Travelling}, ErrInvalid, "trip.departure"},
		}},
		{"fields each move needs", []step{
			{"2026-03-02", Move{To: Proposed}, ErrInvalid, "request.number"},
			{"2026-03-02", Move{To: Postponed}, ErrInvalid, "reason"},
			{"2026-03-02", Move{To: Proposed, Number: "1", Date: date("2026-03-02")}, nil, ""},
			{"2026-03-03", Move{To: Approved, Number: "2"}, ErrInvalid, "decision.body"},
			{"2026-03-03", Move{To: Approved, Number: "2", Body: "Bộ", Date: date("2026-03-01")}, ErrInvalid, "decision.date"},
			{"2026-03-03", Move{To: Refused, Reason: "không cần thiết"}, nil, ""},
			{"2026-03-04", Move{To: Proposed, Number: "3"}, nil, ""},
			{"2026-03-05", Move{To: Postponed, Reason: "đối tác đổi lịch"}, nil, ""},
			{"2026-03-06", Move{To: Planned}, nil, ""},
			{"2026-03-06", Move{To: "flying"}, ErrTransition, ""},
		}},
		{"no cancelling after leaving", []step{
			{"2026-03-02", Move{To: Proposed, Number: "1"}, nil, ""},
			{"2026-03-03", Move{To: Approved, Number: "2", Body: "Bộ"}, nil, ""},
			{"2026-05-10", Move{To: Travelling}, nil, ""},
			{"2026-05-11", Move{To: Cancelled, Reason: "ốm"}, ErrTransition, ""},
			{"2026-05-11", Move{To: Reported, Number: "4"}, ErrTransition, ""},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, c := newReg(t, "2026-03-01")
			e, created, err := r.File(ctx, "clerk", moetTrip("Đoàn "+tc.name, "2026-05-10", "2026-05-14"), "")
			if err != nil || !created {
				t.Fatalf("file: %v %v", created, err)
			}
			versions := 1
			for i, s := range tc.steps {
				c.set(s.today)
				before, _ := r.Get(e.ID)
				got, err := r.Move(ctx, e.ID, "clerk", s.move)
				if s.want == nil {
					if err != nil {
						t.Fatalf("step %d (%s): %v", i, s.move.To, err)
					}
					versions++
					if got.Status != s.move.To {
						t.Fatalf("step %d: status %s, want %s", i, got.Status, s.move.To)
					}
					continue
				}
				if !errors.Is(err, s.want) {
					t.Fatalf("step %d (%s): err %v, want %v", i, s.move.To, err, s.want)
				}
				var fe *FieldError
				var te *TransitionError
				switch {
				case errors.As(err, &fe):
					if fe.Trip != e.ID || fe.Field != s.field {
						t.Errorf("step %d: field error %+v, want trip %s field %s", i, fe, e.ID, s.field)
					}
				case errors.As(err, &te):
					if te.Trip != e.ID || te.Why == "" {
						t.Errorf("step %d: transition error %+v", i, te)
					}
				}
				after, _ := r.Get(e.ID)
				if after.Status != before.Status || len(after.History) != len(before.History) {
					t.Errorf("step %d: a refused move changed the trip", i)
				}
			}
			vs, err := r.Versions(ctx, e.ID)
			if err != nil || len(vs) != versions {
				t.Fatalf("versions: %d, %v; want %d", len(vs), err, versions)
			}
			if vs[0].Entry.Status != Planned || vs[0].Author != "clerk" {
				t.Errorf("first version: %+v", vs[0])
			}
		})
	}
}

func TestRebuildFromRecords(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	c := &clock{}
	c.set("2026-03-01")
	r, _ := Open(ctx, Config{Store: st, Now: c.now})
	e, _, err := r.File(ctx, "a", moetTrip("Đoàn A", "2026-05-10", "2026-05-14"), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Move(ctx, e.ID, "b", Move{To: Proposed, Number: "5/VKHGD"}); err != nil {
		t.Fatal(err)
	}
	if _, created, _ := r.File(ctx, "a", moetTrip("Đoàn A", "2026-05-10", "2026-05-14"), ""); created {
		t.Error("filing the same trip again created a second one")
	}
	r2, err := Open(ctx, Config{Store: st, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r2.Get(e.ID)
	if err != nil || got.Status != Proposed || got.Request.Number != "5/VKHGD" || r2.Len() != 1 {
		t.Fatalf("rebuilt: %+v %v", got, err)
	}
	// Someone else's change in between: compare-and-set refuses.
	if _, err := r.Edit(ctx, e.ID, "x", "note", func(e *Entry) error { e.Notes = "một"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := r2.Edit(ctx, e.ID, "y", "note", func(e *Entry) error { e.Notes = "hai"; return nil }); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale edit: %v, want ErrConflict", err)
	}
}

func TestValidate(t *testing.T) {
	ctx := context.Background()
	r, _ := newReg(t, "2026-03-01")
	bad := []struct {
		field string
		edit  func(*Entry)
	}{
		{"trip.return", func(e *Entry) { e.Trip.Return = date("2026-05-01") }},
		{"trip.members[1].name", func(e *Entry) { e.Trip.Members[1].Name = " " }},
		{"trip.name", func(e *Entry) { e.Trip.Name = "" }},
		{"status", func(e *Entry) { e.Status = "flying" }},
		{"trip.departure", func(e *Entry) { e.Trip.Departure = corpus.Date{} }},
	}
	for _, b := range bad {
		e := moetTrip("Đoàn X", "2026-05-10", "2026-05-14")
		b.edit(&e)
		_, _, err := r.File(ctx, "a", e, "")
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != b.field || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v", b.field, err)
		}
	}
	r2, _ := Open(ctx, Config{Store: memstore.New(), Units: []string{"Sở Ngoại vụ"}})
	_, _, err := r2.File(ctx, "a", moetTrip("Đoàn X", "2026-05-10", "2026-05-14"), "")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "unit" {
		t.Errorf("unknown unit: %v", err)
	}
}

func TestCountry(t *testing.T) {
	for _, s := range []string{"Hàn Quốc", "Han Quoc", "Korea", "HÀN QUỐC", "South Korea"} {
		if got := Country(s); got != "Hàn Quốc" {
			t.Errorf("Country(%q) = %q", s, got)
		}
	}
	if got := Country("Atlantis"); got != "Atlantis" {
		t.Errorf("unknown country: %q", got)
	}
}

func TestDocumentLinks(t *testing.T) {
	ctx := context.Background()
	r, _ := newReg(t, "2026-03-01")
	e, _, _ := r.File(ctx, "a", moetTrip("Đoàn A", "2026-05-10", "2026-05-14"), "")
	if _, err := r.Move(ctx, e.ID, "a", Move{To: Proposed, Number: "12/VKHGD-HTQT"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Move(ctx, e.ID, "a", Move{To: Approved, Number: "845/QĐ-BGDĐT", Body: "Bộ Giáo dục và Đào tạo"}); err != nil {
		t.Fatal(err)
	}
	if got := r.ByNumber("845/qd-bgddt"); len(got) != 1 || got[0].ID != e.ID {
		t.Errorf("ByNumber: %v", got)
	}
	if _, err := r.Edit(ctx, e.ID, "a", "thư", func(x *Entry) error { x.Documents = append(x.Documents, "doc-letter"); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, d := range []corpus.Document{{ID: "doc-letter"}, {ID: "x", Number: "Số: 845/QĐ-BGDĐT"}} {
		if got := r.TripsOfDocument(d); len(got) != 1 || got[0].ID != e.ID {
			t.Errorf("TripsOfDocument(%+v): %v", d, got)
		}
	}
	if got := r.TripsOfDocument(corpus.Document{ID: "y", Number: "9/QĐ-BGDĐT"}); len(got) != 0 {
		t.Errorf("unrelated document linked: %v", got)
	}
}
