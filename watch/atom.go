package watch

import (
	"encoding/xml"
	"io"
	"net/url"
	"sort"
	"time"
)

// Feed is an Atom 1.0 feed (RFC 4287), the subset vanthu writes.
type Feed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  Person   `xml:"author"`
	Links   []Link   `xml:"link"`
	Entries []Entry  `xml:"entry"`
}

// Person is an Atom author.
type Person struct {
	Name string `xml:"name"`
}

// Link is an Atom link.
type Link struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// Entry is one match.
type Entry struct {
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Updated  string   `xml:"updated"`
	Links    []Link   `xml:"link"`
	Summary  string   `xml:"summary"`
	Category Category `xml:"category"`
}

// Category names the saved search an entry came from.
type Category struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// BuildFeed makes the Atom feed of owner's saved searches: one entry per
// match, newest first. base is the desk's address ("https://host"), self
// the feed's own. Updated is the newest match's time (a fixed date when
// there is none), so that an unchanged feed reads the same.
func BuildFeed(owner, base, self string, ws []Search) Feed {
	f := Feed{ID: "urn:vanthu:watch:" + url.PathEscape(owner), Title: "vanthu · văn bản mới cho " + owner,
		Author: Person{Name: "vanthu"}, Links: []Link{{Rel: "self", Href: self, Type: "application/atom+xml"}, {Rel: "alternate", Href: base + "/watch"}}}
	var newest time.Time
	for _, w := range ws {
		for _, m := range w.Matches {
			title := m.Title
			if m.Number != "" {
				title = m.Number + " · " + m.Title
			}
			if title == "" {
				title = m.ID
			}
			f.Entries = append(f.Entries, Entry{
				ID: "urn:vanthu:watch:" + url.PathEscape(w.ID) + ":" + url.PathEscape(m.ID) + ":" + itoa(m.Seq), Title: title,
				Updated: m.Time.UTC().Format(time.RFC3339), Links: []Link{{Rel: "alternate", Href: base + "/documents/" + url.PathEscape(m.ID)}},
				Summary: m.Why, Category: Category{Term: w.ID, Label: w.Name},
			})
			if m.Time.After(newest) {
				newest = m.Time
			}
		}
	}
	sort.SliceStable(f.Entries, func(i, j int) bool { return f.Entries[i].Updated > f.Entries[j].Updated })
	if newest.IsZero() {
		newest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	return f
}

// WriteTo writes the feed as XML.
func (f Feed) WriteTo(w io.Writer) (int64, error) {
	b, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return 0, err
	}
	n, err := io.WriteString(w, xml.Header+string(b)+"\n")
	return int64(n), err
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
