package natsstate

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"vanthu/corpus/natsstore"
	"vanthu/ingest/crawl"
)

// ErrTakenOver means another crawler resumed the source's run: this one
// must stop.
var ErrTakenOver = errors.New("another crawler (on this machine or another) took over this source's run")

// Config names the bucket and says how to keep it.
type Config struct {
	// Name is the bucket's name, "vanthu-crawl" by default.
	Name string
	// Replicas is how many servers keep the bucket (1, or 3 on a cluster).
	Replicas int
	// Memory keeps the bucket in memory (tests); the default is files.
	Memory bool
	// Timeout bounds each operation, retries of a cluster electing a
	// leader included; 2 minutes by default.
	Timeout time.Duration
}

// State is a crawl.State in a JetStream key-value bucket.
type State struct {
	cfg    Config
	kv     jetstream.KeyValue
	stream jetstream.Stream
	prefix string // "$KV.<bucket>.": a key's subject is the prefix and the key
	owner  string // names this handle in the run records it writes

	mu   sync.Mutex
	runs map[string]cursor // by source: the run this handle holds

	// stopAfterCommitPoint makes Commit return right after its commit
	// point, as a crawler killed there would (tests).
	stopAfterCommitPoint bool
	// loseAnswers makes that many writes of run records that landed
	// answer a timeout, as when the server leading the bucket dies before
	// it answers (tests).
	loseAnswers int
}

var _ crawl.State = (*State)(nil)

// cursor is a run this handle holds and the revision of r.<src> it wrote.
type cursor struct {
	rev uint64
	rr  runRecord
}

// runRecord is r.<src>.
type runRecord struct {
	ID          string       `json:"id"`
	Fingerprint string       `json:"fingerprint"`
	Report      crawl.Report `json:"report"`
	Head        uint64       `json:"head"` // the frontier is q.<run>.<head> .. q.<run>.<tail-1>
	Tail        uint64       `json:"tail"`
	Pending     *pending     `json:"pending,omitempty"`
	Finished    bool         `json:"finished,omitempty"`
	Owner       string       `json:"owner"`  // the handle that wrote it
	Writes      uint64       `json:"writes"` // counts the writes, so that no two are equal
}

// pending is the last page committed, applied to the other keys after the
// commit point.
type pending struct {
	URL      string           `json:"url,omitempty"`
	Took     bool             `json:"took,omitempty"` // remove q.<Seq>: the page processed
	Seq      uint64           `json:"seq,omitempty"`
	Record   *crawl.URLRecord `json:"record,omitempty"`
	SetLinks bool             `json:"set_links,omitempty"`
	Links    []crawl.Link     `json:"links,omitempty"`
	Queued   []queued         `json:"queued,omitempty"`
}

type queued struct {
	Seq  uint64          `json:"n"`
	Item crawl.QueueItem `json:"item"`
}

// New opens (creating it if needed) the bucket of cfg over nc. The caller
// keeps nc and closes it after the State. On a cluster, New retries while the
// servers cannot yet place a replicated bucket, until ctx ends.
func New(ctx context.Context, nc *nats.Conn, cfg Config) (*State, error) {
	if cfg.Name == "" {
		cfg.Name = "vanthu-crawl"
	}
	if cfg.Replicas < 1 {
		cfg.Replicas = 1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("natsstate: %w", err)
	}
	storage := jetstream.FileStorage
	if cfg.Memory {
		storage = jetstream.MemoryStorage
	}
	s := &State{cfg: cfg, prefix: "$KV." + cfg.Name + ".", owner: randomID(), runs: map[string]cursor{}}
	err = natsstore.Retry(ctx, func(ctx context.Context) error {
		kv, err := natsstore.OpenKV(ctx, js, jetstream.KeyValueConfig{
			Bucket:      cfg.Name,
			Description: "vanthu crawl state: frontiers, seen-sets, validators, reports",
			History:     1,
			Replicas:    cfg.Replicas,
			Storage:     storage,
		})
		if err != nil {
			return err
		}
		st, err := js.Stream(ctx, "KV_"+cfg.Name)
		if err != nil {
			return err
		}
		s.kv, s.stream = kv, st
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("natsstate: open bucket %q: %w", cfg.Name, err)
	}
	return s, nil
}

// Close forgets the runs this handle holds; the connection stays open.
func (s *State) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runs = map[string]cursor{}
	return nil
}

func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

var b64 = base64.RawURLEncoding

func srcKey(name string) string { return b64.EncodeToString([]byte(name)) }

func urlHash(u string) string {
	h := sha256.Sum256([]byte(u))
	return hex.EncodeToString(h[:])
}

