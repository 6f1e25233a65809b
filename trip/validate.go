package trip

import (
	"fmt"
	"strings"

	"vanthu/corpus"
)

// FieldError is one problem with a trip, named by the path of its field
// ("members[2].name", "itinerary[0].to") and saying what is expected.
type FieldError struct {
	Field     string `json:"field"`
	Message   string `json:"message"`    // Vietnamese
	MessageEN string `json:"message_en"` // English
}

func (e FieldError) Error() string {
	return fmt.Sprintf("trip: %s: %s", e.Field, e.MessageEN)
}

// Styles are the two layouts of a document: state (Nghị định 30/2020/NĐ-CP)
// and Party (Hướng dẫn 36-HD/VPTW).
var styles = []string{"state", "party"}

// FundingSources are the values of funding.source (corpus.Funding).
func FundingSources() []string {
	return []string{"state-budget", "unit", "host", "business", "foreign-loan", "sponsor", "mixed"}
}

// Ranks are the values of members[].rank that rank-dependent limits know:
// head or deputy of the province/city (Thành ủy, HĐND, UBND), head or deputy of
// a department (sở, ban, ngành) or of a unit (đơn vị: cấp trưởng / cấp phó),
// and staff.
func Ranks() []string {
	return []string{"provincial-head", "provincial-deputy", "department-head", "department-deputy",
		"unit-head", "unit-deputy", "staff"}
}

type validator struct{ errs []FieldError }

func (v *validator) add(field, vi, en string) {
	v.errs = append(v.errs, FieldError{Field: field, Message: vi, MessageEN: en})
}

func (v *validator) required(field, value, vi, en string) {
	if strings.TrimSpace(value) == "" {
		v.add(field, vi+" không được để trống", en+" is required")
	}
}

