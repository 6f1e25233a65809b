package corpus

import (
	"fmt"
	"strings"
	"time"
)

// Kind says what sort of text a document is.
type Kind string

const (
	KindDocument Kind = "document" // an official document with a number (văn bản)
	KindNews     Kind = "news"     // a news article or portal page without a number
	KindRecord   Kind = "record"   // a record imported from another system (.jsonl)
)

// Status of a version's extraction.
type Status string

const (
	StatusOK       Status = "ok"        // text extracted
	StatusNeedsOCR Status = "needs-ocr" // no text layer and no OCR engine: retry when one is installed
	StatusFailed   Status = "failed"    // the original is kept but no text could be read
	StatusEmpty    Status = "empty"     // readable, but there is no text in it
)

// Date is a calendar date without a time zone ("ngày 31 tháng 5 năm 2019").
// Its JSON form is "2019-05-31"; the zero Date is "".
type Date struct {
	Year  int
	Month int
	Day   int
}

// NewDate returns the date if it exists in the calendar.
func NewDate(y, m, d int) (Date, bool) {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// ParseDate reads "2019-05-31".
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("corpus: date %q: want YYYY-MM-DD", s)
	}
	return Date{t.Year(), int(t.Month()), t.Day()}, nil
}

func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns midnight of the date in Vietnam's time zone (UTC+7).
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, VietnamZone)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.String() < e.String() }

func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// VietnamZone is UTC+7, the zone of every date in the corpus.
var VietnamZone = time.FixedZone("ICT", 7*3600)

// Span says where in the text a value was read, so a person can check it.
// Line is 1-based; Offset and Len are in bytes of the stored (NFC) text.
type Span struct {
	Line   int `json:"line"`
	Offset int `json:"offset"`
	Len    int `json:"len"`
}

// Signer is the signature block: authority prefix (TM., KT., Q., TL., TUQ.;
// Party T/M, K/T, T/L), title and name.
type Signer struct {
	Authority string `json:"authority,omitempty"`
	Title     string `json:"title,omitempty"`
	Name      string `json:"name,omitempty"`
}

// ESign is the e-signature stamp printed by signing software ("Người ký / Ký
// bởi, Email, Cơ quan, Thời gian ký"). It records who signed the file, not who
// issued the document.
type ESign struct {
	Signer string `json:"signer,omitempty"`
	Email  string `json:"email,omitempty"`
	Org    string `json:"org,omitempty"`
	Time   string `json:"time,omitempty"` // RFC 3339 with +07:00: "2019-05-31T15:01:05+07:00"
}

// Incoming is the receiving office's register stamp ("ĐẾN Số: 2.17 Ngày: 3/6/2019").
type Incoming struct {
	Number string `json:"number,omitempty"`
	Date   Date   `json:"date"`
}

// Citation is a reference from one document to another.
type Citation struct {
	Number string `json:"number,omitempty"` // canonical number, "" for "Quy chế 01"-style mentions
	Key    string `json:"key,omitempty"`    // DocNumber.Key of Number
	Type   string `json:"type,omitempty"`   // type code
	Date   Date   `json:"date"`
	Issuer string `json:"issuer,omitempty"`
	Quote  string `json:"quote"` // the citing words as written
	Span   Span   `json:"span"`
}

// Rule is a quantitative rule on delegations stated in a document.
type Rule struct {
	Kind  string  `json:"kind"`            // see the RuleKind constants
	Limit float64 `json:"limit"`           // the number in the rule
	Unit  string  `json:"unit"`            // "person", "day", "working-day", "country", "trip/year", "date"
	Scope string  `json:"scope,omitempty"` // who it binds, as stated ("per delegation", "key leaders")
	Quote string  `json:"quote"`           // the sentence it comes from
	Span  Span    `json:"span"`
	// Exception is the clause allowing the limit to be exceeded with approval
	// ("Trừ trường hợp thật cần thiết thì xin ý kiến cấp có thẩm quyền quyết định").
	Exception string `json:"exception,omitempty"`
}

// Rule kinds understood by the compliance check.
const (
	RuleMembersPerDelegation = "members-per-delegation"
	RuleDaysPerCountry       = "days-per-country"
	RuleCountriesPerTrip     = "countries-per-trip"
	RuleTripsPerYear         = "trips-per-year"
	RuleKeyOfficials         = "key-officials-per-delegation"
	RuleLeadershipShare      = "leadership-share"
	RuleReportDeadline       = "report-deadline"
	RuleAnnualPlanDeadline   = "annual-plan-deadline"
	RuleDossierLeadTime      = "dossier-lead-time"
)

// ruleSubjects name what each kind of rule limits, in the words a clerk uses
// when looking for it. A document states its rule in its own words ("không
// quá 07 người/đoàn"), which share few with the question a person asks of
// it ("quy định số người trong đoàn"); the subject is what the two have in
// common.
var ruleSubjects = map[string]string{
	RuleMembersPerDelegation: "số người trong đoàn, số thành viên của đoàn",
	RuleDaysPerCountry:       "số ngày công tác ở mỗi nước",
	RuleCountriesPerTrip:     "số nước đến trong một chuyến công tác",
	RuleTripsPerYear:         "số lần đi công tác nước ngoài trong năm",
	RuleKeyOfficials:         "số cán bộ chủ chốt cùng đi một đoàn",
	RuleLeadershipShare:      "tỷ lệ lãnh đạo cùng đi một đoàn",
	RuleReportDeadline:       "thời hạn báo cáo kết quả chuyến công tác",
	RuleAnnualPlanDeadline:   "thời hạn gửi kế hoạch đoàn ra hằng năm",
	RuleDossierLeadTime:      "thời hạn trình hồ sơ trước ngày đi",
}

