package corpus

import (
	"sort"
	"strings"
)

// One official document reaches the corpus in several forms: the Công báo's
// PDF of a law and the portal's web page of it, a directive scanned and sent
// again as a signed PDF. Stored under one id they are one document with two
// versions and are found once; these rules decide when two forms are the
// same document, for ingestion (which joins them) and for `vanthu verify
// --duplicates` (which lists the pairs stored apart before).

// SameIssue reports whether a and b, read from two originals, are the same
// official document: the same number (any spelling), issuer names of which
// one contains the other ("Sở Ngoại vụ" / "Sở Ngoại vụ tỉnh Quảng Ninh"),
// and the same date of issue. A number is unique per issuer and year
// (Nghị định 30/2020/NĐ-CP, Điều 15), so when the number itself carries the
// year ("100/2015/QH13") a date missing on one side (a Công báo page whose
// date line was not read) does not keep them apart.
func SameIssue(a, b Document) bool {
	if a.NumberKey == "" || a.NumberKey != b.NumberKey {
		return false
	}
	ka, kb := MatchKey(a.Issuer), MatchKey(b.Issuer)
	if ka == "" || kb == "" || !(strings.Contains(ka, kb) || strings.Contains(kb, ka)) {
		return false
	}
	switch {
	case !a.Date.IsZero() && a.Date == b.Date:
		return true
	case a.Date.IsZero() != b.Date.IsZero():
		n, ok := ParseNumber(a.Number)
		if !ok || n.Year == 0 {
			n, ok = ParseNumber(b.Number)
		}
		if !ok || n.Year == 0 {
			return false
		}
		d := a.Date
		if d.IsZero() {
			d = b.Date
		}
		return d.Year == n.Year
	}
	return false
}

// DuplicateGroup is a set of stored documents that are likely one official
// document, and why.
type DuplicateGroup struct {
	Reason string   `json:"reason"` // "number": SameIssue; "title": same title, issuer and date; "text": same normalised text
	IDs    []string `json:"ids"`    // in id order
}

// Duplicates finds the documents stored apart that are likely the same
// official document: same number, issuer and date (SameIssue); without a
// number, the same title, issuer and date; or the same text once spelling,
// case, punctuation and spacing are set aside. Imported records are left
// out: their ids are given by their source. Add keeps what the rules need
// of each document, not its text, so a whole corpus can be passed through.
type Duplicates struct {
	docs     []Document // without text or versions
	byNumber map[string][]int
	byTitle  map[string][]int
	byText   map[string][]int
}

// Add considers d.
func (f *Duplicates) Add(d Document) {
	if d.Kind == KindRecord {
		return
	}
	if f.byNumber == nil {
		f.byNumber, f.byTitle, f.byText = map[string][]int{}, map[string][]int{}, map[string][]int{}
	}
	i := len(f.docs)
	text := MatchKey(d.Text)
	f.docs = append(f.docs, Document{ID: d.ID, Kind: d.Kind, Number: d.Number, NumberKey: d.NumberKey, Issuer: d.Issuer, Date: d.Date, Title: d.Title})
	if d.NumberKey != "" {
		f.byNumber[d.NumberKey] = append(f.byNumber[d.NumberKey], i)
	} else if t, is := MatchKey(d.Title), MatchKey(d.Issuer); len(strings.Fields(t)) >= 3 && is != "" && !d.Date.IsZero() {
		k := t + "|" + is + "|" + d.Date.String()
		f.byTitle[k] = append(f.byTitle[k], i)
	}
	if len(text) >= 200 {
		k := SHA256([]byte(text))
		f.byText[k] = append(f.byText[k], i)
	}
}

// Groups returns the likely duplicates found among the documents added.
func (f *Duplicates) Groups() []DuplicateGroup {
	var out []DuplicateGroup
	seen := map[string]bool{} // ids already in a group
	docs := f.docs
	add := func(reason string, ids []string) {
		sort.Strings(ids)
		out = append(out, DuplicateGroup{Reason: reason, IDs: ids})
		for _, id := range ids {
			seen[id] = true
		}
	}
	for _, k := range sortedKeys(f.byNumber) {
		idx := f.byNumber[k]
		used := make([]bool, len(idx))
		for x := range idx {
			if used[x] {
				continue
			}
			ids := []string{docs[idx[x]].ID}
			for y := x + 1; y < len(idx); y++ {
				if !used[y] && SameIssue(docs[idx[x]], docs[idx[y]]) {
					used[y] = true
					ids = append(ids, docs[idx[y]].ID)
				}
			}
			if len(ids) > 1 {
				add("number", ids)
			}
		}
	}
	for _, k := range sortedKeys(f.byTitle) {
		if idx := f.byTitle[k]; len(idx) > 1 {
			var ids []string
			for _, i := range idx {
				ids = append(ids, docs[i].ID)
			}
			add("title", ids)
		}
	}
	for _, k := range sortedKeys(f.byText) {
		var ids []string
		for _, i := range f.byText[k] {
			if !seen[docs[i].ID] {
				ids = append(ids, docs[i].ID)
			}
		}
		if len(ids) > 1 {
			add("text", ids)
		}
	}
	return out
}

func sortedKeys(m map[string][]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
