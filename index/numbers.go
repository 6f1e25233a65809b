package index

import (
	"regexp"
	"strconv"
	"strings"

	"vanthu/corpus"
)

// numberTerms finds document numbers in free text, in the spellings people
// type, and returns the number_key / number_alias terms they stand for:
//
//	"38-CT/TW", "38/CT-TW", "38 ct tw"        → key "38-CT-TW"
//	"4060 cv btctu", "4060-CV/BTCTU"          → key "4060-CV-BTCTU"
//	"155/2020/nd-cp", "155/2020/NĐ-CP"        → key "155-2020-ND-CP"
//	"chỉ thị 38", "chi thi so 38"             → alias "CT|38"
//	"nghị định 30/2020", "nd 30/2020"         → alias "ND|30|2020"
//
// Every plausible reading is returned: a key that names no document matches
// nothing, so over-generating costs nothing but a term lookup.
func numberTerms(text string) (keys, aliases []string) {
	toks := numberTokens(text)
	seen := map[string]bool{}
	addKey := func(k string) {
		if !seen["k"+k] {
			seen["k"+k] = true
			keys = append(keys, k)
		}
	}
	addAlias := func(a string) {
		if !seen["a"+a] {
			seen["a"+a] = true
			aliases = append(aliases, a)
		}
	}
	for i, t := range toks {
		if !isDigits(t) || len(t) > 6 {
			continue
		}
		n, _ := strconv.Atoi(t)
		num := strconv.Itoa(n)
		// number [/year] CODE [CODE [CODE]]
		j := i + 1
		year := ""
		if j < len(toks) && isDigits(toks[j]) && len(toks[j]) == 4 {
			year = toks[j]
			j++
		}
		parts := []string{num}
		if year != "" {
			parts = append(parts, year)
		}
		for k := j; k < len(toks) && k < j+3; k++ {
			if !isCode(toks[k]) {
				break
			}
			parts = append(parts, strings.ToUpper(toks[k]))
			if len(parts) >= 3 || (year != "" && len(parts) >= 4) {
				addKey(strings.Join(parts, "-"))
			}
		}
		if year == "" && len(parts) >= 2 {
			// "4060 cv" alone: the type and number, issuer unknown.
			addAlias(strings.ToUpper(parts[1]) + "|" + num)
		}
		// TYPE-NAME [số] number [/year]: look back over one to three words.
		back := i - 1
		if back >= 0 && toks[back] == "so" {
			back--
		}
		for w := 1; w <= 3 && back-w+1 >= 0; w++ {
			name := strings.Join(toks[back-w+1:back+1], " ")
			code := corpus.TypeCode(name)
			if code == "" && w == 1 && corpus.TypeName(toks[back]) != "" && len(toks[back]) <= 4 {
				code = toks[back]
			}
			if code == "" {
				continue
			}
			tk := typeKey(code)
			if year != "" {
				addAlias(tk + "|" + num + "|" + year)
			} else {
				addAlias(tk + "|" + num)
			}
			// "Nghị định 30/2020/NĐ-CP" typed partially also names the key.
			break
		}
	}
	return keys, aliases
}

var numberSplit = regexp.MustCompile(`[^\pL\pN]+`)

// numberTokens lower-cases, folds and splits text on anything that is not a
// letter or digit, so "38/CT-TW" and "38 ct tw" give the same tokens. "năm"
// between a number and a year ("chỉ thị 38 năm 2014") is dropped.
func numberTokens(text string) []string {
	f := corpus.FoldLower(corpus.NFC(text))
	raw := numberSplit.Split(f, -1)
	out := make([]string, 0, len(raw))
	for i, t := range raw {
		if t == "" {
			continue
		}
		if t == "nam" && i > 0 && i+1 < len(raw) && isDigits(raw[i-1]) && isDigits(raw[i+1]) && len(raw[i+1]) == 4 {
			continue
		}
		out = append(out, t)
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isCode reports whether a token can be a segment of a number's code
// ("ct", "tw", "ubnd", "qh14", "bgddt"): letters, maybe digits after them.
func isCode(s string) bool {
	if s == "" || len(s) > 12 || !(s[0] >= 'a' && s[0] <= 'z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