// RuleSubject is what a rule of the given kind limits, in Vietnamese ("số
// người trong đoàn"), or "" for a kind it does not know.
func RuleSubject(kind string) string { return ruleSubjects[kind] }

// Page is what one page of an original gave.
type Page struct {
	Number   int      `json:"number"`
	Source   string   `json:"source"` // "text", "ocr", "none"
	Quality  float64  `json:"quality"`
	Chars    int      `json:"chars"`
	Warnings []string `json:"warnings,omitempty"`
	// OCRConfidence is the OCR engine's mean word confidence (0..100) on an
	// OCR'd page, 0 when unknown or not OCR'd.
	OCRConfidence float64 `json:"ocr_confidence,omitempty"`
}

// Version is one original a document arrived as, with its provenance.
type Version struct {
	SHA256     string    `json:"sha256"`
	Size       int64     `json:"size"`
	MIME       string    `json:"mime"`
	Source     string    `json:"source"` // URL or file path it came from
	FetchedAt  time.Time `json:"fetched_at"`
	IngestedAt time.Time `json:"ingested_at"`
	Extractor  string    `json:"extractor"` // e.g. "pdftext/1 (text layer)", "html/readability", "text"
	Status     Status    `json:"status"`
	Quality    float64   `json:"quality"`
	Message    string    `json:"message,omitempty"` // why extraction failed or what to do
	Pages      []Page    `json:"pages,omitempty"`
	Warnings   []string  `json:"warnings,omitempty"`
	Of         string    `json:"of,omitempty"` // for an attachment: the URL of the page it was linked from
	// Signature is what checking this original's signatures found; nil
	// for versions stored before signatures were checked.
	Signature *SignatureCheck `json:"signature,omitempty"`
}

// Document is an official document, news article or imported record, with the
// metadata derived from the text of its newest version.
type Document struct {
	ID           string            `json:"id"`
	Kind         Kind              `json:"kind"`
	Number       string            `json:"number,omitempty"` // canonical number
	NumberKey    string            `json:"number_key,omitempty"`
	Type         string            `json:"type,omitempty"` // type code ("CV", "QĐ")
	TypeName     string            `json:"type_name,omitempty"`
	Issuer       string            `json:"issuer,omitempty"`
	ParentIssuer string            `json:"parent_issuer,omitempty"`
	Place        string            `json:"place,omitempty"`
	Date         Date              `json:"date"`
	Title        string            `json:"title,omitempty"`
	Recipients   []string          `json:"recipients"`
	CC           []string          `json:"cc"`
	Signer       Signer            `json:"signer"`
	ESign        *ESign            `json:"esign"`
	Incoming     *Incoming         `json:"incoming"`
	Citations    []Citation        `json:"citations"`
	Rules        []Rule            `json:"rules"`
	Spans        map[string]Span   `json:"spans,omitempty"`         // field name → where it was read
	FieldSources map[string]string `json:"field_sources,omitempty"` // field name → "text", "portal", "record", "filename"
	Source       Version           `json:"source"`                  // the newest version
	Versions     []Version         `json:"versions"`                // every version, oldest first
	Text         string            `json:"text"`
	Attrs        map[string]string `json:"attrs,omitempty"` // extra fields of imported records
	// Validity is the portal's "tình trạng hiệu lực" as a code
	// (ValidityInForce...), ValidityText as the portal wrote it, Effective its
	// "ngày có hiệu lực": the portal's claims, kept beside what the text says
	// (FieldSources "status" and "effective" name where they were read).
	Validity     string `json:"validity,omitempty"`
	ValidityText string `json:"validity_text,omitempty"`
	Effective    Date   `json:"effective,omitzero"`
	// Identity, when set, is the id of the stored document this one was
	// joined to (an attachment joining the page it was linked from, a
	// version whose issuer is spelt differently, a scan read again after
	// OCR was installed): DocID returns it as is, so the versions stay
	// together under one id.
	Identity string `json:"identity,omitempty"`
}

// Year returns the year of issue, or 0.
func (d *Document) Year() int { return d.Date.Year }

// Label is a short human name: the number, else the title, else the id.
func (d *Document) Label() string {
	switch {
	case d.Number != "":
		return d.Number
	case d.Title != "":
		return d.Title
	}
	return d.ID
}

// IdentityKey says which official document this is, independent of the bytes
// it arrived as: the normalised number + issuer + date when it has a number, the
// given id for imported records, the source for news and pages, else the sha256.
func IdentityKey(d *Document) string {
	switch {
	case d.Kind == KindRecord && d.ID != "":
		return "rec:" + d.ID
	case d.NumberKey != "":
		return "num:" + d.NumberKey + "|" + MatchKey(d.Issuer) + "|" + d.Date.String()
	case d.Source.Source != "":
		return "src:" + d.Source.Source
	}
	return "sha:" + d.Source.SHA256
}

// DocID derives the document id from its identity key: a readable slug of the
// number (or title) and a short hash of the key, so ids are stable across
// stores and machines. Imported records keep their own id.
func DocID(d *Document) string {
	if d.Identity != "" {
		return d.Identity
	}
	key := IdentityKey(d)
	if strings.HasPrefix(key, "rec:") {
		return d.ID
	}
	h := shortHash(key)
	if d.Number != "" {
		return slug(d.Number) + "-" + h
	}
	return h
}
