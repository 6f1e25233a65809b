package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/register"
	"vanthu/trip"
)

// moveFromForm reads a status move from the trip page's form.
func moveFromForm(r *http.Request) (register.Move, error) {
	st, err := register.ParseStatus(r.FormValue("to"))
	if err != nil {
		return register.Move{}, badInputf("to", "trạng thái %q không có.", r.FormValue("to"))
	}
	m := register.Move{To: st, Number: strings.TrimSpace(r.FormValue("number")), Body: strings.TrimSpace(r.FormValue("body")),
		Reason: strings.TrimSpace(r.FormValue("reason")), Note: strings.TrimSpace(r.FormValue("note"))}
	if m.On, err = formDate("ngày thực hiện", r.FormValue("on")); err != nil {
		return m, err
	}
	if m.Date, err = formDate("ngày văn bản", r.FormValue("date")); err != nil {
		return m, err
	}
	return m, nil
}

// formDate reads a date typed as dd/mm/yyyy (as clerks write it) or
// yyyy-mm-dd (what a date input sends).
func formDate(field, s string) (corpus.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return corpus.Date{}, nil
	}
	if d, err := corpus.ParseDate(s); err == nil {
		return d, nil
	}
	parts := strings.Split(s, "/")
	if len(parts) == 3 {
		d, e1 := strconv.Atoi(parts[0])
		m, e2 := strconv.Atoi(parts[1])
		y, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil {
			if x, ok := corpus.NewDate(y, m, d); ok {
				return x, nil
			}
		}
	}
	return corpus.Date{}, badInputf(field, "%q: viết theo dạng ngày/tháng/năm, ví dụ 05/03/2026.", s)
}

func (s *Server) tripMove(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.answer(w, r, formErr(err))
		return
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang (form expired: reload the page).")
		return
	}
	if !s.authorized(r) {
		s.renderTrip(w, r, id, http.StatusUnauthorized, "Cần mã truy cập (token) để cập nhật sổ đoàn ra.", "")
		return
	}
	m, err := moveFromForm(r)
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		s.renderTrip(w, r, id, status, msg, "")
		return
	}
	author := strings.TrimSpace(r.FormValue("author"))
	if author == "" {
		author = tripsAuthor
	}
	if err := s.mayMove(r, id, m.To); err != nil {
		status, msg := s.userMessage(w, r, err)
		s.renderTrip(w, r, id, status, "Không được chuyển trạng thái này: "+msg, "")
		return
	}
	e, err := s.cfg.Trips.Move(r.Context(), id, author, m)
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		s.renderTrip(w, r, id, status, msg, "")
		return
	}
	http.Redirect(w, r, "/trips/"+url.PathEscape(e.ID)+"?moved="+url.QueryEscape(string(e.Status)), http.StatusSeeOther)
}

// tripEdit changes what the register keeps besides the trip file: whether
// the trip is in the approved plan, the funding as the unit writes it, notes.
func (s *Server) tripEdit(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.answer(w, r, formErr(err))
		return
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang (form expired: reload the page).")
		return
	}
	if !s.authorized(r) {
		s.renderTrip(w, r, id, http.StatusUnauthorized, "Cần mã truy cập (token) để cập nhật sổ đoàn ra.", "")
		return
	}
	inPlan := r.FormValue("in_plan") != ""
	funding, notes := r.FormValue("funding"), r.FormValue("notes")
	set := tripSet{InPlan: &inPlan, Funding: &funding, Notes: &notes}
	author := strings.TrimSpace(r.FormValue("author"))
	if author == "" {
		author = tripsAuthor
	}
	if _, err := s.cfg.Trips.Edit(r.Context(), id, author, "sửa thông tin", set.apply); err != nil {
		status, msg := s.userMessage(w, r, err)
		s.renderTrip(w, r, id, status, msg, "")
		return
	}
	http.Redirect(w, r, "/trips/"+url.PathEscape(id), http.StatusSeeOther)
}

