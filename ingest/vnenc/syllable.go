package vnenc

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// onsets are the initial consonants of Vietnamese syllables (longest first so
// that "ngh" is tried before "ng" and "n"). "qu" and "gi" are written onsets:
// the u of qu and the i of gi belong to the consonant (Đoàn Thiện Thuật,
// Ngữ âm tiếng Việt, ch. 3), so "quốc" = qu + ôc and "giá" = gi + a.
var onsets = []string{ // "" last: a syllable may start with its vowel
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
}

// rhymes lists every rhyme (vần: medial + nucleus + coda) of standard
// Vietnamese orthography, without tone. Rare rhymes of loan syllables
// ("oong", "ooc", "uơ") are included so that real text scores 1.
var rhymes = func() map[string]bool {
	const list = `a ac ach ai am an ang anh ao ap at au ay
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
yêm yên yêng yêt yêu y ynh
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oem oen oeo oet
uâ uân uâng uât uây
uê uêch uênh
uy uya uych uyn uynh uyp uyt uyu uyên uyêt
uơ`
	m := make(map[string]bool)
	for _, r := range strings.Fields(list) {
		m[r] = true
	}
	return m
}()

// Tone marks as combining characters (U+0300 huyền, U+0301 sắc, U+0303 ngã,
// U+0309 hỏi, U+0323 nặng).
const (
	toneHuyen = '\u0300'
	toneSac   = '\u0301'
	toneNga   = '\u0303'
	toneHoi   = '\u0309'
	toneNang  = '\u0323'
)

// Vowel modifiers as combining characters.
const (
	modCircumflex = '\u0302'
	modBreve      = '\u0306'
	modHorn       = '\u031B'
)

func isTone(r rune) bool {
	switch r {
	case toneHuyen, toneSac, toneNga, toneHoi, toneNang:
		return true
	}
	return false
}

// withModifier returns the precomposed modified vowel (â ă ê ô ơ ư) or 0.
func withModifier(base, mod rune) rune {
	switch {
	case base == 'a' && mod == modCircumflex:
		return 'â'
	case base == 'a' && mod == modBreve:
		return 'ă'
	case base == 'e' && mod == modCircumflex:
		return 'ê'
	case base == 'o' && mod == modCircumflex:
		return 'ô'
	case base == 'o' && mod == modHorn:
		return 'ơ'
	case base == 'u' && mod == modHorn:
		return 'ư'
	}
	return 0
}

// skeleton lower-cases w, strips its tone and returns the letters (with
// vowel modifiers kept), the tone (0 for ngang) and the index (in runes of
// letters) of the vowel carrying it. ok is false when w holds a letter or
// mark Vietnamese spelling does not use, or more than one tone.
func skeleton(w string) (letters []rune, tone rune, at int, ok bool) {
	letters = make([]rune, 0, 8)
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case isTone(r):
			if tone != 0 || len(letters) == 0 {
				return nil, 0, 0, false
			}
			tone, at = r, len(letters)-1
		case r == modCircumflex || r == modBreve || r == modHorn:
			if len(letters) == 0 {
				return nil, 0, 0, false
			}
			m := withModifier(letters[len(letters)-1], r)
			if m == 0 {
				return nil, 0, 0, false
			}
			letters[len(letters)-1] = m
		case r == 'đ' || (r >= 'a' && r <= 'z' && r != 'f' && r != 'j' && r != 'w' && r != 'z'):
			letters = append(letters, r)
		default:
			return nil, 0, 0, false
		}
	}
	return letters, tone, at, true
}

// ValidSyllable reports whether w is one well-formed Vietnamese syllable
// (any case, NFC or NFD): an optional onset, a rhyme from the orthography's
// inventory and at most one tone, placed on the vowel the spelling rules
// name; a rhyme closed by -c, -ch, -p or -t takes only the sắc or nặng tone
// (the "entering tones" of Vietnamese phonology).
func ValidSyllable(w string) bool {
	letters, tone, at, ok := skeleton(w)
	if !ok || len(letters) == 0 {
		return false
	}
	word := string(letters)
	for _, on := range onsets {
		if !strings.HasPrefix(word, on) {
			continue
		}
		rest := word[len(on):]
		// "gì", "gìn" parse as g + i-rhyme, so gi needs no special case.
		if !rhymes[rest] || !rhymeToneOK(rest, tone) || !onsetRhymeOK(on, rest) {
			continue
		}
		if tone == 0 || tonePlaceOK([]rune(rest), at-utf8.RuneCountInString(on)) {
			return true
		}
	}
	return false
}

func isVowel(r rune) bool { return strings.ContainsRune("aăâeêioôơuưy", r) }

func isModified(r rune) bool { return strings.ContainsRune("ăâêôơư", r) }

