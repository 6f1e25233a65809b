package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"

	"vanthu/corpus"
)

// RecordKind is the kind of the records that hold an office's rule sets in
// a corpus.RecordStore (the data directory). Each record keeps the YAML text
// as the user wrote it, comments included, so that `vanthu rules show` gives
// back their file; every change is a new version saying who made it.
const RecordKind = "ruleset"

// OriginUser marks rule sets an office added or edited (`vanthu rules add`).
const OriginUser = "user"

// storedRuleSet is the data of a ruleset record.
type storedRuleSet struct {
	Name string `json:"name"` // the file it came from
	YAML string `json:"yaml"`
}

// PutRuleSet parses and validates a rule file and stores it as the next
// version of the record named by its id. A shipped set of the same id is
// replaced by it from then on (Merge). It reports whether a new version was
// written (the same text again writes none).
func PutRuleSet(ctx context.Context, st corpus.RecordStore, src []byte, name, author string, now time.Time) (RuleSet, corpus.Record, bool, error) {
	rs, err := ParseRuleSet(src, name)
	if err != nil {
		return RuleSet{}, corpus.Record{}, false, err
	}
	data, err := json.Marshal(storedRuleSet{Name: path.Base(name), YAML: string(src)})
	if err != nil {
		return RuleSet{}, corpus.Record{}, false, fmt.Errorf("check: %w", err)
	}
	rec, wrote, err := st.PutRecord(ctx, corpus.Record{Kind: RecordKind, ID: rs.ID, Author: author, Time: now,
		Note: "rules add " + path.Base(name), Data: data}, -1)
	if err != nil {
		return RuleSet{}, corpus.Record{}, false, fmt.Errorf("check: store rule set %s: %w", rs.ID, err)
	}
	rs.Origin = OriginUser
	return rs, rec, wrote, nil
}

// StoredRuleSet returns the YAML text of a stored rule set and its record.
func StoredRuleSet(ctx context.Context, st corpus.RecordStore, id string) ([]byte, corpus.Record, error) {
	rec, err := st.GetRecord(ctx, RecordKind, id)
	if err != nil {
		return nil, rec, err
	}
	var d storedRuleSet
	if err := json.Unmarshal(rec.Data, &d); err != nil {
		return nil, rec, &RuleDataError{File: id, Msg: "stored record is not a rule set: " + err.Error()}
	}
	return []byte(d.YAML), rec, nil
}

// StoredRules parses every stored rule set. A record that no longer parses
// (stored by another version) is reported in errs and left out; the others
// still apply.
func StoredRules(ctx context.Context, st corpus.RecordStore) (sets []RuleSet, errs []error, err error) {
	err = st.EachRecord(ctx, RecordKind, func(rec corpus.Record) error {
		var d storedRuleSet
		if err := json.Unmarshal(rec.Data, &d); err != nil {
			errs = append(errs, &RuleDataError{File: rec.ID, Msg: err.Error()})
			return nil
		}
		rs, err := ParseRuleSet([]byte(d.YAML), rec.ID)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		rs.Origin = OriginUser
		sets = append(sets, rs)
		return nil
	})
	if errors.Is(err, corpus.ErrNotFound) {
		err = nil
	}
	return sets, errs, err
}

// Merge returns base with the user's sets added; a user set replaces the
// base set of the same id (an office corrects or supersedes a shipped set).
func Merge(base, user []RuleSet) []RuleSet {
	byID := map[string]int{}
	out := make([]RuleSet, 0, len(base)+len(user))
	for _, rs := range base {
		byID[rs.ID] = len(out)
		out = append(out, rs)
	}
	for _, rs := range user {
		if i, ok := byID[rs.ID]; ok {
			out[i] = rs
			continue
		}
		byID[rs.ID] = len(out)
		out = append(out, rs)
	}
	return out
}

// ShippedYAML returns the text of a shipped rule file by its set's id.
func ShippedYAML(id string) ([]byte, bool) {
	names, _ := fs.Glob(shippedRules, "rules/*.yaml")
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(shippedRules, n)
		if err != nil {
			continue
		}
		if rs, err := ParseRuleSet(b, n); err == nil && rs.ID == id {
			return b, true
		}
	}
	return nil, false
}
