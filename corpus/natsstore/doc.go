// Package natsstore is a corpus.Store and corpus.RecordStore on NATS
// JetStream, so that several machines share one corpus: any node may store a
// document, and every node reads the same documents.
//
// # Layout
//
// A store is named (Config.Name, "vanthu" by default) and keeps two
// replicated JetStream buckets:
//
//	<name>        key-value bucket (history 1):
//	  d.<id>                 the document's view and versions (JSON, its
//	                         text left out), written by compare-and-set on
//	                         the key's revision
//	  n.<number key>.<id>    the number index: one key per document
//	  o.<sha256>             the first document stored with an original
//	  v.<sha256>             the sha256 of the text read from that original
//	  rc.<kind>.<id>         a record's current version
//	  rv.<kind>.<id>.<n>     every version of a record
//	<name>-blobs  object store:
//	  o/<sha256>             the original bytes, never modified
//	  t/<sha256 of text>     a text, content-addressed
//
// Ids and number keys are base64url-encoded in keys (ids may hold any
// printable character, keys only a few).
//
// # Writes
//
// Every write is keyed by content and idempotent, so a job redelivered after
// its worker died stores nothing new. A Put writes the original and the text
// first, then the number index key, then the document record with a
// compare-and-set on its revision (retrying the merge on a conflict), then
// the original's owner (create-only). A document is therefore visible only
// once its original and text are durable; a number index key whose document
// does not (yet) carry that number is ignored by FindNumber.
//
// A record version is committed by creating rv.<kind>.<id>.<n>: of two
// writers racing for version n one fails to create it and retries (or gets
// corpus.ErrConflict when it asked for n-1). rc.<kind>.<id> then follows; a
// writer that finds rv.<n> without rc at n rolls rc forward first, so a writer
// that died between the two leaves nothing stuck.
//
// # Events
//
// The documents' keys are the change feed: the bucket's stream carries one
// message per document write (subject $KV.<name>.d.<id>), with a sequence
// number. A search node reads that stream from the sequence after the last
// one it applied (Watch); as the bucket keeps only the latest value of each
// key, a node that starts from sequence 1 reads every document once.
package natsstore
