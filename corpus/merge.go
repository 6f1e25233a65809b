package corpus

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"
)

// The identity and version rules every Store applies, here once so that all
// stores decide the same way; the conformance suite in corpus/corpustest holds
// them to it.

// PreparePut validates a document handed to Put and fills in what the store owns:
// the sha256 and size of the original, the ingestion time when the caller left
// it zero, and the id derived from the document's identity (DocID).
func PreparePut(original []byte, doc Document, now time.Time) (Document, error) {
	if len(original) == 0 {
		return doc, fmt.Errorf("put %q: %w: no original bytes", doc.Label(), ErrInvalid)
	}
	doc.Source.SHA256 = SHA256(original)
	doc.Source.Size = int64(len(original))
	if doc.Source.IngestedAt.IsZero() {
		doc.Source.IngestedAt = now.UTC()
	}
	doc.ID = DocID(&doc)
	if err := ValidID(doc.ID); err != nil {
		return doc, fmt.Errorf("put %q: %w: %v", doc.Label(), ErrInvalid, err)
	}
	doc.Versions = nil
	return doc, nil
}

// ValidID accepts any id a record may carry from another system, as long as it
// can be printed and named in a message: valid UTF-8, no control characters,
// at most 512 bytes.
func ValidID(id string) error {
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

// MergeVersion decides what a Put of doc (prepared) does to the stored view prev
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
func MergeVersion(prev *Document, doc Document) (Document, PutStatus) {
	if prev == nil {
		doc.Versions = []Version{doc.Source}
		return doc, PutStored
	}
	ok := func(v Version) bool { return v.Status == StatusOK }
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
	versions := append([]Version(nil), prev.Versions...)
	fromNew := false
	switch {
	case at >= 0 && (ok(versions[at]) || !ok(doc.Source)):
		return *prev, PutUnchanged
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
	return next, PutNewVersion
}
