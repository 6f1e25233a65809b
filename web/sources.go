package web

import (
	"net/http"
	"time"

	"vanthu/ingest/crawl"
)

// sourcesPage lists the crawled sources, those that failed or fell silent
// longer than their period first.
func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	sts, ok := s.sourceStatuses(w, r)
	if !ok {
		return
	}
	var bad, good []crawl.Status
	for _, st := range sts {
		if st.State == "ok" {
			good = append(good, st)
		} else {
			bad = append(bad, st)
		}
	}
	s.render(w, r, "sources.html", map[string]any{"Title": "Nguồn thu thập", "Bad": bad, "Good": good, "Any": len(sts) > 0})
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	sts, ok := s.sourceStatuses(w, r)
	if !ok {
		return
	}
	if sts == nil {
		sts = []crawl.Status{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": sts})
}

func (s *Server) sourceStatuses(w http.ResponseWriter, r *http.Request) ([]crawl.Status, bool) {
	if s.cfg.SourceStatus == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "Máy chủ này không theo dõi nguồn thu thập.")
		return nil, false
	}
	now := time.Now
	if s.cfg.Now != nil {
		now = s.cfg.Now
	}
	sts, err := s.cfg.SourceStatus(r.Context(), now())
	if err != nil {
		s.answer(w, r, err)
		return nil, false
	}
	return sts, true
}
