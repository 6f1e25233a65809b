package meta

import (
	"regexp"
	"strings"
)

// Document forms whose metadata sits outside the usual header: the
// consolidated text (văn bản hợp nhất), whose number, date and signer follow
// "XÁC THỰC VĂN BẢN HỢP NHẤT" at its end, and the precedent (án lệ), whose
// issuer and date are in the sentence "Được Hội đồng Thẩm phán Tòa án nhân
// dân tối cao thông qua ngày ...".

// certLine returns the line of "XÁC THỰC VĂN BẢN HỢP NHẤT", or -1.
func certLine(t *text) int {
	for i := len(t.lines) - 1; i >= 0; i-- {
		for _, c := range t.lines[i].cells {
			if x := t.cellText(c); x != "" && (x[0] == 'X' || x[0] == 'x') && strings.HasPrefix(fold(x), "xac thuc van ban hop nhat") {
				return i
			}
		}
	}
	return -1
}

var reAdoptedBy = regexp.MustCompile(`(?i)được\s+((?:hội\s+đồng|ủy\s+ban|uỷ\s+ban)[\pL\s]{5,80}?)\s+thông\s+qua\s+ngày`)

// adoptedBy reads the body that adopted a precedent, if it is in the table.
func (h *header) adoptedBy(t *text, tbl *bodyTable) {
	if h.issuer != "" || h.number.Issuer != "AL" {
		return
	}
	m := reAdoptedBy.FindStringSubmatchIndex(t.work)
	if m == nil {
		return
	}
	if name, ok := tbl.lookup(collapse(t.work[m[2]:m[3]])); ok {
		h.issuer, h.issSpan = name, t.span(m[2], m[3])
	}
}

// typeOf returns the code of a type line that names its issuer after the
// type ("QUYẾT ĐỊNH CỦA UỶ BAN NHÂN DÂN TỈNH", typewriter-era decisions), or
// false.
func typeOf(key string) (string, string, bool) {
	i := strings.Index(key, " cua ")
	if i < 0 {
		return "", "", false
	}
	code, ok := typeNames[key[:i]]
	return code, key[:i], ok
}

// certBody reads the issuer of a consolidated text from beside its
// certification ("VĂN PHÒNG QUỐC HỘI  XÁC THỰC VĂN BẢN HỢP NHẤT") when the
// text's head does not name it.
func (h *header) certBody(t *text, tbl *bodyTable) {
	if h.issuer != "" || !h.atEnd {
		return
	}
	v := certLine(t)
	for i := max(0, v-1); i <= v && i >= 0; i++ {
		c := t.lines[i].cells
		if len(c) < 2 || !isCaps(t.cellText(c[0])) || isMottoOrNoise(t.cellText(c[0])) {
			continue
		}
		h.issuer, h.issSpan = readableName(t.cellText(c[0])), t.span(c[0].start, c[0].end)
		if name, ok := tbl.lookup(h.issuer); ok {
			h.issuer = name
		}
		return
	}
}
