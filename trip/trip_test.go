package trip

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/internal/sharedtest"
)

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadMinimal(t *testing.T) {
	for _, name := range []string{"minimal.yaml", "minimal.json"} {
		tr, err := Load(filepath.Join("testdata", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if errs := Validate(tr); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
	}
}

// YAML resolves an unquoted 2026-01-05 as a timestamp; yaml.v3 still gives
// corpus.Date's UnmarshalText the original text (see doc.go).
func TestYAMLDates(t *testing.T) {
	tr, err := Parse(mustRead(t, "minimal.yaml"), "minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]corpus.Date{
		"date (unquoted)":   {Year: 2026, Month: 1, Day: 5},
		"return (quoted)":   {Year: 2026, Month: 1, Day: 21},
		"itinerary[0].from": {Year: 2026, Month: 1, Day: 20},
		"sessions[0].date":  {Year: 2026, Month: 1, Day: 20},
	}
	got := map[string]corpus.Date{
		"date (unquoted)":   tr.Date,
		"return (quoted)":   tr.Return,
		"itinerary[0].from": tr.Itinerary[0].From,
		"sessions[0].date":  tr.Itinerary[0].Sessions[0].Date,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
}

func TestParseErrors(t *testing.T) {
	yml := string(mustRead(t, "minimal.yaml"))
	jsn := string(mustRead(t, "minimal.json"))
	cases := []struct {
		name, file, text string
		line             int
		contains         string
	}{
		{"unknown field", "t.yaml", strings.Replace(yml, "purpose:", "purpos:", 1), 10, "purpos"},
		{"unknown nested field", "t.yaml", strings.Replace(yml, "    head: true", "    heed: true", 1), 15, "heed"},
		{"bad date", "t.yaml", strings.Replace(yml, "date: 2026-01-05", "date: 5/1/2026", 1), 8, "5/1/2026"},
		{"date with time", "t.yaml", strings.Replace(yml, "date: 2026-01-05", "date: 2026-01-05T08:00:00Z", 1), 8, "2026-01-05T08"},
		{"wrong type", "t.yaml", strings.Replace(yml, "number: 5,", "number: năm,", 1), 6, "năm"},
		{"yaml syntax", "t.yaml", strings.Replace(yml, "members:\n", "members: [\n", 1), 0, ""},
		{"two documents", "t.yaml", yml + "---\nstyle: state\n", 31, "more than one"},
		{"empty", "t.yaml", "  \n", 0, "empty"},
		{"json unknown field", "t.json", strings.Replace(jsn, `"purpose"`, `"purpos"`, 1), 10, "purpos"},
		{"json syntax", "t.json", strings.Replace(jsn, `"place": "Hà Nội",`, `"place": "Hà Nội"`, 1), 8, ""},
		{"json type", "t.json", strings.Replace(jsn, `"number": 4060`, `"number": "4060"`, 1), 6, "number"},
		{"json bad date", "t.json", strings.Replace(jsn, `"2026-03-02"`, `"02/03/2026"`, 1), 8, "02/03/2026"},
		{"json trailing", "t.json", jsn + "{}", 24, "after"},
		{"json sniffed", "trip", strings.Replace(jsn, `"purpose"`, `"purpos"`, 1), 10, "purpos"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.text), c.file)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("%v is not ErrSyntax", err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%T is not *ParseError", err)
			}
			if c.line > 0 && pe.Line != c.line {
				t.Errorf("line %d, want %d (%v)", pe.Line, c.line, err)
			}
			if c.line == 0 && c.contains == "" && pe.Line == 0 {
				t.Errorf("syntax error without line: %v", err)
			}
			if !strings.Contains(err.Error(), c.contains) || !strings.HasPrefix(err.Error(), "trip: "+c.file) {
				t.Errorf("error %q should name %s and contain %q", err, c.file, c.contains)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("err = %v", err)
	}
}

func TestValidate(t *testing.T) {
	base, err := Parse(mustRead(t, "minimal.yaml"), "minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) corpus.Date { v, _ := corpus.ParseDate(s); return v }
	cases := []struct {
		name  string
		edit  func(*corpus.Trip)
		field string
	}{
		{"style", func(t *corpus.Trip) { t.Style = "province" }, "style"},
		{"no members", func(t *corpus.Trip) { t.Members = nil }, "members"},
		{"no head", func(t *corpus.Trip) { t.Members[0].Head = false }, "members"},
		{"two heads", func(t *corpus.Trip) {
			t.Members = append(t.Members, corpus.Member{Name: "B", Position: "P", Unit: "U", Head: true})
		}, "members"},
		{"member name", func(t *corpus.Trip) {
			t.Members = append(t.Members, corpus.Member{Position: "P", Unit: "U"}, corpus.Member{Name: "C", Position: "P", Unit: "U"})
			t.Members[2].Name = ""
		}, "members[2].name"},
		{"rank", func(t *corpus.Trip) { t.Members[0].Rank = "boss" }, "members[0].rank"},
		{"leadership size", func(t *corpus.Trip) { t.Members[0].Leadership = true }, "members[0].leadership_size"},
		{"return before departure", func(t *corpus.Trip) { t.Return = d("2026-01-19") }, "return"},
		{"stop outside trip", func(t *corpus.Trip) { t.Itinerary[0].To = d("2026-01-25") }, "itinerary[0]"},
		{"stop reversed", func(t *corpus.Trip) { t.Itinerary[0].From = d("2026-01-21"); t.Itinerary[0].To = d("2026-01-20") }, "itinerary[0].to"},
		{"session outside stop", func(t *corpus.Trip) { t.Itinerary[0].Sessions[0].Date = d("2026-01-22") }, "itinerary[0].sessions[0].date"},
		{"no itinerary", func(t *corpus.Trip) { t.Itinerary = nil }, "itinerary"},
		{"funding", func(t *corpus.Trip) { t.Funding.Source = "bank" }, "funding.source"},
		{"departure missing", func(t *corpus.Trip) { t.Departure = corpus.Date{} }, "departure"},
		{"impossible date", func(t *corpus.Trip) { t.Date = corpus.Date{Year: 2026, Month: 2, Day: 30} }, "date"},
		{"proposal after departure", func(t *corpus.Trip) { t.Date = d("2026-02-01") }, "date"},
		{"signer", func(t *corpus.Trip) { t.Signer.Name = "" }, "signer.name"},
		{"recipients", func(t *corpus.Trip) { t.Recipients = nil }, "recipients"},
		{"report date", func(t *corpus.Trip) {
			t.Report = &corpus.TripReport{Date: d("2026-01-10"), Results: []string{"x"}}
		}, "report.date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := base
			tr.Members = append([]corpus.Member(nil), base.Members...)
			tr.Itinerary = append([]corpus.Stop(nil), base.Itinerary...)
			tr.Itinerary[0].Sessions = append([]corpus.Session(nil), base.Itinerary[0].Sessions...)
			c.edit(&tr)
			errs := Validate(tr)
			found := false
			for _, e := range errs {
				if e.Message == "" || e.MessageEN == "" {
					t.Errorf("%s: empty message", e.Field)
				}
				found = found || e.Field == c.field
			}
			if !found {
				t.Errorf("no error on %s; got %v", c.field, errs)
			}
		})
	}
}

func TestHistory(t *testing.T) {
	h, err := LoadHistory(filepath.Join("testdata", "history.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Departure != (corpus.Date{Year: 2026, Month: 2, Day: 2}) || h[0].Members[0] != "Trần Văn Bình" {
		t.Errorf("history = %+v", h)
	}
	if _, err := ParseHistory([]byte("- name: x\n  departure: 2026-01-01\n"), "h.yaml"); err == nil {
		t.Error("entry without members accepted")
	}
	if _, err := ParseHistory([]byte("- name: x\n  member: [a]\n"), "h.yaml"); !errors.Is(err, ErrSyntax) {
		t.Errorf("unknown field: %v", err)
	}
}

// The shipped examples parse and validate (their rules outcome is tested in
// package check).
func TestExamplesValid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Root(t), "examples", "trips", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no example trips")
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "history-") {
			if _, err := LoadHistory(f); err != nil {
				t.Error(err)
			}
			continue
		}
		tr, err := Load(f)
		if err != nil {
			t.Error(err)
			continue
		}
		for _, e := range Validate(tr) {
			t.Errorf("%s: %s: %s", filepath.Base(f), e.Field, e.MessageEN)
		}
	}
}
