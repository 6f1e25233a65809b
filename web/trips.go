package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/register"
	"vanthu/trip"
)

// The trip register's pages (sổ theo dõi đoàn ra): the list with its filters
// and deadlines, a page per trip (timeline, documents, deadlines with their
// citations, the rules check, the status moves), the statistics with their
// charts. "Today" is the register's clock, so deadlines move with it.

// tripsAuthor is who the web desk records as the author of a change when
// the form names nobody.
const tripsAuthor = "văn thư (trang web)"

// needTrips answers 503 when no register is configured.
func (s *Server) needTrips(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Trips == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "Chưa mở sổ theo dõi đoàn ra (no trip register configured).")
		return false
	}
	return true
}

// tripFilter reads the list's filters from the URL (the page and the API
// share them, so a page URL is also an API query).
func tripFilter(v url.Values) (register.Filter, error) {
	f := register.Filter{Unit: strings.TrimSpace(v.Get("unit")), Country: strings.TrimSpace(v.Get("country")),
		Person: strings.TrimSpace(v.Get("person")), Text: strings.TrimSpace(v.Get("q")), Sort: v.Get("sort")}
	if y := strings.TrimSpace(v.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			return f, badInputf("year", "năm %q không hợp lệ (viết YYYY).", y)
		}
		f.Year = n
	}
	for _, st := range v["status"] {
		if strings.TrimSpace(st) == "" {
			continue
		}
		s, err := register.ParseStatus(st)
		if err != nil {
			return f, badInputf("status", "trạng thái %q không có.", st)
		}
		f.Status = append(f.Status, s)
	}
	switch v.Get("in_plan") {
	case "1", "true", "x":
		b := true
		f.InPlan = &b
	case "0", "false":
		b := false
		f.InPlan = &b
	}
	f.Overdue = v.Get("overdue") == "1" || v.Get("overdue") == "true"
	var err error
	if f.AsOf, err = dateParam("as_of", v.Get("as_of"), false); err != nil {
		return f, err
	}
	if f.From, err = dateParam("from", v.Get("from"), false); err != nil {
		return f, err
	}
	if f.To, err = dateParam("to", v.Get("to"), true); err != nil {
		return f, err
	}
	if l := v.Get("limit"); l != "" {
		if f.Limit, err = strconv.Atoi(l); err != nil || f.Limit < 0 {
			return f, badInputf("limit", "%q không phải số hợp lệ.", l)
		}
	}
	if o := v.Get("offset"); o != "" {
		if f.Offset, err = strconv.Atoi(o); err != nil || f.Offset < 0 {
			return f, badInputf("offset", "%q không phải số hợp lệ.", o)
		}
	}
	return f, nil
}

// tripRow is a line of the register's page.
type tripRow struct {
	register.ListItem
	Class string // overdue, due-soon or ""
}

func (s *Server) tripsPage(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	reg := s.cfg.Trips
	v := r.URL.Query()
	f, err := tripFilter(v)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	if f.Limit == 0 {
		f.Limit = 200
	}
	items, total := reg.List(f)
	rows := make([]tripRow, len(items))
	overdue := 0
	for i, it := range items {
		rows[i] = tripRow{ListItem: it}
		if it.Next != nil && it.Next.Overdue {
			rows[i].Class = "overdue"
			overdue++
		} else if it.Next != nil && it.Next.DueSoon {
			rows[i].Class = "due-soon"
		}
	}
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = reg.Today()
	}
	years := []int{}
	for y := asOf.Year + 1; y >= asOf.Year-4; y-- {
		years = append(years, y)
	}
	var prev, next string
	if f.Offset > 0 {
		prev = tripsPageURL(v, max(0, f.Offset-f.Limit))
	}
	if f.Offset+len(items) < total {
		next = tripsPageURL(v, f.Offset+f.Limit)
	}
	s.render(w, r, "trips.html", map[string]any{
		"Prev": prev, "Next": next, "From": f.Offset + 1, "To": f.Offset + len(items),
		"Title": "Sổ đoàn ra", "Active": "trips", "Rows": rows, "Total": total, "Overdue": overdue,
		"Filter": f, "Query": v, "Units": reg.Units(), "Statuses": register.Statuses(), "Years": years,
		"AsOf": asOf, "Selected": selectedStatus(f.Status), "Yearly": s.yearlyDeadlines(f.Unit, asOf),
	})
}

// tripsPageURL is the register page with the same filters from offset.
func tripsPageURL(v url.Values, offset int) string {
	c := cloneValues(v)
	c.Set("offset", strconv.Itoa(offset))
	return "/trips?" + c.Encode()
}

func selectedStatus(ss []register.Status) string {
	if len(ss) == 1 {
		return string(ss[0])
	}
	return ""
}

