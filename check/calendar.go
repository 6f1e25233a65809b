package check

import (
	"fmt"
	"time"

	"vanthu/corpus"
)

// HolidaySource is the legal basis of the public holidays working days skip.
const HolidaySource = "Bộ luật Lao động số 45/2019/QH14, Điều 112 khoản 1 (ngày nghỉ lễ, tết) và Điều 111 khoản 3 (nghỉ bù)"

// Lunar dates in the solar calendar, 2015-2035: the first day of Tết Nguyên
// đán (1/1 âm lịch) and Giỗ Tổ Hùng Vương (10/3 âm lịch). Vietnam's lunar
// calendar is reckoned at UTC+7, so it differs from China's in some years
// (2030: 2 February here, 3 February there). The table was computed once,
// offline, with Hồ Ngọc Đức's astronomical algorithm for the Vietnamese
// calendar and agrees with the Tết dates of the Government's yearly holiday
// notices; we ship the table rather than compute lunar calendars at run time.
var lunarTable = map[int][2]string{
	2015: {"2015-02-19", "2015-04-28"}, 2016: {"2016-02-08", "2016-04-16"},
	2017: {"2017-01-28", "2017-04-06"}, 2018: {"2018-02-16", "2018-04-25"},
	2019: {"2019-02-05", "2019-04-14"}, 2020: {"2020-01-25", "2020-04-02"},
	2021: {"2021-02-12", "2021-04-21"}, 2022: {"2022-02-01", "2022-04-10"},
	2023: {"2023-01-22", "2023-04-29"}, 2024: {"2024-02-10", "2024-04-18"},
	2025: {"2025-01-29", "2025-04-07"}, 2026: {"2026-02-17", "2026-04-26"},
	2027: {"2027-02-06", "2027-04-16"}, 2028: {"2028-01-26", "2028-04-04"},
	2029: {"2029-02-13", "2029-04-23"}, 2030: {"2030-02-02", "2030-04-12"},
	2031: {"2031-01-23", "2031-04-01"}, 2032: {"2032-02-11", "2032-04-19"},
	2033: {"2033-01-31", "2033-04-09"}, 2034: {"2034-02-19", "2034-04-28"},
	2035: {"2035-02-08", "2035-04-17"},
}

// FirstYear and LastYear bound the years whose holidays are known.
const (
	FirstYear = 2015
	LastYear  = 2035
)

// ErrNoCalendar is returned when working days are asked for outside
// FirstYear..LastYear, where the lunar holidays are not in the table.
var ErrNoCalendar = fmt.Errorf("check: no holiday table for the year (known %d-%d)", FirstYear, LastYear)

// TetDate returns the first day of Tết Nguyên đán of year y.
func TetDate(y int) (corpus.Date, bool) { return lunar(y, 0) }

// HungKingsDate returns Giỗ Tổ Hùng Vương (10/3 âm lịch) of year y.
func HungKingsDate(y int) (corpus.Date, bool) { return lunar(y, 1) }

func lunar(y, i int) (corpus.Date, bool) {
	e, ok := lunarTable[y]
	if !ok {
		return corpus.Date{}, false
	}
	d, err := corpus.ParseDate(e[i])
	return d, err == nil
}

// DateRange is an inclusive range of dates with a name and its source.
type DateRange struct {
	From   corpus.Date `json:"from" yaml:"from"`
	To     corpus.Date `json:"to" yaml:"to"`
	Name   string      `json:"name" yaml:"name"`
	Source string      `json:"source,omitempty" yaml:"source,omitempty"`
}

// Contains reports whether d lies in the range.
func (r DateRange) Contains(d corpus.Date) bool { return !d.Before(r.From) && !r.To.Before(d) }

// Calendar tells working days from days off: Monday to Friday are working
// days unless they are a public holiday of Bộ luật Lao động 2019, Điều 112, or
// a compensating day (nghỉ bù, Điều 111 khoản 3) for a holiday on a weekend.
//
// Điều 112 khoản 3 leaves the exact five days of Tết and the day beside 2/9 to
// the Prime Minister each year. Without his notice we take Tết as the last day
// of the lunar year and the first four of the new one, and the day beside 2/9
// as the one that joins it to a weekend (1/9 unless 2/9 is a Monday or a
// Thursday, then 3/9). Extra days off the Prime Minister grants (hoán đổi
// ngày làm việc) go in Config.Extra. A count may therefore be a day off in
// years where the notice chose otherwise.
type Calendar struct {
	extra []DateRange
	years map[int]map[corpus.Date]string // holiday → name, built per year on demand
}

