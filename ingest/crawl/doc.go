// Package crawl fetches official portals (a province's Sở Ngoại vụ news and
// directives, vbpl.vn document pages) into the ingest pipeline: politely,
// incrementally, resumably, and saying when a site stops looking the way its
// source describes.
//
// # Sources are data
//
// A YAML file (LoadSources) lists sources: start URLs, allowed hosts, link
// rules (regexps on URLs and CSS selectors on pages) that classify every link
// as a list page (followed for links only), a document page (handed to the
// sink, its attachments fetched) or an attachment (PDF, DOC, DOCX), and how to
// read a document page (CSS selectors for title, number, date, issuer... or
// "auto": the HTML reader finds the main content). Errors name the file, the
// source and the field.
//
// # What the sink receives
//
// The untouched bytes and the Content-Type as served (ingest.Input): the
// pipeline keeps the original and runs the readers itself. Colly converts
// bodies whose Content-Type names a charset; windows-1258 would come out
// decomposed and the original would be lost, so the crawler strips the
// charset from colly's view of the header and hands the sink the real one.
// Selected fields are decoded here (charset from header or <meta>, then NFC)
// and passed as Input.Fields; an attachment inherits its page's fields and
// gets Input.Of = the page URL, so a scan that needs OCR still joins its
// page's document.
//
// # Politeness
//
// Colly checks robots.txt (IgnoreRobotsTxt = false); the file is fetched once
// per host and run by the crawler, which also reads Crawl-delay (colly does
// not) and serves the same bytes to colly's check. Each host gets a colly
// LimitRule: one request at a time, then max(delay, Crawl-delay) plus random
// jitter. Requests carry Config.UserAgent. 429 and 503 are retried after
// Retry-After (seconds or date) or an exponential backoff; 5xx, timeouts and
// connection errors are retried the same way, Config.Retries times. Links
// and redirects outside the allowed hosts, or forbidden by robots.txt, are
// never followed. Each redirect hop waits the host's delay like a page; a redirect
// loop (a URL seen again, or more than ten hops) fails at once and is not
// retried. robots.txt rules and URL paths are compared in one normal form
// (RFC 9309 §2.2.2: unreserved escapes decoded, so /%70rivate/ is /private/;
// UTF-8 percent-encoded). With Config.PublicOnly the dialler refuses
// loopback, private and other non-public addresses, after DNS and on every
// hop, for crawls that someone other than the operator asked for.
//
// # State: incremental and resumable
//
// The State (state.go) keeps, per URL, first/last seen, ETag, Last-Modified,
// the sha256 handed to the sink, the status and the document id; per source,
// the current run's frontier (FIFO), its seen-set and counters, and the last
// finished run's Report. A run resumes an unfinished one (killed, cancelled,
// or stopped by MaxPages) when the source's configuration is unchanged. By
// default it is <DataDir>/crawl/state.db (bbolt, see boltstate.go for the
// layout); in cluster mode Config.State is package natsstate's, in JetStream
// key-value, and a run stopped on one machine continues on another. Each page
// is committed atomically after the sink accepted it, so a restart loses
// nothing; after a cancellation nothing is repeated, and after kill -9 at most
// the one page in flight is handed to the sink again (the pipeline sees the
// same sha256 and stores nothing new). The next run makes conditional GETs; a
// 304 or identical bytes are "unchanged" and not handed to the sink, and a 304
// page's links are replayed from the state so unchanged list pages still lead
// to every document. Heap use does not grow with the number of URLs: the
// seen-set and frontier live in the state, reports keep at most MaxFailures
// failures.
//
// # Watching sources
//
// Each Run returns a Report (JSON: `vanthu crawl --json`), saved in the state.
// Compared with the previous one it warns when a source that yielded document
// pages yields none, when no rule matches any link on the list pages, or when
// a page selector that matched stops matching: signs that the site changed.
// Notes record facts such as a Crawl-delay longer than the configured delay.
//
// Runs are sequential within a source (one request at a time); runs of
// several sources may go in parallel on one Crawler, and a Crawler-wide lock
// per host (held over each request, robots.txt included, and the delay after
// it) keeps them polite to a host they share.
package crawl
