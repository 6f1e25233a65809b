package audit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// File names in the data directory.
const (
	FileName = "audit.jsonl"
	HeadName = "audit.head"
)

// Actions written by this package's Store and by the web desk.
const (
	ActionDocument    = "document.put"   // a document stored, or a new version of it
	ActionRecord      = "record.put"     // a record's new version (trip, correction, rule set, user...)
	ActionPurge       = "document.purge" // a document filed by mistake deleted
	ActionLogin       = "login"          // a user logged in
	ActionLoginFailed = "login.failed"   // a wrong name or password
	ActionLogout      = "logout"         //
	ActionToken       = "token"          // an API or feed token issued
	ActionSeen        = "watch.seen"     // saved searches marked seen
	ActionOther       = "other"          // anything else a caller records
)

// Errors of the log. A broken chain is a *ChainError wrapping ErrTampered.
var (
	ErrTampered = errors.New("audit: the log was altered")
	ErrClosed   = errors.New("audit: log closed")
)

// Entry is one line of the log. Its JSON field names are a contract
// (`vanthu audit list --json`).
type Entry struct {
	Seq     int64     `json:"seq"`
	Time    time.Time `json:"time"`
	Actor   string    `json:"actor"`          // the user's login, "cli:NAME", or "" for the system
	Action  string    `json:"action"`         // one of the Action constants
	Kind    string    `json:"kind,omitempty"` // "document" or the record's kind ("trip", "correction", ...)
	ID      string    `json:"id,omitempty"`   // the document's or record's id
	Version int       `json:"version,omitempty"`
	Status  string    `json:"status,omitempty"` // a document's put status ("stored", "new-version")
	Before  string    `json:"before,omitempty"` // SHA-256 of what was there before ("" when new)
	After   string    `json:"after,omitempty"`  // SHA-256 of what is there now
	Note    string    `json:"note,omitempty"`
	Prev    string    `json:"prev"` // Hash of the entry before ("" for the first)
	Hash    string    `json:"hash"`
}

