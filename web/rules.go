package web

import (
	"net/http"

	"vanthu/check"
)

// rulesPage lists the rule sets in use — the national layer, the shipped
// sets and those the office added (`vanthu rules add`) — each with the
// document it comes from, whom it binds, when it is in force, and its rules
// with the sentences they quote.
func (s *Server) rulesPage(w http.ResponseWriter, r *http.Request) {
	var sets []check.RuleSet
	var err error
	if s.cfg.RuleSets != nil {
		sets, err = s.cfg.RuleSets(r.Context())
	} else {
		sets, err = check.DefaultRules()
	}
	if err != nil {
		s.answer(w, r, err)
		return
	}
	s.render(w, r, "rules.html", map[string]any{"Title": "Các bộ quy định", "Active": "rules", "Sets": sets})
}
