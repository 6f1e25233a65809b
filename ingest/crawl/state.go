package crawl

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The state database (<DataDir>/crawl/state.db, bbolt: one file, B+tree,
// copy-on-write pages, every transaction fsynced) holds
//
//	urls/<url>        → urlRecord: what we know of a URL across runs
//	links/<src>\x00<url> → []link: the links the source's rules took from that
//	                    page, replayed when the page answers 304 Not Modified
//	sources/<name>/   → per source:
//	    queue/<seq>   → queueItem: the frontier of the current run, FIFO
//	    seen/<url>    → "": URLs already queued in the current run
//	    run           → runRecord: the current (unfinished) run and its counters
//	    last          → Report: the last finished run, for "site changed" warnings
//
// Every page is committed in one transaction (its record, its links, the new
// queue entries, the counters, and its removal from the queue), so a crawl
// killed at any point resumes exactly after the last committed page. Nothing
// but the current page lives in memory: the seen-set and the frontier are on
// disk.
var (
	bucketURLs    = []byte("urls")
	bucketLinks   = []byte("links")
	bucketSources = []byte("sources")
	bucketQueue   = []byte("queue")
	bucketSeen    = []byte("seen")
	keyRun        = []byte("run")
	keyLast       = []byte("last")
)

// urlRecord is what the state keeps per URL.
type urlRecord struct {
	Kind         string    `json:"kind"`
	FirstSeen    time.Time `json:"first_seen"`
	LastSeen     time.Time `json:"last_seen"`             // last fetch that answered (200 or 304)
	LastChanged  time.Time `json:"last_changed,omitzero"` // last time the content differed
	ETag         string    `json:"etag,omitempty"`        // validators for the next conditional GET
	LastModified string    `json:"last_modified,omitempty"`
	SHA256       string    `json:"sha256,omitempty"`      // of the body last handed to the sink
	TextSHA      string    `json:"text_sha256,omitempty"` // of the visible text of that body (document pages)
	Size         int64     `json:"size,omitempty"`
	Status       int       `json:"status,omitempty"` // last HTTP status
	DocID        string    `json:"doc_id,omitempty"` // the document it became
	Result       string    `json:"result,omitempty"` // the sink's status: stored, new-version, ...
	Error        string    `json:"error,omitempty"`  // last failure
	Of           string    `json:"of,omitempty"`     // attachments: the page linking it
	// Fields are what the page's selectors read last time, handed to its
	// attachments when the page itself answers 304.
	Fields map[string]string `json:"fields,omitempty"`
}

// link is one followed link of a page.
type link struct {
	URL  string `json:"u"`
	Kind string `json:"k"`
}

// queueItem is one URL waiting in the frontier.
type queueItem struct {
	URL    string            `json:"u"`
	Kind   string            `json:"k"`
	Depth  int               `json:"d"`
	Of     string            `json:"of,omitempty"`
	Fields map[string]string `json:"f,omitempty"` // attachments inherit the page's fields
	seq    uint64
}

// runRecord is a run in progress.
type runRecord struct {
	Fingerprint string `json:"fingerprint"` // of the Source: a changed source starts afresh
	Report      Report `json:"report"`      // counters so far
}

type state struct {
	db *bolt.DB
}

func openState(dir string) (*state, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("crawl: state directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, "state.db")
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 2 * time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("crawl: state %s: %w", path, ErrStateLocked)
		}
		return nil, fmt.Errorf("crawl: state %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketURLs, bucketLinks, bucketSources} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("crawl: state %s: %w", path, err)
	}
	return &state{db: db}, nil
}

func (s *state) close() error { return s.db.Close() }

func seqKey(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

// beginRun resumes the unfinished run of src when its fingerprint matches,
// else starts a new one with the start URLs queued. It returns the run's
// counters so far and whether it resumed.
func (s *state) beginRun(name, fingerprint string, start []queueItem, now time.Time) (rep Report, resumed bool, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		sb, err := tx.Bucket(bucketSources).CreateBucketIfNotExists([]byte(name))
		if err != nil {
			return err
		}
		if v := sb.Get(keyRun); v != nil {
			var rr runRecord
			if json.Unmarshal(v, &rr) == nil && rr.Fingerprint == fingerprint && sb.Bucket(bucketQueue) != nil {
				rep, resumed = rr.Report, true
				return nil
			}
		}
		for _, b := range [][]byte{bucketQueue, bucketSeen} {
			if sb.Bucket(b) != nil {
				if err := sb.DeleteBucket(b); err != nil {
					return err
				}
			}
		}
		q, err := sb.CreateBucket(bucketQueue)
		if err != nil {
			return err
		}
		seen, err := sb.CreateBucket(bucketSeen)
		if err != nil {
			return err
		}
		rep = Report{Source: name, StartedAt: now}
		for _, it := range start {
			added, err := enqueue(q, seen, it)
			if err != nil {
				return err
			}
			if added {
				rep.Queued++
			}
		}
		return putJSON(sb, keyRun, runRecord{Fingerprint: fingerprint, Report: rep})
	})
	return rep, resumed, err
}

