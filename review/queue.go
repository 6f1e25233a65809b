package review

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"vanthu/corpus"
)

// Issue is one reason to check a document, tied to the field it concerns
// ("text" for the text as a whole).
type Issue struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Weight  int    `json:"weight"` // how much it matters: the queue puts the heaviest first
}

// Item is one document of the review queue.
type Item struct {
	ID     string      `json:"id"`
	Number string      `json:"number,omitempty"`
	Title  string      `json:"title,omitempty"`
	Issuer string      `json:"issuer,omitempty"`
	Date   corpus.Date `json:"date"`
	Source string      `json:"source,omitempty"`
	Score  int         `json:"score"`
	Issues []Issue     `json:"issues"`
}

// Issues lists what a person should check in d (as corrected by c): the
// readers' warnings, an extraction that failed, and the key fields of an
// official document that are missing. A field a person corrected has no
// issues left.
func Issues(d corpus.Document, c Correction) []Issue {
	var out []Issue
	corrected := func(f string) bool { _, ok := c.Fields[f]; return ok }
	switch d.Source.Status {
	case corpus.StatusNeedsOCR, corpus.StatusFailed:
		msg := d.Source.Message
		if msg == "" {
			msg = "không đọc được văn bản (" + string(d.Source.Status) + ")"
		}
		out = append(out, Issue{Field: "text", Message: msg, Weight: 5})
	}
	seen := map[string]bool{}
	for _, w := range Warnings(d) {
		if seen[w] {
			continue
		}
		seen[w] = true
		f := WarningField(w)
		if f != "text" && corrected(f) {
			continue
		}
		weight := 1
		if f == "number" || f == "date" {
			weight = 3
		}
		// the parser's "signer: ..." is shown beside its field: the
		// field's name is not repeated
		out = append(out, Issue{Field: f, Message: strings.TrimPrefix(w, f+": "), Weight: weight})
	}
	warned := map[string]bool{}
	for _, is := range out {
		warned[is.Field] = true
	}
	if Official(d) {
		for _, f := range Fields {
			if !f.Key || corrected(f.Name) || FieldValue(d, f.Name) != "" || warned[f.Name] {
				continue // a reader's warning already says why it is empty
			}
			weight := 1
			switch f.Name {
			case "number", "date":
				weight = 3
			case "issuer":
				weight = 2
			}
			out = append(out, Issue{Field: f.Name, Message: "chưa đọc được " + strings.ToLower(f.Label) + " (missing)", Weight: weight})
		}
	}
	for _, p := range d.Source.Pages {
		if p.Source == "ocr" && p.Quality < 0.5 {
			out = append(out, Issue{Field: "text", Message: fmt.Sprintf("trang %d: chất lượng đọc thấp (%d%%)", p.Number, int(p.Quality*100+0.5)), Weight: 2})
		}
	}
	return out
}

