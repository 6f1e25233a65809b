package review

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"vanthu/corpus"
)

// Record kinds kept by this package in the corpus.RecordStore.
const (
	KindCorrection = "correction"
	KindWithdrawal = "withdrawal"
	KindPurge      = "purge"
)

// SourceCorrection is the FieldSources value of a field a person set.
const SourceCorrection = "correction"

// Errors of the review loop; match them with errors.Is.
var (
	// ErrField: a field name that cannot be corrected, or a value that
	// does not read as that field (a number or date that does not parse).
	ErrField = errors.New("review: bad field")
	// ErrConfirm: a purge without the confirmation it needs.
	ErrConfirm = errors.New("review: purge not confirmed")
	// ErrUnsupported: the store cannot delete (purge) documents.
	ErrUnsupported = errors.New("review: the store cannot purge documents")
)

// Correction is the data of a correction record: the current state of what
// people set over one document's extracted metadata.
type Correction struct {
	// Fields maps a field name (see FieldNames) to the value a person set.
	Fields map[string]string `json:"fields,omitempty"`
	// Reviewed is the sha256 of the original that was current when a
	// person marked the document "đã kiểm tra"; a newer original brings it
	// back to the queue.
	Reviewed string `json:"reviewed,omitempty"`
}

// Withdrawal is the data of a withdrawal record.
type Withdrawal struct {
	Withdrawn bool   `json:"withdrawn"`
	Reason    string `json:"reason,omitempty"`
}

// Field describes one correctable field.
type Field struct {
	Name  string // as typed in `vanthu set ID name=value`
	Label string // Vietnamese label of the document page
	Key   bool   // a key field of an official document: missing means check it
}

// Fields lists the correctable fields in the order pages show them.
var Fields = []Field{
	{"number", "Số ký hiệu", true},
	{"type", "Loại văn bản", true},
	{"issuer", "Cơ quan ban hành", true},
	{"parent_issuer", "Cơ quan chủ quản", false},
	{"place", "Địa danh", false},
	{"date", "Ngày ban hành", true},
	{"title", "Trích yếu", false},
	{"recipients", "Kính gửi", false},
	{"signer", "Người ký", true},
	{"signer_title", "Chức vụ người ký", false},
	{"signer_authority", "Thẩm quyền ký", false},
	{"cc", "Nơi nhận", false},
}

// FieldNames returns the names of the correctable fields.
func FieldNames() []string {
	out := make([]string, len(Fields))
	for i, f := range Fields {
		out[i] = f.Name
	}
	return out
}

// FieldLabel returns a field's Vietnamese label, or the name itself.
func FieldLabel(name string) string {
	for _, f := range Fields {
		if f.Name == name {
			return f.Label
		}
	}
	return name
}

