package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"vanthu/audit"
	"vanthu/corpus"
)

// auditFilter reads the log's filters from a URL: doc, trip, user, kind,
// action, from, to (dates as the register's forms take them).
func auditFilter(v url.Values) (audit.Filter, error) {
	f := audit.Filter{Actor: v.Get("user"), Kind: v.Get("kind"), Action: v.Get("action"), Limit: 500}
	switch {
	case v.Get("doc") != "":
		f.ID = v.Get("doc")
	case v.Get("trip") != "":
		f.Kind, f.ID = "trip", v.Get("trip")
	}
	for _, b := range []struct {
		name string
		t    *time.Time
		end  bool
	}{{"from", &f.From, false}, {"to", &f.To, true}} {
		if s := v.Get(b.name); s != "" {
			d, err := formDate(b.name, s)
			if err != nil {
				return f, err
			}
			*b.t = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, corpus.VietnamZone)
			if b.end {
				*b.t = b.t.Add(24*time.Hour - time.Nanosecond)
			}
		}
	}
	return f, nil
}

// auditPage shows the log, newest first: of one document or trip when
// linked from its page (its history), or filtered.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Audit == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "Máy chủ này không giữ nhật ký (read-only).")
		return
	}
	f, err := auditFilter(r.URL.Query())
	data := map[string]any{"Title": "Nhật ký thay đổi", "Q": boundValues(r.URL.Query(), 200)}
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		w.WriteHeader(status)
		data["Error"] = msg
		s.render(w, r, "audit.html", data)
		return
	}
	es, err := s.cfg.Audit.List(f)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	slices.Reverse(es)
	data["Entries"] = es
	s.render(w, r, "audit.html", data)
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Audit == nil {
		apiError(w, http.StatusServiceUnavailable, "unavailable", "no audit log on this server")
		return
	}
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	es, err := s.cfg.Audit.List(f)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if es == nil {
		es = []audit.Entry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": es})
}

func init() {
	funcs["actionVN"] = func(a string) string {
		switch a {
		case audit.ActionDocument:
			return "lưu văn bản"
		case audit.ActionRecord:
			return "ghi hồ sơ"
		case audit.ActionPurge:
			return "xoá văn bản"
		case audit.ActionLogin:
			return "đăng nhập"
		case audit.ActionLoginFailed:
			return "đăng nhập sai"
		case audit.ActionLogout:
			return "đăng xuất"
		}
		return a
	}
	funcs["hash12"] = func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	}
}
