package register

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/sharedtest"
)

var (
	tags   = regexp.MustCompile(`(?s)<style.*?</style>|<script.*?</script>|<[^>]+>`)
	spaces = regexp.MustCompile(`\s+`)
)

func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(corpus.NFC(s), " ")) }

// TestDeadlineQuotes: every quote of the register's shipped rules is the
// source's sentence word for word (whitespace aside), checked against the
// shared text its source names.
func TestDeadlineQuotes(t *testing.T) {
	shared := sharedtest.Dir(t)
	sets, err := DefaultDeadlineRules()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, rs := range sets {
		b, err := os.ReadFile(filepath.Join(shared, rs.Source.Text))
		if err != nil {
			t.Fatalf("%s: %v", rs.ID, err)
		}
		text := squash(html.UnescapeString(tags.ReplaceAllString(string(b), " ")))
		for _, r := range rs.Rules {
			if !strings.Contains(text, squash(r.Quote)) {
				t.Errorf("%s %s: quote not in %s: %q", rs.ID, r.Kind, rs.Source.Text, r.Quote)
			}
			checked++
		}
	}
	if checked < 2 {
		t.Errorf("only %d quotes checked", checked)
	}
}
