package meta

import (
	"fmt"
	"regexp"
	"strings"

	"vanthu/corpus"
)

// Stamps are printed on a document by software or by the receiving office;
// they are not the document (DOMAIN.md, "Stamps that are not the document").
// Their lines are marked used so the header parser never takes the signing
// software's organisation for the issuer or its time for the date of issue.

var (
	reESignLabel    = regexp.MustCompile(`^(?i:người\s+ký|ký\s+bởi)\s*:\s*(.*)$`)
	reESignField    = regexp.MustCompile(`^(?i:(email|e-mail|cơ\s+quan|thời\s+gian\s+ký|ngày\s+ký|địa\s+chỉ|chức\s+vụ))\s*:\s*(.*)$`)
	reEmail         = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
	reStampTime     = regexp.MustCompile(`(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])(\d{2}):?(\d{2}))?`)
	reZone          = regexp.MustCompile(`^([+-])(\d{2}):?(\d{2})$`)
	reIncoming      = regexp.MustCompile(`^(?:(?:CÔNG\s+VĂN\s+|Công\s+văn\s+)?(?:ĐẾN|Đến|ĐÉN))\b[\s:]*(?i:số)\s*:?\s*([0-9][0-9A-Za-z./-]*)`)
	reIncomingAlone = regexp.MustCompile(`^(?:CÔNG\s+VĂN\s+)?ĐẾN\s*:?$`)
	reIncomingNum   = regexp.MustCompile(`^(?i:số)\s*:?\s*([0-9][0-9A-Za-z./-]*)`)
	reIncDate       = regexp.MustCompile(`(?i)ngày\s*:?\s*(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4})`)
)

