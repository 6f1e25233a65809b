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
// The package depends on the domain's adapters through small interfaces
// (Searcher, Ingester, Drafter) so handlers are tested with fakes and a real
// index alike; cmd/vanthu builds the real ones.
package web