// Warnings returns the readers' warnings about the current version of d:
// the version's own and its pages', each once.
func Warnings(d corpus.Document) []string {
	var out []string
	seen := map[string]bool{}
	add := func(w string) {
		if w = strings.TrimSpace(w); w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range d.Source.Warnings {
		add(w)
	}
	for _, p := range d.Source.Pages {
		for _, w := range p.Warnings {
			add(w)
		}
	}
	return out
}

// WarningField says which field a reader's warning is about: "number",
// "date", "signer", or "text" for the text as a whole. The readers word
// their warnings in English with these nouns ("OCR'd document number ... is
// implausible", "the handwritten date read as ...").
func WarningField(w string) string {
	// the metadata parser names its field first: "issuer: the issuing body
	// could not be read cleanly ..."
	if f, _, ok := strings.Cut(w, ": "); ok {
		for _, fd := range Fields {
			if fd.Name == f {
				return f
			}
		}
	}
	l := strings.ToLower(w)
	switch {
	case strings.Contains(l, "number") || strings.Contains(l, "số ký hiệu"):
		return "number"
	case strings.Contains(l, "date") || strings.Contains(l, " day ") || strings.Contains(l, "month") || strings.Contains(l, "ngày"):
		return "date"
	case strings.Contains(l, "signer") || strings.Contains(l, "signature block") || strings.Contains(l, "người ký"):
		return "signer"
	}
	return "text"
}

// Official reports whether d is an official document, whose key fields
// (number, type, issuer, date, signer) are expected: it has a number or a
// type, or arrived as a PDF or Word file (news and web pages carry no
// number).
func Official(d corpus.Document) bool {
	if d.Kind == corpus.KindDocument || d.Number != "" {
		return true
	}
	if d.Kind == corpus.KindRecord {
		return false
	}
	m := d.Source.MIME
	return m == "application/pdf" || strings.Contains(m, "word") || strings.Contains(m, "officedocument")
}

// Score is the weight of a document's issues.
func Score(is []Issue) int {
	n := 0
	for _, i := range is {
		n += i.Weight
	}
	return n
}

// NeedsReview reports whether d (as corrected by c) is on the queue: it has
// issues and nobody marked its current original as checked.
func NeedsReview(d corpus.Document, c Correction) bool {
	if c.Reviewed != "" && c.Reviewed == reviewedKey(d) {
		return false
	}
	return len(Issues(d, c)) > 0
}

func reviewedKey(d corpus.Document) string {
	if d.Source.SHA256 == "" {
		return "-"
	}
	return d.Source.SHA256
}

// queueCache keeps the review queue of a long-running process (the web
// desk): built by one pass over the store on first use, then kept current
// document by document as the store's writes go through Store and Desk,
// so that the "Cần kiểm tra" page does not read every document each time.
type queueCache struct {
	build    sync.Mutex // one builder at a time
	mu       sync.Mutex
	ready    bool
	building bool
	items    map[string]Item // id → its entry, for the documents on the queue
	dirty    map[string]bool // changed while building: looked at again after
}

func itemOf(d corpus.Document, c Correction) (Item, bool) {
	if !NeedsReview(d, c) {
		return Item{}, false
	}
	is := Issues(d, c)
	return Item{ID: d.ID, Number: d.Number, Title: d.Title, Issuer: d.Issuer, Date: d.Date,
		Source: d.Source.Source, Score: Score(is), Issues: is}, true
}

// changed tells the cache that a document changed: d is its new view, or
// nil when it left the store's listings (withdrawn, purged).
func (s *Store) changed(id string, d *corpus.Document) {
	q := &s.queue
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.building:
		q.dirty[id] = true
	case !q.ready:
	case d == nil || s.Withdrawn(id):
		delete(q.items, id)
	default:
		if it, ok := itemOf(*d, s.Correction(id)); ok {
			q.items[id] = it
		} else {
			delete(q.items, id)
		}
	}
}

// refresh re-reads a document for the cache after a decision about it. A
// queue not built yet reads every document when it is, so the read is
// spared: a search node of a cluster applies every decision made anywhere,
// and most never open the queue.
func (s *Store) refresh(ctx context.Context, id string) {
	q := &s.queue
	q.mu.Lock()
	idle := !q.ready && !q.building
	q.mu.Unlock()
	if idle {
		return
	}
	d, err := s.Get(ctx, id)
	if err != nil {
		s.changed(id, nil)
		return
	}
	s.changed(id, &d)
}

// Queue returns the documents to check, worst first (highest score, then
// newest, then id). Withdrawn documents are not on it.
func (s *Store) Queue(ctx context.Context) ([]Item, error) {
	q := &s.queue
	if err := s.buildQueue(ctx); err != nil {
		return nil, err
	}
	q.mu.Lock()
	out := make([]Item, 0, len(q.items))
	for _, it := range q.items {
		out = append(out, it)
	}
	q.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Date != b.Date {
			return b.Date.Before(a.Date)
		}
		return a.ID < b.ID
	})
	return out, nil
}

func (s *Store) buildQueue(ctx context.Context) error {
	q := &s.queue
	q.build.Lock()
	defer q.build.Unlock()
	q.mu.Lock()
	if q.ready {
		q.mu.Unlock()
		return nil
	}
	q.building, q.dirty = true, map[string]bool{}
	q.mu.Unlock()
	items := map[string]Item{}
	err := s.Each(ctx, func(d corpus.Document) error {
		if it, ok := itemOf(d, s.Correction(d.ID)); ok {
			items[d.ID] = it
		}
		return nil
	})
	q.mu.Lock()
	dirty := q.dirty
	q.building, q.dirty = false, nil
	if err != nil {
		q.mu.Unlock()
		return err
	}
	q.items, q.ready = items, true
	q.mu.Unlock()
	// What changed during the pass is looked at again.
	for id := range dirty {
		s.refresh(ctx, id)
	}
	return nil
}

// NeedsReviewID reports whether the stored document id is on the queue (the
// search page marks such hits).
func (s *Store) NeedsReviewID(ctx context.Context, id string) bool {
	if s.Withdrawn(id) {
		return false
	}
	q := &s.queue
	q.mu.Lock()
	if q.ready {
		_, ok := q.items[id]
		q.mu.Unlock()
		return ok
	}
	q.mu.Unlock()
	d, err := s.Get(ctx, id)
	if err != nil {
		return false
	}
	return NeedsReview(d, s.Correction(id))
}