// stampTime converts "31.05.2019 15:01:05 +07:00" to RFC 3339. A stamp without
// a zone is in Vietnam's time (UTC+7).
func stampTime(s, zoneLine string) (string, bool) {
	m := reStampTime.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	atoi := func(x string) int {
		n := 0
		for _, c := range x {
			n = n*10 + int(c-'0')
		}
		return n
	}
	d, mo, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if _, ok := corpus.NewDate(y, mo, d); !ok {
		return "", false
	}
	h, mi, sec := atoi(m[4]), atoi(m[5]), atoi(m[6])
	if h > 23 || mi > 59 || sec > 59 {
		return "", false
	}
	sign, zh, zm := m[7], m[8], m[9]
	if sign == "" {
		if z := reZone.FindStringSubmatch(strings.TrimSpace(zoneLine)); z != nil {
			sign, zh, zm = z[1], z[2], z[3]
		} else {
			sign, zh, zm = "+", "07", "00"
		}
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s%s:%s", y, mo, d, h, mi, sec, sign, zh, zm), true
}

// findESign finds the e-signature stamp: the labelled form ("Người ký: / Ký
// bởi:", "Email:", "Cơ quan:", "Thời gian ký: / Ngày ký:") anywhere, else the
// bare organisation / e-mail / time triple of the Công báo and provincial
// signing software near the start or the end of the text.
func (p *Parser) findESign(t *text, used []bool) (*corpus.ESign, corpus.Span) {
	for i := range t.lines {
		for _, c := range t.lines[i].cells {
			m := reESignLabel.FindStringSubmatch(t.cellText(c))
			if m == nil {
				continue
			}
			e := &corpus.ESign{Signer: collapse(m[1])}
			used[i] = true
			first, last := i, i
			for j := i + 1; j < len(t.lines) && j <= i+5; j++ {
				found := false
				for _, c2 := range t.lines[j].cells {
					f := reESignField.FindStringSubmatch(t.cellText(c2))
					if f == nil {
						continue
					}
					found = true
					v := collapse(f[2])
					switch k := fold(f[1]); {
					case strings.HasPrefix(k, "e"):
						e.Email = v
					case strings.HasPrefix(k, "co"):
						e.Org = v
					case strings.HasPrefix(k, "dia"), strings.HasPrefix(k, "chuc"):
						// address and position: part of the stamp, not recorded
					default:
						zone := ""
						if j+1 < len(t.lines) {
							zone = t.lineText(j + 1)
						}
						if ts, ok := stampTime(v, zone); ok {
							e.Time = ts
						}
					}
				}
				if !found {
					break
				}
				used[j] = true
				last = j
			}
			// A file signed twice prints two stamps: mark the others
			// used too, so their lines are never read as the header.
			markMoreStamps(t, used, last+1)
			return e, t.span(t.lines[first].start, t.lines[last].end)
		}
	}
	// The bare triple: an e-mail alone in its cell, organisation lines in
	// capitals above it, the time (and maybe the zone) below it.
	n := len(t.lines)
	for i := 0; i < n; i++ {
		if i > 15 && i < n-15 {
			continue
		}
		for _, c := range t.lines[i].cells {
			email := t.cellText(c)
			if !reEmail.MatchString(email) {
				continue
			}
			if i+1 >= n {
				continue
			}
			tc, ok := nearCell(t, i+1, c.col)
			if !ok {
				continue
			}
			zone := ""
			if z, ok := nearCell(t, i+2, c.col); ok {
				zone = t.cellText(z)
			}
			ts, ok := stampTime(t.cellText(tc), zone)
			if !ok {
				continue
			}
			e := &corpus.ESign{Email: email, Time: ts}
			first, last := i, i+1
			if reZone.MatchString(strings.TrimSpace(zone)) {
				last = i + 2
			}
			var org []string
			for j := i - 1; j >= 0 && j >= i-3; j-- {
				oc, ok := nearCell(t, j, c.col)
				if !ok || !isCaps(t.cellText(oc)) {
					break
				}
				org = append([]string{t.cellText(oc)}, org...)
				first = j
			}
			e.Org = readableName(strings.Join(org, " "))
			for j := first; j <= last; j++ {
				used[j] = true
			}
			return e, t.span(t.lines[first].start, t.lines[last].end)
		}
	}
	return nil, corpus.Span{}
}

// nearCell returns the cell of line i that starts within a few columns of col.
func nearCell(t *text, i, col int) (cell, bool) {
	if i < 0 || i >= len(t.lines) {
		return cell{}, false
	}
	for _, c := range t.lines[i].cells {
		if c.col >= col-6 && c.col <= col+6 {
			return c, true
		}
	}
	return cell{}, false
}

// findIncoming reads the receiving office's register stamp ("ĐẾN Số: 2.17 ...
// Ngày: 3/6/2019").
func (p *Parser) findIncoming(t *text, used []bool) (*corpus.Incoming, corpus.Span) {
	limit := min(len(t.lines), p.cfg.HeaderLines)
	for i := 0; i < limit; i++ {
		for _, c := range t.lines[i].cells {
			s := t.cellText(c)
			m := reIncoming.FindStringSubmatch(s)
			if m == nil && reIncomingAlone.MatchString(s) && i+1 < len(t.lines) && len(t.lines[i+1].cells) > 0 {
				// "CÔNG VĂN ĐẾN" / "Số: 2.17" / "Ngày: 3/6/2019"
				if n := reIncomingNum.FindStringSubmatch(t.cellText(t.lines[i+1].cells[0])); n != nil {
					m = n
					used[i+1] = true
				}
			}
			if m == nil {
				continue
			}
			in := &corpus.Incoming{Number: strings.TrimRight(m[1], "./-")}
			used[i] = true
			last := i
			for j := i; j < len(t.lines) && j <= i+2; j++ {
				d := reIncDate.FindStringSubmatch(t.lineText(j))
				if d == nil {
					continue
				}
				if date, _, ok := ParseDate(d[1]); ok {
					in.Date = date
					used[j] = true
					last = j
				}
				break
			}
			return in, t.span(t.lines[i].start, t.lines[last].end)
		}
	}
	return nil, corpus.Span{}
}

// markMoreStamps marks used the lines of every further labelled stamp.
func markMoreStamps(t *text, used []bool, from int) {
	for i := from; i < len(t.lines); i++ {
		for _, c := range t.lines[i].cells {
			if !reESignLabel.MatchString(t.cellText(c)) {
				continue
			}
			used[i] = true
			for j := i + 1; j < len(t.lines) && j <= i+5; j++ {
				if len(t.lines[j].cells) == 0 || !reESignField.MatchString(t.cellText(t.lines[j].cells[0])) {
					break
				}
				used[j] = true
			}
		}
	}
}
