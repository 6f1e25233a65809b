package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/trip"
)

// apiError writes the API's error shape: {"error":{"code","message"}}.
func apiError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // JSON may be shown in a page: keep <, >, & escaped
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"cannot encode response"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail answers an error as JSON on /api/ paths and as a page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	s.send(w, r, problem{Status: status, Code: code, Message: msg})
}

// isAPI says whether a request is answered in JSON.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/draft/check")
}

// queryFrom reads a search from URL parameters (the page and the API share
// them, so a search page URL is also an API query).
func queryFrom(r *http.Request) (q index.Query, err error) {
	defer func() {
		var in *inputError
		if errors.As(err, &in) {
			in.Code = "bad_query"
		}
	}()
	v := r.URL.Query()
	q = index.Query{
		Text: strings.TrimSpace(v.Get("q")), Type: v.Get("type"), Issuer: v.Get("issuer"),
		Kind: v.Get("kind"), Source: v.Get("source"), Sort: v.Get("sort"), Facets: true, Limit: 10,
		Status: strings.TrimSpace(v.Get("status")),
	}
	if err := queryCost(q); err != nil {
		return q, err
	}
	if q.From, err = dateParam("from", v.Get("from"), false); err != nil {
		return q, err
	}
	if q.To, err = dateParam("to", v.Get("to"), true); err != nil {
		return q, err
	}
	if q.Status != "" && corpus.ValidityCode(q.Status) == "" {
		return q, badInput("status", "chọn con-hieu-luc, het-hieu-luc-mot-phan, het-hieu-luc hoặc chua-co-hieu-luc.")
	}
	if q.EffectiveFrom, err = dateParam("effective_from", v.Get("effective_from"), false); err != nil {
		return q, err
	}
	if q.EffectiveTo, err = dateParam("effective_to", v.Get("effective_to"), true); err != nil {
		return q, err
	}
	if s := v.Get("limit"); s != "" {
		if q.Limit, err = strconv.Atoi(s); err != nil || q.Limit < 1 || q.Limit > 100 {
			return q, badInput("limit", "cần một số từ 1 đến 100 (a number from 1 to 100).")
		}
	}
	if s := v.Get("offset"); s != "" {
		if q.Offset, err = strconv.Atoi(s); err != nil || q.Offset < 0 || q.Offset > 10000 {
			return q, badInput("offset", "cần một số từ 0 đến 10000 (a number from 0 to 10000).")
		}
	}
	switch q.Sort {
	case "", "relevance", "date", "-date":
	default:
		return q, badInput("sort", "chọn relevance, date hoặc -date.")
	}
	return q, nil
}

// dateParam reads YYYY-MM-DD or a bare year (start or end of it).
func dateParam(name, s string, end bool) (corpus.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return corpus.Date{}, nil
	}
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil && y > 1900 && y < 2200 {
			if end {
				return corpus.Date{Year: y, Month: 12, Day: 31}, nil
			}
			return corpus.Date{Year: y, Month: 1, Day: 1}, nil
		}
	}
	d, err := corpus.ParseDate(s)
	if err != nil {
		return d, badInput(name, "viết ngày theo dạng YYYY-MM-DD hoặc năm YYYY.")
	}
	return d, nil
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, err := queryFrom(r)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	res, err := s.cfg.Search.Search(r.Context(), q)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if res.Hits == nil {
		res.Hits = []index.Hit{}
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	d, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if errors.Is(err, corpus.ErrNotFound) {
		apiError(w, http.StatusNotFound, "not_found", "Không có văn bản "+strconv.Quote(r.PathValue("id"))+" (no such document).")
		return
	}
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// apiOriginal serves the untouched bytes of one version (the newest by
// default, or ?v=<sha256> of one of this document's versions): the sha must
// belong to the document, so no request can name anything else.
func (s *Server) apiOriginal(w http.ResponseWriter, r *http.Request) {
	d, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "not_found", "no document with id "+strconv.Quote(r.PathValue("id")))
		return
	}
	want := r.URL.Query().Get("v")
	ver := d.Source
	if want != "" {
		found := false
		for _, v := range d.Versions {
			if v.SHA256 == want {
				ver, found = v, true
			}
		}
		if !found {
			apiError(w, http.StatusNotFound, "not_found", "this document has no version "+strconv.Quote(want))
			return
		}
	}
	rc, err := s.cfg.Store.Original(r.Context(), ver.SHA256)
	if err != nil {
		apiError(w, http.StatusNotFound, "not_found", "original not stored")
		return
	}
	defer rc.Close()
	ct := ver.MIME
	if ct == "" {
		ct = "application/octet-stream"
	}
	disposition := "attachment"
	if ct == "application/pdf" {
		disposition = "inline" // read in the browser's PDF viewer
	}
	if ct == "text/html" {
		// A stored web page is served as text: its scripts must never run
		// on this site's origin.
		ct = "text/plain"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": downloadName(d, ver)}))
	w.Header().Set("Content-Security-Policy", "sandbox")
	io.Copy(w, rc)
}

