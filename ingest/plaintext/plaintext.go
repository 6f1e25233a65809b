package plaintext

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"vanthu/ingest/vnenc"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrEmpty   = errors.New("plaintext: no text")
	ErrNotText = errors.New("plaintext: not text")
)

// lowQuality is the syllable share under which the result carries a
// warning: Vietnamese prose scores above 0.85 (abbreviations, numbers and
// names make up the rest); a wrong decoding scores below 0.5.
const lowQuality = 0.6

// Result is the text of a .txt original.
type Result struct {
	Text     string         `json:"text"`     // NFC, "\n" line ends
	Encoding vnenc.Encoding `json:"encoding"` // as detected
	Quality  float64        `json:"quality"`  // share of valid Vietnamese syllables, 0..1
	Warnings []string       `json:"warnings,omitempty"`
}

// Extract decodes b (declared: the charset stated by the source, or "").
// Errors: ErrNotText (binary data), ErrEmpty (nothing but white space).
func Extract(b []byte, declared string) (Result, error) {
	det, err := vnenc.Detect(b, declared)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %w", ErrNotText, err)
	}
	res := Result{Encoding: det.Encoding}
	if det.Overridden {
		res.Warnings = append(res.Warnings, fmt.Sprintf("declared charset %q, but the content reads as %s", declared, det.Encoding))
	}
	if det.Encoding == vnenc.TCVN3 || det.Encoding == vnenc.TCVN3InUnicode {
		res.Warnings = append(res.Warnings, "TCVN3 text: capital letters with tones are coded as lower case; words in a capitals font (.VnTimeH) may read in lower case")
	}
	text, removed := clean(det.Text)
	if removed > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d control characters removed", removed))
	}
	if n := strings.Count(text, "\uFFFD"); n > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d undecodable bytes replaced by U+FFFD", n))
	}
	if strings.TrimSpace(text) == "" {
		return res, ErrEmpty
	}
	res.Text = text
	res.Quality = vnenc.ValidSyllableRatio(text)
	if res.Quality < lowQuality {
		res.Warnings = append(res.Warnings, fmt.Sprintf("only %.0f%% of words are Vietnamese syllables: the text may not be Vietnamese or may be in an unknown encoding", 100*res.Quality))
	}
	return res, nil
}

// clean normalises line ends, drops control characters other than tab,
// newline and form feed, trims trailing spaces of lines and trailing blank
// lines. It returns how many characters it dropped (line ends excluded).
func clean(s string) (string, int) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	removed := 0
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\f' {
			b.WriteRune(r)
			continue
		}
		if unicode.IsControl(r) || r == '\uFEFF' {
			removed++
			continue
		}
		b.WriteRune(r)
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u00A0")
	}
	out := strings.TrimRight(strings.Join(lines, "\n"), "\n")
	if out != "" {
		out += "\n"
	}
	return out, removed
}
