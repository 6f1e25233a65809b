package filestore

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
)

// The rules below are shared word for word with corpus/memstore (merge.go):
// both stores must decide identity and versions the same way, and the
// conformance suite in corpus/corpustest holds them to it.

// prepare validates a document handed to Put and fills in what the store owns:
// the sha256 and size of the original, the ingestion time when the caller left
// it zero, and the id derived from the document's identity (corpus.DocID).
func prepare(original []byte, doc corpus.Document, now time.Time) (corpus.Document, error) {
	if len(original) == 0 {
		return doc, fmt.Errorf("filestore: put %q: %w: no original bytes", doc.Label(), corpus.ErrInvalid)
	}
	doc.Source.SHA256 = corpus.SHA256(original)
	doc.Source.Size = int64(len(original))
	if doc.Source.IngestedAt.IsZero() {
		doc.Source.IngestedAt = now.UTC()
	}
	doc.ID = corpus.DocID(&doc)
	if err := validID(doc.ID); err != nil {
		return doc, fmt.Errorf("filestore: put %q: %w: %v", doc.Label(), corpus.ErrInvalid, err)
	}
	doc.Versions = nil
	return doc, nil
}

// validID accepts any id a record may carry from another system, as long as it
// can be printed and named in a message: valid UTF-8, no control characters,
// at most 512 bytes.
func validID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("empty id")
	case len(id) > 512:
		return fmt.Errorf("id longer than 512 bytes")
	case !utf8.ValidString(id):
		return fmt.Errorf("id %q is not valid UTF-8", id)
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return fmt.Errorf("id %q contains a control character", id)
		}
	}
	return nil
}

// merge decides what a Put of doc (prepared) does to the stored view prev
// (nil when the id is new) and returns the next view.
//
//   - new id: stored, one version;
//   - bytes already listed: unchanged, unless the listed version's extraction
//     was not ok and this one is (a retry once an OCR engine is installed):
//     then the version is replaced in place and the status is new-version;
//   - new bytes: appended to Versions (oldest first), new-version.
//
// The view (metadata, Text, Source) comes from the newest version whose
// extraction was ok, so a re-stamped PDF that could not be read does not wipe
// out what an earlier version gave; when no version is ok, from the newest.
// Source is therefore the version the text and metadata were read from, which
// is Versions[len-1] unless that one failed.
func merge(prev *corpus.Document, doc corpus.Document) (corpus.Document, corpus.PutStatus) {
	if prev == nil {
		doc.Versions = []corpus.Version{doc.Source}
		return doc, corpus.PutStored
	}
	ok := func(v corpus.Version) bool { return v.Status == corpus.StatusOK }
	cur := -1
	at := -1
	for i, v := range prev.Versions {
		if v.SHA256 == prev.Source.SHA256 {
			cur = i
		}
		if v.SHA256 == doc.Source.SHA256 {
			at = i
		}
	}
	versions := append([]corpus.Version(nil), prev.Versions...)
	fromNew := false
	switch {
	case at >= 0 && (ok(versions[at]) || !ok(doc.Source)):
		return *prev, corpus.PutUnchanged
	case at >= 0:
		versions[at] = doc.Source
		fromNew = !ok(prev.Source) || at >= cur
	default:
		versions = append(versions, doc.Source)
		fromNew = ok(doc.Source) || !ok(prev.Source)
	}
	next := *prev
	if fromNew {
		next = doc
	}
	next.ID = prev.ID
	next.Versions = versions
	return next, corpus.PutNewVersion
}