// tonePlaceOK checks where the tone sits in the rhyme (Quy định chính tả,
// Quyết định 240/QĐ-BGDĐT 1984 and TCVN 5712 practice): on the modified
// vowel if there is one (the second of ươ); else on the last vowel before a
// final consonant; else, in an open rhyme, on the first of two vowels and
// the middle of three, with oa, oe, uy accepting both the old ("hoà") and
// the new ("hòa") placement.
func tonePlaceOK(rhyme []rune, at int) bool {
	if at < 0 || at >= len(rhyme) || !isVowel(rhyme[at]) {
		return false
	}
	n := 0
	for n < len(rhyme) && isVowel(rhyme[n]) {
		n++
	}
	for i := n - 1; i >= 0; i-- {
		if isModified(rhyme[i]) {
			return at == i
		}
	}
	if n < len(rhyme) { // closed by a consonant
		return at == n-1
	}
	switch n {
	case 1:
		return at == 0
	case 2:
		pair := string(rhyme[:2])
		if pair == "oa" || pair == "oe" || pair == "uy" {
			return true
		}
		return at == 0
	default:
		return at == 1
	}
}

// rhymeToneOK applies the entering-tone rule.
func rhymeToneOK(rhyme string, tone rune) bool {
	if strings.HasSuffix(rhyme, "c") || strings.HasSuffix(rhyme, "ch") ||
		strings.HasSuffix(rhyme, "p") || strings.HasSuffix(rhyme, "t") {
		return tone == toneSac || tone == toneNang
	}
	return true
}

// onsetRhymeOK applies the spelling rules that tie an onset to its rhyme:
// k, gh, ngh only before i, e, ê (and y); c, g, ng never before them; q only as
// qu; medial o/u rhymes do not follow qu (it already carries the u).
func onsetRhymeOK(on, rhyme string) bool {
	r, _ := utf8.DecodeRuneInString(rhyme)
	front := r == 'i' || r == 'e' || r == 'ê' || r == 'y'
	switch on {
	case "k", "gh", "ngh":
		return front
	case "c", "ng":
		return !front
	case "qu":
		return !strings.HasPrefix(rhyme, "u") && !strings.HasPrefix(rhyme, "o")
	}
	return rhyme != "ynh" // "quỳnh" only: qu + uynh written without its u
}

// ValidSyllableRatio is the share of the words of s (runs of letters and
// marks) that are well-formed Vietnamese syllables. Words without any
// letter are ignored; it returns 0 when s has no word. Text in a wrong
// decoding of a legacy code scores far lower than the right one, which is
// how Decode chooses among candidates.
func ValidSyllableRatio(s string) float64 {
	valid, total := syllableCounts(s, false)
	if total == 0 {
		return 0
	}
	return float64(valid) / float64(total)
}

// syllableCounts counts the valid words and all words of s. With
// marked true only words holding a non-ASCII character are counted: ASCII
// words read the same under every candidate decoding, so they only dilute
// the difference between candidates. Words are split on spaces, ASCII
// punctuation and typographic punctuation (U+2010-U+2027) only: symbols a
// wrong decoding produces ("»", "©", "§", "·") stay inside the word and make
// it invalid, and words with digits are skipped.
func syllableCounts(s string, marked bool) (valid, total int) {
	start := -1
	ascii, digit := true, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		start = -1
		if digit || (marked && ascii) {
			return
		}
		total++
		if len(w) <= 4*8 && validSyllableCached(w) { // no syllable has more than 8 letters
			valid++
		}
	}
	for i, r := range s {
		if isWordSep(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start, ascii, digit = i, true, false
		}
		if r >= 0x80 {
			ascii = false
		}
		if r >= '0' && r <= '9' {
			digit = true
		}
	}
	flush(len(s))
	return valid, total
}

func isWordSep(r rune) bool {
	switch {
	case r < 0x80:
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	case r == 0xA0, r >= 0x2010 && r <= 0x2027, r == 0xFEFF, r == 0x3000:
		return true
	}
	return unicode.IsSpace(r)
}

// syllables remembers ValidSyllable of the words judged so far, across
// texts: an ingest judges the same few thousand syllables in every
// document (and in every candidate decoding of it), and each judgement
// decomposes and allocates. Words are added until maxCachedSyllables are
// known (a few megabytes); after that the others are judged each time.
// A text's words come straight here: a map of the text's own words in
// front of this one, made and grown for every text, costs more than the
// look-ups it would save.
var syllables struct {
	m sync.Map // word → bool
	n atomic.Int64
}

const maxCachedSyllables = 1 << 16

func validSyllableCached(w string) bool {
	if v, ok := syllables.m.Load(w); ok {
		return v.(bool)
	}
	ok := ValidSyllable(w)
	if syllables.n.Load() < maxCachedSyllables {
		if _, loaded := syllables.m.LoadOrStore(strings.Clone(w), ok); !loaded {
			syllables.n.Add(1)
		}
	}
	return ok
}