func runKey(src string) string      { return "r." + src }
func lastKey(src string) string     { return "t." + src }
func recordKey(u string) string     { return "u." + urlHash(u) }
func linksKey(src, u string) string { return "l." + src + "." + urlHash(u) }
func queueKey(src, id string, n uint64) string {
	return "q." + src + "." + id + "." + strconv.FormatUint(n, 10)
}
func seenKey(src, id, u string) string { return "s." + src + "." + id + "." + urlHash(u) }

// errConflict is a compare-and-set that lost to another writer.
var errConflict = errors.New("the key changed meanwhile")

// do runs fn with the operation's deadline, retrying what passes by waiting.
func (s *State) do(ctx context.Context, fn func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	return natsstore.Retry(ctx, fn)
}

// get returns a key's value and revision; found is false when it has none.
func (s *State) get(ctx context.Context, key string) (v []byte, rev uint64, found bool, err error) {
	err = s.do(ctx, func(ctx context.Context) error {
		e, err := s.kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			v, rev, found = nil, 0, false
			return nil
		}
		if err != nil {
			return err
		}
		v, rev, found = e.Value(), e.Revision(), true
		return nil
	})
	return v, rev, found, err
}

func (s *State) getJSON(ctx context.Context, key string, v any) (rev uint64, found bool, err error) {
	b, rev, found, err := s.get(ctx, key)
	if err != nil || !found {
		return rev, found, err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return rev, found, fmt.Errorf("%s: %w", key, err)
	}
	return rev, true, nil
}

func (s *State) putJSON(ctx context.Context, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.do(ctx, func(ctx context.Context) error {
		_, err := s.kv.Put(ctx, key, b)
		return err
	})
}

func (s *State) del(ctx context.Context, key string) error {
	return s.do(ctx, func(ctx context.Context) error {
		err := s.kv.Delete(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			return nil
		}
		return err
	})
}

// casRun writes rr as r.<src> if the key is still at rev (0: absent) and
// returns the new revision, or errConflict. A write whose answer was lost
// and that is retried finds its own value there and counts as done: Owner
// and Writes make every value written distinct.
func (s *State) casRun(ctx context.Context, src string, rr *runRecord, rev uint64) (uint64, error) {
	rr.Owner = s.owner
	rr.Writes++
	b, err := json.Marshal(rr)
	if err != nil {
		return 0, err
	}
	key := runKey(src)
	var out uint64
	err = s.do(ctx, func(ctx context.Context) error {
		var err error
		if rev == 0 {
			out, err = s.kv.Create(ctx, key, b)
		} else {
			out, err = s.kv.Update(ctx, key, b, rev)
		}
		if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			e, gerr := s.kv.Get(ctx, key)
			if gerr == nil && bytes.Equal(e.Value(), b) {
				out = e.Revision()
				return nil
			}
			return errConflict
		}
		if err == nil && s.loseAnswers > 0 {
			s.loseAnswers--
			return nats.ErrTimeout
		}
		return err
	})
	return out, err
}

// apply writes rr's pending page to the other keys; every write is keyed by
// what it writes, so applying twice is applying once.
func (s *State) apply(ctx context.Context, src string, rr *runRecord) error {
	p := rr.Pending
	if p == nil {
		return nil
	}
	if p.Record != nil {
		if err := s.putJSON(ctx, recordKey(p.URL), p.Record); err != nil {
			return err
		}
	}
	if p.SetLinks {
		if err := s.putJSON(ctx, linksKey(src, p.URL), p.Links); err != nil {
			return err
		}
	}
	for _, q := range p.Queued {
		if err := s.putJSON(ctx, queueKey(src, rr.ID, q.Seq), q.Item); err != nil {
			return err
		}
		if err := s.putJSON(ctx, seenKey(src, rr.ID, q.Item.URL), 1); err != nil {
			return err
		}
	}
	if p.Took {
		return s.del(ctx, queueKey(src, rr.ID, p.Seq))
	}
	return nil
}

