package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"vanthu/audit"
	"vanthu/corpus"
)

// Kind is the record kind of saved searches.
const Kind = "watch"

// MaxMatches is how many matches a saved search keeps (the newest).
const MaxMatches = 200

// Errors of the package.
var (
	ErrInvalid  = errors.New("watch: invalid saved search")
	ErrNotFound = errors.New("watch: no such saved search")
)

// Filters narrow a saved search as the search page's filters do.
type Filters struct {
	Type   string      `json:"type,omitempty"`
	Issuer string      `json:"issuer,omitempty"`
	Kind   string      `json:"kind,omitempty"`
	Source string      `json:"source,omitempty"`
	From   corpus.Date `json:"from,omitzero"`
	To     corpus.Date `json:"to,omitzero"`
}

// Search is a saved search with what it has collected. Its JSON is the
// record's data.
type Search struct {
	ID      string  `json:"id"` // owner + ":" + a slug of the name
	Owner   string  `json:"owner"`
	Name    string  `json:"name"`
	Query   string  `json:"query"`
	Filters Filters `json:"filters"`
	// Collected is the last ingest (audit sequence number) looked at;
	// Seen the last one whose matches the owner has seen.
	Collected int64   `json:"collected"`
	Seen      int64   `json:"seen"`
	Matches   []Match `json:"matches,omitempty"`
	Deleted   bool    `json:"deleted,omitempty"`
}

// Match is a document a saved search found among new ones.
type Match struct {
	Seq    int64     `json:"seq"` // the ingest's audit sequence number
	Time   time.Time `json:"time"`
	ID     string    `json:"id"`
	Number string    `json:"number,omitempty"`
	Title  string    `json:"title,omitempty"`
	Date   string    `json:"date,omitempty"`
	Why    string    `json:"why"` // why it fired, in words
}

// Unseen returns the matches after Seen.
func (s Search) Unseen() []Match {
	var out []Match
	for _, m := range s.Matches {
		if m.Seq > s.Seen {
			out = append(out, m)
		}
	}
	return out
}

// Doc is what a Matcher says of a document it found.
type Doc struct {
	ID, Number, Title, Date string
}

// Matcher says which of the documents ids the saved search s finds (the
// search index answers in cmd).
type Matcher interface {
	Match(ctx context.Context, s Search, ids []string) ([]Doc, error)
}

// MatcherFunc adapts a function to Matcher.
type MatcherFunc func(ctx context.Context, s Search, ids []string) ([]Doc, error)

// Match calls f.
func (f MatcherFunc) Match(ctx context.Context, s Search, ids []string) ([]Doc, error) {
	return f(ctx, s, ids)
}

// Config configures a Store.
type Config struct {
	Records corpus.RecordStore // required
	Log     *audit.Log         // the ingest sequence; required
	Match   Matcher            // required for Collect and Check
	Now     func() time.Time   // records' times; nil: time.Now
}

// Store keeps saved searches.
type Store struct {
	cfg Config
}

