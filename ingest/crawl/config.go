package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"vanthu/ingest"
)

// Sink receives what the crawler fetched: document pages and attachments,
// untouched bytes with their Content-Type. *ingest.Pipeline is one.
type Sink interface {
	Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error)
}

// Config configures a Crawler. Start from DefaultConfig.
type Config struct {
	// DataDir is vanthu's data directory; the crawl state lives in
	// DataDir/crawl/state.db unless State is set.
	DataDir string
	// State, when set, keeps the crawl state instead of the data
	// directory (a cluster's, shared by its machines). Close closes it.
	State State
	// UserAgent identifies us to the portals' operators:
	// "vanthu/<version> (+<contact>)". robots.txt groups are matched on it.
	UserAgent string
	// Delay is the pause between two requests to one host when the source
	// sets none; robots.txt's Crawl-delay lengthens it, never shortens it.
	Delay time.Duration
	// OverrideDelay makes Delay apply to every source, even those that set
	// their own (the CLI's --delay; 0 for local tests).
	OverrideDelay bool
	// Jitter is the most random time added to each delay, so that requests
	// do not arrive on a beat.
	Jitter time.Duration
	// MaxPages caps the requests of one Run, overriding the source's
	// max_pages when > 0. The frontier is kept: the next Run continues.
	MaxPages int
	// MaxDepth bounds RunURL's crawl (links from the start page).
	MaxDepth int
	// Timeout bounds one request, body included.
	Timeout time.Duration
	// Retries is how many times a request that failed for a reason that
	// may pass (timeout, 429, 5xx) is tried again within a run.
	Retries int
	// RetryBackoff is the wait before the first retry; it doubles for each
	// further one. A Retry-After header asking for longer wins.
	RetryBackoff time.Duration
	// MaxRetryWait is the longest wait honoured within a run; a server
	// asking for longer has the URL marked failed, to be retried next run.
	MaxRetryWait time.Duration
	// MaxBodySize bounds a response body; larger responses fail.
	MaxBodySize int64
	// Progress, when set, receives a line every ProgressEvery: pages, queue, rate.
	Progress      io.Writer
	ProgressEvery time.Duration
	// Sink receives document pages and attachments. Required.
	Sink Sink
	// Transport replaces the HTTP transport (tests point it at httptest
	// servers). Nil means a clone of http.DefaultTransport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// PublicOnly refuses connections to loopback, private-network and other
	// non-public addresses, checked on the address being dialled (after DNS,
	// on every redirect hop). Set it when the URL comes from someone other
	// than the operator (the web desk's crawl form). It needs the default
	// transport or an *http.Transport, and connects without a proxy.
	PublicOnly bool
}

// DefaultUserAgent names vanthu to the sites it crawls; cmd/vanthu puts the
// real version and a contact in Config.UserAgent.
const DefaultUserAgent = "vanthu/dev (+https://github.com/vanthu/vanthu; official-documents archive)"

// DefaultConfig returns polite defaults: one request per host per second
// plus up to 250 ms of jitter, 30 s per request, 3 retries.
func DefaultConfig() Config {
	return Config{
		UserAgent:     DefaultUserAgent,
		Delay:         time.Second,
		Jitter:        250 * time.Millisecond,
		MaxDepth:      2,
		Timeout:       30 * time.Second,
		Retries:       3,
		RetryBackoff:  2 * time.Second,
		MaxRetryWait:  5 * time.Minute,
		MaxBodySize:   64 << 20,
		ProgressEvery: 2 * time.Second,
	}
}

func (c *Config) check() error {
	var errs []error
	if c.DataDir == "" && c.State == nil {
		errs = append(errs, errors.New("DataDir is empty and no State is given"))
	}
	if c.Sink == nil {
		errs = append(errs, errors.New("Sink is nil"))
	}
	if c.UserAgent == "" {
		errs = append(errs, errors.New("UserAgent is empty: portals must be able to tell who crawls them"))
	}
	if c.Delay < 0 || c.Jitter < 0 || c.Timeout < 0 || c.RetryBackoff < 0 || c.MaxRetryWait < 0 {
		errs = append(errs, errors.New("negative duration"))
	}
	if c.MaxPages < 0 || c.MaxDepth < 0 || c.Retries < 0 || c.MaxBodySize < 0 {
		errs = append(errs, errors.New("negative limit"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("crawl: config: %w", err)
	}
	d := DefaultConfig()
	if c.Timeout == 0 {
		c.Timeout = d.Timeout
	}
	if c.MaxBodySize == 0 {
		c.MaxBodySize = d.MaxBodySize
	}
	if c.ProgressEvery == 0 {
		c.ProgressEvery = d.ProgressEvery
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}
