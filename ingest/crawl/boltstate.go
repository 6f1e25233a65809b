package crawl

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The bbolt state (<DataDir>/crawl/state.db: one file, B+tree, copy-on-write
// pages, every transaction fsynced) holds
//
//	urls/<url>        → URLRecord: what we know of a URL across runs
//	links/<src>\x00<url> → []Link: the links the source's rules took from that
//	                    page, replayed when the page answers 304 Not Modified
//	sources/<name>/   → per source:
//	    queue/<seq>   → QueueItem: the frontier of the current run, FIFO
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

// runRecord is a run in progress.
type runRecord struct {
	Fingerprint string `json:"fingerprint"` // of the Source: a changed source starts afresh
	Report      Report `json:"report"`      // counters so far
}

// boltState is the State in one bbolt file.
type boltState struct {
	db *bolt.DB
}

// OpenBoltState opens (creating it if needed) the state database in dir,
// <dir>/state.db. It fails with ErrStateLocked while another process holds it.
func OpenBoltState(dir string) (State, error) {
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
	return &boltState{db: db}, nil
}

func (s *boltState) Close() error { return s.db.Close() }

func seqKey(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

func (s *boltState) BeginRun(_ context.Context, name, fingerprint string, start []QueueItem, now time.Time) (rep Report, resumed bool, err error) {
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

func enqueue(q, seen *bolt.Bucket, it QueueItem) (bool, error) {
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

func (s *boltState) Next(_ context.Context, name string) (it QueueItem, ok bool, err error) {
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
		it.Seq = binary.BigEndian.Uint64(k)
		ok = true
		return nil
	})
	if err != nil {
		err = fmt.Errorf("crawl: state: %w", err)
	}
	return it, ok, err
}

func (s *boltState) Record(_ context.Context, u string) (rec URLRecord, found bool, err error) {
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

func (s *boltState) Links(_ context.Context, name, u string) (ls []Link, err error) {
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

func (s *boltState) Commit(_ context.Context, name string, c Commit) (int, error) {
	added := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSources).Bucket([]byte(name))
		if sb == nil || sb.Bucket(bucketQueue) == nil {
			return fmt.Errorf("no run in progress for source %s", name)
		}
		q, seen := sb.Bucket(bucketQueue), sb.Bucket(bucketSeen)
		if c.Record != nil {
			if err := putJSON(tx.Bucket(bucketURLs), []byte(c.Item.URL), c.Record); err != nil {
				return err
			}
		}
		if c.SetLinks {
			if err := putJSON(tx.Bucket(bucketLinks), linksKey(name, c.Item.URL), c.Links); err != nil {
				return err
			}
		}
		for _, it := range c.Enqueue {
			ok, err := enqueue(q, seen, it)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		if err := q.Delete(seqKey(c.Item.Seq)); err != nil {
			return err
		}
		v := sb.Get(keyRun)
		var rr runRecord
		if err := json.Unmarshal(v, &rr); err != nil {
			return fmt.Errorf("run record: %w", err)
		}
		if c.Report != nil {
			c.Report.Queued += added - 1
			rr.Report = *c.Report
		}
		return putJSON(sb, keyRun, rr)
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: state: saving %s: %w", c.Item.URL, err)
	}
	return added, nil
}

func (s *boltState) SaveProgress(_ context.Context, name string, rep Report) error {
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

func (s *boltState) FinishRun(_ context.Context, name string, rep Report) error {
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

func (s *boltState) LastReport(_ context.Context, name string) (rep Report, ok bool, err error) {
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
