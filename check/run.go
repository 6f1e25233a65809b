package check

import (
	"fmt"
	"strings"
	"time"

	"vanthu/corpus"
)

// Options configures Run. The zero Options checks against the shipped rules.
type Options struct {
	// Rules replaces the rule sets (the shipped DefaultRules, or the
	// Checker's) when non-nil. Either way only the sets binding the trip
	// apply (jurisdiction, validity).
	Rules []RuleSet
	// CorpusRules are rule sets drawn from ingested documents (FromDocuments).
	// For each rule kind they provide, they take precedence over Rules.
	CorpusRules []RuleSet
	// History is the year's register of past trips, to count each member's
	// trips in the year; without it members[].trips_this_year is used.
	History []corpus.PastTrip
	// Today decides whether a missing report is overdue; zero means the
	// current date in Vietnam.
	Today corpus.Date
	// HostHolidays replaces the shipped table of the host countries' holidays
	// and elections (HostHolidays) when non-nil, keyed by country name.
	HostHolidays map[string][]DateRange
	// ExtraDaysOff are days off beyond the public holidays of Bộ luật Lao
	// động 2019 (the Prime Minister's yearly notice), for working-day counts.
	ExtraDaysOff []DateRange
}

// Config configures a Checker: what stays the same across trips.
type Config struct {
	// Rules are the rule sets to choose from; nil means DefaultRules.
	Rules []RuleSet
	// HostHolidays replaces the shipped table of the host countries'
	// holidays and elections when non-nil, keyed by country name.
	HostHolidays map[string][]DateRange
	// ExtraDaysOff are days off beyond the public holidays of Bộ luật Lao
	// động 2019 (the Prime Minister's yearly notice), for working-day counts.
	ExtraDaysOff []DateRange
}

// DefaultConfig checks against the shipped rules and holiday tables.
func DefaultConfig() Config { return Config{} }

// Checker checks trips against rule sets parsed once. It is safe for
// concurrent use.
type Checker struct {
	cfg   Config
	hosts hostFile
	names countries
}

// New parses the shipped data the config does not replace.
func New(cfg Config) (*Checker, error) {
	c := &Checker{cfg: cfg}
	if cfg.Rules == nil {
		rules, err := DefaultRules()
		if err != nil {
			return nil, err
		}
		c.cfg.Rules = rules
	}
	for _, rs := range c.cfg.Rules {
		if err := rs.Validate(); err != nil {
			return nil, &RuleDataError{File: rs.ID, Msg: err.Error()}
		}
	}
	hf, names, err := loadHosts()
	if err != nil {
		return nil, err
	}
	c.hosts, c.names = hf, names
	return c, nil
}

// Run checks one trip with the shipped data, or what opts replaces (see
// Checker.Check). It never fails: rule data that cannot be loaded becomes a
// "warn" finding, so a clerk always gets a report.
func Run(t corpus.Trip, opts Options) Report {
	c, err := New(Config{Rules: opts.Rules, HostHolidays: opts.HostHolidays, ExtraDaysOff: opts.ExtraDaysOff})
	if err != nil {
		rep := Report{Trip: t.Name, Jurisdiction: t.Jurisdiction, Today: opts.Today, Status: StatusWarn, Sources: []string{},
			Findings: []Finding{{RuleKind: "rules", Status: StatusWarn,
				Message: "Không đọc được bộ quy định: " + err.Error(), MessageEN: err.Error()}}}
		return rep
	}
	return c.Check(t, opts)
}

// Check checks a trip against the rules that bind it. opts.Rules,
// opts.HostHolidays and opts.ExtraDaysOff, when set, replace the Checker's.
// The trip should have been validated first (trip.Validate); a trip lacking
// what a rule needs gets a "warn" finding for that rule.
func (c *Checker) Check(t corpus.Trip, opts Options) (rep Report) {
	today := opts.Today
	if today.IsZero() {
		n := time.Now().In(corpus.VietnamZone)
		today = corpus.Date{Year: n.Year(), Month: int(n.Month()), Day: n.Day()}
	}
	rep = Report{Trip: t.Name, Jurisdiction: t.Jurisdiction, Today: today, Sources: []string{}, Findings: []Finding{}}
	defer func() {
		if r := recover(); r != nil {
			rep.Findings = append(rep.Findings, Finding{RuleKind: "internal", Status: StatusWarn,
				Message:   fmt.Sprintf("Lỗi nội bộ khi kiểm tra: %v", r),
				MessageEN: fmt.Sprintf("internal error while checking: %v", r)})
		}
		rep.Status = worst(rep.Findings)
		if !rep.OwnRules && rank[rep.Status] < rank[StatusWarn] {
			rep.Status = StatusWarn
		}
	}()
	sets := c.cfg.Rules
	if opts.Rules != nil {
		sets = opts.Rules
	}
	applied := Select(t, sets, opts.CorpusRules)
	for _, a := range applied {
		rep.OwnRules = rep.OwnRules || !a.Set.National
	}
	if !rep.OwnRules {
		rep.Notice = NoOwnRulesNotice(t.Jurisdiction)
	}
	if len(applied) == 0 {
		rep.Findings = append(rep.Findings, Finding{RuleKind: "rules", Status: StatusWarn,
			Message:   fmt.Sprintf("Không có quy định nào áp dụng cho phạm vi %q: kiểm tra trường jurisdiction", t.Jurisdiction),
			MessageEN: fmt.Sprintf("no rule set binds jurisdiction %q: check the jurisdiction field", t.Jurisdiction)})
		return rep
	}
	hosts := opts.HostHolidays
	if hosts == nil {
		hosts = c.cfg.HostHolidays
	}
	if hosts == nil {
		years := []int{t.Departure.Year}
		if t.Return.Year != t.Departure.Year {
			years = append(years, t.Return.Year)
		}
		hosts, _ = c.hosts.expand(years)
	}
	extra := opts.ExtraDaysOff
	if extra == nil {
		extra = c.cfg.ExtraDaysOff
	}
	e := &evaluator{t: t, opts: opts, today: today, cal: NewCalendar(CalendarConfig{Extra: extra}),
		hosts: hosts, names: c.names}
	seen := map[string]bool{}
	for _, a := range applied {
		if src := label(a.Set.Source); !seen[src] {
			seen[src] = true
			rep.Sources = append(rep.Sources, src)
		}
	}
	for _, a := range groupByRule(applied) {
		rep.Findings = append(rep.Findings, e.eval(a.set, a.rules)...)
	}
	return rep
}

