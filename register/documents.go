package register

import (
	"strings"

	"vanthu/corpus"
)

// Documents and trips are linked both ways without a second index: a trip
// lists the corpus ids of the documents filed for it (Entry.Documents: the
// letters generated for it, or any document a clerk links), and a document
// belongs to the trips that list it or whose request, decision, report or
// settlement carries its number (in any spelling: corpus.NumberKey).

// Numbers returns the document numbers a trip's file carries: its request,
// decision, report and settlement, as written.
func (e *Entry) Numbers() []string {
	var out []string
	for _, n := range []string{e.Request.Number, e.Decision.Number, e.Report.Number, e.Settlement.Number} {
		if strings.TrimSpace(n) != "" {
			out = append(out, n)
		}
	}
	return out
}

// numberKeys are the comparison keys of a trip's numbers.
func numberKeys(e *Entry) []string {
	var out []string
	for _, n := range e.Numbers() {
		if k := corpus.NumberKey(n); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// ByNumber returns the trips whose request, decision, report or settlement
// carries this number, in any spelling ("1240/QĐ-UBND", "1240/qd-ubnd").
func (r *Register) ByNumber(number string) []Entry {
	k := corpus.NumberKey(number)
	if k == "" {
		return nil
	}
	var out []Entry
	for _, it := range r.sorted() {
		if contains(it.nums, k) {
			out = append(out, it.e)
		}
	}
	return out
}

// TripsOfDocument returns the trips a stored document belongs to: those
// that list its id, and those whose numbers include its number.
func (r *Register) TripsOfDocument(d corpus.Document) []Entry {
	k := d.NumberKey
	if k == "" && d.Number != "" {
		k = corpus.NumberKey(d.Number)
	}
	var out []Entry
	for _, it := range r.sorted() {
		if contains(it.e.Documents, d.ID) || k != "" && contains(it.nums, k) {
			out = append(out, it.e)
		}
	}
	return out
}
