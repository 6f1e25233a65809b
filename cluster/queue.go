package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"vanthu/corpus"
	"vanthu/corpus/natsstore"
)

// KindIngest is the job of reading an original (text layer, OCR), parsing
// its metadata and storing the document.
const KindIngest = "ingest"

// Job is one unit of work. The original is in the store, by sha256.
type Job struct {
	Kind      string            `json:"kind"`
	Name      string            `json:"name"` // file path or URL, named in messages
	SHA256    string            `json:"sha256"`
	MIME      string            `json:"mime,omitempty"`
	FetchedAt time.Time         `json:"fetched_at"`
	Of        string            `json:"of,omitempty"`
	Fields    map[string]string `json:"fields,omitempty"`
	// Page, OCRLanguage and OCRDPI say which page of the original an OCR
	// job reads, and how (KindOCRPage).
	Page        int    `json:"page,omitempty"`
	OCRLanguage string `json:"ocr_language,omitempty"`
	OCRDPI      int    `json:"ocr_dpi,omitempty"`
	// Try counts the times the queue gave up on this job before it was
	// queued again (0 the first time): part of its ID, so that it is not
	// dropped as a duplicate of the job given up.
	Try int `json:"try,omitempty"`
}

// Key names the job whatever its try: the same original under the same
// name is the same job.
func (j Job) Key() string {
	k := j.Kind + "\x00" + j.Name + "\x00" + j.SHA256
	if j.Page > 0 {
		k += "\x00" + strconv.Itoa(j.Page) + "\x00" + j.OCRLanguage + "\x00" + strconv.Itoa(j.OCRDPI)
	}
	return corpus.SHA256([]byte(k))
}

// ID is the job's de-duplication id: its Key, and its try after the first.
func (j Job) ID() string {
	if j.Try == 0 {
		return j.Key()
	}
	return corpus.SHA256([]byte(j.Key() + "\x00" + strconv.Itoa(j.Try)))
}

// QueueConfig configures the work queue.
type QueueConfig struct {
	Name       string        // stream <Name>-jobs, subjects <Name>.jobs.<kind>; "vanthu" by default
	Replicas   int           // 1, or 3 on a cluster
	AckWait    time.Duration // how long a silent worker keeps a job; 1 minute by default
	MaxDeliver int           // deliveries before a job is left aside; 10 by default
	Dedup      time.Duration // de-duplication window; 1 hour by default
	Memory     bool          // keep the stream in memory (tests)
	// GaveUp, when set, is told of a job that failed MaxDeliver times: it
	// is taken off the queue (its original stays in the store), so that the
	// queue empties and `ingest --wait` ends.
	GaveUp func(j Job, err error)
}

// Queue is the work queue.
type Queue struct {
	cfg    QueueConfig
	js     jetstream.JetStream
	stream jetstream.Stream
}

// NewQueue opens (creating it if needed) the job stream.
func NewQueue(ctx context.Context, nc *nats.Conn, cfg QueueConfig) (*Queue, error) {
	if cfg.Name == "" {
		cfg.Name = "vanthu"
	}
	if cfg.Replicas < 1 {
		cfg.Replicas = 1
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = time.Minute
	}
	if cfg.MaxDeliver <= 0 {
		cfg.MaxDeliver = 10
	}
	if cfg.Dedup <= 0 {
		cfg.Dedup = time.Hour
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	storage := jetstream.FileStorage
	if cfg.Memory {
		storage = jetstream.MemoryStorage
	}
	q := &Queue{cfg: cfg, js: js}
	err = natsstore.Retry(ctx, func(ctx context.Context) error {
		st, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
			Name:        cfg.Name + "-jobs",
			Description: "vanthu jobs: one durable consumer per kind",
			Subjects:    []string{cfg.Name + ".jobs.>"},
			Retention:   jetstream.WorkQueuePolicy,
			Replicas:    cfg.Replicas,
			Storage:     storage,
			Duplicates:  cfg.Dedup,
		})
		q.stream = st
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: job stream: %w", err)
	}
	return q, nil
}

