package register

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"gopkg.in/yaml.v3"

	"vanthu/check"
	"vanthu/corpus"
)

// Rule kinds the register adds to check's (check.Kinds): deadlines that
// concern the register, not the trip's compliance.
const (
	RuleSettlementDeadline   = "settlement-deadline"    // financial settlement after return
	RuleAnnualReportDeadline = "annual-report-deadline" // the unit's yearly report (Phụ lục III), a yearly date
)

// Deadline kinds, as `vanthu trips due --json` writes them.
const (
	KindDossier    = "dossier"
	KindReport     = "report"
	KindSettlement = "settlement"
)

var kindRule = [3]string{corpus.RuleDossierLeadTime, corpus.RuleReportDeadline, RuleSettlementDeadline}
var kindName = [3]string{KindDossier, KindReport, KindSettlement}

//go:embed rules/*.yaml
var shippedRules embed.FS

// DefaultDeadlineRules returns the register's shipped rule sets
// (rules/*.yaml): the deadlines check has no kind for.
func DefaultDeadlineRules() ([]check.RuleSet, error) {
	names, err := fs.Glob(shippedRules, "rules/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	sort.Strings(names)
	var out []check.RuleSet
	for _, n := range names {
		b, err := shippedRules.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("register: %w", err)
		}
		var rs check.RuleSet
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&rs); err != nil {
			return nil, fmt.Errorf("register: %s: %w", path.Base(n), err)
		}
		for i, ru := range rs.Rules {
			ok := ru.Quote != "" && (ru.Kind == RuleSettlementDeadline && ru.Limit > 0 &&
				(ru.Unit == check.UnitDay || ru.Unit == check.UnitWorkingDay) ||
				ru.Kind == RuleAnnualReportDeadline && len(ru.MonthDay) == 5)
			if !ok {
				return nil, fmt.Errorf("register: %s: rules[%d] (%s): want a quote and a limit in days, or a month_day", path.Base(n), i, ru.Kind)
			}
		}
		rs.Origin = "shipped"
		out = append(out, rs)
	}
	return out, nil
}

// RuleRef cites the rule a deadline comes from.
type RuleRef struct {
	Number string      `json:"number"` // "25/2025/TT-BGDĐT"
	Date   corpus.Date `json:"date"`
	Issuer string      `json:"issuer"`
	Item   string      `json:"item"`  // "Quy chế, Điều 10 khoản 2"
	Quote  string      `json:"quote"` // the sentence, as written
}

// String is "25/2025/TT-BGDĐT, Quy chế, Điều 10 khoản 2".
func (r RuleRef) String() string {
	s := r.Number
	if s == "" {
		s = r.Issuer
	}
	if r.Item != "" {
		s += ", " + r.Item
	}
	return s
}

// rawDeadline is a deadline as the rules fix it, independent of the day it
// is looked at.
type rawDeadline struct {
	ok      bool
	due     int  // day number
	working bool // counted in working days
	rule    RuleRef
	limit   float64
}

