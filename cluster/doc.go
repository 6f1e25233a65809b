// Package cluster spreads vanthu's work over several machines through NATS
// JetStream: a work queue of ingest jobs that any number of workers pull,
// and a follower that keeps a search node's local index in step with the
// documents stored in a natsstore.Store.
//
// # Work queue
//
// Jobs go to one work-queue stream, <name>-jobs, on subjects
// <name>.jobs.<kind>; each kind has one durable pull consumer named after it
// (work-queue consumers must not overlap). A job names its original by
// sha256: the bytes are put in the store's object store first (content-
// keyed, so the worker's Put finds them there), and the job's message id is
// the hash of its kind, name and sha256, so a job published twice within the
// de-duplication window is queued once. A worker acknowledges a job only
// after its result is stored; while it works it tells the server it is still
// at it, and a worker that dies stops doing so: after AckWait the job is
// delivered to another worker. The store's Put is idempotent and keyed by
// content, so the second run stores nothing new.
//
// # Pages of a scan
//
// OCR is where the time goes (seconds a page), and one scan may have
// hundreds of pages. A worker reading a scan queues a KindOCRPage job for
// each page that needs OCR (PageReader, given to pdftext as its PageOCR)
// and waits; page workers on every machine (PageHandler, one a core) read
// the pages and store each reading as a KindPageReading record, keyed by
// the original's sha256, the page and the OCR settings; the waiting worker
// assembles them into the document exactly as one machine reading the
// scan would. The waiting workers must not be the ones that read pages
// (they would all be waiting), hence separate handlers. A page the queue
// gives up on (no machine could read it) ends the wait for it as a page
// not read.
//
// # Following the documents
//
// A search node reads the store's change feed (the key-value bucket's stream,
// filtered to document keys) with an ordered consumer, starting after the
// last sequence it applied, which it keeps in a small state file written
// after each batch. A node that crashes between indexing a batch and writing
// the state indexes the batch again, which changes nothing. A new node
// starts at sequence 1 and reads each stored document once (the bucket keeps
// only the latest value of a key).
package cluster
