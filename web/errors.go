package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"vanthu/account"
	"vanthu/corpus"
	"vanthu/corpus/filestore"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/crawl"
	"vanthu/register"
	"vanthu/review"
	"vanthu/trip"
	"vanthu/watch"
)

// Every failure a handler cannot answer with a message of its own goes
// through explain, the one place that decides what a client is told: the
// status, a short code for programs, the field at fault and a plain
// Vietnamese message. A Go error's text never reaches the client: what is
// not recognised here is a 500 with an id, and the id is written to the
// server log next to the real error so an administrator can find it.
//
//	400 bad input     the field and what is expected (inputError, trip.ParseError,
//	                  review.FieldError, review.ErrConfirm)
//	413 too large     an upload over the limit
//	422 invalid trip  a trip that reads but breaks a rule of the register
//	404 not found     corpus, index and register ErrNotFound
//	409 conflict      someone else changed the record; an impossible status change
//	503 unavailable   store or index locked by another process, or read-only
//	                  (Retry-After when waiting helps)
//	500 anything else "Lỗi máy chủ (mã …)"

// problem is what a client is told about one failure.
type problem struct {
	Status     int
	Code       string
	Field      string // the form, query or JSON field at fault, when one is
	Message    string // for a person, in Vietnamese; never a Go error's text
	RetryAfter int    // seconds; set on a 503 that waiting may cure
}

// retryLocked is how long a client is told to wait when another process
// holds the data directory (a reindex or an ingest run usually ends within
// a minute).
const retryLocked = 30

// inputError is a value the client sent that cannot be used. Msg is written
// for the person who sent it (Vietnamese, naming what is expected).
type inputError struct {
	Field string
	Msg   string
	Code  string // for programs; "bad_input" when empty
	Err   error  // the cause, for the log only
}

func (e *inputError) Error() string {
	if e.Field == "" {
		return "web: bad input: " + e.Msg
	}
	return "web: bad " + e.Field + ": " + e.Msg
}

func (e *inputError) Unwrap() error { return e.Err }

// badInput is an inputError for field.
func badInput(field, msg string) error { return &inputError{Field: field, Msg: msg} }