// computeDeadlines finds, for each kind, the binding rule giving the
// earliest date. Callers hold calMu.
func (r *Register) computeDeadlines(e *Entry) [3]rawDeadline {
	var out [3]rawDeadline
	t := e.Trip
	if t.Jurisdiction == "" {
		t.Jurisdiction = r.cfg.Jurisdiction
	}
	if t.Departure.IsZero() {
		return out
	}
	head := e.Head()
	for _, a := range r.selectRules(t) {
		k := -1
		for i, kr := range kindRule {
			if a.Rule.Kind == kr {
				k = i
			}
		}
		if k < 0 || a.Rule.Limit <= 0 {
			continue
		}
		if hr := a.Rule.Scope.HeadRanks; len(hr) > 0 && !contains(hr, head.Rank) {
			continue
		}
		working := a.Rule.Unit == check.UnitWorkingDay
		var due corpus.Date
		var err error
		n := int(a.Rule.Limit)
		switch k {
		case 0: // the dossier: at least n days strictly between filing and departure
			if working {
				due, err = r.cal.SubWorkingDays(t.Departure, n)
			} else {
				due = fromDayNum(dayNum(t.Departure) - n - 1)
			}
		default: // after return
			ret := t.Return
			if ret.IsZero() {
				ret = t.Departure
			}
			if working {
				due, err = r.cal.AddWorkingDays(ret, n)
			} else {
				due = fromDayNum(dayNum(ret) + n)
			}
		}
		if err != nil {
			continue // outside the holiday table: no deadline rather than a wrong one
		}
		d := dayNum(due)
		if out[k].ok && out[k].due <= d {
			continue
		}
		src := a.Set.Source
		out[k] = rawDeadline{ok: true, due: d, working: working, limit: a.Rule.Limit,
			rule: RuleRef{Number: src.Number, Date: src.Date, Issuer: src.Issuer, Item: a.Rule.Item, Quote: a.Rule.Quote}}
	}
	return out
}

// selectRules is check.Select for a trip, remembered per jurisdiction and
// validity period: Select depends only on the trip's jurisdiction and on
// which rule sets are in force on its date, and matching jurisdictions
// (normalising Vietnamese text) is most of the cost of indexing a trip.
// Callers hold calMu.
func (r *Register) selectRules(t corpus.Trip) []check.Applied {
	on := t.Date
	if on.IsZero() {
		on = t.Departure
	}
	if r.bounds == nil {
		seen := map[int]bool{}
		for _, sets := range [][]check.RuleSet{r.rules, r.cfg.CorpusRules} {
			for _, rs := range sets {
				if !rs.ValidFrom.IsZero() {
					seen[dayNum(rs.ValidFrom)] = true
				}
				if !rs.ValidTo.IsZero() {
					seen[dayNum(rs.ValidTo)+1] = true
				}
			}
		}
		r.bounds = []int{}
		for d := range seen {
			r.bounds = append(r.bounds, d)
		}
		sort.Ints(r.bounds)
		r.selected = map[selectKey][]check.Applied{}
	}
	n := dayNum(on)
	k := selectKey{jur: t.Jurisdiction, period: sort.SearchInts(r.bounds, n+1), undated: on.IsZero()}
	if a, ok := r.selected[k]; ok {
		return a
	}
	a := check.Select(corpus.Trip{Jurisdiction: t.Jurisdiction, Date: on}, r.rules, r.cfg.CorpusRules)
	r.selected[k] = a
	return a
}

