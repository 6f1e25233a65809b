package check

import (
	"testing"

	"vanthu/corpus"
)

func d(s string) corpus.Date {
	v, err := corpus.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestLunarTable(t *testing.T) {
	for y := FirstYear; y <= LastYear; y++ {
		tet, ok1 := TetDate(y)
		hung, ok2 := HungKingsDate(y)
		if !ok1 || !ok2 {
			t.Fatalf("%d missing", y)
		}
		// Tết falls between 21 January and 20 February; Giỗ Tổ 10/3 âm lịch
		// 66 to 98 days after it (two lunar months and nine days, three with a
		// leap second month as in 2023).
		if tet.Before(d(itoa(y)+"-01-21")) || d(itoa(y)+"-02-20").Before(tet) {
			t.Errorf("Tết %d on %s", y, tet)
		}
		gap := span(tet, hung) - 1
		if gap < 66 || gap > 98 {
			t.Errorf("%d: Giỗ Tổ %s is %d days after Tết", y, hung, gap)
		}
	}
	if _, ok := TetDate(2036); ok {
		t.Error("2036 should be outside the table")
	}
}

func itoa(y int) string { return corpus.Date{Year: y, Month: 1, Day: 1}.String()[:4] }

func TestHolidays(t *testing.T) {
	c := NewCalendar(CalendarConfig{})
	off := []string{
		"2026-01-01",                                                         // Tết Dương lịch (Thursday)
		"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", // Tết: 29 tháng Chạp to mùng 4
		"2026-04-27",               // nghỉ bù for Giỗ Tổ on Sunday 26/4
		"2026-04-30", "2026-05-01", // Chiến thắng, Quốc tế lao động
		"2026-09-01", "2026-09-02", // Quốc khánh (Wednesday) and the day before
		"2024-02-14", "2024-02-15", // nghỉ bù for Tết 2024 days on Saturday and Sunday
		"2025-09-01", // 2/9/2025 is a Tuesday: Monday 1/9
		"2024-09-03", // 2/9/2024 is a Monday: Tuesday 3/9
	}
	for _, s := range off {
		if ok, err := c.IsWorkingDay(d(s)); ok || err != nil {
			t.Errorf("%s should be a day off (err %v)", s, err)
		}
	}
	work := []string{"2026-01-02", "2026-02-23", "2026-04-28", "2026-05-04", "2026-09-03", "2024-02-16"}
	for _, s := range work {
		if ok, err := c.IsWorkingDay(d(s)); !ok || err != nil {
			t.Errorf("%s should be a working day (err %v)", s, err)
		}
	}
	if _, err := c.IsWorkingDay(d("2040-03-05")); err == nil {
		t.Error("no error outside the table")
	}
}

func TestWorkingDayArithmetic(t *testing.T) {
	c := NewCalendar(CalendarConfig{Extra: []DateRange{{From: d("2026-02-13"), To: d("2026-02-13"), Name: "hoán đổi"}}})
	cases := []struct {
		from, to string
		n        int
	}{
		{"2026-03-02", "2026-03-09", 4}, // Tue..Fri
		{"2026-02-12", "2026-02-24", 1}, // 13/2 off by notice, Tết 16-20, 23/2 only
		{"2026-04-24", "2026-05-05", 3}, // 28, 29/4 and 4/5
		{"2026-05-10", "2026-05-10", 0},
	}
	for _, k := range cases {
		n, err := c.WorkingDaysBetween(d(k.from), d(k.to))
		if err != nil || n != k.n {
			t.Errorf("%s..%s: %d (%v), want %d", k.from, k.to, n, err, k.n)
		}
	}
	due, _ := c.AddWorkingDays(d("2026-02-12"), 2)
	if due != d("2026-02-24") {
		t.Errorf("AddWorkingDays = %s", due)
	}
	last, _ := c.SubWorkingDays(d("2026-05-10"), 20)
	if n, _ := c.WorkingDaysBetween(last, d("2026-05-10")); n != 20 {
		t.Errorf("SubWorkingDays %s leaves %d", last, n)
	}
	if n, _ := c.WorkingDaysBetween(add(last, 1), d("2026-05-10")); n >= 20 {
		t.Errorf("SubWorkingDays %s is not the latest", last)
	}
}
