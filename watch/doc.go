// Package watch keeps saved searches and collects the documents newly
// ingested that match them.
//
// A saved search (a query, its filters and a name, per user) is a record of
// kind "watch" in the corpus's RecordStore. New documents are found on the
// ingest sequence — the audit log's sequence numbers of "document.put"
// entries — never by wall-clock times, so a clock set wrong, a document
// dated in the past or two ingests in the same second change nothing: each
// saved search remembers the last entry it has looked at (Collected) and the
// last one its owner has seen (Seen). Collect asks a Matcher (the search
// index, in cmd) which of the documents stored since Collected the search
// finds, and appends them to the search's matches (the newest 200 kept);
// Check returns those after Seen and marks them seen.
//
// Atom writes a user's matches as an Atom 1.0 feed (RFC 4287), for a
// newsreader polling a secret address (the user's feed token, package
// account).
package watch
