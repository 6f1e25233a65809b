package audit_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"vanthu/audit"
)

// FuzzLogFile: whatever the log file holds (someone edited it), reading,
// verifying and appending never panic, and a file that verifies still
// verifies after an append.
func FuzzLogFile(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte(`{"seq":1,"time":"2026-03-01T08:00:00Z","actor":"lan","action":"login","prev":"","hash":"x"}` + "\n"))
	f.Add([]byte("{oops\n\n{\"seq\":2}\n"))
	f.Add([]byte(`{"seq":1,"id":"d1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		l, err := audit.Open(audit.Config{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		if err := os.WriteFile(l.Path(), data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, verr := l.Verify()
		var ce *audit.ChainError
		if verr != nil && !errors.As(verr, &ce) {
			t.Fatalf("Verify: an error that names no entry: %v", verr)
		}
		l.List(audit.Filter{ID: "d1"})
		l.History("", "d1", 0)
		if _, err := l.Append(context.Background(), audit.Entry{Action: audit.ActionOther}); err != nil {
			return // a last line that does not read: appending refuses
		}
		if verr == nil && len(data) > 0 && data[len(data)-1] == '\n' {
			if _, err := l.Verify(); err != nil {
				t.Fatalf("a verified log fails after an append: %v", err)
			}
		}
	})
}
