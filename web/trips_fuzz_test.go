package web

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzTripInput feeds the register's form and URL readers what a browser or
// a script may send: a date typed in a form, and a list's query string.
// Neither may panic; a date read back must be a real day, and a filter that
// is accepted must hold only known statuses.
func FuzzTripInput(f *testing.F) {
	for _, s := range []string{"05/03/2026", "2026-03-05", "31/02/2026", "1/1/1", "//", "", "0/0/0", "99/99/99999"} {
		f.Add(s, "year=2026&status=approved&country=Han+Quoc&overdue=1")
	}
	f.Add("", "year=abc")
	f.Add("", "status=đã+duyệt&status=&limit=-1")
	f.Add("", "as_of=2026-13-40&from=2026&to=2025")
	f.Fuzz(func(t *testing.T, date, query string) {
		d, err := formDate("ngày", date)
		if err == nil && !d.IsZero() {
			if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
				t.Errorf("formDate(%q) = %+v", date, d)
			}
		}
		if err != nil && !strings.Contains(err.Error(), "ngày/tháng/năm") {
			t.Errorf("formDate(%q): the error does not say how to write a date: %v", date, err)
		}
		v, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		flt, err := tripFilter(v)
		if err != nil {
			return
		}
		for _, s := range flt.Status {
			if !s.Valid() {
				t.Errorf("tripFilter(%q) accepted the status %q", query, s)
			}
		}
		if flt.Limit < 0 || flt.Offset < 0 {
			t.Errorf("tripFilter(%q): limit %d offset %d", query, flt.Limit, flt.Offset)
		}
	})
}
