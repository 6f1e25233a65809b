package web

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/index"
	"vanthu/review"
)

var funcs = template.FuncMap{
	"snippet": safeSnippet,
	"join":    strings.Join,
	"list":    func(a ...string) []string { return a },
	"short": func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return string(r[:n]) + "…"
	},
	"pct":     func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"add":     func(a, b int) int { return a + b },
	"sha12":   func(s string) string { return s[:min(12, len(s))] },
	"pathesc": url.PathEscape,
	"statusVN": func(s string) string {
		switch s {
		case "pass":
			return "Đạt"
		case "warn":
			return "Lưu ý"
		case "fail":
			return "Không đạt"
		case "needs-approval":
			return "Cần xin ý kiến"
		case "info":
			return "Thông tin"
		case "stored":
			return "Đã lưu"
		case "new-version":
			return "Phiên bản mới"
		case "unchanged":
			return "Đã có (trùng)"
		case "needs-ocr":
			return "Cần OCR"
		case "error":
			return "Lỗi"
		}
		return s
	},
}

// safeSnippet lets through only the <mark> tags of a search snippet: the
// snippet is unescaped, escaped again whole, then the mark tags restored. Any
// other markup in a document's text stays inert text.
func safeSnippet(s string) template.HTML {
	esc := html.EscapeString(html.UnescapeString(s))
	esc = strings.ReplaceAll(esc, "&lt;mark&gt;", "<mark>")
	esc = strings.ReplaceAll(esc, "&lt;/mark&gt;", "</mark>")
	// Unbalanced marks (a text containing a literal "<mark>") are closed so
	// they cannot swallow the page.
	if o, c := strings.Count(esc, "<mark>"), strings.Count(esc, "</mark>"); o > c {
		esc += strings.Repeat("</mark>", o-c)
	}
	return template.HTML(esc)
}

// History is the audit log's entries about one record (kind "" for a
// document: its versions, corrections and withdrawals), newest first, for
// the record's page.
func (pd pageData) History(kind, id string) []audit.Entry {
	if pd.audit == nil || pd.private || id == "" {
		return nil
	}
	es, err := pd.audit.History(kind, id, 100)
	if err != nil {
		return nil
	}
	slices.Reverse(es)
	return es
}

