package vnenc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// detectUnicodeAll is detectUnicode trying every other decoding whatever
// the text's own score: the definition the early exit must keep.
func detectUnicodeAll(det Detection, s string, enc Encoding) Detection {
	s = strings.TrimPrefix(s, "\uFEFF")
	sample := markedWords(s)
	base := score(enc, sample)
	det.Candidates = []Candidate{base}
	det.Encoding, det.Score = enc, base.Score
	if base.Words == 0 || !hasLatin1Letters(sample) {
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
	if bestFn == nil {
		det.Text = nfc(s)
		return det
	}
	if best.Encoding == Mojibake {
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

func checkUnicodeAgrees(t *testing.T, s, declared string) {
	t.Helper()
	decl, _ := ParseCharset(declared)
	got := detectUnicode(Detection{Declared: decl}, s, UTF8)
	want := detectUnicodeAll(Detection{Declared: decl}, s, UTF8)
	if got.Text != want.Text || got.Encoding != want.Encoding || got.Score != want.Score || got.Overridden != want.Overridden {
		t.Errorf("detectUnicode(%.60q) = %s %.3f %v, want %s %.3f %v", s, got.Encoding, got.Score, got.Overridden, want.Encoding, want.Score, want.Overridden)
	}
}

var unicodeCases = []string{
	"", "abc", "Cộng hòa xã hội chủ nghĩa Việt Nam", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Coäng hoøa xaõ hoäi",
	"Cá»™ng hÃ²a xÃ£ há»™i", "Quyết định về việc cử cán bộ đi công tác nước ngoài; Céng hoµ", "Ủy ban nhân dân tỉnh Quảng Ngãi",
	"é é é é é é", "Hà Nội ăn ơn ưng ê ô à á ả ã ạ", "Việt Nam ViÖt Nam ViÖt Nam Vieät Nam",
}

func TestUnicodeEarlyExitAgrees(t *testing.T) {
	for _, s := range unicodeCases {
		checkUnicodeAgrees(t, s, "")
		checkUnicodeAgrees(t, s, "windows-1258")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "sample.*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			checkUnicodeAgrees(t, string(b), "")
		}
	}
}

func FuzzUnicodeEarlyExit(f *testing.F) {
	for _, s := range unicodeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkUnicodeAgrees(t, s, "") })
}
