// Package filestore is the corpus.Store of vanthu's embedded default: a data
// directory of plain files that a person can read, back up with rsync and
// check with sha256sum, and that survives the process being killed at any
// instant.
//
// # Layout
//
//	<dir>/FORMAT                  "vanthu-filestore 1": Open refuses other layouts
//	<dir>/LOCK                    the writer's flock; holds the writer's pid
//	<dir>/objects/ab/<sha256>     an original, byte for byte as it arrived; never modified
//	<dir>/objects/ab/<sha256>.txt the text extracted from that original
//	<dir>/objects/ab/<sha256>.json the metadata read from that original: a
//	                              corpus.Document without Text, whose Source is
//	                              this version (provenance: URL or path, times,
//	                              MIME type, extractor, status)
//	<dir>/docs/<id>.json          the current view of a document: the metadata
//	                              of its chosen version plus the list of all its
//	                              versions, oldest first; no text (it is the .txt
//	                              of the version named by Source)
//	<dir>/records/<kind>/<id>/<00000001>.json
//	                              one version of a record people keep besides
//	                              documents (a trip, a correction, a rule set):
//	                              a whole corpus.Record, written once; the
//	                              highest number is the current version; <id>
//	                              is escaped as document ids are
//
// "ab" is the first two hex digits of the sha256: 256 directories keep each
// one small at millions of originals. Objects are content-addressed, so the
// same bytes are stored once however often they are ingested; everything
// under objects/ is immutable except that a version whose extraction failed
// gets its .txt and .json replaced when the same bytes are extracted
// successfully later (the OCR retry; see the merge rules in merge.go). The
// rare second document that arrives with the very bytes of another (one page
// at two URLs) shares the original and text and gets its own metadata file,
// <sha256>.<first 16 hex of sha256(id)>.json.
//
// Document ids come from corpus.DocID and are already safe file names; ids
// that records bring from other systems are escaped (%XX for any byte
// outside [a-z0-9._-], upper case included so case-insensitive file systems
// cannot merge two ids), and names over 180 bytes become "~<sha256 of id>".
//
// # Durability
//
// Every file is written under a temp name ".tmp-<name>-<random>" in its
// directory, made durable, then renamed over its name, and the directory
// made durable in turn: rename(2) is atomic, so a reader sees the old file
// or the new one, never a part, and the flushes make the data and then the
// directory entry survive a power cut, not only a process kill. A Put's
// files are renamed in the order original, text, version metadata (the
// objects), then docs/<id>.json, which is what makes the document exist;
// Put returns only once all of it is durable, so a document exists (is
// listed by Open, Len, Each, FindNumber) only once all of it is on disk,
// and whatever Put returned for is still there after kill -9 (TestCrash
// kills a child process in the middle of serial and of concurrent Puts,
// repeatedly).
//
// Puts made at the same time share their flushes (group commit, commit.go):
// each writes its temp files without waiting for the disk and joins the
// open group; one goroutine commits the groups in turn: flush every file
// of the group, rename the objects, flush their directories, rename the
// documents, flush docs/. On Linux one syncfs(2) does each flush, so a
// group of a thousand documents costs three flushes instead of eight
// fsyncs a document; elsewhere the files are fsynced in parallel. An
// ingest that runs many Puts at once (cmd/vanthu) is thus bound by the
// disk's bandwidth rather than by its latency. A crash leaves at worst temp
// files, which the next writer's Open deletes, and complete objects no
// document lists yet, which are harmless: the next Put of those bytes
// reuses them, and Repair adopts their metadata.
//
// # Index
//
// Open reads every docs/*.json (in parallel, decoding only id, number key,
// date and version hashes) into an in-memory index: ids, number key → ids,
// sha256 → first id. Nothing derived is stored, so the index cannot go stale
// or disagree with the files; docs/benchmarks/store.md has the Open time for
// 100,000 documents. Get reads docs/<id>.json directly, so a read-only store
// sees documents written after it opened; Len, Each and FindNumber see the
// index taken at Open (plus its own writes).
//
// # Processes
//
// One writer at a time: a writer takes flock(LOCK_EX|LOCK_NB) on <dir>/LOCK
// and a second writer gets a *LockedError (ErrLocked) that names the
// directory, the holder's pid and what to do. The kernel drops the lock when
// the holder dies, so no stale lock survives a crash. Config.ReadOnly opens
// take no lock and never write or delete, so `vanthu show` works while
// `vanthu serve` runs; they skip temp files and tolerate documents appearing
// while they scan.
//
// # Damage
//
// A docs/<id>.json that cannot be decoded does not make Open fail: it is
// skipped and named in Warnings. Repair rebuilds docs/ from the version
// metadata in objects/ (replaying each document's versions in order of
// ingestion through the Put rules), and Verify re-hashes every original and
// checks that every version's text and metadata are present.
package filestore
