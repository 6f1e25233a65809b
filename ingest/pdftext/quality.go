package pdftext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/corpus"
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

// onsets of Vietnamese syllables, longest first (Đoàn Thiện Thuật, Ngữ âm
// tiếng Việt, 1977: 22 initial consonants and their spellings).
var onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"}

// rhymes lists the spelled rhymes (medial + nucleus + coda, without tone).
// It is the inventory of Vietnamese rhymes, with the few loan rhymes of
// official texts (xoong, soóc); anything else in a word with diacritics is a
// glyph mismap ("Cơng", "đớc") or undecoded legacy text.
var rhymes = func() map[string]bool {
	list := `a ai ao au ay ac ach am an ang anh ap at
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oo ooc oong
oa oac oach oai oam oan oang oanh oap oat oay oao oăc oăm oăn oăng oăt oe oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua uôc uôi uôm uôn uông uôt
uâ uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu uơ
uăc uăm uăn uăng uăt uac uach uai uam uan uang uanh uat uay ue uen ueo uet ui uy
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu`
	m := map[string]bool{}
	for _, r := range strings.Fields(list) {
		m[r] = true
	}
	return m
}()

// validSyllable reports whether a lower-case word is one Vietnamese syllable.
func validSyllable(w string) bool {
	tone := toneNone
	var b strings.Builder
	for _, r := range w {
		if t, ok := toneless[r]; ok {
			if tone != toneNone {
				return false // two tones
			}
			tone = int(t[1])
			r = t[0]
		}
		b.WriteRune(r)
	}
	s := b.String()
	onset := ""
	for _, o := range onsets {
		if strings.HasPrefix(s, o) {
			onset = o
			break
		}
	}
	rest := s[len(onset):]
	switch onset {
	case "gi":
		// "gi" + "a" (gia), but "gìn" is gi + in and "gì" is gi + i.
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !strings.ContainsRune("aăâeêioôơuưy", r) {
			rest = "i" + rest
		}
	case "qu":
		rest = "u" + rest
	}
	if !rhymes[rest] {
		return false
	}
	// Checked syllables (coda p, t, c, ch) take only the sắc or nặng tone.
	if strings.HasSuffix(rest, "p") || strings.HasSuffix(rest, "t") || strings.HasSuffix(rest, "c") || strings.HasSuffix(rest, "ch") {
		return tone == toneAcute || tone == toneDot
	}
	return true
}

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
			if isASCII(t) || !strings.ContainsFunc(t, isVowel) || validSyllable(strings.ToLower(t)) {
				good++
			}
		}
	}
	if total == 0 {
		return 1
	}
	return float64(good) / float64(total)
}
