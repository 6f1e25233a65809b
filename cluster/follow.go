package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"vanthu/corpus"
	"vanthu/corpus/natsstore"
)

// Indexer is what a follower keeps in step: a search node's local index.
type Indexer interface {
	IndexBatch(ctx context.Context, docs []corpus.Document) error
	Delete(ctx context.Context, id string) error
}

// Follower keeps an Indexer in step with the documents of a store.
type Follower struct {
	Store *natsstore.Store
	Index Indexer
	// State is the file keeping the last sequence applied; "" keeps it in
	// memory only (a node that rebuilds its index from the feed each time).
	State string
	// Batch is how many documents are indexed at once (64 by default).
	Batch int
	// Log, when set, hears why the follower starts a new consumer.
	Log func(error)
	// Records names the kinds of record whose changes touch the index (a
	// person's correction or withdrawal of a document). Each change of
	// such a record comes in the feed's order and is handed to OnRecord
	// once the documents written before it are indexed.
	Records  []string
	OnRecord func(ctx context.Context, kind, id string) error

	applied atomic.Uint64
	lag     atomic.Int64 // -1 until known
	docs    atomic.Int64 // documents applied since start
	cons    atomic.Pointer[jetstream.Consumer]
}

// Applied is the last sequence of the feed applied to the index.
func (f *Follower) Applied() uint64 { return f.applied.Load() }

// Lag reports how many writes (of documents, and of the records in
// Records) the index is behind the store: what the server has not yet
// delivered, or, while a batch is being indexed, what follows the last
// message read plus the documents not yet indexed. ok is false while
// unknown.
func (f *Follower) Lag(ctx context.Context) (n uint64, ok bool) {
	local := f.lag.Load()
	if c := f.cons.Load(); c != nil {
		if info, err := (*c).Info(ctx); err == nil {
			return max(info.NumPending, uint64(max(local, 0))), true
		}
	}
	if local >= 0 {
		return uint64(local), true
	}
	return 0, false
}

// readState returns the sequence in the state file, 0 when there is none.
func (f *Follower) readState() (uint64, error) {
	if f.State == "" {
		return f.applied.Load(), nil
	}
	b, err := os.ReadFile(f.State)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("cluster: state file %s: %w", f.State, err)
	}
	return n, nil
}

