package vnenc

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sampleLimit bounds the bytes scored per candidate: detection cost stays
// constant however large the file (the decision is made on the first
// sampleLimit bytes of words that hold non-ASCII characters, some two
// thousand words, far more than the scores need to separate).
const sampleLimit = 16 << 10

// declaredMargin is how much better another decoding must score than the
// declared one to override it. Chosen so that a page declared
// iso-8859-1 but written in windows-1258 (score ≈1 against ≈0.3) is
// corrected, while text whose words are mostly loans or names keeps its
// declaration.
const declaredMargin = 0.15

// notVietnamese: when even the best decoding makes fewer than this share of
// marked words into syllables, the text is not Vietnamese (French "été",
// Portuguese "não" also contain a few syllable-like words such as "à").
// Vietnamese in the right decoding scores above 0.8 on real documents.
const notVietnamese = 0.5

// On a handful of words the score is noisy (Portuguese "não", "São" read as
// VNI give "nã", "Sã"): below fewWords marked words a decoding must make
// nearly all of them syllables to be believed.
const (
	fewWords      = 8
	fewWordsScore = 0.9
)

// Candidate is one decoding tried by Detect, with its score.
type Candidate struct {
	Encoding Encoding `json:"encoding"`
	Score    float64  `json:"score"` // share of valid syllables among the words with non-ASCII letters
	Words    int      `json:"words"` // how many such words were scored
}

// Detection is the full answer of Detect.
type Detection struct {
	Text       string      // NFC, valid UTF-8, without a byte-order mark
	Encoding   Encoding    // the decoding used
	Declared   Encoding    // the declared charset as understood ("" if none or unknown)
	Overridden bool        // a charset was declared but the content says otherwise
	BOM        bool        // the input began with a byte-order mark
	Score      float64     // Candidate.Score of the chosen decoding
	Candidates []Candidate // all decodings tried, best first
}

// Decode converts b to NFC UTF-8. declared is the charset stated by the
// source (HTTP header, meta tag, a user flag), or "". See Detect.
func Decode(b []byte, declared string) (text string, enc Encoding, err error) {
	d, err := Detect(b, declared)
	return d.Text, d.Encoding, err
}

// Detect decodes b and says how. Order of evidence: a byte-order mark; then
// the content scored under every plausible decoding, the declared one
// winning unless another is clearly better (declaredMargin). Errors are
// *DecodeError wrapping ErrBinary (data that is not text) or ErrInternal.
func Detect(b []byte, declared string) (det Detection, err error) {
	defer func() {
		if r := recover(); r != nil { // a bug here must not crash an ingest run
			det, err = Detection{}, &DecodeError{Declared: declared, Reason: fmt.Sprintf("internal failure: %v", r), Err: ErrInternal}
		}
	}()
	det, err = detect(b, declared)
	// Content that is not ASCII and reads differently from what was declared
	// (a page labelled windows-1258 but sent as UTF-8) is worth a warning;
	// for pure ASCII every label is right.
	if err == nil && det.Declared != "" && det.Declared != det.Encoding && !isASCII(b) {
		det.Overridden = true
	}
	return det, err
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func detect(b []byte, declared string) (Detection, error) {
	decl, _ := ParseCharset(declared)
	det := Detection{Declared: decl}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		det.BOM = true
		return detectUnicode(det, string(b[3:]), UTF8), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		det.BOM = true
		return detectUnicode(det, decodeUTF16(b[2:], false), UTF16LE), nil
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		det.BOM = true
		return detectUnicode(det, decodeUTF16(b[2:], true), UTF16BE), nil
	}
	// A UTF-16 declaration without BOM is believed only if the bytes have
	// UTF-16's NULs (the HTML standard even reads <meta charset=utf-16> as
	// UTF-8, because such pages are nearly always UTF-8).
	need := 6 // tenths of the code units that must have a NUL high byte
	if decl == UTF16LE || decl == UTF16BE {
		need = 2
	}
	if enc, ok := sniffUTF16(b, need); ok {
		return detectUnicode(det, decodeUTF16(b, enc == UTF16BE), enc), nil
	}
	if isBinary(b) {
		return Detection{Declared: decl}, &DecodeError{Declared: declared, Reason: "NUL bytes: binary data, not text", Err: ErrBinary}
	}
	if utf8.Valid(b) {
		return detectUnicode(det, string(b), UTF8), nil
	}
	return detectLegacy(det, b), nil
}

// detectUnicode handles text that is already Unicode: it may still hold
// legacy codes converted character by character, or mojibake.
func detectUnicode(det Detection, s string, enc Encoding) Detection {
	s = strings.TrimPrefix(s, "\uFEFF")
	sample := markedWords(s)
	base := score(enc, sample)
	det.Candidates = []Candidate{base}
	det.Encoding, det.Score = enc, base.Score
	// No decoding scores above 1, and one must beat the text as it is by
	// declaredMargin: text that reads well already (most Vietnamese in
	// UTF-8) needs no other decoding tried.
	if base.Words == 0 || !(1 > base.Score+declaredMargin) || !hasLatin1Letters(sample) {
		det.Text = nfc(s)
		return det
	}
	alts := []struct {
		enc Encoding
		fn  func(string) string
	}{
		{Mojibake, func(x string) string { y, _ := FromMojibake(x); return y }},
		{TCVN3InUnicode, FromTCVN3},
		{VNIInUnicode, FromVNI},
	}
	best := base
	var bestFn func(string) string
	for _, a := range alts {
		c := scoreText(a.enc, a.fn(sample))
		det.Candidates = append(det.Candidates, c)
		if c.Score > best.Score+declaredMargin {
			best, bestFn = c, a.fn
		}
	}
	sortCandidates(det.Candidates)
	if bestFn == nil {
		det.Text = nfc(s)
		return det
	}
	if best.Encoding == Mojibake {
		// Mojibake must be undone on the whole text at once; if some part
		// does not round-trip, keep the text as it is.
		if t, ok := FromMojibake(s); ok {
			det.Text, det.Encoding, det.Score = t, Mojibake, best.Score
			det.Overridden = det.Declared != ""
			return det
		}
		det.Text = nfc(s)
		return det
	}
	det.Text, det.Encoding, det.Score = bestFn(s), best.Encoding, best.Score
	det.Overridden = det.Declared != ""
	return det
}

