package register

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"vanthu/check"
	"vanthu/corpus"
)

// Config configures a Register.
type Config struct {
	// Store keeps the trip records; required.
	Store corpus.RecordStore
	// Now is the clock; nil means time.Now. Dates are taken in Vietnam.
	Now func() time.Time
	// Rules are check's rule sets to take the dossier and report deadlines
	// from; nil means check.DefaultRules.
	Rules []check.RuleSet
	// CorpusRules are rule sets drawn from ingested documents
	// (check.FromDocuments); for each kind they provide they come first.
	CorpusRules []check.RuleSet
	// DeadlineRules are the register's own rule sets (settlement, annual
	// report); nil means the shipped DefaultDeadlineRules.
	DeadlineRules []check.RuleSet
	// ExtraDaysOff are days off beyond the public holidays (the Prime
	// Minister's yearly notice), for working-day counts.
	ExtraDaysOff []check.DateRange
	// Jurisdiction is assumed for trips that name none (an imported row
	// without "Áp dụng quy định của"): whose rules set their deadlines.
	Jurisdiction string
	// Units, when not empty, are the units that may own trips; any other
	// unit is refused (matched ignoring case and diacritics).
	Units []string
	// DueSoon is how many working days ahead a deadline counts as due soon;
	// 0 means 5.
	DueSoon int
}

// The shipped rule sets, parsed once: the register only reads them.
var (
	shippedCheckRules    = sync.OnceValues(check.DefaultRules)
	shippedDeadlineRules = sync.OnceValues(DefaultDeadlineRules)
)

// DefaultConfig returns a configuration with the shipped rules; the caller
// sets Store.
func DefaultConfig() Config { return Config{} }

// Register is the in-memory view of the trip records, safe for concurrent
// use. Writes go to the store first and then to the view.
type Register struct {
	cfg   Config
	store corpus.RecordStore
	now   func() time.Time
	rules []check.RuleSet // check's and the register's deadline rules
	units map[string]string

	mu    sync.RWMutex
	cal   *check.Calendar // caches per year: guarded by mu
	calMu sync.Mutex
	// wdBase and wdPre count working days fast (workingDays); under calMu.
	wdBase int
	wdPre  []int
	// bounds and selected remember check.Select per jurisdiction and
	// validity period (selectRules); under calMu.
	bounds   []int
	selected map[selectKey][]check.Applied
	keys     map[string]string // MatchKey of names seen (key); under calMu
	items    map[string]*item
	order    []*item // by departure, then id; rebuilt lazily
	dirty    bool
}

// item is an entry with what the filters and statistics need, computed once
// per version. Items are replaced, never changed, so an Entry handed out
// stays as it was.
type item struct {
	e        Entry
	version  int
	dep, ret int // day numbers (0: unknown)
	unitKey  string
	country  []string // canonical country names, each once
	people   []string // person keys (MatchKey of members' names)
	purpose  string   // purpose category
	funding  string   // funding category
	search   string   // MatchKey of name, unit, countries, members, numbers
	nums     []string // corpus.NumberKey of the request's, decision's, report's, settlement's numbers
	deadline [3]rawDeadline
}

// Open reads every trip record of the store and builds the view.
func Open(ctx context.Context, cfg Config) (*Register, error) {
	if cfg.Store == nil {
		return nil, errors.New("register: no record store")
	}
	r := &Register{cfg: cfg, store: cfg.Store, now: cfg.Now, items: map[string]*item{}}
	if r.now == nil {
		r.now = time.Now
	}
	if r.cfg.DueSoon <= 0 {
		r.cfg.DueSoon = 5
	}
	rules := cfg.Rules
	if rules == nil {
		var err error
		if rules, err = shippedCheckRules(); err != nil {
			return nil, fmt.Errorf("register: %w", err)
		}
	}
	own := cfg.DeadlineRules
	if own == nil {
		var err error
		if own, err = shippedDeadlineRules(); err != nil {
			return nil, err
		}
	}
	r.rules = append(append([]check.RuleSet(nil), rules...), own...)
	r.cal = check.NewCalendar(check.CalendarConfig{Extra: cfg.ExtraDaysOff})
	r.RestrictUnits(cfg.Units)
	err := r.store.EachRecord(ctx, RecordKind, func(rec corpus.Record) error {
		it, err := r.decode(rec)
		if err != nil {
			return err
		}
		r.items[it.e.ID] = it
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("register: reading trips: %w", err)
	}
	r.dirty = true
	return r, nil
}

func (r *Register) decode(rec corpus.Record) (*item, error) {
	var e Entry
	if err := json.Unmarshal(rec.Data, &e); err != nil {
		return nil, fmt.Errorf("register: trip record %q version %d: %w", rec.ID, rec.Version, err)
	}
	if e.ID == "" {
		e.ID = rec.ID
	}
	return r.index(e, rec.Version), nil
}

// RestrictUnits sets the units that may own trips from now on (Config.Units);
// none lifts the restriction.
func (r *Register) RestrictUnits(units []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.units = nil
	if len(units) > 0 {
		r.units = map[string]string{}
		for _, u := range units {
			r.units[corpus.MatchKey(u)] = u
		}
	}
}

// Today is the clock's date in Vietnam.
func (r *Register) Today() corpus.Date { return dateOf(r.now()) }

func dateOf(t time.Time) corpus.Date {
	t = t.In(corpus.VietnamZone)
	return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// Len is the number of trips.
func (r *Register) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.items)
}

