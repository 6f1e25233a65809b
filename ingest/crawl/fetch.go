package crawl

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"vanthu/corpus"
	"vanthu/ingest"
)

// fetchResult is what colly's callbacks saw of one request.
type fetchResult struct {
	status      int
	header      http.Header
	body        []byte
	contentType string // as served, charset included
	finalURL    string
	err         error
}

const ctxResult = "vanthu.result"

func resultOf(ctx *colly.Context) *fetchResult {
	if fr, ok := ctx.GetAny(ctxResult).(*fetchResult); ok {
		return fr
	}
	return &fetchResult{} // not ours: dropped
}

func parseMediaType(ct string) (string, map[string]string, error) {
	if ct == "" {
		return "", nil, errors.New("empty")
	}
	return mime.ParseMediaType(ct)
}

// fetch makes one GET through colly.
func (r *run) fetch(u string, hdr http.Header) *fetchResult {
	fr := &fetchResult{}
	cctx := colly.NewContext()
	cctx.Put(ctxResult, fr)
	if err := r.col.Request(http.MethodGet, u, nil, cctx, hdr); err != nil && fr.err == nil {
		fr.err = err
	}
	return fr
}

// fetchLocked holds the Crawler-wide lock of the host during the request
// and colly's delay after it, so that runs of two sources on one host (run
// in parallel on one Crawler) still make one request at a time with the
// delay between them.
func (r *run) fetchLocked(host, u string, hdr http.Header) *fetchResult {
	mu := r.c.hostLock(host)
	mu.Lock()
	defer mu.Unlock()
	return r.fetch(u, hdr)
}

// outcome classes of a fetch.
type class int

const (
	classOK class = iota
	classNotModified
	classRetry     // may pass: timeout, 429, 5xx, connection errors
	classPermanent // will not pass this run: 404, off-host redirect, ...
	classRobots
)

func classify(fr *fetchResult) (class, string) {
	switch {
	case fr.status == http.StatusNotModified:
		return classNotModified, ""
	case fr.status >= 200 && fr.status < 300:
		return classOK, ""
	case fr.status == http.StatusTooManyRequests || fr.status == http.StatusServiceUnavailable:
		return classRetry, http.StatusText(fr.status)
	case fr.status >= 500:
		return classRetry, http.StatusText(fr.status)
	case fr.status >= 300:
		return classPermanent, http.StatusText(fr.status)
	}
	err := fr.err
	if err == nil {
		return classPermanent, "no response"
	}
	var ne net.Error
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked), errors.Is(err, ErrRobots):
		return classRobots, "disallowed by robots.txt"
	case errors.Is(err, ErrOffHost), errors.Is(err, ErrRedirectLoop):
		return classPermanent, errorText(err)
	case errors.Is(err, context.Canceled):
		return classPermanent, "cancelled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return classRetry, "timed out"
	case errors.Is(err, colly.ErrForbiddenDomain), errors.Is(err, colly.ErrAbortedAfterHeaders), errors.Is(err, colly.ErrAbortedBeforeRequest):
		return classPermanent, errorText(err)
	}
	return classRetry, errorText(err)
}

// errorText is an error's message, starting lower case, without Go's
// `Get "url":` prefix (the URL is reported beside it).
func errorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// retryAfter reads a Retry-After header: seconds or an HTTP date (RFC 9110 §10.2.3).
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now)
	}
	return 0
}

