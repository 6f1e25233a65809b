package register

import (
	"sort"

	"vanthu/check"
	"vanthu/corpus"
)

// PersonCount is how many trips abroad a person makes in a year, counted
// from the register, with what the trip file declares beside it.
type PersonCount struct {
	Name     string   `json:"name"`
	Year     int      `json:"year"`
	Counted  int      `json:"counted"`            // trips in the register that year before this one
	Trips    []string `json:"trips"`              // their ids
	Declared int      `json:"declared,omitempty"` // members[].trips_this_year of the trip file
	// Used is what a check counts: the larger of the two; Source says which
	// ("register", or "declared" when the declared number is larger: the
	// register may lack trips filed elsewhere).
	Used   int    `json:"used"`
	Source string `json:"source"`
}

// TripsOf returns the ids of the trips a person makes in a year (departure
// in the year, not postponed, cancelled or refused), in departure order.
func (r *Register) TripsOf(name string, year int) []string {
	k := corpus.MatchKey(name)
	var out []string
	for _, it := range r.sorted() {
		if it.e.Trip.Departure.Year == year && it.e.Status.went() && contains(it.people, k) {
			out = append(out, it.e.ID)
		}
	}
	return out
}

// Counts returns, for each member of e, the trips of the year that depart
// before e (e itself excluded), and the number a check uses.
func (r *Register) Counts(e Entry) []PersonCount {
	year := e.Trip.Departure.Year
	dep := dayNum(e.Trip.Departure)
	var out []PersonCount
	for _, m := range e.Trip.Members {
		k := corpus.MatchKey(m.Name)
		pc := PersonCount{Name: m.Name, Year: year, Declared: m.TripsThisYear, Trips: []string{}}
		for _, it := range r.sorted() {
			if it.dep >= dep {
				break
			}
			if it.e.ID != e.ID && it.e.Trip.Departure.Year == year && it.e.Status.went() && contains(it.people, k) {
				pc.Trips = append(pc.Trips, it.e.ID)
			}
		}
		pc.Counted = len(pc.Trips)
		pc.Used, pc.Source = pc.Counted, "register"
		if pc.Declared > pc.Counted {
			pc.Used, pc.Source = pc.Declared, "declared"
		}
		out = append(out, pc)
	}
	return out
}

// History returns the year's trips as check's register of past trips
// (check.Options.History), leaving out the trip with id except: the check
// of a new trip counts each member's earlier trips from it.
func (r *Register) History(year int, except string) []corpus.PastTrip {
	out := []corpus.PastTrip{} // a register without trips that year is still a register
	for _, it := range r.sorted() {
		e := &it.e
		if e.Trip.Departure.Year != year || !e.Status.went() || e.ID == except {
			continue
		}
		p := corpus.PastTrip{Name: e.Trip.Name, Countries: it.country, Departure: e.Trip.Departure,
			Return: e.Trip.Return, Report: e.Report.Number}
		for _, m := range e.Trip.Members {
			p.Members = append(p.Members, m.Name)
		}
		out = append(out, p)
	}
	return out
}

// CheckOptions are the options to check a trip with against the register:
// the year's trips as history, the register's rules and holidays, as of a
// day (zero: today).
func (r *Register) CheckOptions(e Entry, asOf corpus.Date) check.Options {
	if asOf.IsZero() {
		asOf = r.Today()
	}
	return check.Options{Rules: r.cfg.Rules, CorpusRules: r.cfg.CorpusRules,
		History: r.History(e.Trip.Departure.Year, e.ID), Today: asOf, ExtraDaysOff: r.cfg.ExtraDaysOff}
}

// Check runs the rules check on a filed trip with the register's history.
func (r *Register) Check(id string, asOf corpus.Date) (check.Report, error) {
	e, err := r.Get(id)
	if err != nil {
		return check.Report{}, err
	}
	t := e.Trip
	if t.Jurisdiction == "" {
		t.Jurisdiction = r.cfg.Jurisdiction
	}
	return check.Run(t, r.CheckOptions(e, asOf)), nil
}

// Units returns the units that own trips, sorted.
func (r *Register) Units() []string {
	seen := map[string]string{}
	for _, it := range r.sorted() {
		if _, ok := seen[it.unitKey]; !ok {
			seen[it.unitKey] = it.e.Unit
		}
	}
	out := make([]string, 0, len(seen))
	for _, u := range seen {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}
