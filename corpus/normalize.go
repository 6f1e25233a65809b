package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C (TCVN 6909:2001 text is
// precomposed; PDFs made on Macs and windows-1258 pages produce decomposed marks).
// Invalid UTF-8 bytes are replaced by U+FFFD so the result is always valid.
func NFC(s string) string {
	if precomposedOnly(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return norm.NFC.String(s)
}

// precomposedOnly reports whether s is valid UTF-8 made only of runes that
// NFC leaves alone wherever they stand (isStableRune), so that s is already
// in NFC. Nearly every Vietnamese text is, and this one pass over the bytes
// costs a tenth of the library's check (which looks each rune up in its
// tables): it took 3% of the bulk indexing time. Anything else, such as a
// combining mark, goes to the library.
func precomposedOnly(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !isStableRune(r) {
			return false
		}
		i += n
	}
	return true
}

// isStableRune reports whether r is in one of the blocks of precomposed
// Latin letters and punctuation that Vietnamese text is written with, none of
// whose runes NFC decomposes, reorders or composes with a neighbour
// (TestPrecomposedOnlyAgreesWithNorm checks every rune and pair of them
// against golang.org/x/text/unicode/norm).
func isStableRune(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x24F: // Latin-1 Supplement, Latin Extended-A and -B
		return true
	case r >= 0x1E00 && r <= 0x1EFF: // Latin Extended Additional (ạ ả ấ ... ỹ)
		return true
	case r >= 0x2010 && r <= 0x2027: // dashes, quotation marks, bullets, ellipsis
		return true
	}
	return false
}

// foldTable maps each precomposed Latin letter with diacritics used in
// Vietnamese to its base letter. đ/Đ do not decompose under NFD, so they are
// listed explicitly. Built once; read-only, so safe for concurrent use.
var foldTable = func() map[rune]rune {
	m := map[rune]rune{'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D'}
	for r := rune(0xC0); r <= 0x1EFF; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		d := norm.NFD.String(string(r))
		base, _ := utf8.DecodeRuneInString(d)
		if base < 0x80 && base != r && unicode.IsLetter(base) {
			m[r] = base
		}
	}
	return m
}()

// FoldRune returns the ASCII base letter of a Vietnamese letter, or r itself.
// Combining marks (U+0300–U+036F) fold to 0 and must be dropped by the caller.
func FoldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	if r < foldFastN {
		return foldFast[r]
	}
	return foldRuneSlow(r)
}

// foldFastN bounds foldFast: every Vietnamese letter and combining mark is
// below it (Latin-1 to Latin Extended Additional, U+1EFF).
const foldFastN = 0x2000

// foldFast is FoldRune of every rune below foldFastN, computed once by
// foldRuneSlow: an array index instead of a table search and a map lookup
// for each letter of a text folded for comparison or indexing.
var foldFast = func() *[foldFastN]rune {
	var t [foldFastN]rune
	for r := rune(0); r < foldFastN; r++ {
		t[r] = foldRuneSlow(r)
	}
	return &t
}()

func foldRuneSlow(r rune) rune {
	if r < 0x80 {
		return r
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	if b, ok := foldTable[r]; ok {
		return b
	}
	return r
}

// Fold removes Vietnamese diacritics: "Đoàn ra nước ngoài" → "Doan ra nuoc ngoai".
// It handles precomposed and decomposed input alike and keeps case.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := FoldRune(r); f != 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// FoldLower is strings.ToLower(Fold(s)), the comparison form of a short
// string, in one pass: Fold reads invalid UTF-8 as U+FFFD, as
// strings.ToLower would, so each rune of the result is unicode.ToLower of
// the rune Fold would write.
func FoldLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldLowerSlow(s)
		}
	}
	return strings.ToLower(s)
}

func foldLowerSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		f := FoldRune(r)
		switch {
		case f == 0:
		case f < utf8.RuneSelf:
			if 'A' <= f && f <= 'Z' {
				f += 'a' - 'A'
			}
			b.WriteByte(byte(f))
		default:
			b.WriteRune(unicode.ToLower(f))
		}
	}
	return b.String()
}

// HasDiacritics reports whether s contains any letter that Fold would change.
func HasDiacritics(s string) bool {
	for _, r := range s {
		if r >= 0x80 && FoldRune(r) != r {
			return true
		}
	}
	return false
}

// toneMarks are the five combining tone marks (huyền, sắc, hỏi, ngã, nặng).
var toneMarks = map[rune]bool{0x0300: true, 0x0301: true, 0x0309: true, 0x0303: true, 0x0323: true}

// NormalizeTone rewrites "old style" tone placement on the diphthongs oa, oe,
// uy ("hoà", "khoẻ", "thuỷ") to the placement the Nghị định 30 annex itself
// mostly uses ("hòa", "khỏe", "thủy"), so both spellings compare equal. The
// input is NFC-normalised first; the output is NFC.
func NormalizeTone(s string) string {
	d := []rune(norm.NFD.String(NFC(s)))
	changed := false
	for i := 0; i+2 < len(d); i++ {
		a, b, t := d[i], d[i+1], d[i+2]
		if !toneMarks[t] {
			continue
		}
		la, lb := unicode.ToLower(a), unicode.ToLower(b)
		if !((la == 'o' && (lb == 'a' || lb == 'e')) || (la == 'u' && lb == 'y')) {
			continue
		}
		// Only at the end of a syllable: "hoà" but not "hoàn" (where the tone
		// rightly sits on the second vowel) and not "quý" (qu + y).
		if i+3 < len(d) && unicode.IsLetter(d[i+3]) {
			continue
		}
		if i > 0 && la == 'u' && unicode.ToLower(d[i-1]) == 'q' {
			continue
		}
		if i > 0 && unicode.Is(unicode.Mn, d[i-1]) {
			continue
		}
		d[i+1], d[i+2] = t, b
		changed = true
	}
	if !changed {
		return NFC(s)
	}
	return norm.NFC.String(string(d))
}

// MatchKey is the form used to compare free text such as issuer names: NFC,
// tone placement normalised, diacritics folded, lower case, runs of spaces and
// punctuation collapsed to one space.
func MatchKey(s string) string {
	if precomposedOnly(s) {
		// s is in NFC, and NormalizeTone would only move tone marks
		// between the letters of Latin letters whose base is ASCII, the
		// base Fold keeps: the NFD and NFC round trip is skipped.
		s = strings.ToLower(Fold(s))
	} else {
		s = strings.ToLower(Fold(NormalizeTone(s)))
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}
