package register

import "vanthu/corpus"

// TripRef names a trip in brief.
type TripRef struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Unit      string      `json:"unit"`
	Departure corpus.Date `json:"departure"`
	Return    corpus.Date `json:"return"`
	Countries []string    `json:"countries"`
}

func ref(it *item) TripRef {
	return TripRef{ID: it.e.ID, Name: it.e.Trip.Name, Unit: it.e.Unit, Departure: it.e.Trip.Departure,
		Return: it.e.Trip.Return, Countries: it.country}
}

// Overlap is a pair of trips of different units that go to the same
// country at about the same time: candidates to combine into one
// delegation (UBND TP.HCM 2019 asks units to combine such trips).
type Overlap struct {
	A         TripRef  `json:"a"`
	B         TripRef  `json:"b"`
	Countries []string `json:"countries"` // the countries both visit
	// Gap is 0 when the dates overlap, else the days between one's return
	// and the other's departure.
	Gap int `json:"gap_days"`
}

// OverlapOptions chooses the trips Overlaps compares.
type OverlapOptions struct {
	From, To corpus.Date // departures in this window; zero: open
	Gap      int         // days apart that still count; 0 means 7, negative means overlapping only
}

// Overlaps lists pairs of trips of different units whose countries overlap
// and whose dates overlap or lie within opt.Gap days of each other.
// Postponed, cancelled and refused trips are left out.
func (r *Register) Overlaps(opt OverlapOptions) []Overlap {
	gap := opt.Gap
	if gap == 0 {
		gap = 7
	}
	if gap < 0 {
		gap = 0
	}
	from, to := dayNum(opt.From), dayNum(opt.To)
	var its []*item
	for _, it := range r.sorted() {
		if it.e.Status.went() && len(it.country) > 0 && (from == 0 || it.dep >= from) && (to == 0 || it.dep <= to) {
			its = append(its, it)
		}
	}
	var out []Overlap
	for i, a := range its {
		for _, b := range its[i+1:] {
			if b.dep > a.ret+gap {
				break
			}
			if a.unitKey == b.unitKey {
				continue
			}
			var both []string
			for _, c := range a.country {
				if contains(b.country, c) {
					both = append(both, c)
				}
			}
			if len(both) == 0 {
				continue
			}
			g := 0
			if b.dep > a.ret {
				g = b.dep - a.ret
			}
			out = append(out, Overlap{A: ref(a), B: ref(b), Countries: both, Gap: g})
		}
	}
	return out
}