// process fetches one queued URL and works out what to commit. It returns
// errInterrupted when ctx ends before the item is done: nothing is committed
// and the item stays first in the queue.
func (r *run) process(ctx context.Context, it QueueItem) (Commit, error) {
	j := &job{r: r, it: it, cm: Commit{Item: it}}
	now := r.cfg.Now()
	u, err := url.Parse(it.URL)
	if err != nil || !r.src.compiled.hostAllowed(u) {
		r.rep.Skipped++
		return j.cm, nil
	}
	j.u = u
	rec, found, err := r.st.Record(ctx, it.URL)
	if err != nil {
		return j.cm, err
	}
	if !found {
		rec = URLRecord{Kind: it.Kind, FirstSeen: now, Of: it.Of}
	}
	j.rec = rec
	robots, err := r.setupHost(ctx, u)
	if ctx.Err() != nil {
		return j.cm, errInterrupted
	}
	if err != nil {
		return j.failed(0, "robots.txt unreachable: "+errorText(err))
	}
	if !robots.allowed(u) {
		r.rep.Robots++
		return j.cm, nil
	}
	fr, err := j.fetch(ctx)
	if fr == nil {
		return j.cm, err
	}
	now = r.cfg.Now()
	j.rec.Status, j.rec.Error, j.rec.LastSeen = fr.status, "", now
	j.cm.Record = &j.rec
	switch it.Kind {
	case KindList:
		r.rep.ListPages++
	case KindDocument:
		r.rep.DocumentPages++
	case KindAttachment:
		r.rep.Attachments++
	}
	if fr.status == http.StatusNotModified {
		return j.notModified(ctx)
	}
	if int64(len(fr.body)) > r.cfg.MaxBodySize {
		return j.failed(fr.status, fmt.Sprintf("%v: more than %d bytes", ErrTooLarge, r.cfg.MaxBodySize))
	}
	html := isHTML(fr.contentType, fr.body)
	var info pageInfo
	if html && it.Kind != KindAttachment {
		if info, err = j.readPage(fr); err != nil {
			return j.failed(fr.status, "unreadable HTML: "+err.Error())
		}
	}
	sha := corpus.SHA256(fr.body)
	unchanged := j.compare(sha, int64(len(fr.body)), info)
	var resLinks []string
	if !unchanged && (it.Kind != KindList || !html) {
		if resLinks, err = j.ingest(ctx, fr, sha, info, now); err != nil {
			return j.cm, err
		}
	} else {
		if !unchanged {
			j.rec.SHA256, j.rec.Size, j.rec.LastChanged = sha, int64(len(fr.body)), now
		}
		j.validators(fr)
	}
	if it.Kind != KindAttachment {
		ls := info.links
		// Attachments the HTML reader found in the main content are the
		// document's own files even when no link rule names them.
		for _, l := range resLinks {
			if cu := CanonicalURL(l); cu != "" && r.src.classify(cu, true, false, false) == KindAttachment {
				ls = append(ls, Link{URL: cu, Kind: KindAttachment})
			}
		}
		j.cm.Enqueue = r.follow(it, ls, info.fields)
	}
	return j.cm, nil
}

// job is one queued URL being processed: the record and the commit that
// process builds for it.
type job struct {
	r   *run
	it  QueueItem
	u   *url.URL
	rec URLRecord
	cm  Commit
}

// failed records a failure of the URL and commits it.
func (j *job) failed(status int, reason string) (Commit, error) {
	j.r.rep.fail(Failure{URL: j.it.URL, Kind: j.it.Kind, Status: status, Reason: reason})
	j.rec.Status, j.rec.Error = status, reason
	j.cm.Record = &j.rec
	return j.cm, nil
}

// fetch gets the URL, conditionally when the sink has its content,
// retrying what may pass. A nil result means the item is done: j.cm is what
// to commit, or the error is errInterrupted.
func (j *job) fetch(ctx context.Context) (*fetchResult, error) {
	r, rec := j.r, &j.rec
	hdr := http.Header{}
	hdr.Set("User-Agent", r.cfg.UserAgent)
	if rec.SHA256 != "" {
		// Conditional GET (RFC 9110 §13.1): only what changed comes back.
		if rec.ETag != "" {
			hdr.Set("If-None-Match", rec.ETag)
		}
		if rec.LastModified != "" {
			hdr.Set("If-Modified-Since", rec.LastModified)
		}
	}
	for attempt := 0; ; attempt++ {
		fr := r.fetchLocked(j.u.Host, j.it.URL, hdr)
		if ctx.Err() != nil {
			return nil, errInterrupted
		}
		if fr.status != 0 {
			r.fetched++
			r.rep.Fetched++
			r.rep.Bytes += int64(len(fr.body))
		}
		cl, reason := classify(fr)
		switch cl {
		case classOK, classNotModified:
			return fr, nil
		case classRobots:
			r.rep.Robots++
			return nil, nil
		case classPermanent:
			j.failed(fr.status, reason)
			return nil, nil
		case classRetry:
			if reason == "timed out" {
				reason = fmt.Sprintf("timed out after %s", r.cfg.Timeout)
			}
			if attempt >= r.cfg.Retries {
				j.failed(fr.status, fmt.Sprintf("%s (after %d attempts)", reason, attempt+1))
				return nil, nil
			}
			wait := r.cfg.RetryBackoff << attempt
			if ra := retryAfter(fr.header, r.cfg.Now()); ra > wait {
				wait = ra
			}
			if wait > r.cfg.MaxRetryWait {
				j.failed(fr.status, fmt.Sprintf("%s: server asks to wait %s (Retry-After), more than %s: retried next run", reason, wait.Round(time.Second), r.cfg.MaxRetryWait))
				return nil, nil
			}
			if err := sleepCtx(ctx, wait); err != nil {
				return nil, errInterrupted
			}
		default:
			return fr, nil
		}
	}
}

// notModified: the server says the sink's copy is current; a page's links
// are followed again from the stored ones.
func (j *job) notModified(ctx context.Context) (Commit, error) {
	j.r.rep.Unchanged++
	j.r.rep.NotModified++
	if j.it.Kind != KindAttachment {
		ls, err := j.r.st.Links(ctx, j.r.src.Name, j.it.URL)
		if err != nil {
			return j.cm, err
		}
		j.cm.Enqueue = j.r.follow(j.it, ls, j.rec.Fields)
	}
	return j.cm, nil
}

