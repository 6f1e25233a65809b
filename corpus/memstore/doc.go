// Package memstore is a corpus.Store held in memory, for tests, dry runs
// (`vanthu ingest --dry-run`) and as the reference behaviour of the
// conformance suite in corpus/corpustest.
//
// # Design
//
// One RWMutex guards four maps: documents by id (the current view, text
// included), originals and per-version texts by sha256, the first document
// each original was stored for (HasOriginal), and document ids by number key
// (FindNumber). Every value is deep-copied on the way in and on the way out,
// so a caller mutating a Document it passed to Put or got from Get never
// changes what the store holds; that is what a store on disk gives for free,
// and tests written against memstore must not come to depend on aliasing.
//
// The identity and version rules (merge.go) are the same as corpus/filestore's:
// the id is corpus.DocID of the document, identical bytes are a no-op, new
// bytes of the same official document become a new version, and the view
// comes from the newest version whose extraction succeeded.
//
// Nothing survives Close or the process: this store makes no durability
// promise at all.
package memstore