// Get returns a trip by id. The entry shares memory with the view: treat it
// as read-only (Edit makes changes).
func (r *Register) Get(id string) (Entry, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	it, ok := r.items[id]
	if !ok {
		return Entry{}, fmt.Errorf("%w: %q (không có chuyến đi này trong sổ)", ErrNotFound, id)
	}
	return it.e, nil
}

// Version is one stored version of a trip.
type Version struct {
	Version int       `json:"version"`
	Author  string    `json:"author"`
	Time    time.Time `json:"time"`
	Note    string    `json:"note,omitempty"`
	Entry   Entry     `json:"entry"`
}

// Versions returns every version of a trip, oldest first.
func (r *Register) Versions(ctx context.Context, id string) ([]Version, error) {
	recs, err := r.store.RecordVersions(ctx, RecordKind, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("register: versions of %q: %w", id, err)
	}
	out := make([]Version, 0, len(recs))
	for _, rec := range recs {
		var e Entry
		if err := json.Unmarshal(rec.Data, &e); err != nil {
			return nil, fmt.Errorf("register: trip %q version %d: %w", id, rec.Version, err)
		}
		out = append(out, Version{Version: rec.Version, Author: rec.Author, Time: rec.Time, Note: rec.Note, Entry: e})
	}
	return out, nil
}

// NewID returns the id a trip is filed under: its departure year and a hash
// of its unit, name, departure and head, so that filing or importing the same
// trip again finds it instead of adding a second one.
func NewID(e Entry) string {
	h := sha256.New()
	head := e.Head()
	for _, s := range []string{e.Unit, e.Trip.Name, e.Trip.Departure.String(), head.Name} {
		h.Write([]byte(corpus.MatchKey(s)))
		h.Write([]byte{0})
	}
	y := e.Trip.Departure.Year
	if y == 0 {
		y = e.Trip.Date.Year
	}
	return fmt.Sprintf("%04d-%s", y, hex.EncodeToString(h.Sum(nil))[:10])
}

// DefaultUnit is the unit a trip belongs to when none is given: the head's
// unit, else the issuer under its parent.
func DefaultUnit(t corpus.Trip) string {
	e := Entry{Trip: t}
	if u := strings.TrimSpace(e.Head().Unit); u != "" {
		return u
	}
	return strings.TrimSpace(strings.TrimSpace(t.Issuer) + " " + strings.TrimSpace(t.ParentIssuer))
}

