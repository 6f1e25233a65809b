package meta

import (
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// startScan runs a regexp that is not anchored only from the positions
// where a match can start: a rune the match can begin with. Go's regexp has
// no such skip when the pattern has no literal prefix (a case-blind one
// never has), and tries its backtracker from every rune of the text.
// Leftmost-first matching makes the two the same: the match the regexp
// reports starts at the first position where one exists, and is the one
// that position alone gives, which the same regexp anchored there finds.
type startScan struct {
	re *regexp.Regexp
	at *regexp.Regexp // re anchored at the start of its input; nil: use re

	ascii [utf8.RuneSelf]bool
	wide  []rune // ranges lo, hi of the other runes a match can start with
}

// newStartScan returns a startScan for re. It runs re itself when a match
// could be empty or start with any rune, or when re asserts something about
// the text before a match (^, \A, \b, \B), which the anchored regexp would
// read differently.
func newStartScan(re *regexp.Regexp) *startScan {
	sc := &startScan{re: re}
	prog, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return sc
	}
	var ranges []rune
	nullable, ok := firstRunes(prog.Simplify(), &ranges)
	if !ok || nullable {
		return sc
	}
	sc.at = regexp.MustCompile(`^(?:` + re.String() + `)`)
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			sc.ascii[r] = true
		}
		if hi >= utf8.RuneSelf {
			sc.wide = append(sc.wide, max(lo, utf8.RuneSelf), hi)
		}
	}
	return sc
}

// firstRunes adds to ranges the runes a match of re can start with and
// reports whether re can match the empty string; ok is false when the set
// cannot be told (any rune, or an assertion about what comes before).
func firstRunes(re *syntax.Regexp, ranges *[]rune) (nullable, ok bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return false, true
	case syntax.OpEmptyMatch, syntax.OpEndLine, syntax.OpEndText:
		// $ looks only at what follows, which anchoring does not change
		return true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		r := re.Rune[0]
		*ranges = append(*ranges, r, r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				*ranges = append(*ranges, f, f)
			}
		}
		return false, true
	case syntax.OpCharClass:
		// a case-blind class already holds the other cases
		*ranges = append(*ranges, re.Rune...)
		return false, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstRunes(re.Sub[0], ranges)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := firstRunes(re.Sub[0], ranges)
		return true, ok
	case syntax.OpRepeat:
		n, ok := firstRunes(re.Sub[0], ranges)
		return n || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			n, ok := firstRunes(sub, ranges)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			n, ok := firstRunes(sub, ranges)
			if !ok {
				return false, false
			}
			nullable = nullable || n
		}
		return nullable, true
	}
	return false, false // any rune, ^, \A, \b, \B
}

// canStart reports whether a match can start with r.
func (sc *startScan) canStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && sc.ascii[r]
	}
	for i := 0; i < len(sc.wide); i += 2 {
		if sc.wide[i] <= r && r <= sc.wide[i+1] {
			return true
		}
	}
	return false
}

// next returns the first position from i on, stepping as the regexp steps
// (one rune, or one byte of invalid UTF-8), where a match can start, or -1.
func (sc *startScan) next(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if sc.ascii[c] {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if sc.canStart(r) {
			return i
		}
		i += n
	}
	return -1
}

// findSubmatchIndex is re.FindStringSubmatchIndex(s[from:]) with offsets
// in s.
func (sc *startScan) findSubmatchIndex(s string, from int) []int {
	for i := from; ; i++ {
		if i = sc.next(s, i); i < 0 {
			return nil
		}
		if m := sc.at.FindStringSubmatchIndex(s[i:]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			return m
		}
		// the regexp steps one rune; at an invalid byte, one byte
		if _, n := utf8.DecodeRuneInString(s[i:]); n > 1 {
			i += n - 1
		}
	}
}

// FindAllStringSubmatchIndex is re.FindAllStringSubmatchIndex(s, -1). No
// match is empty, so each search starts where the last match ended.
func (sc *startScan) FindAllStringSubmatchIndex(s string) [][]int {
	if sc.at == nil {
		return sc.re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for from := 0; from <= len(s); {
		m := sc.findSubmatchIndex(s, from)
		if m == nil {
			break
		}
		out = append(out, m)
		from = m[1]
	}
	return out
}

// FindStringSubmatchIndex is re.FindStringSubmatchIndex(s).
func (sc *startScan) FindStringSubmatchIndex(s string) []int {
	if sc.at == nil {
		return sc.re.FindStringSubmatchIndex(s)
	}
	return sc.findSubmatchIndex(s, 0)
}

// MatchString is re.MatchString(s).
func (sc *startScan) MatchString(s string) bool {
	if sc.at == nil {
		return sc.re.MatchString(s)
	}
	return sc.findSubmatchIndex(s, 0) != nil
}