func (v *validator) date(field string, d corpus.Date, vi, en string) bool {
	if d.IsZero() {
		v.add(field, "thiếu "+vi+" (dạng 2026-01-05)", en+" is required (as 2026-01-05)")
		return false
	}
	if _, ok := corpus.NewDate(d.Year, d.Month, d.Day); !ok {
		v.add(field, vi+" không phải ngày có thật", en+" is not a calendar date")
		return false
	}
	return true
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// Validate reports everything a complete trip lacks, in field order. An empty
// result means the trip can be checked and drafted; it says nothing about the
// rules on delegations (package check).
func Validate(t corpus.Trip) []FieldError {
	v := &validator{}
	if !oneOf(t.Style, styles) {
		v.add("style", fmt.Sprintf("kiểu văn bản phải là state (Nghị định 30/2020/NĐ-CP) hoặc party (Hướng dẫn 36-HD/VPTW), không phải %q", t.Style),
			fmt.Sprintf("style must be state or party, not %q", t.Style))
	}
	v.required("issuer", t.Issuer, "cơ quan ban hành", "issuer")
	v.required("jurisdiction", t.Jurisdiction, "phạm vi áp dụng quy định (ví dụ: Thành ủy Hà Nội, UBND tỉnh Quảng Ninh)", "jurisdiction (whose rules apply)")
	if t.Register.Number < 0 {
		v.add("register.number", "số văn bản không được âm (để 0 nếu văn thư cấp số)", "register number must not be negative (0 leaves it blank)")
	}
	v.required("register.code", t.Register.Code, "ký hiệu văn bản", "register code")
	v.required("place", t.Place, "địa danh", "place of issue")
	v.date("date", t.Date, "ngày văn bản", "date of the proposal")
	v.required("name", t.Name, "tên đoàn", "delegation name")
	v.required("purpose", t.Purpose, "mục đích chuyến công tác", "purpose")
	validateMembers(v, t.Members)
	dep := v.date("departure", t.Departure, "ngày đi", "departure date")
	ret := v.date("return", t.Return, "ngày về", "return date")
	if dep && ret && t.Return.Before(t.Departure) {
		v.add("return", fmt.Sprintf("ngày về (%s) phải sau hoặc trùng ngày đi (%s)", t.Return, t.Departure),
			fmt.Sprintf("return (%s) must be on or after departure (%s)", t.Return, t.Departure))
	}
	if !t.Date.IsZero() && dep && t.Departure.Before(t.Date) {
		v.add("date", fmt.Sprintf("ngày văn bản đề nghị (%s) phải trước ngày đi (%s)", t.Date, t.Departure),
			fmt.Sprintf("the proposal's date (%s) must be before departure (%s)", t.Date, t.Departure))
	}
	validateItinerary(v, t, dep && ret)
	validateFunding(v, t.Funding)
	if len(t.Recipients) == 0 {
		v.add("recipients", "cần ít nhất một nơi nhận ở mục Kính gửi", "at least one recipient (Kính gửi) is required")
	}
	for i, r := range t.Recipients {
		v.required(fmt.Sprintf("recipients[%d]", i), r, "nơi nhận", "recipient")
	}
	v.required("signer.title", t.Signer.Title, "chức vụ người ký", "signer's title")
	v.required("signer.name", t.Signer.Name, "họ tên người ký", "signer's name")
	if t.Report != nil {
		validateReport(v, t)
	}
	return v.errs
}

func validateMembers(v *validator, ms []corpus.Member) {
	if len(ms) == 0 {
		v.add("members", "đoàn phải có ít nhất một thành viên", "at least one member is required")
		return
	}
	heads := 0
	for i, m := range ms {
		p := fmt.Sprintf("members[%d]", i)
		v.required(p+".name", m.Name, "họ tên thành viên", "member's name")
		v.required(p+".position", m.Position, "chức vụ thành viên", "member's position")
		v.required(p+".unit", m.Unit, "đơn vị công tác của thành viên", "member's unit")
		if m.Head {
			heads++
		}
		if m.Rank != "" && !oneOf(m.Rank, Ranks()) {
			v.add(p+".rank", fmt.Sprintf("cấp bậc %q không hợp lệ; dùng một trong: %s", m.Rank, strings.Join(Ranks(), ", ")),
				fmt.Sprintf("rank %q is unknown; use one of: %s", m.Rank, strings.Join(Ranks(), ", ")))
		}
		if m.Leadership && m.LeadershipSize <= 0 {
			v.add(p+".leadership_size", "thành viên thuộc tập thể lãnh đạo: cần ghi số người của tập thể lãnh đạo (leadership_size)",
				"member belongs to the leadership collective: its size (leadership_size) is required")
		}
		if m.LeadershipSize < 0 || m.TripsThisYear < 0 {
			v.add(p, "số liệu không được âm", "counts must not be negative")
		}
	}
	switch {
	case heads == 0:
		v.add("members", "phải có đúng một trưởng đoàn (head: true)", "exactly one member must head the delegation (head: true)")
	case heads > 1:
		v.add("members", fmt.Sprintf("chỉ được một trưởng đoàn, đang có %d người head: true", heads),
			fmt.Sprintf("exactly one head is allowed, %d members have head: true", heads))
	}
}

func validateItinerary(v *validator, t corpus.Trip, haveDates bool) {
	if len(t.Itinerary) == 0 {
		v.add("itinerary", "lịch trình phải có ít nhất một nước đến", "the itinerary needs at least one country")
		return
	}
	var prev corpus.Date
	for i, s := range t.Itinerary {
		p := fmt.Sprintf("itinerary[%d]", i)
		v.required(p+".country", s.Country, "tên nước đến", "country")
		from := v.date(p+".from", s.From, "ngày bắt đầu làm việc tại nước này", "first working day in this country")
		to := v.date(p+".to", s.To, "ngày kết thúc làm việc tại nước này", "last working day in this country")
		if !from || !to {
			continue
		}
		if s.To.Before(s.From) {
			v.add(p+".to", fmt.Sprintf("ngày kết thúc (%s) phải sau hoặc trùng ngày bắt đầu (%s)", s.To, s.From),
				fmt.Sprintf("to (%s) must be on or after from (%s)", s.To, s.From))
		}
		if haveDates && (s.From.Before(t.Departure) || t.Return.Before(s.To)) {
			v.add(p, fmt.Sprintf("thời gian tại %s (%s – %s) phải nằm trong chuyến đi (%s – %s)", s.Country, s.From, s.To, t.Departure, t.Return),
				fmt.Sprintf("dates in %s (%s to %s) must lie within the trip (%s to %s)", s.Country, s.From, s.To, t.Departure, t.Return))
		}
		if !prev.IsZero() && s.From.Before(prev) {
			v.add(p+".from", fmt.Sprintf("các nước phải theo thứ tự thời gian: %s bắt đầu (%s) trước khi nước trước kết thúc (%s)", s.Country, s.From, prev),
				fmt.Sprintf("stops must be in order: %s starts (%s) before the previous stop ends (%s)", s.Country, s.From, prev))
		}
		prev = s.To
		for j, ss := range s.Sessions {
			q := fmt.Sprintf("%s.sessions[%d]", p, j)
			v.required(q+".content", ss.Content, "nội dung buổi làm việc", "session content")
			if v.date(q+".date", ss.Date, "ngày của buổi làm việc", "session date") && (ss.Date.Before(s.From) || s.To.Before(ss.Date)) {
				v.add(q+".date", fmt.Sprintf("buổi làm việc ngày %s phải nằm trong thời gian tại %s (%s – %s)", ss.Date, s.Country, s.From, s.To),
					fmt.Sprintf("session on %s must fall within the stay in %s (%s to %s)", ss.Date, s.Country, s.From, s.To))
			}
		}
	}
}

func validateFunding(v *validator, f corpus.Funding) {
	if !oneOf(f.Source, FundingSources()) {
		v.add("funding.source", fmt.Sprintf("nguồn kinh phí phải là một trong: %s (đang là %q)", strings.Join(FundingSources(), ", "), f.Source),
			fmt.Sprintf("funding source must be one of: %s (got %q)", strings.Join(FundingSources(), ", "), f.Source))
	}
	for i, c := range f.Items {
		p := fmt.Sprintf("funding.items[%d]", i)
		v.required(p+".item", c.Item, "khoản chi", "cost item")
		v.required(p+".payer", c.Payer, "bên chi trả", "payer")
		if c.Planned < 0 || c.Actual < 0 {
			v.add(p, "số tiền không được âm", "amounts must not be negative")
		}
	}
}

func validateReport(v *validator, t corpus.Trip) {
	r := t.Report
	if v.date("report.date", r.Date, "ngày báo cáo", "report date") && !t.Return.IsZero() && r.Date.Before(t.Return) {
		v.add("report.date", fmt.Sprintf("ngày báo cáo (%s) phải sau ngày về (%s)", r.Date, t.Return),
			fmt.Sprintf("the report's date (%s) must be after return (%s)", r.Date, t.Return))
	}
	if len(r.Results) == 0 {
		v.add("report.results", "báo cáo phải nêu ít nhất một kết quả", "the report needs at least one result")
	}
}