// Validate reports the first thing wrong with an entry, naming its field.
// name says how to call the trip in the message (its id or a row).
func (r *Register) Validate(e *Entry, name string) error {
	if name == "" {
		name = e.ID
	}
	if strings.TrimSpace(e.Trip.Name) == "" {
		return fieldErr(name, "trip.name", "thiếu tên đoàn", "the delegation's name is required")
	}
	if strings.TrimSpace(e.Unit) == "" {
		return fieldErr(name, "unit", "thiếu đơn vị chủ trì", "the owning unit is required")
	}
	r.mu.RLock()
	units := r.units
	r.mu.RUnlock()
	if units != nil {
		u, ok := units[corpus.MatchKey(e.Unit)]
		if !ok {
			return fieldErr(name, "unit", fmt.Sprintf("đơn vị %q không có trong danh sách đơn vị", e.Unit),
				fmt.Sprintf("unknown unit %q", e.Unit))
		}
		e.Unit = u
	}
	if !e.Status.Valid() {
		return fieldErr(name, "status", fmt.Sprintf("trạng thái %q không có (known: %s)", e.Status, statusList()),
			fmt.Sprintf("unknown status %q", e.Status))
	}
	t := &e.Trip
	if t.Departure.IsZero() {
		return fieldErr(name, "trip.departure", "thiếu ngày đi", "the departure date is required")
	}
	if !t.Return.IsZero() && t.Return.Before(t.Departure) {
		return fieldErr(name, "trip.return", fmt.Sprintf("ngày về %s trước ngày đi %s", vnDate(t.Return), vnDate(t.Departure)),
			fmt.Sprintf("the return %s is before the departure %s", t.Return, t.Departure))
	}
	if len(t.Members) == 0 {
		return fieldErr(name, "trip.members", "đoàn không có thành viên nào", "the delegation has no members")
	}
	for i, m := range t.Members {
		if strings.TrimSpace(m.Name) == "" {
			return fieldErr(name, fmt.Sprintf("trip.members[%d].name", i), fmt.Sprintf("thành viên thứ %d không có tên", i+1),
				fmt.Sprintf("member %d has no name", i+1))
		}
	}
	for i, s := range t.Itinerary {
		if strings.TrimSpace(s.Country) == "" {
			return fieldErr(name, fmt.Sprintf("trip.itinerary[%d].country", i), "thiếu tên nước đến", "a country is empty")
		}
	}
	if !e.Report.Date.IsZero() && !t.Return.IsZero() && e.Report.Date.Before(t.Return) {
		return fieldErr(name, "report.date", fmt.Sprintf("báo cáo ngày %s trước ngày về %s", vnDate(e.Report.Date), vnDate(t.Return)),
			fmt.Sprintf("the report of %s is before the return %s", e.Report.Date, t.Return))
	}
	if !e.Decision.Date.IsZero() && !e.Request.Date.IsZero() && e.Decision.Date.Before(e.Request.Date) {
		return fieldErr(name, "decision.date", fmt.Sprintf("quyết định ngày %s trước công văn đề nghị ngày %s", vnDate(e.Decision.Date), vnDate(e.Request.Date)),
			fmt.Sprintf("the decision of %s is before the request of %s", e.Decision.Date, e.Request.Date))
	}
	return nil
}

// File adds a trip to the register. A missing id is made with NewID, a
// missing unit with DefaultUnit, a missing status is planned. When a trip
// with that id is already filed, File returns it unchanged and created is
// false: filing the same trip twice adds nothing.
func (r *Register) File(ctx context.Context, author string, e Entry, note string) (out Entry, created bool, err error) {
	if strings.TrimSpace(e.Unit) == "" {
		e.Unit = DefaultUnit(e.Trip)
	}
	if e.Status == "" {
		e.Status = Planned
	}
	if e.ID == "" {
		e.ID = NewID(e)
	}
	if err := r.Validate(&e, e.ID); err != nil {
		return Entry{}, false, err
	}
	if cur, err := r.Get(e.ID); err == nil {
		return cur, false, nil
	}
	now := r.now()
	if len(e.History) == 0 {
		on := r.Today()
		e.History = []Change{{To: e.Status, On: on, Time: now.UTC(), Author: author, Note: note}}
	}
	syncTripReport(&e)
	if note == "" {
		note = "vào sổ (" + e.Status.Name() + ")"
	}
	if err := r.put(ctx, author, note, e, 0); err != nil {
		if errors.Is(err, corpus.ErrConflict) {
			cur, gerr := r.refresh(ctx, e.ID)
			return cur, false, gerr
		}
		return Entry{}, false, err
	}
	got, _ := r.Get(e.ID)
	return got, true, nil
}

// refresh rereads one trip from the store into the view.
func (r *Register) refresh(ctx context.Context, id string) (Entry, error) {
	rec, err := r.store.GetRecord(ctx, RecordKind, id)
	if err != nil {
		return Entry{}, fmt.Errorf("register: %q: %w", id, err)
	}
	it, err := r.decode(rec)
	if err != nil {
		return Entry{}, err
	}
	r.mu.Lock()
	r.items[id] = it
	r.dirty = true
	r.mu.Unlock()
	return it.e, nil
}

func (r *Register) put(ctx context.Context, author, note string, e Entry, expect int) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("register: %q: %w", e.ID, err)
	}
	rec, _, err := r.store.PutRecord(ctx, corpus.Record{Kind: RecordKind, ID: e.ID, Author: author,
		Time: r.now(), Note: note, Data: data}, expect)
	if err != nil {
		return fmt.Errorf("register: saving trip %q: %w", e.ID, err)
	}
	it := r.index(e, rec.Version)
	r.mu.Lock()
	r.items[e.ID] = it
	r.dirty = true
	r.mu.Unlock()
	return nil
}

