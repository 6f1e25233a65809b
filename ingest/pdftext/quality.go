package pdftext

import (
	"strings"
	"unicode"

	"vanthu/corpus"
	"vanthu/ingest/vnenc"
)

// Tones, numbered as in the Vietnamese school order.
const (
	toneNone  = iota // ngang
	toneGrave        // huyền  U+0300
	toneHook         // hỏi    U+0309
	toneTilde        // ngã    U+0303
	toneAcute        // sắc    U+0301
	toneDot          // nặng   U+0323
)

var toneMarks = []rune{0, 0x300, 0x309, 0x303, 0x301, 0x323}

// toneless maps every lower-case Vietnamese vowel with a tone to its toneless
// letter and the tone: "ộ" → ('ô', nặng). Built once from composition, read only.
var toneless = func() map[rune][2]rune {
	m := map[rune][2]rune{}
	for _, base := range "aăâeêioôơuưy" {
		for t := 1; t < len(toneMarks); t++ {
			c := []rune(corpus.NFC(string(base) + string(toneMarks[t])))
			if len(c) == 1 {
				m[c[0]] = [2]rune{base, rune(t)}
			}
		}
	}
	return m
}()

// isVowel: tokens without a vowel are abbreviations ("QĐ", "TTĐT", the
// "điểm đ" of a law), not syllables.
func isVowel(r rune) bool {
	r = unicode.ToLower(r)
	if t, ok := toneless[r]; ok {
		r = t[0]
	}
	return strings.ContainsRune("aăâeêioôơuưy", r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

const tokenPunct = ".,;:!?()[]{}\"'“”‘’…«»*•–—-/\\|<>=+%&#"

// quality is the share of word tokens that are valid Vietnamese syllables or
// plain ASCII (numbers, codes such as "UBND", English words). Tokens are cut
// at white space and at "/" and "-" (b/cáo, Hồ Chí Minh-...); punctuation is
// trimmed from their ends. A text without words has quality 1: empty pages
// are judged by their letter count, not here.
func quality(s string) float64 {
	total, good := 0, 0
	for _, f := range strings.Fields(s) {
		for _, t := range strings.FieldsFunc(f, func(r rune) bool { return r == '/' || r == '-' || r == '–' }) {
			t = strings.Trim(t, tokenPunct)
			if t == "" || !strings.ContainsFunc(t, unicode.IsLetter) {
				continue
			}
			total++
			if isASCII(t) || !strings.ContainsFunc(t, isVowel) || vnenc.ValidSyllable(t) {
				good++
			}
		}
	}
	if total == 0 {
		return 1
	}
	return float64(good) / float64(total)
}
