package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"sort"
	"strings"
	"unicode"
)

// Sentinel errors shared by every Store.
var (
	ErrNotFound = errors.New("corpus: not found")
	ErrInvalid  = errors.New("corpus: invalid document")
)

// PutStatus says what a Put did.
type PutStatus string

const (
	PutStored     PutStatus = "stored"      // a new document
	PutNewVersion PutStatus = "new-version" // new bytes of a document already stored
	PutUnchanged  PutStatus = "unchanged"   // these bytes were already stored for this document
)

// PutResult is what Put returns.
type PutResult struct {
	ID       string
	Status   PutStatus
	Document Document // the stored view after the Put
}

// Store is the source of truth: immutable originals by sha256 and the
// documents derived from them. Implementations are safe for concurrent use;
// every write is idempotent and keyed by content, and a document is visible
// only once all of it (original, text, metadata) is durable.
type Store interface {
	// Put stores original (the untouched bytes) and the document derived from
	// them. doc.Source describes this version; doc.Source.SHA256 and Size are
	// filled in by the store. The document id is DocID(doc).
	Put(ctx context.Context, original []byte, doc Document) (PutResult, error)
	// Get returns a document by id, or ErrNotFound.
	Get(ctx context.Context, id string) (Document, error)
	// FindNumber returns the documents whose number has the same key as number
	// (any spelling), newest first.
	FindNumber(ctx context.Context, number string) ([]Document, error)
	// HasOriginal reports whether an original with this sha256 is stored, and
	// for which document.
	HasOriginal(ctx context.Context, sha string) (id string, ok bool, err error)
	// Original opens the stored bytes of a version.
	Original(ctx context.Context, sha string) (io.ReadCloser, error)
	// VersionText returns the text extracted from one version.
	VersionText(ctx context.Context, sha string) (string, error)
	// Each calls fn for every document, in id order, until fn returns an error.
	Each(ctx context.Context, fn func(Document) error) error
	// Len returns the number of documents.
	Len(ctx context.Context) (int, error)
	// Close releases resources.
	Close() error
}

// SHA256 returns the hex sha256 of b.
func SHA256(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:10]
}

// slug makes an ASCII, lower-case, dash-separated id part: "4060-CV/BTCTU" →
// "4060-cv-btctu".
func slug(s string) string {
	s = strings.ToLower(Fold(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return b.String()
}

// SortNewestFirst orders documents as FindNumber returns them: newest date of
// issue first, then by id, so every store answers in the same order.
func SortNewestFirst(docs []Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i].Date.String(), docs[j].Date.String()
		if a != b {
			return a > b
		}
		return docs[i].ID < docs[j].ID
	})
}

// LookupKey is the key FindNumber looks a number up by: its NumberKey in any
// spelling, or the trimmed string itself when it does not parse (records
// imported from other systems may carry keys of their own). People type
// numbers with spaces for separators ("4060 cv/btctu", "38 ct tw", "155 2020
// nd cp"), as search accepts them; such a reference is read with each space
// taken for a separator, which gives the same key whichever separator the
// number really has.
func LookupKey(number string) string {
	if k := NumberKey(number); k != "" {
		return k
	}
	if k := NumberKey(spacedNumber(number)); k != "" {
		return k
	}
	return strings.TrimSpace(number)
}

// spacedNumber rewrites "Số 4060 cv btctu" as "4060/cv/btctu": a leading "số"
// dropped, the remaining words joined by slashes. A reference that does not
// start with digits is returned unchanged (it is no number).
func spacedNumber(s string) string {
	f := strings.Fields(NFC(s))
	if len(f) > 0 && strings.EqualFold(strings.TrimRight(Fold(f[0]), ":."), "so") {
		f = f[1:]
	}
	if len(f) < 2 || f[0] == "" || f[0][0] < '0' || f[0][0] > '9' {
		return s
	}
	return strings.Join(f, "/")
}
