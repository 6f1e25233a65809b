package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/review"
)

// The review desk's pages: the "Cần kiểm tra" queue, and the forms of the
// document page that correct fields, mark a document checked, withdraw,
// restore and purge it (review/doc.go says how each is kept).
func (s *Server) reviewRoutes() {
	s.mux.HandleFunc("GET /review", s.reviewPage)
	s.mux.HandleFunc("GET /api/review", s.apiReview)
	s.mux.HandleFunc("POST /api/documents/{id}/review", s.apiReviewAction)
	s.mux.HandleFunc("POST /documents/{id}/correct", s.reviewAction(s.correct))
	s.mux.HandleFunc("POST /documents/{id}/reviewed", s.reviewAction(s.markReviewed))
	s.mux.HandleFunc("POST /documents/{id}/withdraw", s.reviewAction(s.withdraw))
	s.mux.HandleFunc("POST /documents/{id}/restore", s.reviewAction(s.restore))
	s.mux.HandleFunc("POST /documents/{id}/purge", s.reviewAction(s.purge))
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Review == nil {
		s.fail(w, r, http.StatusNotFound, "not_found", "Máy chủ này không có bàn kiểm tra (no review desk).")
		return
	}
	q, err := s.cfg.Review.Store.Queue(r.Context())
	data := map[string]any{"Title": "Cần kiểm tra", "Active": "review", "Queue": q}
	if err != nil {
		_, msg := s.userMessage(w, r, err)
		data["Error"] = "Không đọc được danh sách: " + msg
	}
	if v := r.URL.Query().Get("purged"); v != "" {
		data["Purged"] = v
	}
	s.render(w, r, "review.html", data)
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Review == nil {
		apiError(w, http.StatusServiceUnavailable, "no_review", "this server has no review desk")
		return
	}
	q, err := s.cfg.Review.Store.Queue(r.Context())
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if q == nil {
		q = []review.Item{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": len(q), "documents": q})
}

// reviewAction checks what every review form needs (a desk, the form's
// CSRF token, the write token when one is set, the document) and redirects
// back to the document page after the action, so a reload does not repeat it.
func (s *Server) reviewAction(act func(ctx context.Context, r *http.Request, id, by string) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Review == nil || s.cfg.Ingest == nil {
			s.fail(w, r, http.StatusServiceUnavailable, "read_only", "Máy chủ này chỉ cho đọc (read-only).")
			return
		}
		if err := r.ParseForm(); err != nil {
			s.answer(w, r, formErr(err))
			return
		}
		if !s.validCSRF(r) {
			s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang.")
			return
		}
		if !s.authorized(r) {
			s.fail(w, r, http.StatusUnauthorized, "unauthorized", "Cần mã truy cập (token) để sửa văn bản.")
			return
		}
		id := r.PathValue("id")
		by := strings.TrimSpace(r.FormValue("by"))
		if by == "" {
			s.fail(w, r, http.StatusBadRequest, "bad_form", "Ghi tên người sửa (who makes the change).")
			return
		}
		next, err := act(r.Context(), r, id, by)
		switch {
		case errors.Is(err, corpus.ErrNotFound):
			s.fail(w, r, http.StatusNotFound, "not_found", "Không có văn bản "+strconv.Quote(id)+".")
			return
		case errors.Is(err, review.ErrNotIndexed):
			s.cfg.Log.Printf("review %s: %v", id, err)
		case err != nil:
			s.answer(w, r, err)
			return
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

func docURL(id, flash string) string {
	u := "/documents/" + url.PathEscape(id)
	if flash != "" {
		u += "?done=" + url.QueryEscape(flash)
	}
	return u
}

// correct applies the fields of the form whose value differs from the
// current one: the form shows every field, and a person changes a few.
func (s *Server) correct(ctx context.Context, r *http.Request, id, by string) (string, error) {
	d, err := s.cfg.Review.Store.Get(ctx, id)
	if err != nil {
		return "", err
	}
	fields := map[string]string{}
	for _, name := range review.FieldNames() {
		vs, ok := r.PostForm["f_"+name]
		if !ok || len(vs) == 0 {
			continue
		}
		if v := strings.TrimSpace(vs[0]); v != review.FieldValue(d, name) {
			fields[name] = v
		}
	}
	if len(fields) == 0 {
		return docURL(d.ID, "unchanged"), nil
	}
	_, err = s.cfg.Review.Set(ctx, d.ID, fields, by, strings.TrimSpace(r.FormValue("note")))
	return docURL(d.ID, "corrected"), err
}

func (s *Server) markReviewed(ctx context.Context, r *http.Request, id, by string) (string, error) {
	_, err := s.cfg.Review.MarkReviewed(ctx, id, by, strings.TrimSpace(r.FormValue("note")))
	return docURL(id, "reviewed"), err
}

func (s *Server) withdraw(ctx context.Context, r *http.Request, id, by string) (string, error) {
	_, err := s.cfg.Review.Withdraw(ctx, id, by, strings.TrimSpace(r.FormValue("reason")))
	return docURL(id, "withdrawn"), err
}

func (s *Server) restore(ctx context.Context, r *http.Request, id, by string) (string, error) {
	_, err := s.cfg.Review.Restore(ctx, id, by, strings.TrimSpace(r.FormValue("reason")))
	return docURL(id, "restored"), err
}

func (s *Server) purge(ctx context.Context, r *http.Request, id, by string) (string, error) {
	_, err := s.cfg.Review.Purge(ctx, id, r.FormValue("confirm"), by, strings.TrimSpace(r.FormValue("reason")))
	return "/review?purged=" + url.QueryEscape(id), err
}

// reviewView is what the document page shows of the review loop.
type reviewView struct {
	Fields    []review.FieldView
	Issues    []review.Issue
	Needs     bool
	Withdrawn bool
	History   []review.Change
	Pages     []pageView
	Revisions []review.Revision
	A, B      string // the revisions compared
	MetaDiff  []review.FieldDiff
	TextDiff  []review.DiffLine
	Compared  bool
	Done      string
}

type pageView struct {
	corpus.Page
	Confidence float64
}

func (s *Server) reviewData(ctx context.Context, r *http.Request, d corpus.Document) (*reviewView, error) {
	rs := s.cfg.Review.Store
	extracted, err := rs.Inner().Get(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	c := rs.Correction(d.ID)
	v := &reviewView{
		Fields:    review.FieldViews(d, extracted, c),
		Issues:    review.Issues(d, c),
		Needs:     review.NeedsReview(d, c),
		Withdrawn: rs.Withdrawn(d.ID),
		Done:      r.URL.Query().Get("done"),
	}
	for _, p := range d.Source.Pages {
		v.Pages = append(v.Pages, pageView{Page: p, Confidence: review.PageConfidence(p)})
	}
	if v.History, err = s.cfg.Review.History(ctx, d.ID); err != nil {
		return nil, err
	}
	if v.Revisions, err = rs.Revisions(ctx, d.ID, s.cfg.Parse); err != nil {
		return nil, err
	}
	q := r.URL.Query()
	v.A, v.B = q.Get("a"), q.Get("b")
	if v.A == "" && v.B == "" && len(v.Revisions) > 1 {
		// Offer the last two by default, without computing the diff.
		v.A, v.B = v.Revisions[len(v.Revisions)-2].Key, v.Revisions[len(v.Revisions)-1].Key
		return v, nil
	}
	var ra, rb *review.Revision
	for i := range v.Revisions {
		switch v.Revisions[i].Key {
		case v.A:
			ra = &v.Revisions[i]
		case v.B:
			rb = &v.Revisions[i]
		}
	}
	if ra != nil && rb != nil {
		v.Compared = true
		v.MetaDiff = review.MetaDiff(ra.Doc, rb.Doc)
		v.TextDiff = review.TextDiff(ra.Text, rb.Text, 2)
	}
	return v, nil
}

// needsReview marks the hits of a search that are on the review queue.
func (s *Server) needsReview(ctx context.Context, ids []string) map[string]bool {
	if s.cfg.Review == nil {
		return nil
	}
	out := map[string]bool{}
	for _, id := range ids {
		if s.cfg.Review.Store.NeedsReviewID(ctx, id) {
			out[id] = true
		}
	}
	return out
}

// addReviewNotes fills each stored result's "cần kiểm tra" notes, as
// `vanthu ingest` prints them.
func (s *Server) addReviewNotes(ctx context.Context, rs []ingest.Result) {
	if s.cfg.Review == nil {
		return
	}
	for i := range rs {
		if rs[i].ID == "" || len(rs[i].Review) > 0 {
			continue
		}
		d, err := s.cfg.Review.Store.Get(ctx, rs[i].ID)
		if err != nil {
			continue
		}
		c := s.cfg.Review.Store.Correction(d.ID)
		if !review.NeedsReview(d, c) {
			continue
		}
		for _, is := range review.Issues(d, c) {
			rs[i].Review = append(rs[i].Review, ingest.Note{Field: is.Field, Message: is.Message})
		}
	}
}

func init() {
	funcs["fieldLabel"] = func(name string) string {
		if name == "text" {
			return "Văn bản"
		}
		return review.FieldLabel(name)
	}
	funcs["diffClass"] = func(op review.Op) string {
		switch op {
		case review.Delete:
			return "del"
		case review.Insert:
			return "ins"
		case review.Skip:
			return "skip"
		}
		return "same"
	}
	funcs["diffMark"] = func(op review.Op) string {
		switch op {
		case review.Delete:
			return "−"
		case review.Insert:
			return "+"
		}
		return " "
	}
	funcs["sourceVN"] = func(s string) string {
		switch s {
		case "text":
			return "lớp chữ"
		case "ocr":
			return "OCR"
		case "portal":
			return "cổng thông tin"
		case "record":
			return "bản ghi"
		case review.SourceCorrection:
			return "người sửa"
		case review.SourceHandwriting:
			return "chữ viết tay"
		}
		return s
	}
}

// reviewRequest is the body of POST /api/documents/{id}/review: one
// decision, as the document page's forms make them.
type reviewRequest struct {
	Action  string            `json:"action"` // set, reviewed, withdraw, restore, purge
	Fields  map[string]string `json:"fields,omitempty"`
	By      string            `json:"by"`
	Note    string            `json:"note,omitempty"`
	Reason  string            `json:"reason,omitempty"`
	Confirm string            `json:"confirm,omitempty"` // purge: the document id again
}

func (s *Server) apiReviewAction(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Review == nil || s.cfg.Ingest == nil {
		apiError(w, http.StatusServiceUnavailable, "read_only", "this server does not take review decisions")
		return
	}
	if !s.authorized(r) {
		apiError(w, http.StatusUnauthorized, "unauthorized", "a token is needed (Authorization: Bearer ...)")
		return
	}
	var req reviewRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		s.apiAnswer(w, r, badInput("", "cần JSON {action, fields, by, note, reason, confirm}."))
		return
	}
	by := strings.TrimSpace(req.By)
	if by == "" {
		apiError(w, http.StatusBadRequest, "no_author", `name who decides: "by"`)
		return
	}
	ctx, id, desk := r.Context(), r.PathValue("id"), s.cfg.Review
	var err error
	switch req.Action {
	case "set":
		_, err = desk.Set(ctx, id, req.Fields, by, req.Note)
	case "reviewed":
		_, err = desk.MarkReviewed(ctx, id, by, req.Note)
	case "withdraw":
		_, err = desk.Withdraw(ctx, id, by, req.Reason)
	case "restore":
		_, err = desk.Restore(ctx, id, by, req.Reason)
	case "purge":
		_, err = desk.Purge(ctx, id, req.Confirm, by, req.Reason)
	default:
		apiError(w, http.StatusBadRequest, "bad_action", "action is one of set, reviewed, withdraw, restore, purge")
		return
	}
	switch {
	case errors.Is(err, corpus.ErrNotFound):
		apiError(w, http.StatusNotFound, "not_found", "Không có văn bản "+strconv.Quote(id)+" (no such document).")
		return
	case errors.Is(err, review.ErrNotIndexed):
		s.cfg.Log.Printf("review %s: %v", id, err)
	case err != nil:
		s.apiAnswer(w, r, err)
		return
	}
	if req.Action == "purge" {
		writeJSON(w, http.StatusOK, map[string]any{"id": id, "purged": true})
		return
	}
	d, err := s.cfg.Review.Store.Get(ctx, id)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	c := s.cfg.Review.Store.Correction(d.ID)
	issues := review.Issues(d, c)
	if issues == nil {
		issues = []review.Issue{}
	}
	d.Text = ""
	writeJSON(w, http.StatusOK, map[string]any{"document": d, "withdrawn": s.cfg.Review.Store.Withdrawn(d.ID),
		"needs_review": review.NeedsReview(d, c), "issues": issues})
}
