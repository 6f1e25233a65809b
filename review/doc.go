// Package review is the loop in which a person checks what the machine read:
// the review queue ("Cần kiểm tra"), corrections of a document's metadata,
// withdrawal and restoration, purges of documents filed by mistake, and the
// comparison of two versions.
//
// # Records, never rewrites
//
// What people decide is kept as corpus.Record versions beside the documents,
// never by rewriting a document's stored metadata:
//
//	kind "correction", id = document id: the fields a person set (number,
//	    date, issuer...) and whether the document was marked "đã kiểm tra"
//	    (for which version of its original); every change is a new version
//	    naming its author and time, so earlier values stay readable.
//	kind "withdrawal", id = document id: withdrawn or restored, with why.
//	kind "purge", id = document id: the log of a purge (what was removed,
//	    by whom, why), written before the document is deleted.
//
// Store wraps a corpus.Store and applies the current correction over the
// extracted metadata in every view it returns (Get, FindNumber, Each, Put's
// result), and leaves withdrawn documents out of Each and Len. Everything
// that feeds the search index from it (ingest, reindex) therefore indexes
// the corrected view, and a later re-extraction, which only ever replaces
// the extracted metadata, cannot overwrite a person's correction.
package review
