package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"vanthu/register"
	"vanthu/trip"
)

// The register's JSON API, the same answers as `vanthu trips ... --json`:
//
//	GET  /api/trips              list (the page's filters); {"total","trips":[...]}
//	GET  /api/trips/due          pending deadlines, overdue first (as_of, within, unit)
//	GET  /api/trips/stats        statistics of a window (from, to | year [start], as_of, unit)
//	GET  /api/trips/overlaps     trips of different units to combine (year, gap)
//	GET  /api/trips/{id}         one trip: {"trip","deadlines","documents","check","versions"}
//	POST /api/trips              file a trip (an Entry, or a bare trip file as JSON/YAML)
//	POST /api/trips/{id}/set     move a trip's status (a register.Move)
//
// Writes need the token when one is set, as every write endpoint.

// apiTripError answers a register error with its status and, for a field
// or a move, the typed error's fields.
func (s *Server) apiTripError(w http.ResponseWriter, r *http.Request, err error) {
	p := s.explain(r, err)
	setRetry(w, p)
	body := p.body()
	var fe *register.FieldError
	var te *register.TransitionError
	switch {
	case errors.As(err, &fe):
		body["trip"], body["field"], body["message_en"] = fe.Trip, fe.Field, fe.MessageEN
	case errors.As(err, &te):
		body["trip"], body["from"], body["to"] = te.Trip, te.From, te.To
	}
	writeJSON(w, p.Status, map[string]any{"error": body})
}

func (s *Server) apiNeedTrips(w http.ResponseWriter) bool {
	if s.cfg.Trips == nil {
		apiError(w, http.StatusServiceUnavailable, "unavailable", "no trip register configured")
		return false
	}
	return true
}

func (s *Server) apiTrips(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	f, err := tripFilter(r.URL.Query())
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	items, total := s.cfg.Trips.List(f)
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "trips": items})
}