// NoOwnRulesNotice is the first line of a check of a trip whose
// jurisdiction has no rule set of its own.
func NoOwnRulesNotice(jurisdiction string) string {
	j := strings.TrimSpace(jurisdiction)
	if j == "" {
		j = "đơn vị (chưa ghi phạm vi áp dụng)"
	}
	return "Chưa có quy định riêng của " + j + ": chỉ kiểm tra theo quy định chung"
}

func label(d DocRef) string {
	s := d.Number
	if s == "" {
		s = d.Issuer
	}
	if !d.Date.IsZero() {
		s += " (" + vnDate(d.Date) + ")"
	}
	return s
}

var rank = map[string]int{StatusPass: 0, StatusInfo: 1, StatusWarn: 2, StatusNeedsApproval: 3, StatusFail: 4}

func worst(fs []Finding) string {
	w := StatusPass
	for _, f := range fs {
		if rank[f.Status] > rank[w] {
			w = f.Status
		}
	}
	return w
}

// Applied is one rule chosen for a trip, with its set.
type Applied struct {
	Set  RuleSet
	Rule Rule
}

// Select returns the rules that bind t, in order: the sets whose
// jurisdiction matches (national sets always) and that are in force on the
// trip's date; for each rule kind, corpus rules (from FromDocuments) replace
// the given or shipped rules of that kind. See doc.go.
func Select(t corpus.Trip, sets, corpusSets []RuleSet) []Applied {
	var fromCorpus, base []Applied
	for _, rs := range corpusSets {
		if binds(rs, t) {
			for _, r := range rs.Rules {
				fromCorpus = append(fromCorpus, Applied{rs, r})
			}
		}
	}
	covered := map[string]bool{}
	for _, a := range fromCorpus {
		covered[a.Rule.Kind] = true
	}
	for _, rs := range sets {
		if binds(rs, t) {
			for _, r := range rs.Rules {
				if !covered[r.Kind] {
					base = append(base, Applied{rs, r})
				}
			}
		}
	}
	return append(base, fromCorpus...)
}

// binds reports whether a rule set applies to the trip.
func binds(rs RuleSet, t corpus.Trip) bool {
	on := t.Date
	if on.IsZero() {
		on = t.Departure
	}
	if !on.IsZero() {
		if !rs.ValidFrom.IsZero() && on.Before(rs.ValidFrom) {
			return false
		}
		if !rs.ValidTo.IsZero() && rs.ValidTo.Before(on) {
			return false
		}
	}
	if rs.National {
		return true
	}
	return JurisdictionMatch(t.Jurisdiction, rs.Jurisdiction)
}

// JurisdictionMatch reports whether the trip's jurisdiction names one of the
// places or bodies, as whole words, ignoring accents, case and punctuation
// ("UBND thành phố Hà Nội" matches "Hà Nội"; "Bộ GD&ĐT" matches "Bộ GD&ĐT").
func JurisdictionMatch(jurisdiction string, names []string) bool {
	j := " " + corpus.MatchKey(jurisdiction) + " "
	for _, n := range names {
		k := corpus.MatchKey(n)
		if k != "" && strings.Contains(j, " "+k+" ") {
			return true
		}
	}
	return false
}

type ruleGroup struct {
	set   RuleSet
	rules []Rule
}

// groupByRule keeps each rule apart, except rules of one kind from one set
// that differ only by the head's rank (Đà Nẵng's 10/7/5): those are one group,
// so exactly one of them speaks for the trip.
func groupByRule(as []Applied) []ruleGroup {
	var out []ruleGroup
	idx := map[string]int{}
	for _, a := range as {
		if len(a.Rule.Scope.HeadRanks) > 0 {
			k := a.Set.ID + "\x00" + a.Rule.Kind
			if i, ok := idx[k]; ok {
				out[i].rules = append(out[i].rules, a.Rule)
				continue
			}
			idx[k] = len(out)
		}
		out = append(out, ruleGroup{set: a.Set, rules: []Rule{a.Rule}})
	}
	return out
}
