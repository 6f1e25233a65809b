package index

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"vanthu/corpus"
)

// fVersion records which version of a document the index holds: one term
// per document, "<id> <first 16 hex digits of its source sha256>", indexed
// but neither stored nor searched. A term rather than a stored field or
// bleve's internal key-value store, because scorch rewrites every internal
// value at every snapshot it persists (100,000 documents would mean
// megabytes written per batch), and a stored field is read back only
// together with the document's whole text. The dictionary of one field is
// read quickly, and the postings say which terms belong to live documents
// (a replaced or deleted document's term stays in the dictionary of its old
// segment until a merge, but without live postings).
const fVersion = "version_key"

// VersionPrefixLen is how much of a version's sha256 the index keeps: 64
// bits tell versions of one document apart.
const VersionPrefixLen = 16

func versionTerm(id, sha string) string {
	if len(sha) > VersionPrefixLen {
		sha = sha[:VersionPrefixLen]
	}
	return id + " " + sha
}

// addVersionField adds fVersion to a document built for d.
func (ix *Index) addVersionField(doc *document.Document, d *corpus.Document) {
	if d.Source.SHA256 == "" {
		return
	}
	a := ix.mapping.AnalyzerNamed(keyword.Name)
	doc.AddField(document.NewTextFieldCustom(fVersion, nil, []byte(versionTerm(d.ID, d.Source.SHA256)), bindex.IndexField, a))
}

// Versions returns, for every document in the index, the first
// VersionPrefixLen hex digits of the sha256 of the version it was indexed
// from (its Source). A document indexed by a vanthu that did not record
// versions is absent from the map; compare with Count to tell.
func (ix *Index) Versions(ctx context.Context) (out map[string]string, err error) {
	defer recoverErr("versions", &err)
	idx, err := ix.current()
	if err != nil {
		return nil, err
	}
	defer ix.mu.RUnlock()
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: versions: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: versions: %w", err)
	}
	defer r.Close()
	out = map[string]string{}
	n := 0
	err = visitPostings(ctx, r, fVersion, func(term string) func(uint64) {
		if n++; n%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		return func(uint64) {
			if i := strings.LastIndexByte(term, ' '); i > 0 {
				out[term[:i]] = term[i+1:]
			}
		}
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("index: versions: %w", err)
	}
	return out, nil
}

// SameVersion reports whether a version prefix from Versions names the
// version whose full sha256 is sha.
func SameVersion(prefix, sha string) bool {
	return prefix != "" && strings.HasPrefix(sha, prefix)
}