func downloadName(d corpus.Document, v corpus.Version) string {
	base := strings.NewReplacer("/", "_", "\\", "_", " ", "_").Replace(corpus.Fold(d.Label()))
	if len(base) > 60 {
		base = base[:60]
	}
	ext := path.Ext(v.Source)
	if i := strings.IndexAny(ext, "?#"); i >= 0 {
		ext = ext[:i]
	}
	switch v.MIME {
	case "application/pdf":
		ext = ".pdf"
	case "text/html":
		ext = ".html"
	case "text/plain":
		ext = ".txt"
	}
	if ext == "" || len(ext) > 6 {
		ext = ".bin"
	}
	return base + ext
}

func (s *Server) apiCitations(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	if strings.TrimSpace(number) == "" {
		apiError(w, http.StatusBadRequest, "bad_request", "a document number is needed: /api/citations/4060-CV/BTCTU")
		return
	}
	var res index.CitesResult
	var err error
	if v := r.URL.Query().Get("cited_by"); v == "1" || v == "true" {
		res, err = s.cfg.Search.CitedBy(r.Context(), number)
	} else {
		res, err = s.cfg.Search.Cites(r.Context(), number)
	}
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if res.Citations == nil {
		res.Citations = []index.Citation{}
	}
	if res.Documents == nil {
		res.Documents = []index.DocRef{}
	}
	writeJSON(w, http.StatusOK, res)
}

// tripFromBody reads a trip sent as YAML or JSON (the body), or as the
// drafting form's fields.
func (s *Server) tripFromBody(r *http.Request) (corpus.Trip, []trip.FieldError, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data" {
		if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			if asMaxBytes(err, new(*http.MaxBytesError)) {
				return corpus.Trip{}, nil, err
			}
			return corpus.Trip{}, nil, unreadable("biểu mẫu", err)
		}
		t := tripFromForm(r.Form)
		return t, trip.Validate(t), nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return corpus.Trip{}, nil, unreadable("yêu cầu", err)
	}
	t, err := trip.Parse(b, "request body")
	if err != nil {
		return t, nil, err
	}
	return t, trip.Validate(t), nil
}

func (s *Server) checkOptions(r *http.Request) check.Options {
	if s.cfg.CheckOptions == nil {
		return check.Options{}
	}
	return s.cfg.CheckOptions(r.Context())
}

func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	t, fes, err := s.tripFromBody(r)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if len(fes) > 0 {
		invalidTrip(w, fes)
		return
	}
	writeJSON(w, http.StatusOK, s.checker.Check(t, s.checkOptions(r)))
}

func (s *Server) apiGenerate(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Draft == nil {
		apiError(w, http.StatusServiceUnavailable, "unavailable", "document generation is not configured")
		return
	}
	kind := r.PathValue("kind")
	if !slices.Contains(s.cfg.Draft.Kinds(), kind) {
		apiError(w, http.StatusNotFound, "unknown_kind", fmt.Sprintf("unknown document kind %q: %s", kind, strings.Join(s.cfg.Draft.Kinds(), ", ")))
		return
	}
	t, fes, err := s.tripFromBody(r)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	if len(fes) > 0 {
		invalidTrip(w, fes)
		return
	}
	format := r.URL.Query().Get("format") // pdf (default) or docx
	if format == "" {
		format = "pdf"
	}
	if format != "pdf" && format != "docx" {
		apiError(w, http.StatusBadRequest, "unknown_format", fmt.Sprintf("unknown format %q: pdf or docx", format))
		return
	}
	s.sendDraft(w, r, kind, format, t)
}

func (s *Server) sendPDF(w http.ResponseWriter, r *http.Request, kind string, t corpus.Trip) {
	s.sendDraft(w, r, kind, "pdf", t)
}