// New returns a Store.
func New(cfg Config) (*Store, error) {
	if cfg.Records == nil || cfg.Log == nil {
		return nil, errors.New("watch: needs a record store and the audit log")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Store{cfg: cfg}, nil
}

// ID returns the record id of an owner's saved search of that name.
func ID(owner, name string) string {
	return strings.ToLower(strings.TrimSpace(owner)) + ":" + slug(name)
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range corpus.FoldLower(s) {
		if r < 0x80 && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// Add saves a search for owner. Only documents ingested from now on are
// collected for it.
func (s *Store) Add(ctx context.Context, owner, name, query string, f Filters) (Search, error) {
	name, query = strings.TrimSpace(name), strings.TrimSpace(query)
	if slug(name) == "" {
		return Search{}, fmt.Errorf("%w: tên %q cần ít nhất một chữ hoặc số", ErrInvalid, name)
	}
	if query == "" && f == (Filters{}) {
		return Search{}, fmt.Errorf("%w: %q không có câu tìm kiếm hay bộ lọc nào", ErrInvalid, name)
	}
	if len(query) > 2000 {
		return Search{}, fmt.Errorf("%w: câu tìm kiếm quá dài", ErrInvalid)
	}
	last, err := s.cfg.Log.Last()
	if err != nil {
		return Search{}, err
	}
	w := Search{ID: ID(owner, name), Owner: owner, Name: name, Query: query, Filters: f, Collected: last, Seen: last}
	v := 0
	if old, ov, err := s.get(ctx, w.ID); err == nil {
		if !old.Deleted {
			return Search{}, fmt.Errorf("%w: đã có tìm kiếm %q", ErrInvalid, name)
		}
		v = ov
	}
	return w, s.put(ctx, owner, "lưu tìm kiếm", w, v)
}

// Remove deletes an owner's saved search (a new version marking it so).
func (s *Store) Remove(ctx context.Context, owner, name string) error {
	w, v, err := s.get(ctx, ID(owner, name))
	if err != nil || w.Deleted {
		return fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	w.Deleted, w.Matches = true, nil
	return s.put(ctx, owner, "xoá tìm kiếm", w, v)
}

func (s *Store) get(ctx context.Context, id string) (Search, int, error) {
	r, err := s.cfg.Records.GetRecord(ctx, Kind, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return Search{}, 0, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if err != nil {
		return Search{}, 0, fmt.Errorf("watch: %w", err)
	}
	var w Search
	if err := json.Unmarshal(r.Data, &w); err != nil {
		return Search{}, 0, fmt.Errorf("watch: %s: %w", id, err)
	}
	return w, r.Version, nil
}

func (s *Store) put(ctx context.Context, author, note string, w Search, expect int) error {
	b, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	_, _, err = s.cfg.Records.PutRecord(ctx, corpus.Record{Kind: Kind, ID: w.ID, Author: author, Time: s.cfg.Now(), Note: note, Data: b}, expect)
	if err != nil {
		return fmt.Errorf("watch: %s: %w", w.ID, err)
	}
	return nil
}

// List returns the saved searches of owner ("" for everyone's), by name.
func (s *Store) List(ctx context.Context, owner string) ([]Search, error) {
	var out []Search
	err := s.cfg.Records.EachRecord(ctx, Kind, func(r corpus.Record) error {
		var w Search
		if err := json.Unmarshal(r.Data, &w); err != nil {
			return fmt.Errorf("watch: %s: %w", r.ID, err)
		}
		if !w.Deleted && (owner == "" || strings.EqualFold(w.Owner, owner)) {
			out = append(out, w)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Owner != out[j].Owner {
			return out[i].Owner < out[j].Owner
		}
		return out[i].Name < out[j].Name
	})
	return out, err
}

// Collect matches the documents ingested since each of owner's saved
// searches last looked ("" for everyone's) and returns the searches as
// stored after.
func (s *Store) Collect(ctx context.Context, owner string) ([]Search, error) {
	if s.cfg.Match == nil {
		return nil, errors.New("watch: no matcher")
	}
	ws, err := s.List(ctx, owner)
	if err != nil {
		return nil, err
	}
	last, err := s.cfg.Log.Last()
	if err != nil {
		return nil, err
	}
	for i := range ws {
		if ws[i].Collected >= last {
			continue
		}
		w, err := s.collect(ctx, ws[i].ID, last)
		if err != nil {
			return nil, err
		}
		ws[i] = w
	}
	return ws, nil
}

// collect brings one saved search up to the ingest sequence number last.
func (s *Store) collect(ctx context.Context, id string, last int64) (Search, error) {
	w, v, err := s.get(ctx, id)
	if err != nil {
		return w, err
	}
	es, err := s.cfg.Log.List(audit.Filter{Action: audit.ActionDocument, After: w.Collected})
	if err != nil {
		return w, err
	}
	// The newest entry of each document counts: one match per ingest
	// batch, even when several versions came in it.
	seq := map[string]audit.Entry{}
	var ids []string
	for _, e := range es {
		if e.Seq > last {
			break
		}
		if _, ok := seq[e.ID]; !ok {
			ids = append(ids, e.ID)
		}
		seq[e.ID] = e
	}
	if len(ids) == 0 {
		// Nothing stored since: no new version of the search (its own
		// record writes would otherwise feed the log it reads, forever).
		return w, nil
	}
	{
		docs, err := s.cfg.Match.Match(ctx, w, ids)
		if err != nil {
			return w, fmt.Errorf("watch: %s: %w", w.Name, err)
		}
		sort.Slice(docs, func(i, j int) bool { return seq[docs[i].ID].Seq < seq[docs[j].ID].Seq })
		for _, d := range docs {
			e, ok := seq[d.ID]
			if !ok {
				continue
			}
			why := "văn bản mới khớp tìm kiếm “" + w.Name + "”"
			if e.Status == string(corpus.PutNewVersion) {
				why = "phiên bản mới của văn bản khớp tìm kiếm “" + w.Name + "”"
			}
			if w.Query != "" {
				why += " (" + w.Query + ")"
			}
			w.Matches = append(w.Matches, Match{Seq: e.Seq, Time: e.Time, ID: d.ID, Number: d.Number, Title: d.Title, Date: d.Date, Why: why})
		}
		if n := len(w.Matches); n > MaxMatches {
			w.Matches = append([]Match(nil), w.Matches[n-MaxMatches:]...)
		}
	}
	w.Collected = last
	if err := s.put(ctx, w.Owner, "", w, v); err != nil {
		return w, err
	}
	return w, nil
}

// Result is a saved search with its matches not seen before.
type Result struct {
	Search  Search  `json:"search"`
	Matches []Match `json:"matches"`
}

// Unseen collects and returns owner's matches not yet seen, without
// marking them seen.
func (s *Store) Unseen(ctx context.Context, owner string) ([]Result, error) {
	ws, err := s.Collect(ctx, owner)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(ws))
	for _, w := range ws {
		out = append(out, Result{Search: w, Matches: w.Unseen()})
	}
	return out, nil
}

// MarkSeen marks everything collected for owner's searches as seen, up to
// the ingest sequence number upTo (what the caller showed).
func (s *Store) MarkSeen(ctx context.Context, owner string, upTo int64) error {
	ws, err := s.List(ctx, owner)
	if err != nil {
		return err
	}
	for _, w := range ws {
		for try := 0; try < 3; try++ {
			cur, v, err := s.get(ctx, w.ID)
			if err != nil {
				return err
			}
			to := min(upTo, cur.Collected)
			if cur.Seen >= to {
				break
			}
			cur.Seen = to
			err = s.put(ctx, owner, "đã xem", cur, v)
			if !errors.Is(err, corpus.ErrConflict) {
				if err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// Check collects, returns the matches not seen before, and marks them
// seen: run twice, the second lists nothing new.
func (s *Store) Check(ctx context.Context, owner string) ([]Result, error) {
	rs, err := s.Unseen(ctx, owner)
	if err != nil {
		return nil, err
	}
	var upTo int64
	for _, r := range rs {
		upTo = max(upTo, r.Search.Collected)
	}
	return rs, s.MarkSeen(ctx, owner, upTo)
}