type pageData struct {
	Title  string
	Active string
	CSRF   string
	Token  bool // the write forms need the token field
	Auth   authView
	// audit reads the history of a record for its page (History).
	audit   *audit.Log
	private bool // the log holds names: shown to logged-in users only once there are accounts
	Data    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	pd := pageData{CSRF: s.csrfFor(r), Token: s.cfg.Token != "" && userFrom(r.Context()) == nil, Auth: s.authView(r), Data: data, audit: s.cfg.Audit}
	pd.private = pd.Auth.On && pd.Auth.User == ""
	if m, ok := data.(map[string]any); ok {
		if t, ok := m["Title"].(string); ok {
			pd.Title = t
		}
		if a, ok := m["Active"].(string); ok {
			pd.Active = a
		}
	}
	if err := s.pages.ExecuteTemplate(&buf, name, pd); err != nil {
		s.cfg.Log.Printf("template %s: %v", name, err)
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

type facetView struct {
	Name, Label string
	Terms       []facetTerm
}

type facetTerm struct {
	Term, URL string
	Count     int
	Active    bool
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q, qerr := queryFrom(r)
	data := map[string]any{"Title": "Tìm kiếm văn bản", "Active": "search", "Q": boundValues(r.URL.Query(), maxQueryBytes)}
	if qerr != nil {
		status, msg := s.userMessage(w, r, qerr)
		w.WriteHeader(status)
		data["Error"] = msg
		s.render(w, r, "search.html", data)
		return
	}
	searching := q.Text != "" || q.Type != "" || q.Issuer != "" || q.Kind != "" || q.Source != "" || !q.From.IsZero() || !q.To.IsZero() ||
		q.Status != "" || !q.EffectiveFrom.IsZero() || !q.EffectiveTo.IsZero()
	if !searching {
		// The landing page lists the newest documents.
		q.Sort = "-date"
		q.Kind = ""
	}
	res, err := s.cfg.Search.Search(r.Context(), q)
	if err != nil {
		status, msg := s.userMessage(w, r, err)
		w.WriteHeader(status)
		data["Error"] = "Không tìm được: " + msg
		s.render(w, r, "search.html", data)
		return
	}
	data["Searching"] = searching
	data["Result"] = res
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	data["NeedsReview"] = s.needsReview(r.Context(), ids)
	data["Query"] = q
	data["Facets"] = facetViews(r.URL.Query(), res.Facets)
	if int(res.Total) > q.Offset+len(res.Hits) {
		data["Next"] = pageURL(r.URL.Query(), q.Offset+q.Limit)
	}
	if q.Offset > 0 {
		data["Prev"] = pageURL(r.URL.Query(), max(0, q.Offset-q.Limit))
	}
	s.render(w, r, "search.html", data)
}

func pageURL(v url.Values, offset int) string {
	c := cloneValues(v)
	c.Set("offset", strconv.Itoa(offset))
	return "/?" + c.Encode()
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

func facetViews(v url.Values, facets map[string][]index.FacetTerm) []facetView {
	labels := []struct{ name, param, label string }{
		{index.FacetType, "type", "Loại văn bản"}, {index.FacetIssuer, "issuer", "Cơ quan ban hành"},
		{index.FacetYear, "year", "Năm"}, {index.FacetSource, "source", "Nguồn"},
	}
	var out []facetView
	for _, l := range labels {
		terms := facets[l.name]
		if len(terms) == 0 {
			continue
		}
		fv := facetView{Name: l.name, Label: l.label}
		for _, t := range terms {
			c := cloneValues(v)
			c.Del("offset")
			active := false
			if l.param == "year" {
				active = v.Get("from") == t.Term && v.Get("to") == t.Term
				c.Set("from", t.Term)
				c.Set("to", t.Term)
			} else {
				active = v.Get(l.param) == t.Term
				c.Set(l.param, t.Term)
			}
			fv.Terms = append(fv.Terms, facetTerm{Term: t.Term, Count: t.Count, URL: "/?" + c.Encode(), Active: active})
		}
		out = append(out, fv)
	}
	return out
}

type fieldRow struct {
	Label, Value, Where, Source string
}

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := s.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, corpus.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not_found", "Không có văn bản "+strconv.Quote(id)+" (no such document).")
		return
	}
	if err != nil {
		s.answer(w, r, err)
		return
	}
	data := map[string]any{"Title": d.Label(), "Active": "search", "Doc": d, "Fields": fieldRows(d), "Sig": signatureOf(d)}
	if s.cfg.Trips != nil {
		data["Trips"] = s.cfg.Trips.TripsOfDocument(d)
	}
	if d.Number != "" {
		if c, err := s.cfg.Search.Cites(r.Context(), d.Number); err == nil {
			data["Cites"] = c.Citations
		}
		if c, err := s.cfg.Search.CitedBy(r.Context(), d.Number); err == nil {
			data["CitedBy"] = c.Citations
		}
	} else if len(d.Citations) > 0 {
		data["OwnCitations"] = d.Citations
	}
	if s.cfg.Review != nil {
		rv, err := s.reviewData(r.Context(), r, d)
		if err != nil {
			s.answer(w, r, err)
			return
		}
		data["Review"] = rv
		data["CanWrite"] = s.cfg.Ingest != nil
		data["FieldNames"] = review.FieldNames()
	}
	s.render(w, r, "document.html", data)
}

// fieldRows lists the metadata with where each value was read (line of the
// text) and who said it (text, portal, record), so a person can check it.
func fieldRows(d corpus.Document) []fieldRow {
	var rows []fieldRow
	add := func(label, key, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		row := fieldRow{Label: label, Value: value, Source: d.FieldSources[key]}
		if sp, ok := d.Spans[key]; ok && sp.Line > 0 {
			row.Where = fmt.Sprintf("dòng %d", sp.Line)
		}
		if row.Source == "" && row.Where != "" {
			row.Source = "text"
		}
		rows = append(rows, row)
	}
	add("Số ký hiệu", "number", d.Number)
	typ := d.TypeName
	if d.Type != "" {
		typ = strings.TrimSpace(d.TypeName + " (" + d.Type + ")")
	}
	add("Loại văn bản", "type", typ)
	add("Cơ quan ban hành", "issuer", d.Issuer)
	add("Cơ quan chủ quản", "parent_issuer", d.ParentIssuer)
	add("Địa danh", "place", d.Place)
	add("Ngày ban hành", "date", d.Date.String())
	add("Trích yếu", "title", d.Title)
	if d.Validity != "" {
		add("Tình trạng hiệu lực", "status", strings.TrimSpace(d.ValidityText))
	}
	add("Ngày có hiệu lực", "effective", d.Effective.String())
	add("Kính gửi", "recipients", strings.Join(d.Recipients, "; "))
	sig := strings.TrimSpace(strings.Join([]string{d.Signer.Authority, d.Signer.Title, d.Signer.Name}, " "))
	add("Người ký", "signer", sig)
	add("Nơi nhận", "cc", strings.Join(d.CC, "; "))
	if d.Incoming != nil {
		add("Văn bản đến", "incoming", "Số "+d.Incoming.Number+", ngày "+d.Incoming.Date.String())
	}
	add("Loại", "kind", string(d.Kind))
	return rows
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
