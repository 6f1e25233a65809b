// Package ingest is the pipeline that turns an original (a file, a fetched page,
// an imported record) into a stored document: keep the original untouched,
// extract its text, normalise it, parse metadata, store it as a new document or a
// new version, then tell the index.
//
// It depends only on corpus and on the small interfaces declared here
// (Extractor, Parser, Indexer): the PDF reader, the HTML reader, the metadata
// parser and the bleve index are plugged in by cmd/vanthu, so each can be
// replaced, tested alone, or later run as a separate worker.
//
// Nothing is lost on bad input: an original whose text cannot be read is still
// stored, with a status (failed, needs-ocr) and a message, so it can be
// retried; only inputs that are not documents at all (empty files, unknown
// formats) are rejected, with an *InputError naming the file and the reason.
//
// Signatures: each version records what its file says about signing
// (corpus.SignatureCheck). A PDF's embedded signatures are checked by the
// configured SignatureVerifier (pdfsig); a text whose e-signature block
// ("Người ký: ... Thời gian ký: ...") no signature backs is "text-only".
// A new version whose signature fails where an earlier version's held is
// stored, with a warning in its Result, and the document page says so.
package ingest
