package check_test

import (
	"path/filepath"
	"strings"
	"testing"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/internal/sharedtest"
	"vanthu/trip"
)

// The example trips each break exactly the rule their name says (or none).
var exampleWant = map[string]string{
	"qn-snv-nhat-han-dat.yaml":          "",
	"hn-btctu-trung-quoc-dat.yaml":      "",
	"hn-snnmt-qua-so-thanh-vien.yaml":   corpus.RuleMembersPerDelegation,
	"hn-sdl-qua-so-ngay.yaml":           corpus.RuleDaysPerCountry,
	"hn-sxd-bon-nuoc.yaml":              corpus.RuleCountriesPerTrip,
	"hn-sqhkt-hai-can-bo-chu-chot.yaml": corpus.RuleKeyOfficials,
	"hn-sct-doanh-nghiep-tai-tro.yaml":  check.RuleFunding,
	"hn-sgddt-khong-chuong-trinh.yaml":  check.RuleProgramme,
	"qn-bqlkkt-lan-thu-ba.yaml":         corpus.RuleTripsPerYear,
	"bgddt-vkhgd-nop-ho-so-muon.yaml":   corpus.RuleDossierLeadTime,
	"dn-snv-han-quoc-dat.yaml":          "",
	"hcm-sxd-han-quoc-bau-cu.yaml":      check.RuleHostHolidays, // a warning: Failed() stays false
}

// exampleToday is after every example trip, so report deadlines are decided.
var exampleToday = corpus.Date{Year: 2026, Month: 11, Day: 24}

func examplesDir(t *testing.T) string {
	return filepath.Join(sharedtest.Root(t), "examples", "trips")
}

func TestExamples(t *testing.T) {
	dir := examplesDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	hist, err := trip.LoadHistory(filepath.Join(dir, "history-2026.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasPrefix(base, "history-") {
			continue
		}
		want, ok := exampleWant[base]
		if !ok {
			t.Errorf("%s: example without an expectation in exampleWant", base)
			continue
		}
		seen++
		t.Run(base, func(t *testing.T) {
			tr, err := trip.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if errs := trip.Validate(tr); len(errs) > 0 {
				t.Fatalf("invalid example: %v", errs)
			}
			rep := check.Run(tr, check.Options{History: hist, Today: exampleToday})
			var got []string
			for _, fd := range rep.Findings {
				if fd.Citation.Quote == "" || fd.Citation.Issuer == "" {
					t.Errorf("%s finding without citation: %+v", fd.RuleKind, fd)
				}
				if fd.Message == "" || fd.MessageEN == "" {
					t.Errorf("%s finding without message", fd.RuleKind)
				}
				switch fd.Status {
				case check.StatusFail, check.StatusNeedsApproval, check.StatusWarn:
					got = append(got, fd.RuleKind)
					t.Logf("%s %s: %s", fd.Status, fd.RuleKind, fd.Message)
				}
			}
			switch {
			case want == "" && len(got) > 0:
				t.Errorf("passing example has violations %v", got)
			case want != "" && (len(got) != 1 || got[0] != want):
				t.Errorf("violations %v, want exactly [%s]", got, want)
			}
			if wantFail := want != "" && want != check.RuleHostHolidays; wantFail != rep.Failed() {
				t.Errorf("Failed() = %v, want %v", rep.Failed(), wantFail)
			}
			if want != "" {
				for _, fd := range rep.Violations() {
					if fd.Citation.Number == "" {
						t.Errorf("violation of %s cites no document number", fd.RuleKind)
					}
				}
			}
		})
	}
	if seen != len(exampleWant) {
		t.Errorf("found %d examples, want %d", seen, len(exampleWant))
	}
}