// sendDraft renders one draft as PDF or Word. The rules check goes first:
// the deciding body, the report deadline and the exceptions come from it,
// and the number of rules the trip fails or needs approval for is sent in
// the X-Vanthu-Violations header (the page shows them as a banner).
func (s *Server) sendDraft(w http.ResponseWriter, r *http.Request, kind, format string, t corpus.Trip) {
	var out []byte
	var err error
	nd, withNotes := s.cfg.Draft.(NotesDrafter)
	switch {
	case withNotes && s.cfg.DraftNotes != nil:
		rep, notes := s.checker.Draft(t, s.checkOptions(r))
		w.Header().Set("X-Vanthu-Violations", strconv.Itoa(len(rep.Violations())))
		dt, gn := s.cfg.DraftNotes(t, notes)
		if format == "docx" {
			out, err = nd.RenderDOCX(r.Context(), kind, dt, gn)
		} else {
			out, err = nd.RenderNotes(r.Context(), kind, dt, gn)
		}
	case format == "docx" && withNotes:
		out, err = nd.RenderDOCX(r.Context(), kind, t, generate.Notes{})
	case format == "docx":
		s.fail(w, r, http.StatusNotFound, "no_docx", "Máy chủ này không soạn được văn bản Word.")
		return
	default:
		out, err = s.cfg.Draft.Render(r.Context(), kind, t)
	}
	if err != nil {
		s.answer(w, r, err)
		return
	}
	ctype := "application/pdf"
	if format == "docx" {
		ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": kind + "-" + time.Now().Format("20060102") + "." + format}))
	w.Write(out)
}

// apiIngest stores uploaded files: multipart "file" parts, or a raw body
// named by ?name=. It answers one result per input, like `vanthu ingest --json`.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ingest == nil {
		apiError(w, http.StatusServiceUnavailable, "read_only", "this server is read-only")
		return
	}
	if !s.authorized(r) {
		apiError(w, http.StatusUnauthorized, "unauthorized", "a valid token is needed to add documents (Authorization: Bearer ...)")
		return
	}
	results, err := s.ingestRequest(r)
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results})
}

// ingestRequest runs the pipeline over the files of a request.
func (s *Server) ingestRequest(r *http.Request) ([]ingest.Result, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var results []ingest.Result
	if ct == "multipart/form-data" {
		if err := r.ParseMultipartForm(16 << 20); err != nil {
			if asMaxBytes(err, new(*http.MaxBytesError)) {
				return nil, err
			}
			return nil, unreadable("tệp tải lên", err)
		}
		defer r.MultipartForm.RemoveAll()
		for _, fh := range r.MultipartForm.File["file"] {
			name := "upload/" + path.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
			f, err := fh.Open()
			if err != nil {
				results = append(results, ingest.Result{Input: name, Status: "error", Error: "Không đọc được tệp tải lên."})
				continue
			}
			rs, _ := s.ingestReader(r, name, f)
			s.addReviewNotes(r.Context(), rs)
			results = append(results, rs...)
			f.Close()
		}
		if len(results) == 0 {
			return nil, badInput("file", "không có tệp nào trong biểu mẫu (no file in the upload).")
		}
		return results, nil
	}
	name := path.Base(r.URL.Query().Get("name"))
	if name == "" || name == "." || name == "/" {
		return nil, badInput("name", "đặt tên tệp tải lên: ?name=van-ban.pdf, hoặc gửi trường \"file\" của biểu mẫu multipart.")
	}
	results, err := s.ingestReader(r, "upload/"+name, r.Body)
	s.addReviewNotes(r.Context(), results)
	if asMaxBytes(err, new(*http.MaxBytesError)) {
		// A raw body over the limit is refused as a multipart one is.
		return nil, err
	}
	return results, nil
}

// ingestReader ingests one uploaded file; the error, besides the results,
// is a failure to read the upload itself.
func (s *Server) ingestReader(r *http.Request, name string, f io.Reader) ([]ingest.Result, error) {
	if ingest.DetectFormat(ingest.Input{Name: name}) == ingest.FormatRecords {
		var rs []ingest.Result
		err := s.cfg.Ingest.IngestRecords(r.Context(), name, f, func(x ingest.Result) { rs = append(rs, x) })
		if err != nil {
			rs = append(rs, ingest.Result{Input: name, Status: "error", Error: s.explain(r, err).Message})
		}
		return rs, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return []ingest.Result{{Input: name, Status: "error", Error: "Không đọc được tệp tải lên."}}, err
	}
	res, _ := s.cfg.Ingest.Ingest(r.Context(), ingest.Input{Name: name, Data: data, FetchedAt: time.Now()})
	return []ingest.Result{res}, nil
}