// legacyDecoders are the 8-bit decodings tried on bytes that are not UTF-8,
// in order of preference when scores tie.
var legacyDecoders = []struct {
	enc Encoding
	fn  func([]byte) string
}{
	{Windows1258, decode1258},
	{TCVN3, decodeTCVN3},
	{VNI, decodeVNI},
	{UTF8, func(p []byte) string { return nfc(string(p)) }},
	{Windows1252, func(p []byte) string { return nfc(decode1252(p)) }},
}

func detectLegacy(det Detection, b []byte) Detection {
	sample := markedByteWords(b)
	scores := make(map[Encoding]Candidate, len(legacyDecoders))
	best := Candidate{Score: -1}
	var bestFn func([]byte) string
	for _, d := range legacyDecoders {
		c := scoreText(d.enc, d.fn(sample))
		scores[d.enc] = c
		det.Candidates = append(det.Candidates, c)
		if c.Score > best.Score {
			best, bestFn = c, d.fn
		}
	}
	if best.Words == 0 || best.Score < notVietnamese || (best.Words < fewWords && best.Score < fewWordsScore) {
		// No Vietnamese to judge by: a Latin text. Trust the declaration,
		// else windows-1252 (what browsers assume for undeclared pages).
		best, bestFn = scores[Windows1252], legacyDecoders[4].fn
		for _, d := range legacyDecoders {
			if d.enc == det.Declared {
				best, bestFn = scores[d.enc], d.fn
			}
		}
	} else if c, ok := scores[det.Declared]; ok && c.Score+declaredMargin >= best.Score {
		for _, d := range legacyDecoders {
			if d.enc == det.Declared {
				best, bestFn = c, d.fn
			}
		}
	}
	sortCandidates(det.Candidates)
	det.Text, det.Encoding, det.Score = strings.TrimPrefix(bestFn(b), "\uFEFF"), best.Encoding, best.Score
	det.Overridden = det.Declared != "" && det.Declared != best.Encoding
	return det
}

func sortCandidates(cs []Candidate) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Score > cs[j].Score })
}

func score(enc Encoding, sample string) Candidate { return scoreText(enc, sample) }

func scoreText(enc Encoding, text string) Candidate {
	v, t := syllableCounts(text, true)
	c := Candidate{Encoding: enc, Words: t}
	if t > 0 {
		c.Score = float64(v) / float64(t)
	}
	return c
}

// isSep reports the ASCII bytes that end a word for sampling: space,
// punctuation and markup. Letters, digits and all high bytes stay in words.
func isSep(c byte) bool {
	if c >= 0x80 {
		return false
	}
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// markedByteWords returns, joined by spaces, the words of b that contain a
// byte ≥ 0x80, up to sampleLimit bytes.
func markedByteWords(b []byte) []byte {
	out := make([]byte, 0, min(len(b), sampleLimit))
	start := -1
	high := false
	for i := 0; i <= len(b); i++ {
		if i == len(b) || isSep(b[i]) {
			if start >= 0 && high {
				out = append(out, b[start:i]...)
				out = append(out, ' ')
				if len(out) >= sampleLimit {
					break
				}
			}
			start, high = -1, false
			continue
		}
		if start < 0 {
			start = i
		}
		if b[i] >= 0x80 {
			high = true
		}
	}
	return out
}

// markedWords is markedByteWords for text already decoded.
func markedWords(s string) string { return string(markedByteWords([]byte(s))) }

// hasLatin1Letters reports whether s holds characters that legacy codes or
// mojibake produce when read as Latin-1 (U+0080-U+00FF, and the windows-1252
// extras such as "™" "œ" "€").
func hasLatin1Letters(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r <= 0xFF {
			return true
		}
		if r > 0xFF {
			if _, ok := cp1252Reverse[r]; ok {
				return true
			}
		}
	}
	return false
}

// isBinary: NUL bytes in the first 8 KiB (text formats never hold them;
// UTF-16 was handled before).
func isBinary(b []byte) bool {
	head := b[:min(len(b), 8<<10)]
	n := bytes.Count(head, []byte{0})
	return n > 0 && n*100 >= len(head) // ≥1% NULs
}

// sniffUTF16 recognises UTF-16 without a byte-order mark by its NULs: in
// Vietnamese or ASCII text every other byte of most characters is 0.
func sniffUTF16(b []byte, need int) (Encoding, bool) {
	head := b[:min(len(b), 4<<10)&^1]
	if len(head) < 4 {
		return Unknown, false
	}
	var even, odd int
	for i := 0; i < len(head); i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := len(head) / 2
	switch {
	case odd*10 >= pairs*need && even*10 < pairs:
		return UTF16LE, true
	case even*10 >= pairs*need && odd*10 < pairs:
		return UTF16BE, true
	}
	return Unknown, false
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	s := string(utf16.Decode(u))
	if len(b)%2 == 1 {
		s += "\uFFFD"
	}
	return s
}
