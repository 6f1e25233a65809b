package register

import (
	"sort"
	"strings"

	"vanthu/corpus"
)

// Filter chooses trips for List. Zero fields do not filter.
type Filter struct {
	Year     int         // departure year
	From, To corpus.Date // departure between, inclusive
	Unit     string      // the owning unit (case and diacritics ignored)
	Status   []Status    // any of these
	Country  string      // any spelling the country table knows
	Person   string      // a member's name
	Text     string      // words found in the id, name, unit, members, countries or numbers
	InPlan   *bool
	// Overdue keeps only trips with an overdue deadline.
	Overdue bool
	AsOf    corpus.Date // the day deadlines are stated for; zero: today
	// Sort is "due" (default: overdue first, then due soon, then by the
	// next deadline, then by departure) or "departure" (newest first).
	Sort          string
	Offset, Limit int // a page of the result; Limit 0: all
}

// ListItem is one line of the register: the trip in brief and its next
// deadline. Its JSON is a line of `vanthu trips list --json`.
type ListItem struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Unit      string      `json:"unit"`
	Status    Status      `json:"status"`
	Head      string      `json:"head"`
	Members   int         `json:"members"`
	Countries []string    `json:"countries"` // canonical names
	Departure corpus.Date `json:"departure"`
	Return    corpus.Date `json:"return"`
	InPlan    bool        `json:"in_plan"`
	Next      *Next       `json:"next,omitempty"` // nil when nothing waits
}

// Next is a trip's next deadline in a list.
type Next struct {
	Kind      string      `json:"kind"`
	Deadline  corpus.Date `json:"deadline"`
	Overdue   bool        `json:"overdue"`
	DueSoon   bool        `json:"due_soon"`
	Days      int         `json:"days"`
	CountedIn string      `json:"counted_in"`
	Label     string      `json:"label"`
	Rule      string      `json:"rule"` // "25/2025/TT-BGDĐT, Quy chế, Điều 10 khoản 2"
}

func (f Filter) match(it *item, unit, country, person, text string, statuses map[Status]bool) bool {
	e := &it.e
	if f.Year != 0 && e.Trip.Departure.Year != f.Year {
		return false
	}
	if !f.From.IsZero() && it.dep < dayNum(f.From) || !f.To.IsZero() && it.dep > dayNum(f.To) {
		return false
	}
	if unit != "" && it.unitKey != unit {
		return false
	}
	if statuses != nil && !statuses[e.Status] {
		return false
	}
	if f.InPlan != nil && e.InPlan != *f.InPlan {
		return false
	}
	if country != "" && !contains(it.country, country) {
		return false
	}
	if person != "" && !contains(it.people, person) {
		return false
	}
	if text != "" {
		for _, w := range strings.Fields(text) {
			if !strings.Contains(it.search, w) {
				return false
			}
		}
	}
	return true
}

// List returns the trips that match, sorted and paged, and how many matched
// in all.
func (r *Register) List(f Filter) ([]ListItem, int) {
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = r.Today()
	}
	unit := corpus.MatchKey(f.Unit)
	country := ""
	if f.Country != "" {
		country = Country(f.Country)
	}
	person := corpus.MatchKey(f.Person)
	text := corpus.MatchKey(f.Text)
	var statuses map[Status]bool
	if len(f.Status) > 0 {
		statuses = map[Status]bool{}
		for _, s := range f.Status {
			statuses[s] = true
		}
	}
	type hit struct {
		it   *item
		next Deadline
		has  bool
	}
	var hits []hit
	for _, it := range r.sorted() {
		if !f.match(it, unit, country, person, text, statuses) {
			continue
		}
		h := hit{it: it}
		h.next, h.has = r.next(it, asOf)
		if f.Overdue && !(h.has && h.next.Overdue) {
			continue
		}
		hits = append(hits, h)
	}
	if f.Sort == "departure" {
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].it.dep > hits[j].it.dep })
	} else {
		rank := func(h hit) int {
			switch {
			case !h.has:
				return 3
			case h.next.Overdue:
				return 0
			case h.next.DueSoon:
				return 1
			}
			return 2
		}
		sort.SliceStable(hits, func(i, j int) bool {
			a, b := hits[i], hits[j]
			if ra, rb := rank(a), rank(b); ra != rb {
				return ra < rb
			}
			if a.has && b.has && a.next.Deadline != b.next.Deadline {
				return a.next.Deadline.Before(b.next.Deadline)
			}
			return false // keep departure order
		})
	}
	total := len(hits)
	if f.Offset > 0 {
		if f.Offset >= len(hits) {
			hits = nil
		} else {
			hits = hits[f.Offset:]
		}
	}
	if f.Limit > 0 && len(hits) > f.Limit {
		hits = hits[:f.Limit]
	}
	out := make([]ListItem, 0, len(hits))
	for _, h := range hits {
		e := &h.it.e
		li := ListItem{ID: e.ID, Name: e.Trip.Name, Unit: e.Unit, Status: e.Status, Head: e.Head().Name,
			Members: len(e.Trip.Members), Countries: h.it.country, Departure: e.Trip.Departure,
			Return: e.Trip.Return, InPlan: e.InPlan}
		if h.has {
			n := h.next
			li.Next = &Next{Kind: n.Kind, Deadline: n.Deadline, Overdue: n.Overdue, DueSoon: n.DueSoon,
				Days: n.Days, CountedIn: n.CountedIn, Label: n.Label, Rule: n.Ref.String()}
		}
		out = append(out, li)
	}
	return out, total
}