// docLink is a document of a trip's file on its page.
type docLink struct {
	Label  string      `json:"label"`
	Number string      `json:"number,omitempty"`
	Date   corpus.Date `json:"date"`
	Body   string      `json:"body,omitempty"` // the approving body, or a stored document's title
	ID     string      `json:"id,omitempty"`   // a corpus document's id, for a link
}

func (s *Server) tripPage(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	s.renderTrip(w, r, r.PathValue("id"), http.StatusOK, "", "")
}

// renderTrip draws a trip's page, with an error or a message from a move.
func (s *Server) renderTrip(w http.ResponseWriter, r *http.Request, id string, status int, errMsg, msg string) {
	reg := s.cfg.Trips
	e, err := reg.Get(id)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "not_found", "Không có chuyến đi "+strconv.Quote(id)+" trong sổ.")
		return
	}
	asOf := reg.Today()
	deadlines, _ := reg.Deadlines(id, asOf)
	rep, cerr := reg.Check(id, asOf)
	var report *check.Report
	if cerr == nil && len(trip.Validate(e.Trip)) == 0 {
		report = &rep
	}
	versions, _ := reg.Versions(r.Context(), id)
	docs := s.tripDocs(r.Context(), e)
	kinds := []string{}
	if s.cfg.Draft != nil {
		for _, k := range s.cfg.Draft.Kinds() {
			if k == "report" && e.Trip.Report == nil {
				continue
			}
			kinds = append(kinds, k)
		}
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r, "trip.html", map[string]any{
		"Overlaps": s.tripOverlaps(e),
		"Title":    e.Trip.Name, "Active": "trips", "E": e, "Head": e.Head(), "Countries": e.Countries(),
		"Deadlines": deadlines, "Report": report, "Versions": versions, "Docs": docs, "Kinds": kinds,
		"Next": register.NextStatuses(e.Status), "AsOf": asOf, "Error": errMsg, "Message": msg,
		"CanStore": s.cfg.Ingest != nil,
	})
}

// tripDocs are a trip's documents: its request, decision, report and
// settlement as filed, the stored documents it lists, then the stored
// documents carrying one of its numbers.
func (s *Server) tripDocs(ctx context.Context, e register.Entry) []docLink {
	var docs []docLink
	for _, d := range []struct {
		label string
		ref   register.DocRef
	}{{"Công văn đề nghị", e.Request}, {"Quyết định", e.Decision}, {"Báo cáo kết quả", e.Report}, {"Quyết toán", e.Settlement}} {
		if !d.ref.IsZero() {
			docs = append(docs, docLink{Label: d.label, Number: d.ref.Number, Date: d.ref.Date, Body: d.ref.Body})
		}
	}
	// Stored documents: those the trip lists, then those carrying one of its
	// numbers (its request, decision, report or settlement as filed).
	seen := map[string]bool{}
	for _, did := range e.Documents {
		seen[did] = true
		if s.cfg.Review != nil && s.cfg.Review.Store.Withdrawn(did) {
			continue // withdrawn from every listing (review.Desk.Withdraw)
		}
		l := docLink{Label: "Văn bản trong kho", ID: did}
		if s.cfg.Store != nil {
			if doc, err := s.cfg.Store.Get(ctx, did); err == nil {
				l.Number, l.Date, l.Body = doc.Number, doc.Date, doc.Title
			}
		}
		docs = append(docs, l)
	}
	if s.cfg.Store != nil {
		for _, n := range e.Numbers() {
			found, err := s.cfg.Store.FindNumber(ctx, n)
			if err != nil {
				continue
			}
			for _, doc := range found {
				if !seen[doc.ID] {
					seen[doc.ID] = true
					docs = append(docs, docLink{Label: "Văn bản trong kho (cùng số)", ID: doc.ID, Number: doc.Number, Date: doc.Date, Body: doc.Title})
				}
			}
		}
	}
	return docs
}

func init() {
	funcs["vndate"] = vnDate
	funcs["vntime"] = func(t time.Time) string { return t.In(corpus.VietnamZone).Format("02/01/2006 15:04") }
	funcs["dict"] = func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				m[k] = kv[i+1]
			}
		}
		return m
	}
	funcs["statusName"] = func(s register.Status) string { return s.Name() }
	funcs["kindVN"] = func(k string) string {
		switch k {
		case "dossier":
			return "Gửi hồ sơ"
		case "report":
			return "Báo cáo kết quả"
		case "settlement":
			return "Quyết toán kinh phí"
		}
		return k
	}
	funcs["docKindVN"] = func(k string) string {
		switch k {
		case "proposal":
			return "Công văn xin chủ trương"
		case "decision":
			return "Quyết định cử đoàn"
		case "report":
			return "Báo cáo kết quả"
		}
		return k
	}
}

