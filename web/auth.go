package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"vanthu/account"
	"vanthu/audit"
	"vanthu/register"
)

// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no
// other site's page sends it), Secure when served over TLS.
const sessionCookie = "vanthu_session"

type userKey struct{}

// who is the request's logged-in user, with the session when it came by
// cookie (nil for an API token).
type who struct {
	user    account.User
	session *account.Session
}

func userFrom(ctx context.Context) *who {
	w, _ := ctx.Value(userKey{}).(*who)
	return w
}

// accountsOn reports whether the office has accounts: from then on writes
// need a login, and travellers' data is shown to logged-in users only.
func (s *Server) accountsOn(ctx context.Context) bool {
	if s.cfg.Accounts == nil {
		return false
	}
	// Accounts are never deleted (only disabled): once one exists the
	// answer is known for good, and the list is not read on every request.
	if s.hasUsers.Load() {
		return true
	}
	on, err := s.cfg.Accounts.Any(ctx)
	if err != nil {
		return true // an unreadable account list fails closed
	}
	if on {
		s.hasUsers.Store(true)
	}
	return on
}

// identify attaches the logged-in user (session cookie or API token) to the
// request and names them as the author of its writes in the audit log.
func (s *Server) identify(r *http.Request) *http.Request {
	if s.cfg.Accounts == nil {
		return r
	}
	ctx := r.Context()
	var w *who
	if c, err := r.Cookie(sessionCookie); err == nil && s.cfg.Sessions != nil {
		if se, ok := s.cfg.Sessions.Lookup(c.Value); ok {
			if u, err := s.cfg.Accounts.Get(ctx, se.User); err == nil && !u.Disabled {
				w = &who{user: u, session: &se}
			} else {
				s.cfg.Sessions.Delete(se.ID)
			}
		}
	}
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && w == nil && strings.HasPrefix(tok, "vt_") {
		if u, err := s.cfg.Accounts.ByToken(ctx, tok); err == nil {
			w = &who{user: u}
		}
	}
	if w == nil {
		return r
	}
	ctx = context.WithValue(ctx, userKey{}, w)
	ctx = audit.WithActor(ctx, w.user.Name)
	return r.WithContext(ctx)
}

// openPost lists the POST endpoints that write nothing (a live check, a
// PDF rendered from the posted trip) and the login itself: open to all.
func openPost(path string) bool {
	switch path {
	case "/login", "/draft/check", "/api/check":
		return true
	}
	return strings.HasPrefix(path, "/api/generate/")
}

// personal lists the pages holding travellers' personal data (names,
// passports) and the office's own records: once the office has accounts,
// only logged-in users see them.
func personal(path string) bool {
	for _, p := range []string{"/trips", "/api/trips", "/audit", "/api/audit", "/watch", "/api/watch", "/sources", "/api/sources"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// adminOnly lists the writes only an admin makes (rule sets, sources).
func adminOnly(path string) bool {
	return strings.HasPrefix(path, "/rules/") || strings.HasPrefix(path, "/api/rules") || strings.HasPrefix(path, "/sources/")
}

// gate refuses what the request may not do once the office has accounts:
// writes without a login (whatever the route: deny by default), a form of a
// session without its CSRF token, an admin's write by another role, and
// pages with personal data to someone not logged in. Without accounts it
// lets everything through to the handlers (the shared token, as before).
// It reports whether the request may go on.
func (s *Server) gate(w http.ResponseWriter, r *http.Request) bool {
	if !s.accountsOn(r.Context()) {
		return true
	}
	u := userFrom(r.Context())
	write := r.Method != http.MethodGet && r.Method != http.MethodHead
	if u == nil {
		if write && openPost(r.URL.Path) || !write && !personal(r.URL.Path) {
			return true
		}
		if !write && !strings.HasPrefix(r.URL.Path, "/api/") {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return false
		}
		msg := "Cần đăng nhập (login required): " + r.Method + " " + r.URL.Path
		if !write {
			msg = "Cần đăng nhập để xem dữ liệu này (login required)."
		}
		s.fail(w, r, http.StatusUnauthorized, "login_required", msg)
		return false
	}
	if !write {
		return true
	}
	if u.session != nil && r.URL.Path != "/login" {
		if !s.sessionCSRF(r, u.session) {
			s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn hoặc thiếu mã chống giả mạo, hãy tải lại trang (CSRF token missing or wrong).")
			return false
		}
		s.stampAuthor(r, u.user.Name)
	} else if u.session == nil {
		s.stampAuthor(r, u.user.Name)
	}
	if adminOnly(r.URL.Path) && !u.user.Role.AtLeast(account.Admin) {
		s.fail(w, r, http.StatusForbidden, "role", "Chỉ quản trị viên (admin) làm được việc này.")
		return false
	}
	return true
}

// sessionCSRF checks a session's form token: the form's csrf field, or the
// X-CSRF-Token header for scripts of the page.
func (s *Server) sessionCSRF(r *http.Request, se *account.Session) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch ct {
		case "application/x-www-form-urlencoded":
			_ = r.ParseForm()
		case "multipart/form-data":
			_ = r.ParseMultipartForm(32 << 20)
		}
		if r.PostForm != nil {
			got = r.PostForm.Get("csrf")
		}
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(se.CSRF)) == 1
}