// readPage reads an HTML page's links and, on a document page, the fields
// of the source's selectors.
func (j *job) readPage(fr *fetchResult) (pageInfo, error) {
	base, _ := url.Parse(fr.finalURL)
	if base == nil {
		base = j.u
	}
	info, err := readPage(j.r.src, base, fr.body, fr.contentType, j.it.Kind == KindDocument)
	if err != nil {
		return info, err
	}
	if j.it.Kind == KindDocument {
		for name := range j.r.src.compiled.fields {
			j.r.rep.selector(name, info.matched[name])
		}
		j.rec.Fields = info.fields
	}
	if j.it.Kind == KindList && len(info.links) == 0 {
		j.r.rep.EmptyListPages++
	}
	j.cm.Links, j.cm.SetLinks = info.links, true
	return info, nil
}

// compare counts the content as new, changed or unchanged and says whether
// the sink already has it.
func (j *job) compare(sha string, size int64, info pageInfo) (unchanged bool) {
	rec, rep := &j.rec, &j.r.rep
	unchanged = rec.SHA256 == sha
	// A document page whose text is what the sink already has changed only
	// its markup: not a new version.
	markupOnly := !unchanged && j.it.Kind == KindDocument && rec.SHA256 != "" && info.textSHA != "" && rec.TextSHA == info.textSHA
	switch {
	case markupOnly:
		rep.Unchanged++
		rep.MarkupOnly++
		unchanged = true
		rec.SHA256, rec.Size = sha, size
	case unchanged:
		rep.Unchanged++
	case rec.SHA256 == "":
		rep.New++
	default:
		rep.Changed++
	}
	return unchanged
}

// validators keeps the response's ETag and Last-Modified. They are kept
// only with content the sink has (or did not need): a later 304 must never
// stand for bytes it never received.
func (j *job) validators(fr *fetchResult) {
	j.rec.ETag, j.rec.LastModified = fr.header.Get("ETag"), fr.header.Get("Last-Modified")
}

// ingest hands new content to the sink; it returns the links the sink's
// reader found (attachments), or errInterrupted.
func (j *job) ingest(ctx context.Context, fr *fetchResult, sha string, info pageInfo, now time.Time) ([]string, error) {
	rec, it := &j.rec, j.it
	in := ingest.Input{Name: it.URL, Data: fr.body, MIME: fr.contentType, FetchedAt: now, Of: it.Of, Fields: j.r.inputFields(it, info)}
	res, err := j.r.cfg.Sink.Ingest(ctx, in)
	if err != nil {
		if ctx.Err() != nil {
			return nil, errInterrupted
		}
		// Bytes the pipeline rejects as input will be rejected again:
		// remember them. Other failures (store) are retried next run.
		var ie *ingest.InputError
		if errors.As(err, &ie) {
			rec.SHA256, rec.Size = sha, int64(len(fr.body))
			j.validators(fr)
		}
		j.r.rep.ingested("error")
		j.r.rep.fail(Failure{URL: it.URL, Kind: it.Kind, Status: fr.status, Reason: "ingest: " + err.Error()})
		rec.Error = "ingest: " + err.Error()
		return nil, nil
	}
	j.r.rep.Documents++
	j.r.rep.ingested(res.Status)
	rec.SHA256, rec.Size, rec.DocID, rec.Result, rec.LastChanged = sha, int64(len(fr.body)), res.ID, res.Status, now
	rec.TextSHA = info.textSHA
	j.validators(fr)
	return res.Links, nil
}

// inputFields is the metadata handed with an input: the fields the page's
// selectors read; an attachment inherits its page's, so that a scanned PDF
// with no readable text still joins its page's document.
func (r *run) inputFields(it QueueItem, info pageInfo) map[string]string {
	if it.Kind == KindAttachment {
		if len(it.Fields) == 0 {
			return nil
		}
		return it.Fields
	}
	if it.Kind != KindDocument {
		return nil
	}
	f := map[string]string{}
	for k, v := range info.fields {
		f[k] = v
	}
	if r.src.Page.Body != "" {
		f["content_selector"] = r.src.Page.Body
	}
	if len(f) == 0 {
		return nil
	}
	return f
}

// follow turns a page's links into queue items, applying depth and the
// follow-from-documents rule.
func (r *run) follow(it QueueItem, ls []Link, fields map[string]string) []QueueItem {
	var out []QueueItem
	for _, l := range ls {
		child := QueueItem{URL: l.URL, Kind: l.Kind, Depth: it.Depth + 1}
		switch l.Kind {
		case KindAttachment:
			if it.Kind == KindDocument {
				child.Of, child.Fields = it.URL, fields
			}
		default:
			if it.Kind == KindDocument && !r.src.FollowFromDocuments {
				continue
			}
			if r.src.MaxDepth > 0 && child.Depth > r.src.MaxDepth {
				r.rep.Skipped++
				continue
			}
		}
		out = append(out, child)
	}
	return out
}