// tripRoutes adds the register's pages and API to the route table.
func (s *Server) tripRoutes() {
	s.mux.HandleFunc("GET /trips", s.tripsPage)
	s.mux.HandleFunc("GET /trips/stats", s.tripStatsPage)
	s.mux.HandleFunc("GET /trips/overlaps", s.overlapsPage)
	s.mux.HandleFunc("GET /trips/{id}", s.tripPage)
	s.mux.HandleFunc("GET /trips/{doc}/{format}", s.tripsYearly)
	s.mux.HandleFunc("POST /trips/{id}/move", s.tripMove)
	s.mux.HandleFunc("POST /trips/{id}/edit", s.tripEdit)
	s.mux.HandleFunc("GET /trips/{id}/pdf/{kind}", s.tripPDF)
	s.mux.HandleFunc("POST /trips/{id}/letters/{kind}", s.tripLetter)

	s.mux.HandleFunc("GET /api/trips", s.apiTrips)
	s.mux.HandleFunc("POST /api/trips", s.apiTripFile)
	s.mux.HandleFunc("GET /api/trips/due", s.apiTripsDue)
	s.mux.HandleFunc("GET /api/trips/stats", s.apiTripsStats)
	s.mux.HandleFunc("GET /api/trips/overlaps", s.apiTripsOverlaps)
	s.mux.HandleFunc("GET /api/trips/{id}", s.apiTrip)
	s.mux.HandleFunc("POST /api/trips/{id}/set", s.apiTripSet)
}

// overlapGap is how many days apart two trips to the same country still
// count as candidates to combine (the register's default).
const overlapGap = 7

// tripOverlaps are the trips of other units to one of the trip's countries
// whose dates overlap it or lie within overlapGap days: one filtered list
// of the departures around it, not every pair of the year.
func (s *Server) tripOverlaps(e register.Entry) []register.Overlap {
	t := e.Trip
	if t.Departure.IsZero() || t.Return.IsZero() {
		return nil
	}
	dep, ret := t.Departure.Time(), t.Return.Time()
	// A trip leaving up to 60 days before may still be abroad.
	from, to := dateOf(dep.AddDate(0, 0, -60)), dateOf(ret.AddDate(0, 0, overlapGap))
	mine := map[string]bool{}
	for _, c := range e.Countries() {
		mine[register.Country(c)] = true
	}
	items, _ := s.cfg.Trips.List(register.Filter{From: from, To: to, Sort: "departure"})
	me := register.TripRef{ID: e.ID, Name: t.Name, Unit: e.Unit, Departure: t.Departure, Return: t.Return}
	var out []register.Overlap
	for _, it := range items {
		if it.ID == e.ID || corpus.MatchKey(it.Unit) == corpus.MatchKey(e.Unit) ||
			it.Status == register.Postponed || it.Status == register.Cancelled || it.Status == register.Refused {
			continue
		}
		var both []string
		for _, c := range it.Countries {
			if mine[c] {
				both = append(both, c)
			}
		}
		if len(both) == 0 || it.Departure.IsZero() || it.Return.IsZero() {
			continue
		}
		gap := 0
		switch {
		case it.Departure.Time().After(ret):
			gap = int(it.Departure.Time().Sub(ret).Hours()/24 + 0.5)
		case it.Return.Time().Before(dep):
			gap = int(dep.Sub(it.Return.Time()).Hours()/24 + 0.5)
		}
		if gap > overlapGap {
			continue
		}
		out = append(out, register.Overlap{A: me, B: register.TripRef{ID: it.ID, Name: it.Name, Unit: it.Unit,
			Departure: it.Departure, Return: it.Return, Countries: it.Countries}, Countries: both, Gap: gap})
	}
	return out
}

func dateOf(t time.Time) corpus.Date {
	return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// maxOverlapsShown bounds the pairs a page lists (a ministry's year can
// hold tens of thousands); the JSON API gives them all.
const maxOverlapsShown = 300

// overlapsPage lists the pairs of trips of different units to the same
// country at about the same time in a year: candidates to combine.
func (s *Server) overlapsPage(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	v := r.URL.Query()
	opt, year, err := s.statsWindow(v)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	uk := corpus.MatchKey(opt.Unit)
	var pairs []register.Overlap
	for _, o := range s.cfg.Trips.Overlaps(register.OverlapOptions{From: opt.From, To: opt.To}) {
		if uk == "" || corpus.MatchKey(o.A.Unit) == uk || corpus.MatchKey(o.B.Unit) == uk {
			pairs = append(pairs, o)
		}
	}
	total := len(pairs)
	if len(pairs) > maxOverlapsShown {
		pairs = pairs[:maxOverlapsShown]
	}
	asOf := s.cfg.Trips.Today()
	years := []int{}
	for y := asOf.Year + 1; y >= asOf.Year-4; y-- {
		years = append(years, y)
	}
	s.render(w, r, "tripoverlaps.html", map[string]any{
		"Title": "Đoàn có thể ghép", "Active": "trips", "Pairs": pairs, "Total": total, "Opt": opt, "Year": year,
		"Years": years, "Units": s.cfg.Trips.Units(),
	})
}
