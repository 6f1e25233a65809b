package pdftext

import (
	"strconv"
	"strings"

	"vanthu/corpus"
)

// cp1252 holds the code points of windows-1252 (PDF's WinAnsiEncoding,
// PDF 32000-1:2008 Annex D.2) at 0x80-0x9F; every other byte is Latin-1.
var cp1252 = [32]rune{
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD,
}

func winAnsi(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252[b-0x80]
	}
	return rune(b)
}

// glyphNames are the Adobe Glyph List names that appear in Differences arrays
// of the fonts we meet; accented letters are composed by glyphNameToString.
var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%",
	"ampersand": "&", "quotesingle": "'", "parenleft": "(", "parenright": ")", "asterisk": "*",
	"plus": "+", "comma": ",", "hyphen": "-", "period": ".", "slash": "/", "zero": "0", "one": "1",
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "colon": ":", "semicolon": ";", "less": "<", "equal": "=", "greater": ">",
	"question": "?", "at": "@", "bracketleft": "[", "backslash": "\\", "bracketright": "]",
	"asciicircum": "^", "underscore": "_", "grave": "`", "braceleft": "{", "bar": "|",
	"braceright": "}", "asciitilde": "~", "quoteleft": "\u2018", "quoteright": "\u2019",
	"quotedblleft": "\u201C", "quotedblright": "\u201D", "quotesinglbase": "\u201A",
	"quotedblbase": "\u201E", "endash": "\u2013", "emdash": "\u2014", "bullet": "\u2022",
	"ellipsis": "\u2026", "trademark": "\u2122", "copyright": "\u00A9", "registered": "\u00AE",
	"degree": "\u00B0", "section": "\u00A7", "paragraph": "\u00B6", "periodcentered": "\u00B7",
	"guillemotleft": "\u00AB", "guillemotright": "\u00BB", "nbspace": " ", "nonbreakingspace": " ",
	"minus": "\u2212", "multiply": "\u00D7", "divide": "\u00F7", "dcroat": "đ", "Dcroat": "Đ",
	"dmacron": "đ", "Dslash": "Đ", "dslash": "đ", "Eth": "Đ", "fi": "fi", "fl": "fl", "ff": "ff",
	"ffi": "ffi", "ffl": "ffl", "dotlessi": "ı", "germandbls": "ß", "ae": "æ", "AE": "Æ",
	"oslash": "ø", "Oslash": "Ø", "sterling": "£", "yen": "¥", "Euro": "€", "cent": "¢",
	"dagger": "†", "daggerdbl": "‡", "perthousand": "‰", "onehalf": "½", "onequarter": "¼",
	"threequarters": "¾", "ordfeminine": "ª", "ordmasculine": "º", "exclamdown": "¡",
	"questiondown": "¿", "brokenbar": "¦", "dieresis": "¨", "acute": "´", "cedilla": "¸",
	"macron": "¯", "plusminus": "±", "mu": "µ", "logicalnot": "¬", "currency": "¤",
	"twosuperior": "²", "threesuperior": "³", "onesuperior": "¹", "tab": "\t",
}

// accentSuffix maps AGL accent suffixes to combining marks, so "ohornacute"
// composes to "ớ" and "Acircumflexdotbelow" to "Ậ".
var accentSuffix = []struct {
	name string
	mark rune
}{
	{"circumflex", 0x302}, {"dieresis", 0x308}, {"hookabove", 0x309}, {"dotbelow", 0x323},
	{"cedilla", 0x327}, {"macron", 0x304}, {"acute", 0x301}, {"grave", 0x300}, {"tilde", 0x303},
	{"breve", 0x306}, {"horn", 0x31B}, {"caron", 0x30C}, {"ring", 0x30A}, {"ogonek", 0x328},
}

// glyphNameToString maps a glyph name (from a font's Differences array or a
// bfchar with a name) to text, or "" when unknown.
func glyphNameToString(n string) string {
	if i := strings.IndexByte(n, '.'); i > 0 { // "a.sc", "one.oldstyle"
		n = n[:i]
	}
	if s, ok := glyphNames[n]; ok {
		return s
	}
	if len(n) == 1 {
		return n
	}
	if strings.HasPrefix(n, "uni") && len(n) >= 7 && (len(n)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(n); i += 4 {
			v, err := strconv.ParseUint(n[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if strings.HasPrefix(n, "u") && len(n) >= 5 && len(n) <= 7 {
		if v, err := strconv.ParseUint(n[1:], 16, 32); err == nil {
			return string(rune(v))
		}
	}
	// base letter + accent suffixes
	var marks []rune
	rest := n
	for len(rest) > 1 {
		found := false
		for _, a := range accentSuffix {
			if strings.HasSuffix(rest, a.name) && len(rest) > len(a.name) {
				marks = append([]rune{a.mark}, marks...)
				rest = rest[:len(rest)-len(a.name)]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	if len(marks) > 0 && len(rest) == 1 {
		return corpus.NFC(rest + string(marks))
	}
	return ""
}
