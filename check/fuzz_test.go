package check_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"vanthu/check"
	"vanthu/trip"
)

// FuzzParseRuleSet: an office's rule file is outside input; no file may
// panic, and what parses must validate.
func FuzzParseRuleSet(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("rules", "*.yaml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("id: x\nsource: {issuer: y}\nnational: true\nrules: [{kind: days-per-country, limit: 3, unit: day, quote: q}]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, err := check.ParseRuleSet(b, "fuzz.yaml")
		if err != nil {
			// A line named by an error is a line of the file.
			var rde *check.RuleDataError
			if errors.As(err, &rde) && rde.Line > bytes.Count(b, []byte("\n"))+1 {
				t.Fatalf("error names line %d of a %d-line file: %v", rde.Line, bytes.Count(b, []byte("\n"))+1, err)
			}
			return
		}
		if err := rs.Validate(); err != nil {
			t.Fatalf("parsed but invalid: %v", err)
		}
	})
}

// FuzzRun: any trip that parses is checked without an internal error, and
// every finding carries a known status and a citation.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "trips", "*.yaml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	status := map[string]bool{check.StatusPass: true, check.StatusInfo: true, check.StatusWarn: true,
		check.StatusNeedsApproval: true, check.StatusFail: true}
	f.Fuzz(func(t *testing.T, b []byte) {
		tr, err := trip.Parse(b, "fuzz.yaml")
		if err != nil {
			return
		}
		rep := check.Run(tr, check.Options{Today: exampleToday})
		for _, fd := range rep.Findings {
			if fd.RuleKind == "internal" {
				t.Fatalf("internal error: %s", fd.Message)
			}
			if !status[fd.Status] {
				t.Fatalf("status %q", fd.Status)
			}
			if fd.RuleKind != "rules" && fd.Citation.Quote == "" {
				t.Fatalf("%s without citation", fd.RuleKind)
			}
		}
	})
}