func enqueue(q, seen *bolt.Bucket, it queueItem) (bool, error) {
	if seen.Get([]byte(it.URL)) != nil {
		return false, nil
	}
	if err := seen.Put([]byte(it.URL), []byte{}); err != nil {
		return false, err
	}
	n, err := q.NextSequence()
	if err != nil {
		return false, err
	}
	b, err := json.Marshal(it)
	if err != nil {
		return false, err
	}
	return true, q.Put(seqKey(n), b)
}

// next returns the head of src's queue.
func (s *state) next(name string) (it queueItem, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSources).Bucket([]byte(name))
		if sb == nil || sb.Bucket(bucketQueue) == nil {
			return nil
		}
		k, v := sb.Bucket(bucketQueue).Cursor().First()
		if k == nil {
			return nil
		}
		if err := json.Unmarshal(v, &it); err != nil {
			return fmt.Errorf("queue entry %x: %w", k, err)
		}
		it.seq = binary.BigEndian.Uint64(k)
		ok = true
		return nil
	})
	if err != nil {
		err = fmt.Errorf("crawl: state: %w", err)
	}
	return it, ok, err
}

// record returns what the state knows of u.
func (s *state) record(u string) (rec urlRecord, found bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketURLs).Get([]byte(u))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &rec)
	})
	if err != nil {
		err = fmt.Errorf("crawl: state of %s: %w", u, err)
	}
	return rec, found, err
}

// linksKey keys a page's links by source: two sources may read one page
// with different rules.
func linksKey(name, u string) []byte { return []byte(name + "\x00" + u) }

// links returns the links source name last took from page u.
func (s *state) links(name, u string) (ls []link, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketLinks).Get(linksKey(name, u))
		if v == nil {
			return nil
		}
		return json.Unmarshal(v, &ls)
	})
	if err != nil {
		err = fmt.Errorf("crawl: state links of %s: %w", u, err)
	}
	return ls, err
}

// commit is one processed queue item.
type commit struct {
	item     queueItem
	rec      *urlRecord // nil: leave the URL's record alone
	links    []link     // the page's links to keep for replay; nil: leave alone
	setLinks bool
	enqueue  []queueItem
	report   *Report // the run's counters after this item (Queued is adjusted here)
}

// commit applies c in one transaction and returns the number of URLs newly queued.
func (s *state) commit(name string, c commit) (int, error) {
	added := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSources).Bucket([]byte(name))
		if sb == nil || sb.Bucket(bucketQueue) == nil {
			return fmt.Errorf("no run in progress for source %s", name)
		}
		q, seen := sb.Bucket(bucketQueue), sb.Bucket(bucketSeen)
		if c.rec != nil {
			if err := putJSON(tx.Bucket(bucketURLs), []byte(c.item.URL), c.rec); err != nil {
				return err
			}
		}
		if c.setLinks {
			if err := putJSON(tx.Bucket(bucketLinks), linksKey(name, c.item.URL), c.links); err != nil {
				return err
			}
		}
		for _, it := range c.enqueue {
			ok, err := enqueue(q, seen, it)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		if err := q.Delete(seqKey(c.item.seq)); err != nil {
			return err
		}
		v := sb.Get(keyRun)
		var rr runRecord
		if err := json.Unmarshal(v, &rr); err != nil {
			return fmt.Errorf("run record: %w", err)
		}
		if c.report != nil {
			c.report.Queued += added - 1
			rr.Report = *c.report
		}
		return putJSON(sb, keyRun, rr)
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: state: saving %s: %w", c.item.URL, err)
	}
	return added, nil
}

// saveProgress stores the counters of an interrupted run.
func (s *state) saveProgress(name string, rep Report) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSources).Bucket([]byte(name))
		if sb == nil || sb.Get(keyRun) == nil {
			return nil
		}
		var rr runRecord
		if err := json.Unmarshal(sb.Get(keyRun), &rr); err != nil {
			return err
		}
		rr.Report = rep
		return putJSON(sb, keyRun, rr)
	})
}

// finishRun closes src's run: the report becomes the last one, the frontier
// and seen-set are dropped.
func (s *state) finishRun(name string, rep Report) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSources).Bucket([]byte(name))
		if sb == nil {
			return nil
		}
		for _, b := range [][]byte{bucketQueue, bucketSeen} {
			if sb.Bucket(b) != nil {
				if err := sb.DeleteBucket(b); err != nil {
					return err
				}
			}
		}
		if err := sb.Delete(keyRun); err != nil {
			return err
		}
		return putJSON(sb, keyLast, rep)
	})
	if err != nil {
		return fmt.Errorf("crawl: state: finishing run of %s: %w", name, err)
	}
	return nil
}

// lastReport returns the report of src's last finished run.
func (s *state) lastReport(name string) (rep Report, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSources).Bucket([]byte(name))
		if sb == nil {
			return nil
		}
		v := sb.Get(keyLast)
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &rep)
	})
	return rep, ok, err
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}