func (f *Follower) writeState(seq uint64) error {
	f.applied.Store(seq)
	if f.State == "" {
		return nil
	}
	tmp := f.State + ".tmp"
	if err := os.MkdirAll(filepath.Dir(f.State), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(tmp, []byte(strconv.FormatUint(seq, 10)+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, f.State)
}

// Run follows the feed until ctx ends, resuming after the last sequence
// applied.
//
// One ordered consumer is kept for as long as it works, read message by
// message: each Fetch of an ordered consumer creates a new consumer on the
// server and deletes the old one in the background, and on a busy cluster
// those deletions fall behind until the stream reaches the server's limit on
// consumers (1,000 by default) and no node can follow any more.
func (f *Follower) Run(ctx context.Context) error {
	f.lag.Store(-1)
	seq, err := f.readState()
	if err != nil {
		return err
	}
	f.applied.Store(seq)
	batch := f.Batch
	if batch <= 0 {
		batch = 64
	}
	js, err := jetstream.New(f.Store.Conn())
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	stream := "KV_" + f.Store.Name()
	subject := "$KV." + f.Store.Name() + "." + natsstore.DocKeyPrefix
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		cfg := jetstream.OrderedConsumerConfig{FilterSubjects: f.subjects()}
		if s := f.applied.Load(); s > 0 {
			cfg.DeliverPolicy = jetstream.DeliverByStartSequencePolicy
			cfg.OptStartSeq = s + 1
		}
		var cons jetstream.Consumer
		err := natsstore.Retry(ctx, func(ctx context.Context) error {
			var err error
			cons, err = js.OrderedConsumer(ctx, stream, cfg)
			return err
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("cluster: follow %s: %w", stream, err)
		}
		f.cons.Store(&cons)
		started := time.Now()
		err = f.follow(ctx, cons, subject, batch)
		if ctx.Err() != nil {
			return nil
		}
		// The server would drop the abandoned consumer only after minutes
		// without interest; deleting it now keeps the stream well below
		// its limit on consumers however often this happens.
		if info := cons.CachedInfo(); info != nil && info.Name != "" {
			dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			_ = js.DeleteConsumer(dctx, stream, info.Name)
			cancel()
		}
		// A server went away under the consumer, or the index failed to
		// take a batch: start a new consumer after the last sequence
		// applied, waiting longer while it keeps failing.
		if time.Since(started) > time.Minute {
			wait = 100 * time.Millisecond
		}
		if f.Log != nil {
			f.Log(fmt.Errorf("cluster: follow %s (again in %v): %w", stream, wait, err))
		}
		if perr := pause(ctx, wait); perr != nil {
			return nil
		}
		wait = min(2*wait, 5*time.Second)
	}
	return nil
}

// errStalled reports a consumer that stopped delivering.
var errStalled = errors.New("the consumer stopped delivering")

// stallAfter is how long messages may wait undelivered before the follower
// gives up on its consumer.
const stallAfter = 3 * time.Second

// idleFlush is how long the follower waits for a further message before it
// indexes what it has read.
const idleFlush = 200 * time.Millisecond

func (f *Follower) follow(ctx context.Context, cons jetstream.Consumer, subject string, batch int) error {
	it, err := cons.Messages()
	if err != nil {
		return err
	}
	defer it.Stop()
	var docs []corpus.Document
	var last uint64
	var pending int64
	// active is when a message last came or a batch was last indexed: a
	// long batch is not the consumer stalling.
	active, lastCheck := time.Now(), time.Now()
	flush := func() error {
		if len(docs) > 0 {
			if err := f.Index.IndexBatch(ctx, docs); err != nil {
				return fmt.Errorf("cluster: index: %w", err)
			}
			f.docs.Add(int64(len(docs)))
			docs = docs[:0]
			active = time.Now()
		}
		if last > 0 && last != f.applied.Load() {
			if err := f.writeState(last); err != nil {
				return fmt.Errorf("cluster: index: %w", err)
			}
		}
		f.lag.Store(pending)
		return nil
	}
	keyPrefix := subject[:len(subject)-len(natsstore.DocKeyPrefix)]
	for {
		wctx, cancel := context.WithTimeout(ctx, idleFlush)
		msg, err := it.Next(jetstream.NextContext(wctx))
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) {
				if err := flush(); err != nil {
					return err
				}
				// A consumer created while the cluster was still
				// settling can hold messages it never delivers: when
				// the server says some are waiting but none came for a
				// while, start again with a new consumer.
				if time.Since(active) > stallAfter && time.Since(lastCheck) > stallAfter {
					lastCheck = time.Now()
					info, err := cons.Info(ctx)
					if err != nil {
						return err
					}
					if info.NumPending > 0 {
						return fmt.Errorf("%w: %d write(s) waiting, none delivered for %v", errStalled, info.NumPending, time.Since(active).Round(time.Second))
					}
				}
				continue
			}
			if ferr := flush(); ferr != nil {
				return ferr
			}
			return err
		}
		active = time.Now()
		meta, err := msg.Metadata()
		if err != nil {
			return err
		}
		key := strings.TrimPrefix(msg.Subject(), keyPrefix)
		if kind, id, ok := natsstore.RecordKey(key); ok && f.OnRecord != nil {
			if err := flush(); err != nil {
				return err
			}
			if err := f.OnRecord(ctx, kind, id); err != nil {
				return fmt.Errorf("cluster: apply %s %s: %w", kind, id, err)
			}
		} else if id, ok := natsstore.DocID(key); ok {
			switch msg.Headers().Get("KV-Operation") {
			case "DEL", "PURGE":
				if err := flush(); err != nil {
					return err
				}
				if err := f.Index.Delete(ctx, id); err != nil {
					return fmt.Errorf("cluster: unindex %s: %w", id, err)
				}
			default:
				d, err := f.Store.DecodeDocument(ctx, msg.Data())
				if err != nil {
					return err
				}
				docs = append(docs, d)
			}
		}
		last = meta.Sequence.Stream
		pending = int64(meta.NumPending)
		f.lag.Store(pending + int64(len(docs)))
		if len(docs) >= batch || pending == 0 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

// Documents returns how many documents the follower indexed since it
// started (a document stored twice counts twice).
func (f *Follower) Documents() int64 { return f.docs.Load() }

// CaughtUp reports whether the index holds every write (of documents, and
// of the records in Records) the store has made so far.
func (f *Follower) CaughtUp(ctx context.Context) (bool, error) {
	js, err := jetstream.New(f.Store.Conn())
	if err != nil {
		return false, err
	}
	st, err := js.Stream(ctx, "KV_"+f.Store.Name())
	if err != nil {
		return false, err
	}
	var last uint64
	for _, subj := range f.subjects() {
		m, err := st.GetLastMsgForSubject(ctx, subj)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return false, err
		}
		last = max(last, m.Sequence)
	}
	return f.Applied() >= last, nil
}

// subjects are the feed's subjects: every document key, and the current
// version of every record of the kinds in Records.
func (f *Follower) subjects() []string {
	pre := "$KV." + f.Store.Name() + "."
	out := []string{pre + natsstore.DocKeyPrefix + ">"}
	if f.OnRecord != nil {
		for _, k := range f.Records {
			out = append(out, pre+natsstore.RecordKeyPrefix(k)+">")
		}
	}
	return out
}
