package check

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"vanthu/corpus"
)

//go:embed rules/*.yaml
var shippedRules embed.FS

// ErrRuleData is matched by every error about rule data (shipped or given).
var ErrRuleData = errors.New("check: bad rule data")

// RuleDataError names the rule file and what is wrong in it.
type RuleDataError struct {
	File string
	Msg  string
}

func (e *RuleDataError) Error() string { return fmt.Sprintf("check: %s: %s", e.File, e.Msg) }
func (e *RuleDataError) Unwrap() error { return ErrRuleData }

// Kinds lists every rule kind Run understands.
func Kinds() []string {
	return []string{
		corpus.RuleMembersPerDelegation, corpus.RuleDaysPerCountry, corpus.RuleCountriesPerTrip,
		corpus.RuleTripsPerYear, corpus.RuleKeyOfficials, corpus.RuleLeadershipShare,
		corpus.RuleReportDeadline, corpus.RuleAnnualPlanDeadline, corpus.RuleDossierLeadTime,
		RuleFunding, RuleProgramme, RuleSocialMedia, RuleRequiredInfo, RuleHostHolidays,
	}
}

// DefaultRules returns the shipped rule sets (check/rules/*.yaml), parsed
// afresh on every call so callers may modify what they get.
func DefaultRules() ([]RuleSet, error) {
	return LoadRules(shippedRules, "rules")
}

// LoadRules reads every *.yaml file under dir of fsys as a RuleSet, in name
// order. An office may keep its own rule files and pass them to Run.
func LoadRules(fsys fs.FS, dir string) ([]RuleSet, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("check: %s: %w", dir, err)
	}
	sort.Strings(names)
	var out []RuleSet
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("check: %w", err)
		}
		rs, err := ParseRuleSet(b, n)
		if err != nil {
			return nil, err
		}
		rs.Origin = "shipped"
		out = append(out, rs)
	}
	return out, nil
}

// ParseRuleSet decodes one rule file (YAML, strict) and checks it.
func ParseRuleSet(b []byte, name string) (rs RuleSet, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &RuleDataError{File: name, Msg: fmt.Sprintf("decoder panic: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&rs); err != nil {
		if errors.Is(err, io.EOF) {
			return RuleSet{}, &RuleDataError{File: name, Msg: "empty file"}
		}
		return RuleSet{}, &RuleDataError{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if err := rs.Validate(); err != nil {
		return RuleSet{}, &RuleDataError{File: name, Msg: err.Error()}
	}
	return rs, nil
}

// Validate checks that every rule can be evaluated and cited.
func (rs RuleSet) Validate() error {
	if rs.ID == "" {
		return errors.New("rule set has no id")
	}
	if rs.Source.Issuer == "" {
		return errors.New("source.issuer is empty: every rule must be cited")
	}
	if !rs.National && len(rs.Jurisdiction) == 0 {
		return errors.New("no jurisdiction and not national: the rule set would bind no trip")
	}
	for i, r := range rs.Rules {
		if err := r.validate(); err != nil {
			return fmt.Errorf("rules[%d] (%s): %w", i, r.Kind, err)
		}
	}
	return nil
}

func (r Rule) validate() error {
	known := false
	for _, k := range Kinds() {
		known = known || r.Kind == k
	}
	if !known {
		return fmt.Errorf("unknown kind %q (known: %s)", r.Kind, strings.Join(Kinds(), ", "))
	}
	if strings.TrimSpace(r.Quote) == "" {
		return errors.New("no quote: every rule cites its sentence")
	}
	switch r.Severity {
	case "", StatusFail, StatusWarn, StatusInfo:
	default:
		return fmt.Errorf("severity %q: want fail, warn or info", r.Severity)
	}
	switch r.Kind {
	case corpus.RuleMembersPerDelegation, corpus.RuleCountriesPerTrip, corpus.RuleTripsPerYear,
		corpus.RuleKeyOfficials, corpus.RuleLeadershipShare, corpus.RuleDaysPerCountry:
		if r.Limit <= 0 {
			return fmt.Errorf("limit %v: want a positive number", r.Limit)
		}
	case corpus.RuleReportDeadline, corpus.RuleDossierLeadTime:
		if r.Limit <= 0 {
			return fmt.Errorf("limit %v: want a positive number of days", r.Limit)
		}
		if r.Unit != UnitDay && r.Unit != UnitWorkingDay {
			return fmt.Errorf("unit %q: want %s or %s", r.Unit, UnitDay, UnitWorkingDay)
		}
	case corpus.RuleAnnualPlanDeadline:
		if _, _, ok := monthDay(r.MonthDay); !ok {
			return fmt.Errorf("month_day %q: want MM-DD", r.MonthDay)
		}
	case RuleFunding:
		if len(r.Forbidden) == 0 {
			return errors.New("funding rule lists no forbidden source")
		}
	}
	if r.ExceptionLimit != 0 && r.ExceptionLimit < r.Limit {
		return fmt.Errorf("exception_limit %v below limit %v", r.ExceptionLimit, r.Limit)
	}
	switch r.Scope.Members {
	case "", "all", "key-leader", "leadership":
	default:
		return fmt.Errorf("scope.members %q: want all, key-leader or leadership", r.Scope.Members)
	}
	return nil
}

func monthDay(s string) (m, d int, ok bool) {
	if _, err := fmt.Sscanf(s, "%d-%d", &m, &d); err != nil {
		return 0, 0, false
	}
	_, ok = corpus.NewDate(2024, m, d) // a leap year admits 02-29
	return m, d, ok
}
