package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A trip of a province without a rule set of its own is checked against the
// national layer only, says so first and exits 3; once the office adds the
// province's set with `vanthu rules add`, the same trip is checked against
// it, each finding citing it.
func TestRulesAddThenCheck(t *testing.T) {
	data := t.TempDir()
	trip := filepath.Join("testdata", "laocai-trip.yaml")
	code, out, errs := vt(t, "check", trip, "--data", data)
	if code != exitNoOwnRules {
		t.Fatalf("no own rules: exit %d, want %d\n%s%s", code, exitNoOwnRules, out, errs)
	}
	if first, _, _ := strings.Cut(out, "\n"); first != "Chưa có quy định riêng của UBND tỉnh Lào Cai: chỉ kiểm tra theo quy định chung" {
		t.Errorf("first line %q", first)
	}
	if !strings.Contains(out, "38-CT/TW") {
		t.Errorf("national layer not cited:\n%s", out)
	}

	rules := filepath.Join("testdata", "laocai-rules.yaml")
	if code, out, errs := vt(t, "rules", "check", rules); code != 0 || !strings.Contains(out, "hợp lệ") {
		t.Fatalf("rules check: %d %s%s", code, out, errs)
	}
	if code, out, errs := vt(t, "rules", "add", rules, "--data", data, "--author", "văn thư"); code != 0 || !strings.Contains(out, "phiên bản 1") {
		t.Fatalf("rules add: %d %s%s", code, out, errs)
	}
	// The same file again stores nothing new.
	if code, out, _ := vt(t, "rules", "add", rules, "--data", data); code != 0 || !strings.Contains(out, "không đổi") {
		t.Errorf("rules add again: %d %s", code, out)
	}
	if code, out, _ := vt(t, "rules", "list", "--data", data); code != 0 || !strings.Contains(out, "test-laocai-rules [do đơn vị thêm] Lào Cai") || !strings.Contains(out, "national-38-ct-tw-2014") {
		t.Errorf("rules list: %d\n%s", code, out)
	}
	if code, out, _ := vt(t, "rules", "show", "test-laocai-rules", "--data", data); code != 0 || !strings.Contains(out, "# A rule set written for the tests") || !strings.Contains(out, "văn thư") {
		t.Errorf("rules show keeps the file as written: %d\n%s", code, out)
	}

	code, out, errs = vt(t, "check", trip, "--data", data)
	if code != 1 {
		t.Fatalf("with the province's rules: exit %d, want 1 (6 members, limit 5)\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"Căn cứ: 38-CT/TW (21/07/2014); 99/KH-TEST (02/01/2026)",
		"[KHÔNG] Đoàn có 6 thành viên, vượt mức tối đa 5 người/đoàn; trường hợp thật cần thiết phải xin ý kiến Thường trực Tỉnh ủy",
		"căn cứ: 99/KH-TEST, 2026-01-02, Ủy ban nhân dân tỉnh Lào Cai (dữ liệu kiểm thử), mục 1",
		"«Mỗi nước không quá 05 ngày.»",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Chưa có quy định riêng") {
		t.Errorf("still says no own rules:\n%s", out)
	}
}

// Rule files are checked with the line of each mistake.
func TestRulesCheckLineNumbers(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(filepath.Join("testdata", "laocai-rules.yaml"))
	cases := map[string]struct{ from, to, want string }{
		"unknown kind":  {"kind: days-per-country", "kind: days-per-county", "bad.yaml:26: rules[1] (days-per-county): unknown kind"},
		"unknown field": {"    item: mục 2", "    itme: mục 2", "bad.yaml:29: "},
		"no quote":      {`    quote: "Mỗi nước không quá 05 ngày."`, `    quote: ""`, "bad.yaml:30: rules[1] (days-per-country): no quote"},
		"bad unit":      {"unit: working-day", "unit: week", "bad.yaml:33: rules[2] (report-deadline): unit \"week\""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, "bad.yaml")
			os.WriteFile(p, []byte(strings.Replace(string(src), c.from, c.to, 1)), 0o644)
			code, _, errs := vt(t, "rules", "check", p)
			if code != 2 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, want 2 and %q in:\n%s", code, c.want, errs)
			}
			if code, _, _ := vt(t, "rules", "add", p, "--data", t.TempDir()); code != 2 {
				t.Errorf("rules add of a bad file: exit %d", code)
			}
		})
	}
}
