package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/trip"
)

// The drafting form names its fields after the trip file, with one value per
// row for members (m_*), stops (s_*) and costs (c_*). Checkboxes of a row carry
// the row index as their value.

func (s *Server) draftPage(w http.ResponseWriter, r *http.Request) {
	t := sampleTrip()
	if s.cfg.Sample != nil {
		t = *s.cfg.Sample
	}
	var rep *check.Report
	if len(trip.Validate(t)) == 0 {
		x := s.checker.Check(t, s.checkOptions(r))
		rep = &x
	}
	s.renderDraft(w, r, t, rep, nil, "")
}

func (s *Server) renderDraft(w http.ResponseWriter, r *http.Request, t corpus.Trip, rep *check.Report, fes []trip.FieldError, msg string) {
	y, _ := yaml.Marshal(t)
	kinds := []string{}
	if s.cfg.Draft != nil {
		kinds = s.cfg.Draft.Kinds()
	}
	s.render(w, r, "draft.html", map[string]any{
		"Title": "Soạn văn bản đoàn ra", "Active": "draft", "Trip": t, "YAML": string(y),
		"Members": padMembers(t.Members), "Stops": padStops(t.Itinerary), "Costs": padCosts(t.Funding.Items),
		"Report": rep, "FieldErrors": fes, "Message": msg, "Kinds": kinds,
		"Recipients": strings.Join(t.Recipients, "\n"), "CC": strings.Join(t.CC, "\n"),
		"Funding": trip.FundingSources(), "Ranks": trip.Ranks(), "Register": s.cfg.Trips != nil, "DOCX": s.canDOCX(),
	})
}