// tripPDF renders one of the trip's letters from its record.
func (s *Server) tripPDF(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	if s.cfg.Draft == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "Chưa cấu hình soạn văn bản.")
		return
	}
	e, err := s.cfg.Trips.Get(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "not_found", "Không có chuyến đi này trong sổ.")
		return
	}
	kind := r.PathValue("kind")
	if !slices.Contains(s.cfg.Draft.Kinds(), kind) {
		s.fail(w, r, http.StatusNotFound, "unknown_kind", "Không có mẫu văn bản "+strconv.Quote(kind))
		return
	}
	s.sendPDF(w, r, kind, e.Trip)
}

// tripLetter renders one of the trip's letters, stores it in the corpus
// like any signed PDF, and lists it among the trip's documents: the letter
// names its trip and the trip its letter. Rendering the same record again
// stores nothing new.
func (s *Server) tripLetter(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	id, kind := r.PathValue("id"), r.PathValue("kind")
	if err := r.ParseForm(); err != nil {
		s.answer(w, r, formErr(err))
		return
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang (form expired: reload the page).")
		return
	}
	if !s.authorized(r) {
		s.renderTrip(w, r, id, http.StatusUnauthorized, "Cần mã truy cập (token) để lưu văn bản vào kho.", "")
		return
	}
	if s.cfg.Draft == nil || s.cfg.Ingest == nil || !slices.Contains(s.cfg.Draft.Kinds(), kind) {
		s.renderTrip(w, r, id, http.StatusServiceUnavailable, "Không soạn và lưu được văn bản "+strconv.Quote(kind)+" ở đây.", "")
		return
	}
	e, err := s.cfg.Trips.Get(id)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "not_found", "Không có chuyến đi "+strconv.Quote(id)+" trong sổ.")
		return
	}
	pdf, err := s.cfg.Draft.Render(r.Context(), kind, e.Trip)
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		s.renderTrip(w, r, id, status, "Không soạn được văn bản: "+msg, "")
		return
	}
	res, err := s.cfg.Ingest.Ingest(r.Context(), ingest.Input{Name: "trips/" + id + "/" + kind + ".pdf", Data: pdf})
	if err != nil || res.ID == "" {
		status, msg := http.StatusInternalServerError, "Không lưu được văn bản vào kho."
		if err != nil {
			var why string
			status, why = s.userMessage(w, r, err)
			msg = "Không lưu được văn bản vào kho: " + why
		}
		s.renderTrip(w, r, id, status, msg, "")
		return
	}
	if !slices.Contains(e.Documents, res.ID) {
		_, err = s.cfg.Trips.Edit(r.Context(), id, tripsAuthor, "lưu văn bản "+kind+" vào kho", func(x *register.Entry) error {
			if !slices.Contains(x.Documents, res.ID) {
				x.Documents = append(x.Documents, res.ID)
			}
			return nil
		})
		if err != nil {
			status, msg := s.userMessage(w, r, err)
			s.renderTrip(w, r, id, status, msg, "")
			return
		}
	}
	http.Redirect(w, r, "/trips/"+url.PathEscape(id)+"#documents", http.StatusSeeOther)
}

// draftFile files the drafting page's trip into the register and opens its
// page there; filing the same trip again opens the one already filed.
func (s *Server) draftFile(w http.ResponseWriter, r *http.Request, t corpus.Trip, fes []trip.FieldError) {
	if s.cfg.Trips == nil {
		rep := s.checker.Check(t, s.checkOptions(r))
		s.renderDraft(w, r, t, &rep, fes, "Chưa mở sổ theo dõi đoàn ra: không vào sổ được.")
		return
	}
	if !s.authorized(r) {
		w.WriteHeader(http.StatusUnauthorized)
		s.renderDraft(w, r, t, nil, fes, "Cần mã truy cập (token) để vào sổ đoàn ra.")
		return
	}
	if len(fes) > 0 {
		rep := s.checker.Check(t, s.checkOptions(r))
		s.renderDraft(w, r, t, &rep, fes, "Hãy sửa các lỗi dưới đây trước khi vào sổ.")
		return
	}
	e, _, err := s.cfg.Trips.File(r.Context(), s.actorOr(r, tripsAuthor), register.Entry{Trip: t}, "vào sổ từ trang soạn văn bản")
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		w.WriteHeader(status)
		s.renderDraft(w, r, t, nil, nil, "Không vào sổ được: "+msg)
		return
	}
	http.Redirect(w, r, "/trips/"+url.PathEscape(e.ID), http.StatusSeeOther)
}
