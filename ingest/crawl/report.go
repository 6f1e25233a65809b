package crawl

import (
	"fmt"
	"sort"
	"time"
)

// Report is what one run of one source did. Its JSON form is what
// `vanthu crawl --json` prints (one object per source): keep the names stable.
type Report struct {
	Source     string    `json:"source"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// Complete is true when the frontier was exhausted. A run stopped by
	// cancellation or by max pages is resumed by the next Run of the source.
	Complete bool   `json:"complete"`
	Stopped  string `json:"stopped,omitempty"` // "cancelled", "max-pages", "error"
	Resumed  bool   `json:"resumed"`           // this run continued an interrupted one
	Queued   int    `json:"queued"`            // URLs left in the frontier

	Fetched     int   `json:"fetched"`      // HTTP requests answered (200, 304 and errors), robots.txt excluded
	Bytes       int64 `json:"bytes"`        // bodies downloaded
	New         int   `json:"new"`          // URLs seen for the first time with content
	Changed     int   `json:"changed"`      // URLs whose content differs from the last run
	Unchanged   int   `json:"unchanged"`    // 304, or the same bytes as last time
	NotModified int   `json:"not_modified"` // of Unchanged: answered 304 to a conditional GET
	MarkupOnly  int   `json:"markup_only"`  // of Unchanged: new bytes, the same text (document pages)
	Failed      int   `json:"failed"`
	Robots      int   `json:"robots_blocked"` // URLs robots.txt forbids
	Skipped     int   `json:"skipped"`        // links off the allowed hosts or too deep

	ListPages     int `json:"list_pages"`     // list pages read (200 or 304)
	DocumentPages int `json:"document_pages"` // document pages read (200 or 304)
	Attachments   int `json:"attachments"`    // attachments read (200 or 304)
	// Documents is the number of originals (pages and attachments) handed
	// to the sink and accepted, new or changed.
	Documents int            `json:"documents"`
	Ingested  map[string]int `json:"ingested,omitempty"` // the sink's status → count

	// Selectors counts, per page field, the document pages read with a
	// 200 and how many of them the field's selector matched.
	Selectors map[string]SelectorStat `json:"selectors,omitempty"`
	// EmptyListPages counts list pages on which no rule matched any link.
	EmptyListPages int `json:"empty_list_pages"`

	Failures []Failure `json:"failures,omitempty"` // the first MaxFailures failures
	// Warnings say the source may need attention (the site changed, every
	// request failed); Notes are facts about the run worth knowing (a
	// robots.txt Crawl-delay longer than the configured delay).
	Warnings []string `json:"warnings,omitempty"`
	Notes    []string `json:"notes,omitempty"`
	Seconds  float64  `json:"seconds"` // wall time of this run (not of the runs it resumed)
	Rate     float64  `json:"pages_per_second"`
}

// SelectorStat is how often one page selector matched.
type SelectorStat struct {
	Pages   int `json:"pages"`
	Matched int `json:"matched"`
}

// Failure is one URL that could not be fetched or ingested.
type Failure struct {
	URL    string `json:"url"`
	Kind   string `json:"kind"`
	Status int    `json:"status,omitempty"` // HTTP status, 0 when none came
	Reason string `json:"reason"`
}

// MaxFailures bounds the failures a report lists, so that a broken site
// cannot make a report (and the memory holding it) grow without limit; Failed
// still counts them all.
const MaxFailures = 100

func (r *Report) fail(f Failure) {
	r.Failed++
	if len(r.Failures) < MaxFailures {
		r.Failures = append(r.Failures, f)
	}
}

func (r *Report) ingested(status string) {
	if r.Ingested == nil {
		r.Ingested = map[string]int{}
	}
	r.Ingested[status]++
}

func (r *Report) selector(field string, matched bool) {
	if r.Selectors == nil {
		r.Selectors = map[string]SelectorStat{}
	}
	s := r.Selectors[field]
	s.Pages++
	if matched {
		s.Matched++
	}
	r.Selectors[field] = s
}

// siteChanged compares a finished run with the previous one and says, in
// words, what suggests the site changed under the source's rules.
func siteChanged(cur, prev Report, hasPrev bool) []string {
	var w []string
	if cur.Fetched > 0 && cur.DocumentPages == 0 {
		if hasPrev && prev.DocumentPages > 0 {
			w = append(w, fmt.Sprintf("site changed? the last run (%s) found %d document pages, this one none: check the links rules",
				prev.FinishedAt.Format(time.RFC3339), prev.DocumentPages))
		} else if cur.ListPages > 0 {
			w = append(w, fmt.Sprintf("no document page found on %d list pages: check links.document", cur.ListPages))
		}
	}
	if cur.ListPages > 0 && cur.EmptyListPages == cur.ListPages {
		w = append(w, fmt.Sprintf("site changed? no rule matched any link on the %d list pages read", cur.ListPages))
	}
	fields := make([]string, 0, len(cur.Selectors))
	for f := range cur.Selectors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		s := cur.Selectors[f]
		if s.Pages == 0 || s.Matched > 0 {
			continue
		}
		if p, ok := prev.Selectors[f]; hasPrev && ok && p.Matched > 0 {
			w = append(w, fmt.Sprintf("site changed? selector for %q matched none of %d document pages (last run: %d of %d)", f, s.Pages, p.Matched, p.Pages))
		} else {
			w = append(w, fmt.Sprintf("selector for %q matched none of %d document pages", f, s.Pages))
		}
	}
	if hasPrev && prev.Failed == 0 && cur.Fetched > 0 && cur.Failed == cur.Fetched {
		w = append(w, "every request failed this run: the site may be down or blocking us")
	}
	return w
}