// draftSubmit handles the form's buttons: check, load YAML, save YAML, or
// make one of the PDFs.
func (s *Server) draftSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(8 << 20); err != nil && err != http.ErrNotMultipart {
		s.answer(w, r, formErr(err))
		return
	}
	if !s.validCSRF(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "Biểu mẫu đã hết hạn, hãy tải lại trang (form expired: reload the page).")
		return
	}
	action := r.FormValue("action")
	if action == "load" {
		src := []byte(r.FormValue("trip_yaml"))
		if f, _, err := r.FormFile("trip_file"); err == nil {
			buf := new(strings.Builder)
			_, _ = copyLimited(buf, f, 4<<20)
			f.Close()
			if buf.Len() > 0 {
				src = []byte(buf.String())
			}
		}
		t, err := trip.Parse(src, "tệp YAML")
		if err != nil {
			status, msg := s.userMessage(w, r, err)
			w.WriteHeader(status)
			s.renderDraft(w, r, tripFromForm(r.Form), nil, nil, msg)
			return
		}
		rep := s.checker.Check(t, s.checkOptions(r))
		s.renderDraft(w, r, t, &rep, trip.Validate(t), "Đã nạp chuyến công tác từ YAML.")
		return
	}
	t := tripFromForm(r.Form)
	fes := trip.Validate(t)
	switch {
	case action == "file-trip":
		s.draftFile(w, r, t, fes)
		return
	case action == "yaml":
		y, err := yaml.Marshal(t)
		if err != nil {
			s.answer(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="chuyen-cong-tac.yaml"`)
		w.Write(y)
		return
	case strings.HasPrefix(action, "pdf-") || strings.HasPrefix(action, "docx-"):
		format, kind, _ := strings.Cut(action, "-")
		if s.cfg.Draft == nil || !slices.Contains(s.cfg.Draft.Kinds(), kind) {
			s.fail(w, r, http.StatusNotFound, "unknown_kind", "Không có mẫu văn bản "+strconv.Quote(kind))
			return
		}
		if len(fes) > 0 {
			rep := s.checker.Check(t, s.checkOptions(r))
			s.renderDraft(w, r, t, &rep, fes, "Hãy sửa các lỗi dưới đây trước khi tạo văn bản.")
			return
		}
		s.sendDraft(w, r, kind, format, t)
		return
	}
	var rep *check.Report
	if len(fes) == 0 {
		x := s.checker.Check(t, s.checkOptions(r))
		rep = &x
	}
	s.renderDraft(w, r, t, rep, fes, "")
}

// draftCheckFragment answers the page's live check: the findings as an HTML
// fragment for the form's current values.
func (s *Server) draftCheckFragment(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(8 << 20); err != nil && err != http.ErrNotMultipart {
		s.apiAnswer(w, r, formErr(err))
		return
	}
	if !s.validCSRF(r) {
		apiError(w, http.StatusForbidden, "csrf", "form expired: reload the page")
		return
	}
	t := tripFromForm(r.Form)
	fes := trip.Validate(t)
	var rep *check.Report
	if len(fes) == 0 {
		x := s.checker.Check(t, s.checkOptions(r))
		rep = &x
	}
	var buf strings.Builder
	if err := s.pages.ExecuteTemplate(&buf, "findings", map[string]any{"Report": rep, "FieldErrors": fes}); err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(buf.String()))
}

func tripFromForm(f url.Values) corpus.Trip {
	g := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	date := func(k string) corpus.Date { d, _ := corpus.ParseDate(g(k)); return d }
	t := corpus.Trip{
		Style: g("style"), ParentIssuer: g("parent_issuer"), Issuer: g("issuer"), Jurisdiction: g("jurisdiction"),
		Place: g("place"), Date: date("date"), Name: g("name"), Nature: g("nature"), Purpose: g("purpose"),
		Departure: date("departure"), Return: date("return"), Invitation: g("invitation"), Contact: g("contact"),
		ProgrammeAttached: f.Get("programme_attached") != "", Archive: g("archive"),
		Recipients: lines(f.Get("recipients")), CC: lines(f.Get("cc")),
		Signer:  corpus.Signer{Authority: g("signer_authority"), Title: g("signer_title"), Name: g("signer_name")},
		Funding: corpus.Funding{Source: g("funding_source"), Note: g("funding_note")},
	}
	t.Register.Number, _ = strconv.Atoi(g("reg_number"))
	t.Register.Code = g("reg_code")
	t.Register.Type = g("reg_type")
	checked := func(name string, i int) bool {
		for _, v := range f[name] {
			if v == strconv.Itoa(i) {
				return true
			}
		}
		return false
	}
	at := func(name string, i int) string {
		if i < len(f[name]) {
			return strings.TrimSpace(f[name][i])
		}
		return ""
	}
	for i := range f["m_name"] {
		m := corpus.Member{Name: at("m_name", i), Position: at("m_position", i), Unit: at("m_unit", i), Rank: at("m_rank", i),
			Head: f.Get("m_head") == strconv.Itoa(i), KeyLeader: checked("m_key", i), Leadership: checked("m_lead", i)}
		m.LeadershipSize, _ = strconv.Atoi(at("m_lead_size", i))
		m.TripsThisYear, _ = strconv.Atoi(at("m_trips", i))
		if m.Name == "" && m.Position == "" && m.Unit == "" {
			continue
		}
		t.Members = append(t.Members, m)
	}
	for i := range f["s_country"] {
		st := corpus.Stop{Country: at("s_country", i), City: at("s_city", i), Partner: at("s_partner", i)}
		st.From, _ = corpus.ParseDate(at("s_from", i))
		st.To, _ = corpus.ParseDate(at("s_to", i))
		st.Sessions = parseSessions(at("s_sessions", i))
		if st.Country == "" && st.City == "" && st.Partner == "" && len(st.Sessions) == 0 {
			continue
		}
		t.Itinerary = append(t.Itinerary, st)
	}
	for i := range f["c_item"] {
		c := corpus.CostItem{Item: at("c_item", i), Payer: at("c_payer", i)}
		c.Planned, _ = strconv.ParseFloat(strings.ReplaceAll(at("c_planned", i), ".", ""), 64)
		if c.Item == "" && c.Payer == "" {
			continue
		}
		t.Funding.Items = append(t.Funding.Items, c)
	}
	if rd := g("r_date"); rd != "" || g("r_results") != "" {
		rep := &corpus.TripReport{Decision: g("r_decision"), Results: lines(f.Get("r_results")),
			Commitments: lines(f.Get("r_commitments")), Lessons: lines(f.Get("r_lessons")), Proposals: lines(f.Get("r_proposals"))}
		rep.Date, _ = corpus.ParseDate(rd)
		rep.DecisionDate, _ = corpus.ParseDate(g("r_decision_date"))
		t.Report = rep
	}
	return t
}

// parseSessions reads one working session a line: "date | time | place |
// partner | content" (the last field may contain "|"-free free text).
func parseSessions(s string) []corpus.Session {
	var out []corpus.Session
	for _, l := range lines(s) {
		p := strings.SplitN(l, "|", 5)
		for len(p) < 5 {
			p = append([]string{""}, p...)
		}
		for i := range p {
			p[i] = strings.TrimSpace(p[i])
		}
		d, _ := corpus.ParseDate(p[0])
		out = append(out, corpus.Session{Date: d, Time: p[1], Place: p[2], Partner: p[3], Content: p[4]})
	}
	return out
}

func sessionsText(ss []corpus.Session) string {
	var b strings.Builder
	for _, x := range ss {
		b.WriteString(strings.Join([]string{x.Date.String(), x.Time, x.Place, x.Partner, x.Content}, " | "))
		b.WriteByte('\n')
	}
	return b.String()
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- ")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

type memberRow struct {
	I int
	corpus.Member
}

type stopRow struct {
	I int
	corpus.Stop
	SessionsText string
}

type costRow struct {
	I int
	corpus.CostItem
}

// The form shows the trip's rows plus blank ones to add more without script.
func padMembers(ms []corpus.Member) []memberRow {
	var out []memberRow
	for i, m := range ms {
		out = append(out, memberRow{i, m})
	}
	for i := len(ms); i < len(ms)+3; i++ {
		out = append(out, memberRow{I: i})
	}
	return out
}

func padStops(ss []corpus.Stop) []stopRow {
	var out []stopRow
	for i, s := range ss {
		out = append(out, stopRow{i, s, sessionsText(s.Sessions)})
	}
	for i := len(ss); i < len(ss)+2; i++ {
		out = append(out, stopRow{I: i})
	}
	return out
}

func padCosts(cs []corpus.CostItem) []costRow {
	var out []costRow
	for i, c := range cs {
		out = append(out, costRow{i, c})
	}
	for i := len(cs); i < len(cs)+2; i++ {
		out = append(out, costRow{I: i})
	}
	return out
}

// sampleTrip starts the form with a realistic outline to edit.
func sampleTrip() corpus.Trip {
	return corpus.Trip{
		Style: "state", ParentIssuer: "UBND TỈNH QUẢNG NINH", Issuer: "SỞ NGOẠI VỤ", Jurisdiction: "UBND tỉnh Quảng Ninh",
		Register: corpus.Register{Code: "SNgV-LS"}, Place: "Hạ Long",
		Name: "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh", Nature: "làm việc",
		Recipients: []string{"Ủy ban nhân dân tỉnh Quảng Ninh"},
		Signer:     corpus.Signer{Title: "GIÁM ĐỐC"},
		Funding:    corpus.Funding{Source: "state-budget"},
	}
}

// canDOCX reports whether the drafter writes Word documents too.
func (s *Server) canDOCX() bool {
	_, ok := s.cfg.Draft.(NotesDrafter)
	return ok
}