// badInputf is badInput with a formatted message.
func badInputf(field, format string, args ...any) error {
	return &inputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// unreadable is the error for a request body or form that cannot be read
// at all (cut short, malformed encoding); err goes to the log only.
func unreadable(what string, err error) error {
	if asMaxBytes(err, new(*http.MaxBytesError)) {
		return err
	}
	return &inputError{Msg: "Không đọc được " + what + " (unreadable request).", Err: err}
}

// formErr is the error for a form that did not parse: too large stays
// itself (413), anything else is an unreadable form.
func formErr(err error) error {
	if asMaxBytes(err, new(*http.MaxBytesError)) {
		return err
	}
	return unreadable("biểu mẫu", err)
}

// explain turns err into what the client is told; a 500 is logged with its
// id and the real error.
func (s *Server) explain(r *http.Request, err error) problem {
	var (
		in  *inputError
		mbe *http.MaxBytesError
		pe  *trip.ParseError
		tfe trip.FieldError
		rfe *register.FieldError
		te  *register.TransitionError
		vfe *review.FieldError
		ie  *ingest.InputError
	)
	switch {
	case errors.As(err, &in):
		msg := in.Msg
		if in.Field != "" {
			msg = "Trường “" + in.Field + "”: " + msg
		}
		code := in.Code
		if code == "" {
			code = "bad_input"
		}
		return problem{Status: http.StatusBadRequest, Code: code, Field: in.Field, Message: msg}
	case errors.As(err, &mbe):
		return problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("Tệp tải lên quá lớn (tối đa %d MB).", mbe.Limit>>20)}
	case errors.As(err, &pe):
		msg := "Tệp chuyến đi không đọc được"
		if pe.Line > 0 {
			msg += fmt.Sprintf(", dòng %d", pe.Line)
		}
		return problem{Status: http.StatusBadRequest, Code: "bad_trip", Message: msg + ": " + pe.Msg + "."}
	case errors.As(err, &tfe):
		return problem{Status: http.StatusUnprocessableEntity, Code: "invalid_trip", Field: tfe.Field, Message: "Trường “" + tfe.Field + "”: " + tfe.Message}
	case errors.As(err, &rfe):
		return problem{Status: http.StatusUnprocessableEntity, Code: "invalid", Field: rfe.Field,
			Message: fmt.Sprintf("Chuyến đi %s, trường %s: %s.", rfe.Trip, rfe.Field, rfe.Message)}
	case errors.Is(err, register.ErrInvalid):
		return problem{Status: http.StatusUnprocessableEntity, Code: "invalid", Message: "Chuyến đi không hợp lệ: hãy xem lại các trường đã nhập."}
	case errors.As(err, &te):
		return problem{Status: http.StatusConflict, Code: "transition",
			Message: fmt.Sprintf("Không chuyển được từ “%s” sang “%s”: %s.", te.From.Name(), te.To.Name(), te.Why)}
	case errors.As(err, &vfe):
		return problem{Status: http.StatusBadRequest, Code: "bad_field", Field: vfe.Field,
			Message: "Giá trị không hợp lệ — " + review.FieldLabel(vfe.Field) + ": " + strconv.Quote(vfe.Value) + " (" + vfe.Reason + ")."}
	case errors.As(err, &ie):
		return problem{Status: http.StatusBadRequest, Code: "bad_file", Message: "Tệp " + strconv.Quote(ie.Name) + ": " + ie.Reason + "."}
	case errors.Is(err, review.ErrConfirm):
		return problem{Status: http.StatusBadRequest, Code: "not_confirmed", Field: "confirm",
			Message: "Chưa xoá: hãy gõ lại đúng mã văn bản để xác nhận."}
	case errors.Is(err, watch.ErrInvalid):
		return problem{Status: http.StatusBadRequest, Code: "bad_watch", Field: "name",
			Message: "Tìm kiếm đã lưu không hợp lệ: cần một tên có chữ hoặc số và chưa dùng, cùng một câu tìm kiếm hoặc bộ lọc (không quá dài)."}
	case errors.Is(err, watch.ErrNotFound):
		return problem{Status: http.StatusNotFound, Code: "not_found", Message: "Không có tìm kiếm đã lưu này."}
	case errors.Is(err, errLogin):
		return problem{Status: http.StatusUnauthorized, Code: "login", Message: "Cần đăng nhập để làm việc này."}
	case errors.Is(err, account.ErrRole):
		return problem{Status: http.StatusForbidden, Code: "not_allowed", Message: "Chỉ người phê duyệt (approver) được duyệt hoặc từ chối chuyến đi."}
	case errors.Is(err, account.ErrOwnTrip):
		return problem{Status: http.StatusForbidden, Code: "not_allowed", Message: "Người phê duyệt không được quyết định chuyến đi mình vào sổ hoặc có tên trong đoàn."}
	case errors.Is(err, account.ErrExists):
		return problem{Status: http.StatusConflict, Code: "exists", Message: "Tên người dùng này đã có."}
	case errors.Is(err, account.ErrNotFound):
		return problem{Status: http.StatusNotFound, Code: "not_found", Message: "Không có người dùng này."}
	case errors.Is(err, corpus.ErrNotFound), errors.Is(err, index.ErrNotFound), errors.Is(err, register.ErrNotFound):
		return problem{Status: http.StatusNotFound, Code: "not_found", Message: "Không tìm thấy mục được yêu cầu (not found)."}
	case errors.Is(err, corpus.ErrConflict):
		return problem{Status: http.StatusConflict, Code: "conflict",
			Message: "Dữ liệu vừa được người khác cập nhật: hãy tải lại trang rồi làm lại."}
	case errors.Is(err, filestore.ErrLocked), errors.Is(err, index.ErrLocked):
		return problem{Status: http.StatusServiceUnavailable, Code: "locked", RetryAfter: retryLocked,
			Message: "Kho dữ liệu đang được một tiến trình vanthu khác dùng (ví dụ đang dựng lại chỉ mục): hãy thử lại sau ít phút."}
	case errors.Is(err, filestore.ErrReadOnly), errors.Is(err, index.ErrReadOnly), errors.Is(err, review.ErrUnsupported):
		return problem{Status: http.StatusServiceUnavailable, Code: "read_only", Message: "Máy chủ này chỉ cho đọc (read-only)."}
	case errors.Is(err, index.ErrNoIndex):
		return problem{Status: http.StatusServiceUnavailable, Code: "no_index", RetryAfter: retryLocked,
			Message: "Chưa có chỉ mục tìm kiếm: hãy chạy `vanthu reindex` rồi thử lại."}
	case errors.Is(err, crawl.ErrOffHost), errors.Is(err, crawl.ErrRobots), errors.Is(err, crawl.ErrPrivateAddress):
		return problem{Status: http.StatusForbidden, Code: "crawl_refused",
			Message: "Địa chỉ này không được phép thu thập (ngoài trang nguồn, robots.txt cấm, hoặc là mạng nội bộ)."}
	case errors.Is(err, crawl.ErrTooLarge):
		return problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: "Trang hoặc tệp ở địa chỉ này quá lớn để thu thập."}
	case errors.Is(err, crawl.ErrRedirectLoop):
		return problem{Status: http.StatusBadGateway, Code: "redirect_loop", Message: "Địa chỉ này chuyển hướng vòng quanh, không tới được văn bản."}
	case errors.Is(err, crawl.ErrStateLocked):
		return problem{Status: http.StatusServiceUnavailable, Code: "locked", RetryAfter: retryLocked,
			Message: "Một lượt thu thập khác đang chạy: hãy thử lại sau ít phút."}
	case errors.Is(err, context.DeadlineExceeded):
		return problem{Status: http.StatusServiceUnavailable, Code: "timeout", RetryAfter: 5,
			Message: "Máy chủ bận, yêu cầu quá thời gian: hãy thử lại."}
	}
	id := errorID()
	s.cfg.Log.Printf("web: error %s: %s %s: %v", id, r.Method, r.URL.Path, err)
	return problem{Status: http.StatusInternalServerError, Code: "internal",
		Message: "Lỗi máy chủ (mã " + id + "): hãy báo mã này cho người quản trị."}
}

