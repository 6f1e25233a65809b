package crawl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"vanthu/corpus"
)

// DefaultSilentAfter is how long a source may bring nothing new before it
// is listed as silent, when its SilentAfter is not set.
const DefaultSilentAfter = 30 * 24 * time.Hour

// StatusKind is the record kind of sources' statuses.
const StatusKind = "source"

// parseDays reads a period: a Go duration or a number of days ("30d").
func parseDays(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil || d <= 0 {
			return 0, errors.New("bad number of days")
		}
		return time.Duration(d) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, errors.New("bad duration")
	}
	return d, nil
}

// Problem says why a run shows the source failing, or "": it could not be
// reached (no request answered, or every one failed), or its pages no
// longer match their rules (the report's warnings: no document page found,
// no rule matching any link, a selector that stopped matching).
func (r Report) Problem() string {
	switch {
	case r.Stopped == "cancelled":
		return ""
	case r.Fetched == 0 && len(r.Failures) > 0:
		return "không truy cập được (unreachable): " + r.Failures[0].Reason
	case r.Fetched > 0 && r.Failed == r.Fetched:
		reason := ""
		if len(r.Failures) > 0 {
			reason = ": " + r.Failures[0].Reason
		}
		return fmt.Sprintf("không truy cập được (unreachable): cả %d yêu cầu đều lỗi%s", r.Fetched, reason)
	case len(r.Warnings) > 0:
		return "trang không còn khớp quy tắc của nguồn (pages no longer match the source's rules): " + strings.Join(r.Warnings, "; ")
	}
	return ""
}

// Status is what vanthu remembers of a source between runs: a record of
// kind "source" in the corpus's RecordStore. Its JSON field names are a
// contract (`vanthu sources status --json`).
type Status struct {
	Name        string        `json:"name"`
	SilentAfter time.Duration `json:"-"`
	SilentDays  float64       `json:"silent_after_days"`
	FirstRun    time.Time     `json:"first_run"`
	LastRun     time.Time     `json:"last_run"`
	LastSuccess time.Time     `json:"last_success,omitzero"` // last run that reached the source and matched its rules
	LastNew     time.Time     `json:"last_new,omitzero"`     // last run that brought a new or changed document
	Newest      corpus.Date   `json:"newest_document,omitzero"`
	Documents   int           `json:"documents"` // new or changed documents brought, all runs
	Problem     string        `json:"problem,omitempty"`
	// State is "ok", "failed" or "silent", as of the time Assess was given.
	State string `json:"state"`
	Why   string `json:"why,omitempty"`
}

// Assess sets State and Why as of now: failed when the last run had a
// problem, silent when nothing new came for longer than SilentAfter (from
// the last new document, or from the first run when none ever came).
func (s *Status) Assess(now time.Time) {
	period := s.SilentAfter
	if period <= 0 {
		period = DefaultSilentAfter
	}
	s.SilentDays = period.Hours() / 24
	since := s.LastNew
	if since.IsZero() {
		since = s.FirstRun
	}
	switch {
	case s.Problem != "":
		s.State, s.Why = "failed", s.Problem
	case !since.IsZero() && now.Sub(since) > period:
		s.State = "silent"
		s.Why = fmt.Sprintf("không có văn bản mới từ %s (%d ngày, quá hạn %d ngày)", since.In(corpus.VietnamZone).Format("02/01/2006"),
			int(now.Sub(since).Hours()/24), int(period.Hours()/24))
	default:
		s.State, s.Why = "ok", ""
	}
}

// RecordRun updates the source's status after a run: newest is the newest
// date of the documents the run brought (zero when none or unknown).
func RecordRun(ctx context.Context, rs corpus.RecordStore, src Source, rep Report, newest corpus.Date, now time.Time) (Status, error) {
	var prev storedStatus
	v := 0
	if rec, err := rs.GetRecord(ctx, StatusKind, src.Name); err == nil {
		if err := json.Unmarshal(rec.Data, &prev); err != nil {
			return prev.Status, fmt.Errorf("crawl: status of %s: %w", src.Name, err)
		}
		v = rec.Version
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return prev.Status, fmt.Errorf("crawl: status of %s: %w", src.Name, err)
	}
	st := prev.Status
	st.Name = src.Name
	if st.FirstRun.IsZero() {
		st.FirstRun = now
	}
	st.LastRun = now
	st.Problem = rep.Problem()
	if st.Problem == "" && rep.Stopped != "cancelled" {
		st.LastSuccess = now
	}
	// A resumed run's counters include the parts recorded before (a run
	// stopped by --max-pages, or on another machine): only what this part
	// brought is new.
	brought := rep.Documents
	if rep.Resumed && !rep.StartedAt.IsZero() && rep.StartedAt.Equal(prev.RunStarted) {
		brought -= prev.RunDocuments
	}
	if brought > 0 {
		st.LastNew = now
		st.Documents += brought
	}
	if newest.String() > st.Newest.String() {
		st.Newest = newest
	}
	st.SilentAfter = src.SilentAfter
	st.Assess(now)
	b, err := json.Marshal(storedStatus{Status: st, SilentAfterNS: int64(src.SilentAfter), RunStarted: rep.StartedAt, RunDocuments: rep.Documents})
	if err != nil {
		return st, err
	}
	_, _, err = rs.PutRecord(ctx, corpus.Record{Kind: StatusKind, ID: src.Name, Time: now, Note: st.State, Data: b}, v)
	if err != nil {
		return st, fmt.Errorf("crawl: status of %s: %w", src.Name, err)
	}
	return st, nil
}

// storedStatus keeps the period beside the status (Status's JSON shows it
// in days).
type storedStatus struct {
	Status
	SilentAfterNS int64 `json:"silent_after_ns,omitempty"`
	// The run last recorded, by its start, and the documents it had
	// brought then: the next part of the same run adds only the rest.
	RunStarted   time.Time `json:"run_started,omitzero"`
	RunDocuments int       `json:"run_documents,omitempty"`
}

// Statuses returns every source's status assessed as of now, by name.
func Statuses(ctx context.Context, rs corpus.RecordStore, now time.Time) ([]Status, error) {
	var out []Status
	err := rs.EachRecord(ctx, StatusKind, func(r corpus.Record) error {
		var st storedStatus
		if err := json.Unmarshal(r.Data, &st); err != nil {
			return fmt.Errorf("crawl: status of %s: %w", r.ID, err)
		}
		st.Status.SilentAfter = time.Duration(st.SilentAfterNS)
		st.Status.Assess(now)
		out = append(out, st.Status)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}