func knownField(name string) bool {
	for _, f := range Fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// FieldError names the field and value that could not be used.
type FieldError struct {
	Field, Value, Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("review: field %s=%q: %s", e.Field, e.Value, e.Reason)
}

func (e *FieldError) Unwrap() error { return ErrField }

// normalizeField checks a value a person gave and returns its stored form
// (NFC, spaces trimmed; a number or date in its canonical spelling). An
// empty value is kept: it means "this field is empty", a correction too (a
// wrong value is worse than a blank).
func normalizeField(name, value string) (string, error) {
	v := strings.TrimSpace(corpus.NFC(value))
	if !knownField(name) {
		return "", &FieldError{Field: name, Value: value, Reason: "not a field that can be corrected (fields: " + strings.Join(FieldNames(), ", ") + ")"}
	}
	if v == "" {
		return "", nil
	}
	switch name {
	case "number":
		n, ok := corpus.ParseNumber(v)
		if !ok {
			return "", &FieldError{Field: name, Value: value, Reason: "not a document number (e.g. 12/UBND-NV, 4060-CV/BTCTU, 45/2026/NĐ-CP)"}
		}
		return n.Canonical, nil
	case "date":
		d, ok := ParseDate(v)
		if !ok {
			return "", &FieldError{Field: name, Value: value, Reason: "not a date (YYYY-MM-DD or D/M/YYYY)"}
		}
		return d.String(), nil
	case "type":
		if typeCode(v) == "" {
			return "", &FieldError{Field: name, Value: value, Reason: "not a document type (a code such as CV, QĐ, KH, or its name)"}
		}
		return typeCode(v), nil
	}
	return v, nil
}

func typeCode(v string) string {
	if c := corpus.TypeCode(v); c != "" {
		return c
	}
	for _, t := range corpus.DocTypes() {
		if corpus.MatchKey(t.Code) == corpus.MatchKey(v) {
			return t.Code
		}
	}
	return ""
}

// ParseDate reads "2019-05-31", "31/5/2019", "31-05-2019" or "31.5.2019".
func ParseDate(s string) (corpus.Date, bool) {
	s = strings.TrimSpace(s)
	if d, err := corpus.ParseDate(s); err == nil && !d.IsZero() {
		return d, true
	}
	var d, m, y int
	for _, layout := range []string{"%d/%d/%d", "%d-%d-%d", "%d.%d.%d"} {
		if n, _ := fmt.Sscanf(s, layout, &d, &m, &y); n == 3 && y > 999 && y < 10000 {
			return corpus.NewDate(y, m, d)
		}
	}
	return corpus.Date{}, false
}

// Apply sets the corrected fields over d and records their source as
// SourceCorrection. It is idempotent.
func Apply(d *corpus.Document, c Correction) {
	if len(c.Fields) == 0 {
		return
	}
	if d.FieldSources == nil {
		d.FieldSources = map[string]string{}
	} else {
		fs := make(map[string]string, len(d.FieldSources)+len(c.Fields))
		for k, v := range d.FieldSources {
			fs[k] = v
		}
		d.FieldSources = fs
	}
	for _, name := range sortedFieldNames(c.Fields) {
		v := c.Fields[name]
		switch name {
		case "number":
			d.Number, d.NumberKey = "", ""
			if n, ok := corpus.ParseNumber(v); ok {
				d.Number, d.NumberKey = n.Canonical, n.Key
				d.Kind = corpus.KindDocument
				if _, typed := c.Fields["type"]; !typed && n.Type != "" && d.Type == "" {
					d.Type, d.TypeName = n.Type, corpus.TypeName(n.Type)
				}
			}
		case "type":
			d.Type, d.TypeName = v, corpus.TypeName(v)
			if v != "" && d.Kind == corpus.KindNews {
				d.Kind = corpus.KindDocument
			}
		case "issuer":
			d.Issuer = v
		case "parent_issuer":
			d.ParentIssuer = v
		case "place":
			d.Place = v
		case "date":
			d.Date, _ = ParseDate(v)
		case "title":
			d.Title = v
		case "recipients":
			d.Recipients = splitList(v)
		case "cc":
			d.CC = splitList(v)
		case "signer":
			d.Signer.Name = v
		case "signer_title":
			d.Signer.Title = v
		case "signer_authority":
			d.Signer.Authority = v
		default:
			continue
		}
		d.FieldSources[name] = SourceCorrection
	}
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func sortedFieldNames(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// FieldValue returns the value of a field of d as a person would type it.
func FieldValue(d corpus.Document, name string) string {
	switch name {
	case "number":
		return d.Number
	case "type":
		return d.Type
	case "issuer":
		return d.Issuer
	case "parent_issuer":
		return d.ParentIssuer
	case "place":
		return d.Place
	case "date":
		return d.Date.String()
	case "title":
		return d.Title
	case "recipients":
		return strings.Join(d.Recipients, "; ")
	case "cc":
		return strings.Join(d.CC, "; ")
	case "signer":
		return d.Signer.Name
	case "signer_title":
		return d.Signer.Title
	case "signer_authority":
		return d.Signer.Authority
	}
	return ""
}

// Change is one version of a document's correction record, for the history
// shown on the document page.
type Change struct {
	Version  int               `json:"version"`
	Author   string            `json:"author"`
	Time     time.Time         `json:"time"`
	Note     string            `json:"note,omitempty"`
	Fields   map[string]string `json:"fields,omitempty"`   // the fields this version set or changed
	Reviewed bool              `json:"reviewed,omitempty"` // this version marked the document checked
}
