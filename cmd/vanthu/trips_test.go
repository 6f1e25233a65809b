package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// demoRegisterDir is a data directory holding only the demo's trip
// register (no documents: the shipped rules set the deadlines).
func demoRegisterDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	a, err := openApp(context.Background(), e, dir, appOptions{write: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	reg, err := openTripRegister(context.Background(), e, a)
	if err != nil {
		t.Fatal(err)
	}
	filed, _, err := fileDemoTrips(context.Background(), reg)
	if err != nil || filed != len(demoTrips) {
		t.Fatalf("filed %d of %d: %v", filed, len(demoTrips), err)
	}
	// Again: nothing new.
	if filed, existing, _ := fileDemoTrips(context.Background(), reg); filed != 0 || existing != len(demoTrips) {
		t.Fatalf("second filing: %d new, %d existing", filed, existing)
	}
	return dir
}

func TestTripsDueExitCode(t *testing.T) {
	dir := demoRegisterDir(t)
	code, out, errs := vt(t, "trips", "due", "--data", dir, "--as-of", "2026-12-01", "--json")
	if code != 1 {
		t.Fatalf("trips due on the demo: exit %d, want 1\n%s%s", code, out, errs)
	}
	var due []map[string]any
	if err := json.Unmarshal([]byte(out), &due); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(due) != 1 {
		t.Fatalf("due: %s", out)
	}
	d := due[0]
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := []string{"counted_in", "days", "deadline", "kind", "name", "overdue", "rule", "trip", "unit"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	rule := d["rule"].(map[string]any)
	if d["name"] != "Đoàn công tác Ban Tổ chức Thành ủy Hà Nội" || d["kind"] != "report" || d["deadline"] != "2026-09-27" ||
		d["overdue"] != true || d["counted_in"] != "calendar" || rule["number"] != "4060-CV/BTCTU" || rule["quote"] == "" {
		t.Errorf("due: %v", d)
	}
	// Before the deadline nothing is overdue: exit 0, the report due soon.
	code, out, _ = vt(t, "trips", "due", "--data", dir, "--as-of", "2026-09-20")
	if code != 0 || !strings.Contains(out, "còn 7 ngày") {
		t.Fatalf("before the deadline: exit %d\n%s", code, out)
	}
}

func TestTripsStatsShape(t *testing.T) {
	dir := demoRegisterDir(t)
	code, out, errs := vt(t, "trips", "stats", "--data", dir, "--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2026-12-01", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := []string{"by_country", "by_funding", "by_purpose", "delegations", "in_plan", "not_in_plan", "person_trips", "reports"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}
	// 2026: settled ×2, returned, reported went; cancelled, postponed and
	// refused did not.
	if s["delegations"] != 4.0 {
		t.Errorf("delegations %v, want 4\n%s", s["delegations"], out)
	}
	rep := s["reports"].(map[string]any)
	if rep["missing"] != 1.0 || rep["on_time"] != 3.0 || rep["late"] != 0.0 || rep["not_due"] != 0.0 {
		t.Errorf("reports %v", rep)
	}
	if c := s["by_country"].(map[string]any)["Hàn Quốc"].(map[string]any); c["delegations"] != 2.0 {
		t.Errorf("Hàn Quốc: %v", c)
	}
}

func TestTripsFileMoveImportExport(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join("..", "..", "examples", "trips")
	code, out, errs := vt(t, "trips", "file", filepath.Join(ex, "bgddt-vkhgd-nop-ho-so-muon.yaml"), "--data", dir, "--json", "--by", "clerk")
	if code != 0 {
		t.Fatalf("file: %d %s", code, errs)
	}
	var filed struct {
		Created bool `json:"created"`
		Entry   struct {
			ID string `json:"id"`
		} `json:"entry"`
	}
	if err := json.Unmarshal([]byte(out), &filed); err != nil || !filed.Created {
		t.Fatalf("%v %s", err, out)
	}
	id := filed.Entry.ID
	// Reported before approved: refused, naming the trip, exit 2.
	code, _, errs = vt(t, "trips", "set", id, "--status", "reported", "--number", "5/BC", "--data", dir)
	if code != 2 || !strings.Contains(errs, id) {
		t.Fatalf("impossible move: exit %d, %s", code, errs)
	}
	steps := [][]string{
		{"--status", "proposed", "--number", "112/VKHGD-HTQT", "--date", "2026-04-20"},
		{"--status", "approved", "--number", "1502/QĐ-BGDĐT", "--date", "2026-05-05", "--body", "Bộ Giáo dục và Đào tạo"},
		{"--status", "travelling"},
		{"--status", "returned"},
		{"--status", "reported", "--number", "61/BC-VKHGD", "--date", "2026-05-28"},
		{"--in-plan", "yes", "--notes", "Đã nộp minh chứng"},
	}
	for _, s := range steps {
		if code, _, errs := vt(t, append([]string{"trips", "set", id, "--data", dir}, s...)...); code != 0 {
			t.Fatalf("set %v: exit %d %s", s, code, errs)
		}
	}
	code, out, _ = vt(t, "trips", "show", id, "--data", dir, "--versions", "--json")
	var shown struct {
		Entry struct {
			Status string `json:"status"`
			InPlan bool   `json:"in_plan"`
		} `json:"entry"`
		Versions []any `json:"versions"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil || code != 0 || shown.Entry.Status != "reported" || !shown.Entry.InPlan || len(shown.Versions) != 7 {
		t.Fatalf("show: %v exit %d %+v", err, code, shown)
	}
	csv := filepath.Join(t.TempDir(), "so.csv")
	if code, _, errs := vt(t, "trips", "export", "-o", csv, "--data", dir); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	other := t.TempDir()
	for i, want := range []string{`"imported":1`, `"imported":0`} {
		code, out, errs := vt(t, "trips", "import", csv, "--data", other, "--json")
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("import %d: exit %d %s %s", i, code, out, errs)
		}
	}
}
