// Package web is the web desk: one local site where clerks search the corpus,
// read a document with where each field came from, draft a trip's letters with
// a live rules check, and (archivists) file new documents — plus the JSON API
// that scripts and other office systems call.
//
// Pages are server-rendered with html/template (every value escaped; the only
// markup let through is the <mark> of search snippets, re-escaped here), one
// small stylesheet, and a few lines of script that only add convenience (live
// rules check, extra form rows): every form works without it.
//
// Safety: reads are open; writes (ingest, crawl) need the token whenever the
// server listens beyond localhost (cmd/vanthu refuses to start otherwise);
// every POST must come from this site (Origin check) and forms carry a CSRF
// token; uploads and requests are bounded in size and time; nothing in a
// request names a file: originals are served from the store by document id
// and the sha256 of one of that document's versions.
//
// A token-less server on loopback (Config.LocalOnly) answers only requests
// whose Host is 127.0.0.1, localhost or [::1]: a page on another domain that
// re-resolves its name to 127.0.0.1 (DNS rebinding) sends its own name as
// Host and is refused, reads included. The crawl form reaches only public
// addresses (unless Config.CrawlPrivate), refused early here and enforced by
// the crawler on every address it dials. Searches are bounded in bytes,
// words and numbers, and a page echoes a bounded part of what it refused.
//
// The trip register (Config.Trips, a *register.Register) has its own pages
// (trips*.go): Sổ đoàn ra with its filters, overdue trips first; a page per
// trip with its timeline, documents (listed, or carrying its numbers; a
// document's page names its trips), deadlines with their rules' citations,
// the rules check and a form per allowed status move; the statistics with
// charts drawn as SVG on the server (no script, nothing fetched elsewhere);
// the pairs of trips to combine; the yearly plan and report as PDF and
// XLSX; and the same as JSON under /api/trips. "Today" is the register's
// clock, so deadlines move with the clock a test injects.
//
// The package depends on the domain's adapters through small interfaces
// (Searcher, Ingester, Drafter) so handlers are tested with fakes and a real
// index alike; cmd/vanthu builds the real ones.
package web
