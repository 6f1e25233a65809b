// Package audit keeps the office's audit log: one line per write (a document
// ingested, a correction, a withdrawal, a trip's change, a rule set, an
// account, a login and a failed login) saying who, when, what, and the hashes
// of the record before and after.
//
// # On disk
//
// The log is a JSON Lines file (audit.jsonl in the data directory), only ever
// appended to and fsynced after each entry. Every entry carries a sequence
// number (1, 2, ...), the hash of the entry before it (Prev) and its own
// hash (Hash: the SHA-256 of the entry's JSON with Hash empty), so the file is
// a hash chain: editing an entry breaks its hash, deleting one breaks the
// next entry's Prev and the sequence. A small head file (audit.head) holds
// the last entry's sequence and hash, so that cutting entries off the end is
// seen too. Verify reads the whole chain and names the first entry that does
// not hold. The chain proves the log was not altered after the fact by
// someone who cannot also recompute every later hash; it is not a signature.
//
// The sequence numbers double as the ingest sequence: saved searches
// (package watch) collect the documents stored after the entry they last
// saw, never by wall-clock time.
//
// Store wraps a corpus store so that every document and record written
// through it appends its entry: the writes cannot forget to. Who wrote is
// taken from the context (WithActor), set by the web desk from the logged-in
// user and by the command line from the user running it.
package audit
