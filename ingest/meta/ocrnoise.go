package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OCR of a scan reads seals, signatures and the receiving office's stamp as
// stray symbols and letters ("ÂẾ#Š~ ®", "CỤ T§6 .J}LŸ-2") run into the text
// beside them. These helpers find such tokens so that a subject or a list
// item keeps only its own words.

// noiseToken reports whether w (one space-separated token) is OCR noise: a
// symbol no official text uses, a lone letter, or capitals and small letters
// mixed inside a word ("ÃIj", "NCbdv" is kept: it ends in small letters after
// its capitals, as unit codes do).
func noiseToken(w string) bool {
	letters, digits := 0, 0
	upperAfterLower := false
	seenLower := false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsLower(r) {
				seenLower = true
			} else if seenLower {
				upperAfterLower = true
			}
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune(".,;:()/-–'\"“”%&", r):
		default:
			return true // §, }, #, ®, ⁄, |, ¬ ...
		}
	}
	if letters+digits == 0 {
		return strings.Trim(w, ";,.:-–()") != "" // "&", "⁄/"; not a lone ";", "-" or "("
	}
	if letters == 1 && digits == 0 {
		// "Ả", "ø", "(A"; not a word of one letter ("Sở Y tế", "ở") nor a
		// point's label "a)"
		r, _ := utf8.DecodeRuneInString(strings.Trim(w, ".,;:()/-–'\"“”"))
		return !strings.HasSuffix(w, ")") && !strings.ContainsRune("àạảởơờừýyYÝ", r)
	}
	return upperAfterLower && letters > 2 && !allCapsAfterFirst(w)
}

// allCapsAfterFirst: "TTg", "SNgV", "QLDN2" style unit codes mix case on
// purpose; they are short.
func allCapsAfterFirst(w string) bool { return utf8.RuneCountInString(w) <= 6 }

// trimNoiseTail drops noise tokens from the end of s.
func trimNoiseTail(s string) string {
	ws := strings.Fields(s)
	n := len(ws)
	for n > 0 && noiseToken(ws[n-1]) {
		n--
	}
	if n == len(ws) {
		return s
	}
	return strings.Join(ws[:n], " ")
}

// dropNoiseHead returns s after its last noise token among the first ones
// ("CỤ T§6 .J}LŸ-2 ị trên địa bàn" → "trên địa bàn"), and how many bytes were
// dropped; s unchanged when it starts clean.
func dropNoiseHead(s string) (string, int) {
	ws := strings.Fields(s)
	last := -1
	for i, w := range ws {
		if i > 6 {
			break
		}
		if noiseToken(w) {
			last = i
		}
	}
	if last < 0 {
		return s, 0
	}
	rest := ws[last+1:]
	for len(rest) > 0 && utf8.RuneCountInString(rest[0]) == 1 {
		rest = rest[1:] // a letter torn from a stamp's word
	}
	out := strings.Join(rest, " ")
	return out, len(s) - len(out)
}

// reStampWords are the receiving office's stamp ("ĐẾN", "Chuyển:", "Ngày :",
// "Số:") as OCR reads it; a subject never contains them.
var reStampWords = regexp.MustCompile(`(?:^|\s)(?:ĐẾN|ĐEN|ĐÉN|Đến:|Chuyển\s*:|Ngày\s+:|Lưu\s+hồ\s+sơ\s+số)(?:\s|$|\s*\|)`)

// reSubjectStart finds "Về việc" or "V/v" after a stamp's noise.
var reSubjectStart = regexp.MustCompile(`(?:Về\s+việc|V/[Vv])\s`)

// slashes turns the slashes OCR reads for "/" (fraction slash, division
// slash) into "/": "12⁄ QĐ- UB".
var slashes = strings.NewReplacer("⁄", "/", "∕", "/")