// hash is the SHA-256 of the entry's JSON with Hash empty.
func (e Entry) hash() string {
	e.Hash = ""
	b, _ := json.Marshal(e)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

type actorKey struct{}

// WithActor returns a context whose writes are logged as made by actor.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor set by WithActor, or "".
func ActorFrom(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}

// Config configures a Log.
type Config struct {
	// Dir is the data directory holding the log; required.
	Dir string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Log is the append-only audit log, safe for concurrent use (and, on Unix,
// by several processes: appends hold an exclusive lock on the file).
type Log struct {
	path, head string
	now        func() time.Time
	mu         sync.Mutex
	f          *os.File
	qmu        sync.Mutex   // guards queue
	queue      []*appendReq // entries waiting for Append to write them
	hist       *history     // built by History; under mu
}

// Open opens (creating when absent) the log in cfg.Dir.
func Open(cfg Config) (*Log, error) {
	if cfg.Dir == "" {
		return nil, errors.New("audit: no directory")
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	p := filepath.Join(cfg.Dir, FileName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	l := &Log{path: p, head: filepath.Join(cfg.Dir, HeadName), now: cfg.Now, f: f}
	if l.now == nil {
		l.now = time.Now
	}
	return l, nil
}

// Path is the log file's path.
func (l *Log) Path() string { return l.path }

// Close closes the log; a nil Log is closed already.
func (l *Log) Close() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// Append writes e as the next entry (filling in Seq, Time when zero, Prev
// and Hash), fsyncs the file and returns the entry as written.
//
// Concurrent Appends share the work: each queues its entry, and whichever
// holds the log next writes every entry queued, in queue order, with one
// write, one fsync and one head file for all of them. An Append returns
// only once its own entry is durable, as when each had its own fsync; an
// ingest storing hundreds of documents at once then pays a handful of
// fsyncs for its log instead of one per document.
func (l *Log) Append(ctx context.Context, e Entry) (Entry, error) {
	if e.Actor == "" {
		e.Actor = ActorFrom(ctx)
	}
	r := &appendReq{e: e, done: make(chan struct{})}
	l.qmu.Lock()
	l.queue = append(l.queue, r)
	l.qmu.Unlock()
	l.mu.Lock()
	select {
	case <-r.done: // written by the Append that held the log before
	default:
		// Let the other writers made ready with this one (a commit group
		// of the store releases hundreds at once) queue their entries, so
		// that they share this write and fsync instead of waiting for it.
		runtime.Gosched()
		l.qmu.Lock()
		batch := l.queue
		l.queue = nil
		l.qmu.Unlock()
		l.appendBatch(batch)
	}
	l.mu.Unlock()
	<-r.done
	return r.out, r.err
}

// appendReq is an entry waiting in Append's queue.
type appendReq struct {
	e    Entry
	out  Entry
	err  error
	done chan struct{}
}

// appendBatch writes the entries of batch (l.mu held) and answers each.
func (l *Log) appendBatch(batch []*appendReq) {
	outs, err := l.writeEntries(batch)
	for i, r := range batch {
		if err != nil {
			r.out, r.err = r.e, err
		} else {
			r.out = outs[i]
		}
		close(r.done)
	}
}

func (l *Log) writeEntries(batch []*appendReq) ([]Entry, error) {
	if l.f == nil {
		return nil, ErrClosed
	}
	if err := lockFile(l.f); err != nil {
		return nil, fmt.Errorf("audit: lock: %w", err)
	}
	defer unlockFile(l.f)
	last, err := lastEntry(l.f)
	if err != nil {
		return nil, err
	}
	outs := make([]Entry, len(batch))
	var buf []byte
	for i, r := range batch {
		e := r.e
		e.Seq, e.Prev = last.Seq+1, last.Hash
		if e.Time.IsZero() {
			e.Time = l.now()
		}
		e.Time = e.Time.UTC()
		e.Hash = e.hash()
		b, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		buf = append(append(buf, b...), '\n')
		outs[i], last = e, e
	}
	if _, err := l.f.Write(buf); err != nil {
		return nil, fmt.Errorf("audit: append: %w", err)
	}
	if err := l.f.Sync(); err != nil {
		return nil, fmt.Errorf("audit: sync: %w", err)
	}
	if err := writeHead(l.head, last); err != nil {
		return nil, err
	}
	return outs, nil
}

// lastEntry reads the last complete line of f (from its tail only).
func lastEntry(f *os.File) (Entry, error) {
	fi, err := f.Stat()
	if err != nil {
		return Entry{}, fmt.Errorf("audit: %w", err)
	}
	size := fi.Size()
	if size == 0 {
		return Entry{}, nil
	}
	for n := int64(4096); ; n *= 4 {
		if n > size {
			n = size
		}
		buf := make([]byte, n)
		if _, err := f.ReadAt(buf, size-n); err != nil && !errors.Is(err, io.EOF) {
			return Entry{}, fmt.Errorf("audit: %w", err)
		}
		buf = bytes.TrimRight(buf, "\n")
		i := bytes.LastIndexByte(buf, '\n')
		if i >= 0 || n == size {
			var e Entry
			if err := json.Unmarshal(buf[i+1:], &e); err != nil {
				return Entry{}, fmt.Errorf("%w: its last line does not read (%v): run `vanthu audit verify`", ErrTampered, err)
			}
			return e, nil
		}
	}
}

type head struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

func writeHead(path string, e Entry) error {
	b, _ := json.Marshal(head{e.Seq, e.Hash})
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("audit: head: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("audit: head: %w", err)
	}
	return nil
}

// ChainError says which entry breaks the chain and how.
type ChainError struct {
	Line int   // 1-based line of the file
	Seq  int64 // the entry's sequence number as expected at that line
	Why  string
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("audit: entry %d (line %d) %s", e.Seq, e.Line, e.Why)
}

func (e *ChainError) Unwrap() error { return ErrTampered }

// Verify reads the whole log and checks the chain: every entry's hash, its
// link to the one before, the sequence, and the head file. It returns the
// number of entries, or a *ChainError naming the first one that does not
// hold.
func (l *Log) Verify() (int64, error) {
	f, err := os.Open(l.path)
	if err != nil {
		return 0, fmt.Errorf("audit: %w", err)
	}
	defer f.Close()
	var prev Entry
	line := 0
	err = scan(f, func(raw []byte) error {
		line++
		want := prev.Seq + 1
		var e Entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return &ChainError{Line: line, Seq: want, Why: "does not read as an entry: " + err.Error()}
		}
		switch {
		case e.Seq != want:
			return &ChainError{Line: line, Seq: want, Why: fmt.Sprintf("is missing: line %d holds entry %d (an entry was deleted or moved)", line, e.Seq)}
		case e.Hash != e.hash():
			return &ChainError{Line: line, Seq: want, Why: "was edited: its content does not match its hash"}
		case e.Prev != prev.Hash:
			return &ChainError{Line: line, Seq: want, Why: "does not follow the entry before it (an entry before it was deleted or edited)"}
		}
		prev = e
		return nil
	})
	if err != nil {
		return prev.Seq, err
	}
	if b, err := os.ReadFile(l.head); err == nil {
		var h head
		if json.Unmarshal(b, &h) == nil && (h.Seq != prev.Seq || h.Hash != prev.Hash) {
			if h.Seq > prev.Seq {
				return prev.Seq, &ChainError{Line: line + 1, Seq: prev.Seq + 1, Why: fmt.Sprintf("is missing: the log ends at entry %d but %d were written (entries cut off its end)", prev.Seq, h.Seq)}
			}
			return prev.Seq, &ChainError{Line: line, Seq: prev.Seq, Why: "does not match the last entry recorded in " + HeadName}
		}
	}
	return prev.Seq, nil
}

// scan calls fn with each non-empty line of r.
func scan(r io.Reader, fn func([]byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		b, err := br.ReadBytes('\n')
		if t := bytes.TrimSpace(b); len(t) > 0 {
			if ferr := fn(t); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
}

// Filter selects entries; zero fields select everything.
type Filter struct {
	Actor    string    // the user
	Kind     string    // "document", "trip", ...
	ID       string    // a document's or record's id
	Action   string    //
	From, To time.Time // inclusive bounds on Time; zero: open
	After    int64     // only entries with Seq > After
	Limit    int       // at most this many (the newest kept); 0: all
}

func (f Filter) match(e Entry) bool {
	switch {
	case e.Seq <= f.After,
		f.Actor != "" && !strings.EqualFold(e.Actor, f.Actor),
		f.Kind != "" && e.Kind != f.Kind,
		f.ID != "" && e.ID != f.ID,
		f.Action != "" && e.Action != f.Action && !strings.HasPrefix(e.Action, f.Action+"."),
		!f.From.IsZero() && e.Time.Before(f.From),
		!f.To.IsZero() && e.Time.After(f.To):
		return false
	}
	return true
}

// List returns the entries f selects, oldest first. Lines that do not read
// are skipped (Verify names them).
func (l *Log) List(f Filter) ([]Entry, error) {
	fh, err := os.Open(l.path)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer fh.Close()
	var out []Entry
	err = scan(fh, func(raw []byte) error {
		var e Entry
		if json.Unmarshal(raw, &e) != nil {
			return nil
		}
		if f.match(e) {
			out = append(out, e)
			if f.Limit > 0 && len(out) > 2*f.Limit {
				out = append(out[:0], out[len(out)-f.Limit:]...)
			}
		}
		return nil
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	return out, err
}

// Last returns the sequence number of the last entry (0 when empty).
func (l *Log) Last() (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, ErrClosed
	}
	e, err := lastEntry(l.f)
	return e.Seq, err
}
