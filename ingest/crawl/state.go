package crawl

import (
	"context"
	"time"
)

// State keeps what a Crawler knows between runs: per URL what was fetched
// last (validators for conditional GETs, the sha256 handed to the sink), per
// page the links a source took from it, and per source the frontier of the
// current run, its seen-set and counters, and the last finished run's
// Report. The default is a bbolt file in the data directory (OpenBoltState);
// a cluster keeps it in NATS JetStream KV (package natsstate) so that a crawl
// stopped on one machine continues on another.
//
// A State must commit each page atomically: after Commit returns nil, the
// page's record, its links, the new queue entries, the counters and the
// page's removal from the frontier are all durable, and after a crash at any
// point either all of them are or none is, as seen by the next BeginRun. A
// run calls BeginRun, then Next and Commit in turn (Next returns the head of
// the frontier, Commit removes exactly that item), then FinishRun or
// SaveProgress. One run of a source at a time uses a State; runs of
// different sources may share it concurrently.
type State interface {
	// BeginRun resumes the unfinished run of the source when its
	// fingerprint matches, else starts a new one with start queued (each
	// URL once). It returns the run's counters so far and whether it
	// resumed.
	BeginRun(ctx context.Context, source, fingerprint string, start []QueueItem, now time.Time) (rep Report, resumed bool, err error)
	// Next returns the head of the source's frontier; ok is false when it
	// is empty.
	Next(ctx context.Context, source string) (it QueueItem, ok bool, err error)
	// Record returns what is known of a URL.
	Record(ctx context.Context, url string) (rec URLRecord, found bool, err error)
	// Links returns the links the source last took from the page at url.
	Links(ctx context.Context, source, url string) ([]Link, error)
	// Commit applies c atomically and returns the number of URLs newly
	// queued (those of c.Enqueue not seen before in this run). When
	// c.Report is set it becomes the run's counters, its Queued first
	// increased by that number less the item taken.
	Commit(ctx context.Context, source string, c Commit) (added int, err error)
	// SaveProgress keeps the counters of an interrupted run.
	SaveProgress(ctx context.Context, source string, rep Report) error
	// FinishRun closes the source's run: rep becomes its last report, the
	// frontier and seen-set are dropped.
	FinishRun(ctx context.Context, source string, rep Report) error
	// LastReport returns the report of the source's last finished run.
	LastReport(ctx context.Context, source string) (rep Report, ok bool, err error)
	Close() error
}

// URLRecord is what the state keeps per URL.
type URLRecord struct {
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

// Link is one followed link of a page.
type Link struct {
	URL  string `json:"u"`
	Kind string `json:"k"`
}

// QueueItem is one URL waiting in the frontier.
type QueueItem struct {
	URL    string            `json:"u"`
	Kind   string            `json:"k"`
	Depth  int               `json:"d"`
	Of     string            `json:"of,omitempty"`
	Fields map[string]string `json:"f,omitempty"` // attachments inherit the page's fields
	// Seq is the item's place in the frontier, set by the State.
	Seq uint64 `json:"-"`
}

// Commit is one processed queue item: what the State applies at once.
type Commit struct {
	Item     QueueItem  // the item Next returned, removed from the frontier
	Record   *URLRecord // nil: leave the URL's record alone
	Links    []Link     // the page's links to keep for replay, when SetLinks
	SetLinks bool
	Enqueue  []QueueItem // links to queue unless seen in this run
	Report   *Report     // the run's counters after this item
}
