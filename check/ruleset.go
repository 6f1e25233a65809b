package check

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vanthu/corpus"
)

//go:embed rules/*.yaml
var shippedRules embed.FS

// ErrRuleData is matched by every error about rule data (shipped or given).
var ErrRuleData = errors.New("check: bad rule data")

// RuleDataError names the rule file, the line when known, and what is wrong.
type RuleDataError struct {
	File string
	Line int // 1-based; 0 when the error is not about one place
	Msg  string
}

func (e *RuleDataError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("check: %s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("check: %s: %s", e.File, e.Msg)
}
func (e *RuleDataError) Unwrap() error { return ErrRuleData }

// Kinds lists every rule kind Run understands.
func Kinds() []string {
	return []string{
		corpus.RuleMembersPerDelegation, corpus.RuleDaysPerCountry, corpus.RuleCountriesPerTrip,
		corpus.RuleTripsPerYear, corpus.RuleKeyOfficials, corpus.RuleLeadershipShare,
		corpus.RuleReportDeadline, corpus.RuleAnnualPlanDeadline, corpus.RuleDossierLeadTime,
		RuleFunding, RuleProgramme, RuleSocialMedia, RuleRequiredInfo, RuleHostHolidays, RuleBasis,
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
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		return RuleSet{}, &RuleDataError{File: name, Line: line, Msg: msg}
	}
	if at, err := rs.validate(); err != nil {
		var root yaml.Node
		_ = yaml.Unmarshal(b, &root)
		return RuleSet{}, &RuleDataError{File: name, Line: at.line(&root), Msg: err.Error()}
	}
	return rs, nil
}

// Validate checks that every rule can be evaluated and cited.
func (rs RuleSet) Validate() error {
	_, err := rs.validate()
	return err
}

// where says which part of a rule file an error is about, to find its line.
type where struct {
	rule  int    // index in rules, or -1 for the set itself
	field string // key within the rule or the set ("source.issuer")
}

func (rs RuleSet) validate() (where, error) {
	if rs.ID == "" {
		return where{-1, "id"}, errors.New("rule set has no id")
	}
	if rs.Source.Issuer == "" {
		return where{-1, "source.issuer"}, errors.New("source.issuer is empty: every rule must be cited")
	}
	if !rs.National && len(rs.Jurisdiction) == 0 {
		return where{-1, "jurisdiction"}, errors.New("no jurisdiction and not national: the rule set would bind no trip")
	}
	if !rs.ValidFrom.IsZero() && !rs.ValidTo.IsZero() && rs.ValidTo.Before(rs.ValidFrom) {
		return where{-1, "valid_to"}, fmt.Errorf("valid_to %s is before valid_from %s", rs.ValidTo, rs.ValidFrom)
	}
	for i, d := range rs.Deciders {
		if d.Style != "state" && d.Style != "party" {
			return where{-1, "deciders"}, fmt.Errorf("deciders[%d]: style %q: want state or party", i, d.Style)
		}
		if strings.TrimSpace(d.Issuer) == "" || strings.TrimSpace(d.Name) == "" {
			return where{-1, "deciders"}, fmt.Errorf("deciders[%d]: issuer and name are required", i)
		}
	}
	for i, r := range rs.Rules {
		if field, err := r.validate(); err != nil {
			return where{i, field}, fmt.Errorf("rules[%d] (%s): %w", i, r.Kind, err)
		}
	}
	return where{-1, ""}, nil
}

// line finds the line of the part w names in the parsed file; 0 if absent.
func (w where) line(doc *yaml.Node) int {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return 0
	}
	best := n.Line
	if w.rule >= 0 {
		rules := mapValue(n, "rules")
		if rules == nil || rules.Kind != yaml.SequenceNode || w.rule >= len(rules.Content) {
			return best
		}
		n = rules.Content[w.rule]
		best = n.Line
	}
	for _, k := range strings.Split(w.field, ".") {
		if k == "" || n == nil || n.Kind != yaml.MappingNode {
			break
		}
		key := mapKey(n, k)
		if key == nil {
			break
		}
		best = key.Line
		n = mapValue(n, k)
	}
	return best
}

func mapKey(m *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i]
		}
	}
	return nil
}

func mapValue(m *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i+1]
		}
	}
	return nil
}

func (r Rule) validate() (string, error) {
	known := false
	for _, k := range Kinds() {
		known = known || r.Kind == k
	}
	if !known {
		return "kind", fmt.Errorf("unknown kind %q (known: %s)", r.Kind, strings.Join(Kinds(), ", "))
	}
	if strings.TrimSpace(r.Quote) == "" {
		return "quote", errors.New("no quote: every rule cites its sentence")
	}
	switch r.Severity {
	case "", StatusFail, StatusWarn, StatusInfo:
	default:
		return "severity", fmt.Errorf("severity %q: want fail, warn or info", r.Severity)
	}
	switch r.Kind {
	case corpus.RuleMembersPerDelegation, corpus.RuleCountriesPerTrip, corpus.RuleTripsPerYear,
		corpus.RuleKeyOfficials, corpus.RuleLeadershipShare, corpus.RuleDaysPerCountry:
		if r.Limit <= 0 {
			return "limit", fmt.Errorf("limit %v: want a positive number", r.Limit)
		}
	case corpus.RuleReportDeadline, corpus.RuleDossierLeadTime:
		if r.Limit <= 0 {
			return "limit", fmt.Errorf("limit %v: want a positive number of days", r.Limit)
		}
		if r.Unit != UnitDay && r.Unit != UnitWorkingDay {
			return "unit", fmt.Errorf("unit %q: want %s or %s", r.Unit, UnitDay, UnitWorkingDay)
		}
	case corpus.RuleAnnualPlanDeadline:
		if _, _, ok := monthDay(r.MonthDay); !ok {
			return "month_day", fmt.Errorf("month_day %q: want MM-DD", r.MonthDay)
		}
	case RuleFunding:
		if len(r.Forbidden) == 0 {
			return "forbidden", errors.New("funding rule lists no forbidden source")
		}
	}
	if r.ExceptionLimit != 0 && r.ExceptionLimit < r.Limit {
		return "exception_limit", fmt.Errorf("exception_limit %v below limit %v", r.ExceptionLimit, r.Limit)
	}
	switch r.Scope.Members {
	case "", "all", "key-leader", "leadership":
	default:
		return "scope.members", fmt.Errorf("scope.members %q: want all, key-leader or leadership", r.Scope.Members)
	}
	return "", nil
}

// yamlLine finds the first line number in a yaml.v3 error ("line 12: ...").
var yamlLine = regexp.MustCompile(`line (\d+)`)

func monthDay(s string) (m, d int, ok bool) {
	if _, err := fmt.Sscanf(s, "%d-%d", &m, &d); err != nil {
		return 0, 0, false
	}
	_, ok = corpus.NewDate(2024, m, d) // a leap year admits 02-29
	return m, d, ok
}
