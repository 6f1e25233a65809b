package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/ingest/crawl"
)

func copyLimited(w io.Writer, r io.Reader, n int64) (int64, error) {
	return io.Copy(w, io.LimitReader(r, n))
}

func (s *Server) filePage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "file.html", map[string]any{"Title": "Nhập văn bản", "Active": "file",
		"ReadOnly": s.cfg.Ingest == nil, "CanCrawl": s.cfg.Crawl != nil})
}

type fileResult struct {
	ingest.Result
	Doc *corpus.Document
}

// fileSubmit stores uploaded files (or crawls one URL once) and shows, per
// file, what happened and the metadata read, for the archivist to check.
func (s *Server) fileSubmit(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Title": "Nhập văn bản", "Active": "file", "ReadOnly": s.cfg.Ingest == nil, "CanCrawl": s.cfg.Crawl != nil}
	if s.cfg.Ingest == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "read_only", "Máy chủ này chỉ cho đọc (read-only).")
		return
	}
	if err := r.ParseMultipartForm(16 << 20); err != nil && err != http.ErrNotMultipart {
		if !asMaxBytes(err, new(*http.MaxBytesError)) {
			err = unreadable("biểu mẫu", err)
		}
		s.answer(w, r, err)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang.")
		return
	}
	if !s.authorized(r) {
		w.WriteHeader(http.StatusUnauthorized)
		data["Error"] = "Cần mã truy cập (token) để nhập văn bản vào kho."
		s.render(w, r, "file.html", data)
		return
	}
	if u := strings.TrimSpace(r.FormValue("url")); u != "" && s.cfg.Crawl != nil {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			data["Error"] = "Địa chỉ phải bắt đầu bằng http:// hoặc https://"
			s.render(w, r, "file.html", data)
			return
		}
		if !s.cfg.CrawlPrivate {
			// An early, readable refusal; the crawler's dialler enforces
			// the same rule on every address it connects to.
			if err := crawl.CheckPublicURL(r.Context(), u); errors.Is(err, crawl.ErrPrivateAddress) {
				w.WriteHeader(http.StatusForbidden)
				data["Error"] = "Không thu thập địa chỉ trong máy này hoặc mạng nội bộ (" + boundEcho(u, 200) + "). Người quản trị có thể cho phép bằng vanthu serve --crawl-private."
				s.render(w, r, "file.html", data)
				return
			}
		}
		rep, err := s.cfg.Crawl(r.Context(), u)
		if err != nil {
			_, msg := s.userMessage(w, r, err)
			data["Error"] = "Thu thập " + boundEcho(u, 200) + " không thành công: " + msg
		}
		data["Crawl"] = rep
		s.render(w, r, "file.html", data)
		return
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		data["Error"] = "Chưa chọn tệp nào (choose at least one file)."
		s.render(w, r, "file.html", data)
		return
	}
	results, err := s.ingestRequest(r)
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		w.WriteHeader(status)
		data["Error"] = msg
	}
	var rows []fileResult
	for _, res := range results {
		fr := fileResult{Result: res}
		if res.ID != "" {
			if d, err := s.cfg.Store.Get(r.Context(), res.ID); err == nil {
				d.Text = ""
				fr.Doc = &d
			}
		}
		rows = append(rows, fr)
	}
	data["Results"] = rows
	s.render(w, r, "file.html", data)
}
