package register

import "vanthu/corpus"

// Count is a number of delegations (số đoàn) and of person-trips (số lượt
// người: one member on one trip).
type Count struct {
	Delegations int `json:"delegations"`
	PersonTrips int `json:"person_trips"`
}

// ReportCounts says how the delegations reported, as of a day.
type ReportCounts struct {
	OnTime  int `json:"on_time"`
	Late    int `json:"late"`
	Missing int `json:"missing"` // the deadline passed and no report
	NotDue  int `json:"not_due"` // no report yet, the deadline not passed (or no rule sets one)
}

// Stats are the figures of a window. Its JSON is the output of `vanthu
// trips stats --json`.
type Stats struct {
	Delegations int              `json:"delegations"`
	PersonTrips int              `json:"person_trips"`
	ByCountry   map[string]Count `json:"by_country"` // a trip to two countries counts in both
	ByPurpose   map[string]Count `json:"by_purpose"`
	ByFunding   map[string]Count `json:"by_funding"`
	InPlan      int              `json:"in_plan"`
	NotInPlan   int              `json:"not_in_plan"`
	Reports     ReportCounts     `json:"reports"`
}

// StatsOptions chooses the window of Stats.
type StatsOptions struct {
	From, To corpus.Date // a trip counts in the window its departure falls in (inclusive); zero: open
	AsOf     corpus.Date // the day report status is stated for; zero: today
	Unit     string      // one unit's trips ("" all)
}

// Window returns the window of a year by the rule set's reporting period:
// the calendar year unless a period is given as the month and day it starts
// ("12-15": 15/12 of the year before to 14/12, as the national reporting
// rules count).
func Window(year int, start string) (from, to corpus.Date) {
	m, d := 1, 1
	if len(start) == 5 && start[2] == '-' {
		m = int(start[0]-'0')*10 + int(start[1]-'0')
		d = int(start[3]-'0')*10 + int(start[4]-'0')
	}
	if m == 1 && d == 1 {
		return corpus.Date{Year: year, Month: 1, Day: 1}, corpus.Date{Year: year, Month: 12, Day: 31}
	}
	from = corpus.Date{Year: year - 1, Month: m, Day: d}
	to = fromDayNum(dayNum(corpus.Date{Year: year, Month: m, Day: d}) - 1)
	return from, to
}

// Stats counts the delegations whose departure falls in the window.
// Postponed, cancelled and refused trips are not counted.
func (r *Register) Stats(opt StatsOptions) Stats {
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = r.Today()
	}
	now := dayNum(asOf)
	from, to := dayNum(opt.From), dayNum(opt.To)
	unit := corpus.MatchKey(opt.Unit)
	s := Stats{ByCountry: map[string]Count{}, ByPurpose: map[string]Count{}, ByFunding: map[string]Count{}}
	add := func(m map[string]Count, k string, n int) {
		c := m[k]
		c.Delegations++
		c.PersonTrips += n
		m[k] = c
	}
	for _, it := range r.sorted() {
		if from != 0 && it.dep < from || to != 0 && it.dep > to {
			continue
		}
		e := &it.e
		if !e.Status.went() || unit != "" && it.unitKey != unit {
			continue
		}
		n := len(e.Trip.Members)
		s.Delegations++
		s.PersonTrips += n
		for _, c := range it.country {
			add(s.ByCountry, c, n)
		}
		if len(it.country) == 0 {
			add(s.ByCountry, "Chưa rõ", n)
		}
		add(s.ByPurpose, it.purpose, n)
		add(s.ByFunding, it.funding, n)
		if e.InPlan {
			s.InPlan++
		} else {
			s.NotInPlan++
		}
		rd := it.deadline[1]
		switch rep := dayNum(e.Report.Date); {
		case rep != 0 && (!rd.ok || rep <= rd.due):
			s.Reports.OnTime++
		case rep != 0:
			s.Reports.Late++
		case rd.ok && rd.due < now:
			s.Reports.Missing++
		default:
			s.Reports.NotDue++
		}
	}
	return s
}
