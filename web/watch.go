package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"vanthu/watch"
)

// watchOwner is whose saved searches a request sees: the login; without
// accounts, everyone's on this machine ("" lists all, new ones are the
// desk's).
func (s *Server) watchOwner(r *http.Request) (list, add string) {
	if u := userFrom(r.Context()); u != nil {
		return u.user.Name, u.user.Name
	}
	return "", "desk"
}

func (s *Server) needWatch(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Watch == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "Máy chủ này không giữ tìm kiếm đã lưu (read-only).")
		return false
	}
	return true
}

// watchPage is "Mới từ lần xem trước": the documents ingested since the
// user last looked that their saved searches find, the searches, and the
// form to save one.
func (s *Server) watchPage(w http.ResponseWriter, r *http.Request) {
	if !s.needWatch(w, r) {
		return
	}
	s.renderWatch(w, r, http.StatusOK, "", "")
}

func (s *Server) renderWatch(w http.ResponseWriter, r *http.Request, status int, msg, feedURL string) {
	owner, _ := s.watchOwner(r)
	rs, err := s.cfg.Watch.Unseen(r.Context(), owner)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	var upTo int64
	n := 0
	for _, x := range rs {
		upTo = max(upTo, x.Search.Collected)
		n += len(x.Matches)
	}
	data := map[string]any{"Title": "Mới từ lần xem trước", "Active": "watch", "Results": rs, "New": n, "UpTo": upTo,
		"Message": msg, "FeedURL": feedURL, "CanFeed": s.cfg.Accounts != nil && userFrom(r.Context()) != nil}
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r, "watch.html", data)
}

func (s *Server) watchAdd(w http.ResponseWriter, r *http.Request) {
	if !s.needWatch(w, r) || !s.watchForm(w, r) {
		return
	}
	_, owner := s.watchOwner(r)
	f := watch.Filters{Type: r.PostForm.Get("type"), Issuer: r.PostForm.Get("issuer")}
	_, err := s.cfg.Watch.Add(r.Context(), owner, r.PostForm.Get("name"), r.PostForm.Get("q"), f)
	if errors.Is(err, watch.ErrInvalid) {
		status, msg := s.userMessage(w, r, err)
		s.renderWatch(w, r, status, msg, "")
		return
	}
	if err != nil {
		s.answer(w, r, err)
		return
	}
	http.Redirect(w, r, "/watch", http.StatusSeeOther)
}

func (s *Server) watchSeen(w http.ResponseWriter, r *http.Request) {
	if !s.needWatch(w, r) || !s.watchForm(w, r) {
		return
	}
	owner, _ := s.watchOwner(r)
	upTo, err := strconv.ParseInt(r.PostForm.Get("upto"), 10, 64)
	if err != nil {
		s.answer(w, r, badInput("upto", "cần một số."))
		return
	}
	if err := s.cfg.Watch.MarkSeen(r.Context(), owner, upTo); err != nil {
		s.answer(w, r, err)
		return
	}
	http.Redirect(w, r, "/watch", http.StatusSeeOther)
}

func (s *Server) watchRemove(w http.ResponseWriter, r *http.Request) {
	if !s.needWatch(w, r) || !s.watchForm(w, r) {
		return
	}
	_, owner := s.watchOwner(r)
	if err := s.cfg.Watch.Remove(r.Context(), owner, r.PostForm.Get("name")); err != nil && !errors.Is(err, watch.ErrNotFound) {
		s.answer(w, r, err)
		return
	}
	http.Redirect(w, r, "/watch", http.StatusSeeOther)
}

// watchFeedReset issues the user a new secret feed address (the old one
// stops working) and shows it once.
func (s *Server) watchFeedReset(w http.ResponseWriter, r *http.Request) {
	if !s.needWatch(w, r) || !s.watchForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	if u == nil || s.cfg.Accounts == nil {
		s.fail(w, r, http.StatusForbidden, "login_required", "Nguồn tin Atom cần tài khoản: hãy đăng nhập.")
		return
	}
	tok, err := s.cfg.Accounts.ResetFeed(r.Context(), u.user.Name, u.user.Name)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	s.renderWatch(w, r, http.StatusOK, "", baseURL(r)+"/feeds/"+tok+".atom")
}

func (s *Server) watchForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		s.answer(w, r, formErr(err))
		return false
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang (form expired: reload the page).")
		return false
	}
	if !s.authorized(r) {
		s.fail(w, r, http.StatusUnauthorized, "unauthorized", "Cần đăng nhập hoặc mã truy cập (token).")
		return false
	}
	return true
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// feed serves a user's Atom feed under the secret of its address: no
// login (a newsreader has none), the token is the key.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Watch == nil || s.cfg.Accounts == nil {
		http.NotFound(w, r)
		return
	}
	tok, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	if !ok {
		http.NotFound(w, r)
		return
	}
	u, err := s.cfg.Accounts.ByFeed(r.Context(), tok)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ws, err := s.cfg.Watch.Collect(r.Context(), u.Name)
	if err != nil {
		p := s.explain(r, err)
		http.Error(w, p.Message, p.Status)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	watch.BuildFeed(u.Name, baseURL(r), baseURL(r)+r.URL.Path, ws).WriteTo(w)
}

func (s *Server) watchRoutes() {
	s.mux.HandleFunc("GET /watch", s.watchPage)
	s.mux.HandleFunc("POST /watch", s.watchAdd)
	s.mux.HandleFunc("POST /watch/seen", s.watchSeen)
	s.mux.HandleFunc("POST /watch/remove", s.watchRemove)
	s.mux.HandleFunc("POST /watch/feed", s.watchFeedReset)
	s.mux.HandleFunc("GET /feeds/{file}", s.feed)
	s.mux.HandleFunc("GET /sources", s.sourcesPage)
	s.mux.HandleFunc("GET /api/sources", s.apiSources)
}