// stampAuthor makes the login the author of the change: the fields the
// desk's forms and API take for it ("by", "author") are set to the user's
// name, whatever was typed, so that the records and the log agree.
func (s *Server) stampAuthor(r *http.Request, name string) {
	for _, k := range []string{"by", "author"} {
		if r.PostForm != nil {
			r.PostForm.Set(k, name)
		}
		if r.Form != nil {
			r.Form.Set(k, name)
		}
	}
	q := r.URL.Query()
	if q.Has("author") || strings.HasPrefix(r.URL.Path, "/api/") {
		q.Set("author", name)
		r.URL.RawQuery = q.Encode()
	}
}

// actorOr is the logged-in user's name, or def.
func (s *Server) actorOr(r *http.Request, def string) string {
	if u := userFrom(r.Context()); u != nil {
		return u.user.Name
	}
	return def
}

// mayMove refuses a move to approved or refused that the logged-in user
// may not make: only an approver, never on a trip they filed or travel on.
func (s *Server) mayMove(r *http.Request, id string, to register.Status) error {
	if to != register.Approved && to != register.Refused || !s.accountsOn(r.Context()) {
		return nil
	}
	u := userFrom(r.Context())
	if u == nil {
		return errLogin
	}
	e, err := s.cfg.Trips.Get(id)
	if err != nil {
		return nil // the move itself says what is wrong with the trip
	}
	creator := ""
	if len(e.History) > 0 {
		creator = e.History[0].Author
	}
	var travellers []string
	for _, m := range e.Trip.Members {
		travellers = append(travellers, m.Name)
	}
	return account.MayDecide(u.user, creator, travellers)
}

var errLogin = errors.New("web: login required")

// csrfFor is the form token of the request's pages: the session's own
// when logged in, else the process-wide one.
func (s *Server) csrfFor(r *http.Request) string {
	if u := userFrom(r.Context()); u != nil && u.session != nil {
		return u.session.CSRF
	}
	return s.csrfToken()
}

// authView is what the page header shows of the login.
type authView struct {
	On       bool   // the office has accounts
	User     string // logged in as
	Role     string
	FirstRun bool // no accounts yet: say how to create the first admin
}

func (s *Server) authView(r *http.Request) authView {
	if s.cfg.Accounts == nil {
		return authView{}
	}
	v := authView{On: s.accountsOn(r.Context())}
	if u := userFrom(r.Context()); u != nil {
		v.User, v.Role = u.user.Name, string(u.user.Role)
	}
	v.FirstRun = !v.On
	return v
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "login.html", map[string]any{"Title": "Đăng nhập", "Next": safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps a redirect after login on this site.
func safeNext(n string) string {
	if !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.HasPrefix(n, "/\\") {
		return "/"
	}
	return n
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Accounts == nil || s.cfg.Sessions == nil {
		s.fail(w, r, http.StatusNotFound, "no_accounts", "Máy chủ này không dùng tài khoản.")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.answer(w, r, formErr(err))
		return
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang (form expired: reload the page).")
		return
	}
	name := strings.ToLower(strings.TrimSpace(r.PostForm.Get("name")))
	next := safeNext(r.PostForm.Get("next"))
	u, err := s.cfg.Accounts.Authenticate(r.Context(), name, r.PostForm.Get("password"))
	if err != nil {
		s.logAudit(r.Context(), audit.Entry{Actor: boundEcho(name, 64), Action: audit.ActionLoginFailed, Kind: "user", ID: boundEcho(name, 64)})
		msg := "Sai tên đăng nhập hoặc mật khẩu."
		if errors.Is(err, account.ErrDisabled) {
			msg = "Tài khoản này đã bị khoá."
		}
		w.WriteHeader(http.StatusUnauthorized)
		s.render(w, r, "login.html", map[string]any{"Title": "Đăng nhập", "Next": next, "Error": msg, "Name": name})
		return
	}
	se, err := s.cfg.Sessions.Create(u.Name)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	s.logAudit(r.Context(), audit.Entry{Actor: u.Name, Action: audit.ActionLogin, Kind: "user", ID: u.Name})
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: se.ID, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if u := userFrom(r.Context()); u != nil && u.session != nil {
		s.cfg.Sessions.Delete(u.session.ID)
		s.logAudit(r.Context(), audit.Entry{Action: audit.ActionLogout, Kind: "user", ID: u.user.Name})
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logAudit appends an entry when the desk keeps a log; a failure is logged
// and does not stop the request (the write itself went through the
// logging store).
func (s *Server) logAudit(ctx context.Context, e audit.Entry) {
	if s.cfg.Audit == nil {
		return
	}
	if _, err := s.cfg.Audit.Append(ctx, e); err != nil {
		s.cfg.Log.Printf("audit: %v", err)
	}
}

// authRoutes adds the login, logout and the audit log's page.
func (s *Server) authRoutes() {
	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.loginSubmit)
	s.mux.HandleFunc("POST /logout", s.logout)
	s.mux.HandleFunc("GET /audit", s.auditPage)
	s.mux.HandleFunc("GET /api/audit", s.apiAudit)
}