func (q *Queue) subject(kind string) string { return q.cfg.Name + ".jobs." + kind }

// Enqueue publishes a job. It reports false when the same job was already
// queued within the de-duplication window.
func (q *Queue) Enqueue(ctx context.Context, j Job) (bool, error) {
	if !validKind(j.Kind) {
		return false, fmt.Errorf("cluster: job kind %q: %w", j.Kind, ErrInvalid)
	}
	b, err := json.Marshal(j)
	if err != nil {
		return false, fmt.Errorf("cluster: job %s: %w", j.Name, err)
	}
	var ack *jetstream.PubAck
	err = natsstore.Retry(ctx, func(ctx context.Context) error {
		var err error
		ack, err = q.js.Publish(ctx, q.subject(j.Kind), b, jetstream.WithMsgID(j.ID()))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("cluster: enqueue %s: %w", j.Name, err)
	}
	return !ack.Duplicate, nil
}

// Pending returns how many jobs are queued or being worked on.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	info, err := q.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("cluster: job stream: %w", err)
	}
	return info.State.Msgs, nil
}

// ErrInvalid is returned for a job that cannot be queued.
var ErrInvalid = errors.New("cluster: invalid job")

// Handler does one job. An error makes the job come back later (up to
// MaxDeliver times); a job whose input can never be done should return nil
// after recording why (the ingest pipeline stores such an original with its
// status).
type Handler func(ctx context.Context, j Job) error

// Work pulls jobs of kind and runs fn on each, one at a time, until ctx
// ends. Run several Work calls (in one process or many) for more workers.
func (q *Queue) Work(ctx context.Context, kind string, fn Handler) error {
	if !validKind(kind) {
		return fmt.Errorf("cluster: job kind %q: %w", kind, ErrInvalid)
	}
	var cons jetstream.Consumer
	err := natsstore.Retry(ctx, func(ctx context.Context) error {
		var err error
		cons, err = q.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
			Durable:       kind,
			FilterSubject: q.subject(kind),
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       q.cfg.AckWait,
			MaxDeliver:    q.cfg.MaxDeliver,
			Replicas:      q.cfg.Replicas,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("cluster: consumer %s: %w", kind, err)
	}
	for ctx.Err() == nil {
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if natsstore.Transient(err) || errors.Is(err, jetstream.ErrNoMessages) {
				if werr := pause(ctx, 100*time.Millisecond); werr != nil {
					break
				}
				continue
			}
			return fmt.Errorf("cluster: fetch %s: %w", kind, err)
		}
		for msg := range batch.Messages() {
			q.handle(ctx, msg, fn)
		}
	}
	return nil
}

func (q *Queue) handle(ctx context.Context, msg jetstream.Msg, fn Handler) {
	var j Job
	if err := json.Unmarshal(msg.Data(), &j); err != nil {
		_ = msg.Term() // never readable: do not deliver again
		return
	}
	// Tell the server this worker is alive while the job runs (OCR takes
	// seconds a page); a worker that dies stops, and the job is redelivered.
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(q.cfg.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				_ = msg.InProgress()
			}
		}
	}()
	err := fn(ctx, j)
	close(done)
	if ctx.Err() != nil {
		return // stopping: leave the job to be redelivered
	}
	if err != nil {
		if meta, merr := msg.Metadata(); merr == nil && meta.NumDelivered >= uint64(q.cfg.MaxDeliver) {
			if q.cfg.GaveUp != nil {
				q.cfg.GaveUp(j, err)
			}
			_ = msg.Term()
			return
		}
		_ = msg.NakWithDelay(q.cfg.AckWait / 4)
		return
	}
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	_ = msg.DoubleAck(actx)
}

func validKind(k string) bool {
	return k != "" && !strings.ContainsAny(k, ".*> \t\n")
}

func pause(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}
