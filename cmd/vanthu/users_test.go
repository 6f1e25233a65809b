package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vtIn runs a command with standard input and VANTHU_USER.
func vtIn(t *testing.T, stdin, user string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "VANTHU_USER" {
			return user
		}
		return ""
	}}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// TestUsersAndAuditVerify creates the first admin and a clerk, lists them,
// finds both in the audit log, then edits one line of the log file: audit
// verify fails naming that entry.
func TestUsersAndAuditVerify(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if code, out, _ := vtIn(t, "", "", "users", "list", "--data", data); code != 0 || !strings.Contains(out, "vanthu users add") {
		t.Fatalf("users list on an empty directory: %d %q", code, out)
	}
	if code, _, errs := vtIn(t, "mat-khau-quan-tri\n", "", "users", "add", "admin", "--role", "admin", "--data", data); code != 0 {
		t.Fatalf("users add admin: %d %s", code, errs)
	}
	if code, _, errs := vtIn(t, "mat-khau-lan\n", "admin", "users", "add", "lan", "--role", "clerk", "--full-name", "Trần Thị Lan", "--data", data); code != 0 {
		t.Fatalf("users add lan: %d %s", code, errs)
	}
	if code, _, _ := vtIn(t, "ngan\n", "admin", "users", "add", "x", "--data", data); code != 2 {
		t.Errorf("a short password: exit %d, want 2", code)
	}
	if code, _, _ := vtIn(t, "mat-khau-dai\n", "admin", "users", "add", "y", "--role", "boss", "--data", data); code != 2 {
		t.Errorf("an unknown role: exit %d, want 2", code)
	}
	code, out, _ := vtIn(t, "", "", "users", "list", "--json", "--data", data)
	var us []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &us) != nil || len(us) != 2 || strings.Contains(out, "$2a$") {
		t.Fatalf("users list --json: %d %s", code, out)
	}
	if code, out, _ := vtIn(t, "", "", "audit", "list", "--json", "--user", "admin", "--data", data); code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"id":"lan"`) {
		t.Errorf("audit list --user admin: %d %s", code, out)
	}
	if code, out, _ := vtIn(t, "", "", "audit", "verify", "--data", data); code != 0 || !strings.Contains(out, "2 mục") {
		t.Fatalf("audit verify: %d %s", code, out)
	}
	p := filepath.Join(data, "audit.jsonl")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[1] = strings.Replace(lines[1], `"actor":"admin"`, `"actor":"lan"`, 1)
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	code, _, errs := vtIn(t, "", "", "audit", "verify", "--data", data)
	if code != 1 || !strings.Contains(errs, "entry 2 (line 2)") {
		t.Errorf("audit verify of an edited log: %d %s", code, errs)
	}
}