// purgeRun drops a run's frontier and seen-set.
func (s *State) purgeRun(ctx context.Context, src, id string) error {
	for _, kind := range []string{"q.", "s."} {
		subj := s.prefix + kind + src + "." + id + ".>"
		err := s.do(ctx, func(ctx context.Context) error {
			return s.stream.Purge(ctx, jetstream.WithPurgeSubject(subj))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// completeFinish makes a finished run's report the last one and removes the
// run; errConflict when r.<src> is no longer at rev.
func (s *State) completeFinish(ctx context.Context, src string, rr runRecord, rev uint64) error {
	if err := s.putJSON(ctx, lastKey(src), rr.Report); err != nil {
		return err
	}
	err := s.do(ctx, func(ctx context.Context) error {
		err := s.kv.Delete(ctx, runKey(src), jetstream.LastRevision(rev))
		if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			if _, gerr := s.kv.Get(ctx, runKey(src)); errors.Is(gerr, jetstream.ErrKeyNotFound) {
				return nil // a retried delete that had landed
			}
			return errConflict
		}
		return err
	})
	if err != nil {
		return err
	}
	return s.purgeRun(ctx, src, rr.ID)
}

func (s *State) setCursor(name string, c cursor) {
	s.mu.Lock()
	s.runs[name] = c
	s.mu.Unlock()
}

func (s *State) cursor(name string) (cursor, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.runs[name]
	return c, ok
}

func (s *State) drop(name string) {
	s.mu.Lock()
	delete(s.runs, name)
	s.mu.Unlock()
}

func wrap(what string, err error) error {
	if errors.Is(err, errConflict) {
		err = ErrTakenOver
	}
	return fmt.Errorf("natsstate: %s: %w", what, err)
}

// BeginRun implements crawl.State.
func (s *State) BeginRun(ctx context.Context, name, fingerprint string, start []crawl.QueueItem, now time.Time) (crawl.Report, bool, error) {
	src := srcKey(name)
	for {
		var rr runRecord
		rev, found, err := s.getJSON(ctx, runKey(src), &rr)
		if err != nil {
			return crawl.Report{}, false, wrap("run of "+name, err)
		}
		if found {
			// The last page committed, whoever committed it: applied
			// before anything reads the frontier or the seen-set.
			if err := s.apply(ctx, src, &rr); err != nil {
				return crawl.Report{}, false, wrap("run of "+name, err)
			}
			if rr.Finished {
				err := s.completeFinish(ctx, src, rr, rev)
				if errors.Is(err, errConflict) {
					continue
				}
				if err != nil {
					return crawl.Report{}, false, wrap("finishing the run of "+name, err)
				}
				continue
			}
			if rr.Fingerprint == fingerprint {
				rr.Pending = nil
				nrev, err := s.casRun(ctx, src, &rr, rev)
				if errors.Is(err, errConflict) {
					continue
				}
				if err != nil {
					return crawl.Report{}, false, wrap("resuming the run of "+name, err)
				}
				s.setCursor(name, cursor{rev: nrev, rr: rr})
				return rr.Report, true, nil
			}
		}
		nr := runRecord{ID: randomID(), Fingerprint: fingerprint, Report: crawl.Report{Source: name, StartedAt: now}}
		p := &pending{}
		seen := map[string]bool{}
		for _, it := range start {
			if seen[it.URL] {
				continue
			}
			seen[it.URL] = true
			p.Queued = append(p.Queued, queued{Seq: nr.Tail, Item: it})
			nr.Tail++
		}
		nr.Report.Queued = len(p.Queued)
		nr.Pending = p
		nrev, err := s.casRun(ctx, src, &nr, rev)
		if errors.Is(err, errConflict) {
			continue
		}
		if err != nil {
			return crawl.Report{}, false, wrap("starting a run of "+name, err)
		}
		if found {
			// The run of an older configuration: nothing reads its keys
			// any more; a purge that fails leaves them unread.
			_ = s.purgeRun(ctx, src, rr.ID)
		}
		if err := s.apply(ctx, src, &nr); err != nil {
			return crawl.Report{}, false, wrap("starting a run of "+name, err)
		}
		s.setCursor(name, cursor{rev: nrev, rr: nr})
		return nr.Report, false, nil
	}
}

// Next implements crawl.State.
func (s *State) Next(ctx context.Context, name string) (crawl.QueueItem, bool, error) {
	c, ok := s.cursor(name)
	if !ok {
		return crawl.QueueItem{}, false, fmt.Errorf("natsstate: no run of %s in progress here", name)
	}
	if c.rr.Head >= c.rr.Tail {
		return crawl.QueueItem{}, false, nil
	}
	var it crawl.QueueItem
	_, found, err := s.getJSON(ctx, queueKey(srcKey(name), c.rr.ID, c.rr.Head), &it)
	if err != nil {
		return it, false, wrap("frontier of "+name, err)
	}
	if !found {
		return it, false, fmt.Errorf("natsstate: frontier of %s: entry %d is missing", name, c.rr.Head)
	}
	it.Seq = c.rr.Head
	return it, true, nil
}

// Record implements crawl.State.
func (s *State) Record(ctx context.Context, u string) (crawl.URLRecord, bool, error) {
	var rec crawl.URLRecord
	_, found, err := s.getJSON(ctx, recordKey(u), &rec)
	if err != nil {
		return rec, false, wrap("state of "+u, err)
	}
	return rec, found, nil
}

// Links implements crawl.State.
func (s *State) Links(ctx context.Context, name, u string) ([]crawl.Link, error) {
	var ls []crawl.Link
	if _, _, err := s.getJSON(ctx, linksKey(srcKey(name), u), &ls); err != nil {
		return nil, wrap("links of "+u, err)
	}
	return ls, nil
}

// Commit implements crawl.State: see the package documentation for why a
// page is committed whole or not at all.
func (s *State) Commit(ctx context.Context, name string, cm crawl.Commit) (int, error) {
	c, ok := s.cursor(name)
	if !ok {
		return 0, fmt.Errorf("natsstate: saving %s: no run of %s in progress here", cm.Item.URL, name)
	}
	rr := c.rr
	if cm.Item.Seq != rr.Head {
		return 0, fmt.Errorf("natsstate: saving %s: entry %d is not the head of the frontier (%d)", cm.Item.URL, cm.Item.Seq, rr.Head)
	}
	src := srcKey(name)
	p := &pending{URL: cm.Item.URL, Took: true, Seq: cm.Item.Seq, Record: cm.Record, SetLinks: cm.SetLinks, Links: cm.Links}
	batch := map[string]bool{}
	for _, it := range cm.Enqueue {
		if batch[it.URL] {
			continue
		}
		batch[it.URL] = true
		_, _, seen, err := s.get(ctx, seenKey(src, rr.ID, it.URL))
		if err != nil {
			return 0, wrap("saving "+cm.Item.URL, err)
		}
		if seen {
			continue
		}
		p.Queued = append(p.Queued, queued{Seq: rr.Tail, Item: it})
		rr.Tail++
	}
	added := len(p.Queued)
	rr.Head = cm.Item.Seq + 1
	if cm.Report != nil {
		cm.Report.Queued += added - 1
		rr.Report = *cm.Report
	}
	rr.Pending = p
	nrev, err := s.casRun(ctx, src, &rr, c.rev)
	if err != nil {
		s.drop(name)
		return 0, wrap("saving "+cm.Item.URL, err)
	}
	if s.stopAfterCommitPoint {
		s.drop(name)
		return added, nil
	}
	if err := s.apply(ctx, src, &rr); err != nil {
		// Committed: the next BeginRun applies it.
		s.drop(name)
		return added, wrap("saving "+cm.Item.URL, err)
	}
	s.setCursor(name, cursor{rev: nrev, rr: rr})
	return added, nil
}

// SaveProgress implements crawl.State.
func (s *State) SaveProgress(ctx context.Context, name string, rep crawl.Report) error {
	c, ok := s.cursor(name)
	if !ok {
		return nil
	}
	rr := c.rr
	rr.Report = rep
	nrev, err := s.casRun(ctx, srcKey(name), &rr, c.rev)
	if err != nil {
		s.drop(name)
		return wrap("saving the progress of "+name, err)
	}
	s.setCursor(name, cursor{rev: nrev, rr: rr})
	return nil
}

// FinishRun implements crawl.State.
func (s *State) FinishRun(ctx context.Context, name string, rep crawl.Report) error {
	c, ok := s.cursor(name)
	if !ok {
		return fmt.Errorf("natsstate: finishing the run of %s: no run in progress here", name)
	}
	defer s.drop(name)
	src := srcKey(name)
	rr := c.rr
	rr.Report, rr.Finished = rep, true
	nrev, err := s.casRun(ctx, src, &rr, c.rev)
	if err != nil {
		return wrap("finishing the run of "+name, err)
	}
	if err := s.completeFinish(ctx, src, rr, nrev); err != nil {
		return wrap("finishing the run of "+name, err)
	}
	return nil
}

// LastReport implements crawl.State.
func (s *State) LastReport(ctx context.Context, name string) (crawl.Report, bool, error) {
	src := srcKey(name)
	var rr runRecord
	_, found, err := s.getJSON(ctx, runKey(src), &rr)
	if err != nil {
		return crawl.Report{}, false, wrap("last report of "+name, err)
	}
	if found && rr.Finished {
		return rr.Report, true, nil
	}
	var rep crawl.Report
	_, found, err = s.getJSON(ctx, lastKey(src), &rep)
	if err != nil {
		return crawl.Report{}, false, wrap("last report of "+name, err)
	}
	return rep, found, nil
}