type selectKey struct {
	jur     string
	period  int // how many validity bounds lie on or before the date
	undated bool
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// usesStateBudget: TT 25/2025 Điều 12.4.d asks for a settlement "nếu sử
// dụng ngân sách nhà nước". A unit's own budget is public money in the
// bodies this register serves; the host, a sponsor or a business is not.
func usesStateBudget(e *Entry) bool {
	switch e.Trip.Funding.Source {
	case "state-budget", "unit", "mixed":
		return true
	case "":
		return FundingName(e.Funding, "") == FundingState
	}
	return false
}

// Deadline is one deadline of a trip as of a day. Its JSON is the line of
// `vanthu trips due --json`.
type Deadline struct {
	Trip      string      `json:"trip"` // the trip's id
	Name      string      `json:"name"` // the delegation's name
	Unit      string      `json:"unit"`
	Kind      string      `json:"kind"` // dossier | report | settlement
	Deadline  corpus.Date `json:"deadline"`
	Overdue   bool        `json:"overdue"`
	Days      int         `json:"days"`       // left (or overdue when Overdue), in CountedIn days
	CountedIn string      `json:"counted_in"` // working | calendar
	Rule      DueRule     `json:"rule"`
	// What follows is for Go callers and the web page, not the JSON line.
	Status  Status  `json:"-"`
	DueSoon bool    `json:"-"`
	Label   string  `json:"-"` // "còn 3 ngày làm việc", "quá hạn 5 ngày"
	Ref     RuleRef `json:"-"` // the full citation
	Limit   float64 `json:"-"` // the rule's number of days
}

// DueRule is the citation in a due line: the rule's document number and
// its sentence.
type DueRule struct {
	Number string `json:"number"`
	Quote  string `json:"quote"`
}

// pending reports whether deadline kind k still waits on the trip.
func pending(e *Entry, k int) bool {
	switch k {
	case 0:
		return (e.Status == Planned) && e.Request.Date.IsZero()
	case 1:
		return (e.Status == Approved || e.Status == Travelling || e.Status == Returned) && e.Report.Date.IsZero()
	case 2:
		return (e.Status == Approved || e.Status == Travelling || e.Status == Returned || e.Status == Reported) &&
			e.Settlement.Date.IsZero() && usesStateBudget(e)
	}
	return false
}

// deadline states a raw deadline as of a day.
func (r *Register) deadline(it *item, k int, asOf corpus.Date) Deadline {
	rd := it.deadline[k]
	due := fromDayNum(rd.due)
	d := Deadline{Trip: it.e.ID, Name: it.e.Trip.Name, Unit: it.e.Unit, Kind: kindName[k], Deadline: due,
		CountedIn: "calendar", Rule: DueRule{Number: rd.rule.Number, Quote: rd.rule.Quote},
		Status: it.e.Status, Ref: rd.rule, Limit: rd.limit}
	now := dayNum(asOf)
	unit := "ngày"
	if rd.working {
		d.CountedIn, unit = "working", "ngày làm việc"
	}
	switch {
	case rd.due < now:
		d.Overdue = true
		d.Days = now - rd.due
		if rd.working {
			d.Days = r.workingDays(due, asOf)
		}
		d.Label = fmt.Sprintf("quá hạn %d %s", d.Days, unit)
	default:
		d.Days = rd.due - now
		if rd.working {
			d.Days = r.workingDays(asOf, due)
		}
		if d.Days == 0 {
			d.Label = "hạn chót hôm nay"
		} else {
			d.Label = fmt.Sprintf("còn %d %s", d.Days, unit)
		}
		d.DueSoon = d.Days <= r.cfg.DueSoon
	}
	return d
}

// workingDays counts the working days d with from < d ≤ to, from a table of
// running totals built once (lists and statistics count thousands of
// spans); outside the holiday table's years it counts weekdays.
func (r *Register) workingDays(from, to corpus.Date) int {
	r.calMu.Lock()
	if r.wdBase == 0 {
		r.buildWorkingDays()
	}
	base, pre := r.wdBase, r.wdPre
	r.calMu.Unlock()
	a, b := dayNum(from)+1-base, dayNum(to)+1-base
	if a >= 0 && b >= a && b < len(pre) {
		return pre[b] - pre[a]
	}
	n := 0
	for x := dayNum(from) + 1; x <= dayNum(to); x++ {
		if wd := (x + 4) % 7; wd != 0 && wd != 6 { // 1970-01-01 was a Thursday
			n++
		}
	}
	return n
}

// buildWorkingDays fills wdPre: wdPre[i] is the number of working days in
// [wdBase, wdBase+i). Callers hold calMu.
func (r *Register) buildWorkingDays() {
	first := dayNum(corpus.Date{Year: check.FirstYear, Month: 1, Day: 1})
	last := dayNum(corpus.Date{Year: check.LastYear, Month: 12, Day: 31})
	pre := make([]int, last-first+2)
	for x := first; x <= last; x++ {
		ok, err := r.cal.IsWorkingDay(fromDayNum(x))
		pre[x-first+1] = pre[x-first]
		if err == nil && ok {
			pre[x-first+1]++
		}
	}
	r.wdBase, r.wdPre = first, pre
}

// Deadlines returns every deadline of a trip that the rules fix, pending or
// met, as of a day (zero: today), in date order. Met ones have Overdue false
// and Days 0 and a label saying when they were met.
func (r *Register) Deadlines(id string, asOf corpus.Date) ([]Deadline, error) {
	if asOf.IsZero() {
		asOf = r.Today()
	}
	r.mu.RLock()
	it, ok := r.items[id]
	r.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	var out []Deadline
	for k := range kindRule {
		if !it.deadline[k].ok {
			continue
		}
		d := r.deadline(it, k, asOf)
		if !pending(&it.e, k) {
			d.Overdue, d.DueSoon = false, false
			d.Label = met(&it.e, k, d.Deadline)
			switch {
			case d.Label != "":
				d.Days = 0
			case !it.e.Status.went() || k == 2 && !usesStateBudget(&it.e) || order[it.e.Status] > order[Approved]:
				continue // does not concern the trip (cancelled; no state budget; a step passed unrecorded)
			default:
				d.Label = "dự kiến hạn " + vnDate(d.Deadline) // a later step's deadline
			}
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Deadline.Before(out[j].Deadline) })
	return out, nil
}

// met says how a deadline that no longer waits was met, or "" when it does
// not concern the trip (a cancelled trip's report).
func met(e *Entry, k int, due corpus.Date) string {
	var on corpus.Date
	what := ""
	switch k {
	case 0:
		on, what = e.Request.Date, "đã gửi hồ sơ"
	case 1:
		on, what = e.Report.Date, "đã báo cáo"
	case 2:
		on, what = e.Settlement.Date, "đã quyết toán"
	}
	if on.IsZero() {
		return ""
	}
	if due.Before(on) {
		return fmt.Sprintf("%s ngày %s, quá hạn (hạn %s)", what, vnDate(on), vnDate(due))
	}
	return fmt.Sprintf("%s ngày %s, trong hạn", what, vnDate(on))
}

// DueOptions chooses the deadlines Due lists.
type DueOptions struct {
	AsOf corpus.Date // zero: today
	// Within lists pending deadlines up to this many calendar days ahead
	// besides the overdue ones; 0 means 30, negative means every pending
	// deadline.
	Within int
	Unit   string // only this unit's trips ("" all)
}

// Due lists the pending deadlines of every trip: overdue first (the most
// overdue first), then by date.
func (r *Register) Due(opt DueOptions) []Deadline {
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = r.Today()
	}
	within := opt.Within
	if within == 0 {
		within = 30
	}
	now := dayNum(asOf)
	unit := corpus.MatchKey(opt.Unit)
	var out []Deadline
	for _, it := range r.sorted() {
		if unit != "" && it.unitKey != unit {
			continue
		}
		for k := range kindRule {
			rd := it.deadline[k]
			if !rd.ok || !pending(&it.e, k) || (within >= 0 && rd.due > now+within) {
				continue
			}
			out = append(out, r.deadline(it, k, asOf))
		}
	}
	sortDue(out)
	return out
}

func sortDue(ds []Deadline) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if a.Deadline != b.Deadline {
			return a.Deadline.Before(b.Deadline)
		}
		return a.Trip < b.Trip
	})
}

// NextDeadline returns a trip's earliest pending deadline as of a day, and
// false when nothing waits.
func (r *Register) NextDeadline(id string, asOf corpus.Date) (Deadline, bool) {
	if asOf.IsZero() {
		asOf = r.Today()
	}
	r.mu.RLock()
	it, ok := r.items[id]
	r.mu.RUnlock()
	if !ok {
		return Deadline{}, false
	}
	return r.next(it, asOf)
}

func (r *Register) next(it *item, asOf corpus.Date) (Deadline, bool) {
	best := -1
	for k := range kindRule {
		if it.deadline[k].ok && pending(&it.e, k) && (best < 0 || it.deadline[k].due < it.deadline[best].due) {
			best = k
		}
	}
	if best < 0 {
		return Deadline{}, false
	}
	return r.deadline(it, best, asOf), true
}