func (s *Server) apiTrip(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	reg := s.cfg.Trips
	id := r.PathValue("id")
	e, err := reg.Get(id)
	if err != nil {
		s.apiTripError(w, r, err)
		return
	}
	asOf, err := dateParam("as_of", r.URL.Query().Get("as_of"), false)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	ds, _ := reg.Deadlines(id, asOf)
	if ds == nil {
		ds = []register.Deadline{}
	}
	docs := s.tripDocs(r.Context(), e)
	if docs == nil {
		docs = []docLink{}
	}
	out := map[string]any{"trip": e, "deadlines": ds, "documents": docs}
	if len(trip.Validate(e.Trip)) == 0 {
		if rep, err := reg.Check(id, asOf); err == nil {
			out["check"] = rep
		}
	}
	if r.URL.Query().Get("versions") != "0" {
		if vs, err := reg.Versions(r.Context(), id); err == nil {
			out["versions"] = vs
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiTripsDue(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	v := r.URL.Query()
	opt := register.DueOptions{Unit: strings.TrimSpace(v.Get("unit"))}
	var err error
	if opt.AsOf, err = dateParam("as_of", v.Get("as_of"), false); err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if wd := v.Get("within"); wd != "" {
		if opt.Within, err = strconv.Atoi(wd); err != nil {
			apiError(w, http.StatusBadRequest, "bad_within", "within: want a number of days")
			return
		}
	}
	ds := s.cfg.Trips.Due(opt)
	if ds == nil {
		ds = []register.Deadline{}
	}
	writeJSON(w, http.StatusOK, ds)
}

func (s *Server) apiTripsStats(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	opt, _, err := s.statsWindow(r.URL.Query())
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.cfg.Trips.Stats(opt))
}

// apiTripFile files a trip. The body is an Entry ({"unit","status","trip":
// {...}}) or a bare trip file (JSON or YAML). 201 when filed, 200 when the
// same trip was already in the register.
func (s *Server) apiTripFile(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	if !s.authorized(r) {
		apiError(w, http.StatusUnauthorized, "unauthorized", "a valid token is needed to change the register (Authorization: Bearer ...)")
		return
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		s.apiAnswer(w, r, unreadable("yêu cầu", err))
		return
	}
	var e register.Entry
	var probe map[string]json.RawMessage
	if json.Unmarshal(b, &probe) == nil && probe["trip"] != nil {
		if err := json.Unmarshal(b, &e); err != nil {
			s.apiAnswer(w, r, badInput("trip", "bản ghi JSON không đúng dạng (want a register entry)."))
			return
		}
	} else {
		t, err := trip.Parse(b, "request body")
		if err != nil {
			s.apiAnswer(w, r, err)
			return
		}
		e.Trip = t
	}
	if fes := trip.Validate(e.Trip); len(fes) > 0 {
		invalidTrip(w, fes)
		return
	}
	author := strings.TrimSpace(r.URL.Query().Get("author"))
	if author == "" {
		author = "api"
	}
	out, created, err := s.cfg.Trips.File(r.Context(), author, e, r.URL.Query().Get("note"))
	if err != nil {
		s.apiTripError(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"trip": out, "created": created})
}

// tripSet is the body of POST /api/trips/{id}/set: a status move, and/or
// edits of what the register keeps besides the trip file.
type tripSet struct {
	register.Move
	InPlan  *bool   `json:"in_plan,omitempty"`
	Notes   *string `json:"notes,omitempty"`
	Funding *string `json:"funding,omitempty"`
	Unit    *string `json:"unit,omitempty"`
	Doc     string  `json:"doc,omitempty"` // a corpus document's id to list among the trip's
}

func (t tripSet) edits() bool {
	return t.InPlan != nil || t.Notes != nil || t.Funding != nil || t.Unit != nil || t.Doc != ""
}

// apply makes the edits on a copy of the entry.
func (t tripSet) apply(e *register.Entry) error {
	if t.InPlan != nil {
		e.InPlan = *t.InPlan
	}
	if t.Notes != nil {
		e.Notes = strings.TrimSpace(*t.Notes)
	}
	if t.Funding != nil {
		e.Funding = strings.TrimSpace(*t.Funding)
	}
	if t.Unit != nil {
		e.Unit = strings.TrimSpace(*t.Unit)
	}
	if d := strings.TrimSpace(t.Doc); d != "" && !slices.Contains(e.Documents, d) {
		e.Documents = append(e.Documents, d)
	}
	return nil
}

// apiTripSet moves a trip's status ({"to","on","number","date","body",
// "reason","note"}) and/or edits it ({"in_plan","notes","funding","unit",
// "doc"}).
func (s *Server) apiTripSet(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	if !s.authorized(r) {
		apiError(w, http.StatusUnauthorized, "unauthorized", "a valid token is needed to change the register (Authorization: Bearer ...)")
		return
	}
	var m tripSet
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		s.apiAnswer(w, r, badInput("", "cần JSON {\"to\",\"on\",\"number\",\"date\",\"body\",\"reason\",\"note\"} và/hoặc {\"in_plan\",\"notes\",\"funding\",\"unit\",\"doc\"}."))
		return
	}
	if m.To == "" && !m.edits() {
		apiError(w, http.StatusBadRequest, "bad_set", "nothing to change: give \"to\" (a status) or a field to edit")
		return
	}
	if st, err := register.ParseStatus(string(m.To)); err == nil {
		m.To = st
	}
	author := strings.TrimSpace(r.URL.Query().Get("author"))
	if author == "" {
		author = "api"
	}
	id := r.PathValue("id")
	if err := s.mayMove(r, id, m.To); err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	var e register.Entry
	var err error
	if m.edits() {
		note := m.Note
		if note == "" {
			note = "sửa thông tin"
		}
		if e, err = s.cfg.Trips.Edit(r.Context(), id, author, note, m.apply); err != nil {
			s.apiTripError(w, r, err)
			return
		}
	}
	if m.To != "" {
		if e, err = s.cfg.Trips.Move(r.Context(), id, author, m.Move); err != nil {
			s.apiTripError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"trip": e})
}

func (s *Server) apiTripsOverlaps(w http.ResponseWriter, r *http.Request) {
	if !s.apiNeedTrips(w) {
		return
	}
	v := r.URL.Query()
	opt, _, err := s.statsWindow(v)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	o := register.OverlapOptions{From: opt.From, To: opt.To}
	if g := v.Get("gap"); g != "" {
		if o.Gap, err = strconv.Atoi(g); err != nil {
			apiError(w, http.StatusBadRequest, "bad_gap", "gap: want a number of days")
			return
		}
	}
	ov := s.cfg.Trips.Overlaps(o)
	if ov == nil {
		ov = []register.Overlap{}
	}
	writeJSON(w, http.StatusOK, ov)
}