// CalendarConfig configures a Calendar.
type CalendarConfig struct {
	Extra []DateRange // further days off (the Prime Minister's yearly notice)
}

// NewCalendar returns a calendar for FirstYear..LastYear.
func NewCalendar(cfg CalendarConfig) *Calendar {
	return &Calendar{extra: cfg.Extra, years: map[int]map[corpus.Date]string{}}
}

func add(d corpus.Date, n int) corpus.Date {
	t := time.Date(d.Year, time.Month(d.Month), d.Day+n, 0, 0, 0, 0, time.UTC)
	return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func weekday(d corpus.Date) time.Weekday {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Weekday()
}

func weekend(d corpus.Date) bool {
	w := weekday(d)
	return w == time.Saturday || w == time.Sunday
}

// holidays returns the public holidays of year y with their names, nghỉ bù
// included.
func (c *Calendar) holidays(y int) (map[corpus.Date]string, error) {
	if h, ok := c.years[y]; ok {
		return h, nil
	}
	tet, ok1 := TetDate(y)
	hung, ok2 := HungKingsDate(y)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%w: %d", ErrNoCalendar, y)
	}
	var days []corpus.Date
	names := map[corpus.Date]string{}
	put := func(d corpus.Date, name string) {
		if _, dup := names[d]; !dup {
			days = append(days, d)
		}
		names[d] = name
	}
	put(corpus.Date{Year: y, Month: 1, Day: 1}, "Tết Dương lịch")
	for i := -1; i <= 3; i++ {
		put(add(tet, i), "Tết Nguyên đán")
	}
	put(hung, "Giỗ Tổ Hùng Vương")
	put(corpus.Date{Year: y, Month: 4, Day: 30}, "Ngày Chiến thắng")
	put(corpus.Date{Year: y, Month: 5, Day: 1}, "Ngày Quốc tế lao động")
	qk := corpus.Date{Year: y, Month: 9, Day: 2}
	put(qk, "Quốc khánh")
	if w := weekday(qk); w == time.Monday || w == time.Thursday {
		put(add(qk, 1), "Quốc khánh")
	} else {
		put(add(qk, -1), "Quốc khánh")
	}
	// Nghỉ bù: a holiday on a weekend gives the next working day off
	// (Điều 111 khoản 3). Holidays are taken in date order so that a run of
	// holidays (Tết) pushes its compensating days past its own end.
	sortDates(days)
	for _, d := range days {
		if !weekend(d) {
			continue
		}
		n := add(d, 1)
		for weekend(n) || names[n] != "" {
			n = add(n, 1)
		}
		names[n] = "nghỉ bù " + names[d]
	}
	for _, r := range c.extra {
		for d := r.From; !r.To.Before(d); d = add(d, 1) {
			if d.Year == y {
				names[d] = r.Name
			}
		}
	}
	c.years[y] = names
	return names, nil
}

func sortDates(ds []corpus.Date) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Before(ds[j-1]); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// Holiday returns the name of the public holiday on d, or "".
func (c *Calendar) Holiday(d corpus.Date) (string, error) {
	h, err := c.holidays(d.Year)
	if err != nil {
		return "", err
	}
	return h[d], nil
}

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d corpus.Date) (bool, error) {
	if weekend(d) {
		return false, nil
	}
	name, err := c.Holiday(d)
	return name == "", err
}

// WorkingDaysBetween counts the working days strictly after from and strictly
// before to: the days a dossier spends in the office before the departure.
func (c *Calendar) WorkingDaysBetween(from, to corpus.Date) (int, error) {
	n := 0
	for d := add(from, 1); d.Before(to); d = add(d, 1) {
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// AddWorkingDays returns the n-th working day after d (n ≥ 0; n = 0 gives d).
func (c *Calendar) AddWorkingDays(d corpus.Date, n int) (corpus.Date, error) {
	for n > 0 {
		d = add(d, 1)
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return corpus.Date{}, err
		}
		if ok {
			n--
		}
	}
	return d, nil
}

// SubWorkingDays returns the latest date from which n working days still lie
// strictly between it and d: the last day a dossier may be filed.
func (c *Calendar) SubWorkingDays(d corpus.Date, n int) (corpus.Date, error) {
	for n > 0 {
		d = add(d, -1)
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return corpus.Date{}, err
		}
		if ok {
			n--
		}
	}
	return add(d, -1), nil
}
