package vnenc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The cache of judged syllables must answer as ValidSyllable does, for
// words it holds and words it was full for.
func TestValidSyllableCached(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "sample.utf8.golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	words := append(strings.Fields(string(data)), "", "a", "Nguyễn", "NGHIÊNG", "hoà", "hòa", "quỳnh", "xyz", "Ã©", "ñ", "\xff")
	for round := 0; round < 2; round++ { // the second round reads the cache
		for _, w := range words {
			if got, want := validSyllableCached(w), ValidSyllable(w); got != want {
				t.Fatalf("validSyllableCached(%q) = %v, ValidSyllable = %v", w, got, want)
			}
		}
	}
}
