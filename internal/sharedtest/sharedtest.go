package sharedtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Root returns the module root (the directory holding go.mod).
func Root(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err == nil {
		if p := strings.TrimSpace(string(out)); p != "" && p != os.DevNull {
			return filepath.Dir(p)
		}
	}
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("sharedtest: no go.mod above %s", dir)
		}
	}
}

// Dir returns the shared directory (VANTHU_SHARED, else ../shared beside the
// module root) or skips the test when it is not there.
func Dir(t testing.TB) string {
	t.Helper()
	d := os.Getenv("VANTHU_SHARED")
	if d == "" {
		d = filepath.Join(Root(t), "..", "shared")
	}
	if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
		t.Skipf("shared reference material not found at %s (set VANTHU_SHARED): skipping", d)
	}
	return d
}

// Path returns a file or folder under the shared directory, skipping the test
// when it is missing.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Dir(t)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found: skipping", p)
	}
	return p
}
