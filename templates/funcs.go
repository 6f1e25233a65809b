package templates

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"
)

// funcs are the helpers the body templates may call. They format the way
// Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II.4.b asks: a day under 10 and the
// months 1 and 2 take a leading zero in the date of issue.
func funcs() template.FuncMap {
	return template.FuncMap{
		"longdate":   LongDate,
		"shortdate":  ShortDate,
		"daymonth":   DayMonth,
		"year":       func(t time.Time) int { return t.Year() },
		"money":      Money,
		"join":       joinList,
		"joinsep":    func(sep string, xs []string) string { return strings.Join(xs, sep) },
		"upper":      strings.ToUpper,
		"lower":      strings.ToLower,
		"lowerfirst": lowerFirst,
		"upperfirst": upperFirst,
		"first": func(xs []string) string {
			if len(xs) == 0 {
				return ""
			}
			return xs[0]
		},
		"inc":   func(i int) int { return i + 1 },
		"trim":  func(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".;,") },
		"roman": Roman,
		"cell":  Cell,
		"percent": func(part, whole float64) string {
			if whole <= 0 {
				return "..."
			}
			// Vietnamese writes a decimal comma: 96,7.
			return strings.Replace(strconv.FormatFloat(part*100/whole, 'f', 1, 64), ".", ",", 1)
		},
	}
}

// LongDate writes "ngày 05 tháng 01 năm 2026" (zero-padded day under 10 and
// months 1-2, Nghị định 30/2020/NĐ-CP, Phụ lục I, II.4.b). The zero time gives
// the blank form "ngày ... tháng ... năm ...".
func LongDate(t time.Time) string {
	if t.IsZero() {
		return "ngày ... tháng ... năm ..."
	}
	m := strconv.Itoa(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), m, t.Year())
}

// ShortDate writes "05/01/2026", the form running text uses.
func ShortDate(t time.Time) string {
	if t.IsZero() {
		return "..."
	}
	return fmt.Sprintf("%02d/%02d/%d", t.Day(), int(t.Month()), t.Year())
}

// DayMonth writes "05/01".
func DayMonth(t time.Time) string {
	if t.IsZero() {
		return "..."
	}
	return fmt.Sprintf("%02d/%02d", t.Day(), int(t.Month()))
}

// Money writes an amount of đồng with dots between thousands: 12.500.000.
func Money(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(int64(v+0.5), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Roman writes 1..39 as Roman numerals (section numbers, Phụ lục I, II.6.đ).
func Roman(n int) string {
	if n <= 0 || n >= 40 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for ; n >= 10; n -= 10 {
		b.WriteString("X")
	}
	b.WriteString([]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}[n])
	return b.String()
}

// joinList joins "a", "b", "c" as "a, b và c".
func joinList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " và " + xs[len(xs)-1]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	// Keep acronyms and proper names ("UBND", "Sở"): only lower a capital
	// followed by a lower-case letter that starts a common noun phrase.
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Cell makes a value safe inside a table row: "|" separates cells.
func Cell(s string) string { return strings.ReplaceAll(s, "|", "/") }
