package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"vanthu/corpus"
)

// CitesResult is the answer of Cites and CitedBy; its JSON form is the
// output of `vanthu cites --json`.
type CitesResult struct {
	Number string `json:"number"` // the number asked for, canonical
	Key    string `json:"key"`    // its corpus number key
	// Documents are the indexed documents with this number (a Party number
	// may name several, one per term).
	Documents []DocRef `json:"documents"`
	// Citations: for Cites, what those documents cite; for CitedBy, the
	// documents citing this number.
	Citations []Citation `json:"citations"`
}

// DocRef names an indexed document.
type DocRef struct {
	ID     string `json:"id"`
	Number string `json:"number,omitempty"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

// Citation is one edge of the citation graph.
type Citation struct {
	From   DocRef `json:"from"`             // the citing document
	Number string `json:"number,omitempty"` // the cited number as the citing text gives it
	Key    string `json:"key,omitempty"`
	Type   string `json:"type,omitempty"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
	Quote  string `json:"quote,omitempty"`
	// Resolved says whether a document with the cited number is in the
	// index; IDs are those documents. Unresolved citations are what an
	// archivist should fetch next.
	Resolved bool     `json:"resolved"`
	IDs      []string `json:"ids,omitempty"`
}

// maxCiting caps the documents CitedBy lists.
const maxCiting = 1000

// Cites returns what the document(s) with this number cite, each citation
// resolved to the indexed documents with the same number key.
func (ix *Index) Cites(ctx context.Context, number string) (res CitesResult, err error) {
	defer recoverErr("cites", &err)
	idx, err := ix.current()
	if err != nil {
		return CitesResult{}, err
	}
	defer ix.mu.RUnlock()
	res, key, err := citesHead(number)
	if err != nil {
		return res, err
	}
	hits, err := findByTerm(ctx, idx, fNumberKey, key, 100)
	if err != nil {
		return res, err
	}
	if len(hits) == 0 {
		return res, fmt.Errorf("index: cites %q: no indexed document has this number: %w", number, ErrNotFound)
	}
	resolved := map[string][]string{}
	for _, h := range hits {
		from := docRef(h)
		res.Documents = append(res.Documents, from)
		var cs []storedCitation
		if s := fieldString(h, fCitesJSON); s != "" {
			if err := json.Unmarshal([]byte(s), &cs); err != nil {
				return res, fmt.Errorf("index: cites %q: citations of %s: %w", number, h.ID, err)
			}
		}
		for _, c := range cs {
			e := Citation{From: from, Number: c.Number, Key: c.Key, Type: c.Type, Date: c.Date.String(), Issuer: c.Issuer, Quote: c.Quote}
			if c.Key != "" {
				ids, ok := resolved[c.Key]
				if !ok {
					ms, err := findByTerm(ctx, idx, fNumberKey, c.Key, 100)
					if err != nil {
						return res, err
					}
					for _, m := range ms {
						ids = append(ids, m.ID)
					}
					resolved[c.Key] = ids
				}
				e.IDs, e.Resolved = ids, len(ids) > 0
			}
			res.Citations = append(res.Citations, e)
		}
	}
	return res, nil
}

// CitedBy returns the documents whose citations carry this number's key.
// The number need not be indexed itself (Documents is then empty).
func (ix *Index) CitedBy(ctx context.Context, number string) (res CitesResult, err error) {
	defer recoverErr("cited-by", &err)
	idx, err := ix.current()
	if err != nil {
		return CitesResult{}, err
	}
	defer ix.mu.RUnlock()
	res, key, err := citesHead(number)
	if err != nil {
		return res, err
	}
	targets, err := findByTerm(ctx, idx, fNumberKey, key, 100)
	if err != nil {
		return res, err
	}
	var ids []string
	for _, h := range targets {
		res.Documents = append(res.Documents, docRef(h))
		ids = append(ids, h.ID)
	}
	citing, err := findByTerm(ctx, idx, fCites, key, maxCiting)
	if err != nil {
		return res, err
	}
	for _, h := range citing {
		from := docRef(h)
		var cs []storedCitation
		_ = json.Unmarshal([]byte(fieldString(h, fCitesJSON)), &cs)
		found := false
		for _, c := range cs {
			if c.Key != key {
				continue
			}
			found = true
			res.Citations = append(res.Citations, Citation{From: from, Number: c.Number, Key: c.Key, Type: c.Type,
				Date: c.Date.String(), Issuer: c.Issuer, Quote: c.Quote, Resolved: len(ids) > 0, IDs: ids})
			break
		}
		if !found {
			res.Citations = append(res.Citations, Citation{From: from, Number: res.Number, Key: key, Resolved: len(ids) > 0, IDs: ids})
		}
	}
	sort.SliceStable(res.Citations, func(i, j int) bool { return res.Citations[i].From.Date > res.Citations[j].From.Date })
	return res, nil
}

func citesHead(number string) (CitesResult, string, error) {
	key := corpus.NumberKey(number)
	if key == "" {
		// "4060 cv btctu": read it as the search box does.
		if keys, _ := numberTerms(number); len(keys) > 0 {
			key = keys[len(keys)-1]
		}
	}
	if key == "" {
		return CitesResult{Number: strings.TrimSpace(number)}, "", fmt.Errorf("index: cites: %q is not a document number (want e.g. 38-CT/TW, 155/2020/NĐ-CP)", number)
	}
	return CitesResult{Number: corpus.CanonicalNumber(number), Key: key, Documents: []DocRef{}, Citations: []Citation{}}, key, nil
}

func findByTerm(ctx context.Context, idx bleve.Index, field, term string, size int) ([]*search.DocumentMatch, error) {
	req := bleve.NewSearchRequestOptions(termQ(field, term, 1), size, 0, false)
	req.Fields = []string{fNumber, fTitle, fDateS, fIssuer, fCitesJSON}
	req.SortBy([]string{"-" + fDate, "_id"})
	sr, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: find %s=%q: %w", field, term, err)
	}
	return sr.Hits, nil
}

func docRef(h *search.DocumentMatch) DocRef {
	return DocRef{ID: h.ID, Number: fieldString(h, fNumber), Title: fieldString(h, fTitle), Date: fieldString(h, fDateS), Issuer: fieldString(h, fIssuer)}
}

func fieldString(h *search.DocumentMatch, k string) string {
	s, _ := h.Fields[k].(string)
	return s
}