// Edit changes a trip: fn gets a private copy to change (not its id), which
// is validated and stored as the next version with the note. A change that
// leaves the trip as it was stores nothing. When someone else changed the
// trip meanwhile, the error is ErrConflict.
func (r *Register) Edit(ctx context.Context, id, author, note string, fn func(*Entry) error) (Entry, error) {
	r.mu.RLock()
	it, ok := r.items[id]
	r.mu.RUnlock()
	if !ok {
		return Entry{}, fmt.Errorf("%w: %q (không có chuyến đi này trong sổ)", ErrNotFound, id)
	}
	e, err := clone(it.e)
	if err != nil {
		return Entry{}, err
	}
	if err := fn(&e); err != nil {
		return Entry{}, err
	}
	e.ID = id
	if err := r.Validate(&e, id); err != nil {
		return Entry{}, err
	}
	if err := r.put(ctx, author, note, e, it.version); err != nil {
		return Entry{}, err
	}
	return r.Get(id)
}

// UpdateTrip replaces the trip file of a filed trip (the clerk corrected
// it, or the drafting page saved it again), keeping what the register holds
// (status, numbers, history). The report date stays the register's.
func (r *Register) UpdateTrip(ctx context.Context, id, author, note string, t corpus.Trip) (Entry, error) {
	if note == "" {
		note = "cập nhật hồ sơ chuyến đi"
	}
	return r.Edit(ctx, id, author, note, func(e *Entry) error {
		e.Trip = t
		syncTripReport(e)
		return nil
	})
}

// Move changes a trip's status (see doc.go for what each move needs).
func (r *Register) Move(ctx context.Context, id, author string, m Move) (Entry, error) {
	today := r.Today()
	note := fmt.Sprintf("%s", m.To.Name())
	return r.Edit(ctx, id, author, note, func(e *Entry) error {
		ch := Change{Time: r.now().UTC(), Author: author, Note: m.Note}
		if err := apply(e, m, today, ch); err != nil {
			return err
		}
		if c := e.History[len(e.History)-1]; c.Note != "" {
			note += ": " + c.Note
		}
		return nil
	})
}

func clone(e Entry) (Entry, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return Entry{}, fmt.Errorf("register: %w", err)
	}
	var c Entry
	if err := json.Unmarshal(b, &c); err != nil {
		return Entry{}, fmt.Errorf("register: %w", err)
	}
	return c, nil
}

// sorted returns the items by departure, then id, rebuilding the order
// under the write lock after a change. The slice is never changed in place.
func (r *Register) sorted() []*item {
	r.mu.RLock()
	if !r.dirty {
		o := r.order
		r.mu.RUnlock()
		return o
	}
	r.mu.RUnlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dirty {
		o := make([]*item, 0, len(r.items))
		for _, it := range r.items {
			o = append(o, it)
		}
		sort.Slice(o, func(i, j int) bool {
			if o[i].dep != o[j].dep {
				return o[i].dep < o[j].dep
			}
			return o[i].e.ID < o[j].e.ID
		})
		r.order, r.dirty = o, false
	}
	return r.order
}

// dayNum is the number of days since 1970-01-01 (0 for the zero date).
func dayNum(d corpus.Date) int {
	if d.IsZero() {
		return 0
	}
	return int(time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func fromDayNum(n int) corpus.Date {
	t := time.Unix(int64(n)*86400, 0).UTC()
	return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// key is corpus.MatchKey, remembered: names of units, people and
// countries repeat across a register, and normalising Vietnamese text is
// most of the cost of indexing. Callers hold calMu.
func (r *Register) key(s string) string {
	if k, ok := r.keys[s]; ok {
		return k
	}
	if r.keys == nil || len(r.keys) > 1<<20 {
		r.keys = map[string]string{}
	}
	k := corpus.MatchKey(s)
	r.keys[s] = k
	return k
}

func (r *Register) index(e Entry, version int) *item {
	r.calMu.Lock()
	defer r.calMu.Unlock()
	it := &item{e: e, version: version, dep: dayNum(e.Trip.Departure), ret: dayNum(e.Trip.Return),
		unitKey: r.key(e.Unit)}
	if it.ret == 0 {
		it.ret = it.dep
	}
	seen := map[string]bool{}
	for _, s := range e.Trip.Itinerary {
		c := Country(s.Country)
		if c != "" && !seen[c] {
			seen[c] = true
			it.country = append(it.country, c)
		}
	}
	parts := []string{r.key(e.ID), r.key(e.Trip.Name), it.unitKey, r.key(e.Request.Number), r.key(e.Decision.Number), r.key(e.Report.Number)}
	for _, m := range e.Trip.Members {
		k := r.key(m.Name)
		if k != "" {
			it.people = append(it.people, k)
			parts = append(parts, k)
		}
	}
	for _, c := range it.country {
		parts = append(parts, r.key(c))
	}
	it.search = " " + strings.Join(parts, " ") + " "
	it.nums = numberKeys(&it.e)
	it.purpose = Purpose(e.Trip.Nature, e.Trip.Purpose)
	it.funding = FundingName(e.Funding, e.Trip.Funding.Source)
	it.deadline = r.computeDeadlines(&it.e)
	return it
}