// errorID is a short random id joining a 500 answer to its log line.
func errorID() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// answer sends err to the client as explain says: JSON on API paths, the
// error page elsewhere.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, err error) {
	s.send(w, r, s.explain(r, err))
}

// apiAnswer is answer for handlers that always speak JSON.
func (s *Server) apiAnswer(w http.ResponseWriter, r *http.Request, err error) {
	p := s.explain(r, err)
	setRetry(w, p)
	writeJSON(w, p.Status, map[string]any{"error": p.body()})
}

// userMessage is the message of err for a page that shows it inline (a
// form rendered again with the error above it); its status is returned too.
func (s *Server) userMessage(w http.ResponseWriter, r *http.Request, err error) (int, string) {
	p := s.explain(r, err)
	setRetry(w, p)
	return p.Status, p.Message
}

func (s *Server) send(w http.ResponseWriter, r *http.Request, p problem) {
	setRetry(w, p)
	if isAPI(r) {
		writeJSON(w, p.Status, map[string]any{"error": p.body()})
		return
	}
	w.WriteHeader(p.Status)
	s.render(w, r, "error.html", map[string]any{"Status": p.Status, "Message": p.Message})
}

func setRetry(w http.ResponseWriter, p problem) {
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
}

// invalidTrip answers a trip that reads but fails validation: 422 with every
// field at fault (the first one's message on top).
func invalidTrip(w http.ResponseWriter, fes []trip.FieldError) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": map[string]any{
		"code": "invalid_trip", "field": fes[0].Field, "message": "Trường “" + fes[0].Field + "”: " + fes[0].Message, "fields": fes}})
}

func (p problem) body() map[string]any {
	b := map[string]any{"code": p.Code, "message": p.Message}
	if p.Field != "" {
		b["field"] = p.Field
	}
	return b
}
func asMaxBytes(err error, target **http.MaxBytesError) bool { return errors.As(err, target) }
