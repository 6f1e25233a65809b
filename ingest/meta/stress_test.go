package meta

import (
	"strings"
	"testing"
)

// TestPathologicalShapes feeds repetitive inputs (every stamp, list and
// number shape many times over) and checks that parsing ends with spans
// inside the text. Speed is measured by the benchmarks, not here.
func TestPathologicalShapes(t *testing.T) {
	p := newParser(t)
	for name, s := range map[string]string{
		"dashes":    strings.Repeat("- a;\n", 2000),
		"kinhgui":   strings.Repeat("Kính gửi:\n", 2000),
		"noinhan":   strings.Repeat("Nơi nhận:\n- x,\n", 1000),
		"so":        strings.Repeat("Số: 12\n", 2000),
		"email":     strings.Repeat("a@b.cc\n01.01.2020 10:00:00\n", 1000),
		"caps":      strings.Repeat("BAN TỔ CHỨC\n", 2000),
		"spaces":    strings.Repeat("a   b   c   ", 3000),
		"numbers":   strings.Repeat("Quyết định số 12/QĐ-UBND ngày 1/1/2020 của ", 500),
		"rules":     strings.Repeat("không quá 07 người/đoàn, ", 500),
		"quyche":    strings.Repeat("Quy chế 01 ", 2000),
		"authority": strings.Repeat("KT. CHỦ TỊCH\n", 2000),
		"nolines":   strings.Repeat("x", 200000),
		"dots":      strings.Repeat(". ", 50000),
		"parens":    strings.Repeat("(", 50000),
	} {
		t.Run(name, func(t *testing.T) {
			d := p.parse(newText(s))
			checkSpans(t, s, d)
		})
	}
}
