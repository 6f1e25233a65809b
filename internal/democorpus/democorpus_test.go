package democorpus

import (
	"strings"
	"testing"
	"unicode/utf8"

	"vanthu/corpus"
)

func TestFilesAreValidVietnamese(t *testing.T) {
	fs := Files()
	if len(fs) < 10 {
		t.Fatalf("only %d sample files", len(fs))
	}
	numbers := 0
	for _, f := range fs {
		s := string(f.Data)
		if !utf8.ValidString(s) || corpus.NFC(s) != s {
			t.Errorf("%s: not NFC UTF-8", f.Name)
		}
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "Số") {
				if _, ok := corpus.ParseNumber(l); ok {
					numbers++
				}
				break
			}
		}
	}
	if numbers < 7 {
		t.Errorf("only %d samples have a parsable number line", numbers)
	}
}
