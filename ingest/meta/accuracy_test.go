package meta

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"vanthu/corpus"
)

// accuracyFields are the fields scored on scans, in the table's order.
var accuracyFields = []string{"number", "type", "date", "place", "issuer", "signer"}

// fieldValue is the value of one scored field of d as a string.
func fieldValue(d corpus.Document, f string) string {
	switch f {
	case "number":
		return d.Number
	case "type":
		return d.Type
	case "date":
		if d.Date.IsZero() {
			return ""
		}
		return d.Date.String()
	case "place":
		return d.Place
	case "issuer":
		return d.Issuer
	case "signer":
		return d.Signer.Name
	}
	return ""
}

// score is one field's tally over the fixtures.
type score struct{ right, blank, silent, wrong int }

// scanFixtures returns the scanned fixtures (name → text) and what each says
// (testdata/scanned/expected.json, written before the parser was tuned on
// them).
func scanFixtures(t *testing.T) (map[string]string, map[string]map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "scanned", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{}
	texts := map[string]string{}
	for name, v := range raw {
		if name == "_" {
			continue
		}
		var m map[string]string
		if err := json.Unmarshal(v, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		tb, err := os.ReadFile(filepath.Join("testdata", "scanned", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		want[name], texts[name] = m, corpus.NFC(string(tb))
	}
	return texts, want
}

// TestScanAccuracy scores number, type, date, place, issuer and signer on the
// scanned fixtures: right, left blank with a warning naming the field, left
// blank silently, or wrong. It prints the table BENCHMARKS.md quotes
// (go test ./ingest/meta -run TestScanAccuracy -v) and fails when fewer than
// 80% of the fields are right, more than 5% are wrong, or a field is left
// blank without a warning.
func TestScanAccuracy(t *testing.T) {
	texts, want := scanFixtures(t)
	p := newParser(t)
	tally := map[string]*score{}
	for _, f := range accuracyFields {
		tally[f] = &score{}
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		d := p.parse(newText(texts[name]))
		checkSpans(t, texts[name], d)
		for _, f := range accuracyFields {
			got, exp := fieldValue(d, f), want[name][f]
			s := tally[f]
			switch {
			case got == exp:
				s.right++
			case got == "" && warnsAbout(d, f):
				s.blank++
				t.Logf("%s: %s left blank (want %q): %v", name, f, exp, d.Source.Warnings)
			case got == "":
				s.silent++
				t.Errorf("%s: %s left blank without a warning (want %q)", name, f, exp)
			default:
				s.wrong++
				t.Logf("%s: %s = %q, want %q", name, f, got, exp)
			}
		}
	}
	var tot score
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d scanned fixtures\n| field | right | blank + warning | wrong |\n|---|---|---|---|\n", len(names))
	for _, f := range accuracyFields {
		s := tally[f]
		n := s.right + s.blank + s.silent + s.wrong
		fmt.Fprintf(&sb, "| %s | %d/%d | %d | %d |\n", f, s.right, n, s.blank+s.silent, s.wrong)
		tot.right += s.right
		tot.blank += s.blank + s.silent
		tot.wrong += s.wrong
	}
	n := tot.right + tot.blank + tot.wrong
	fmt.Fprintf(&sb, "| all | %d/%d (%.0f%%) | %d | %d (%.1f%%) |\n", tot.right, n, 100*float64(tot.right)/float64(n), tot.blank, tot.wrong, 100*float64(tot.wrong)/float64(n))
	t.Log("\n" + sb.String())
	if float64(tot.right) < 0.8*float64(n) {
		t.Errorf("%d of %d fields right, want at least 80%%", tot.right, n)
	}
	if float64(tot.wrong) > 0.05*float64(n) {
		t.Errorf("%d of %d fields wrong, want at most 5%%", tot.wrong, n)
	}
}

// warnsAbout reports whether one of the parser's warnings names field f.
func warnsAbout(d corpus.Document, f string) bool {
	for _, w := range d.Source.Warnings {
		if strings.HasPrefix(w, f+": ") {
			return true
		}
	}
	return false
}
