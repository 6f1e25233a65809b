package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/internal/sharedtest"
)

// vt runs the CLI in-process with its own streams and returns exit status,
// stdout and stderr.
func vt(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestIngestSeedsThenShow4060(t *testing.T) {
	seeds := sharedtest.Path(t, "seeds")
	data := t.TempDir()
	code, out, errs := vt(t, "ingest", seeds, "--data", data, "--json", "--no-ocr")
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	if n := strings.Count(out, `"status":"stored"`); n != 5 {
		t.Errorf("first ingest stored %d of 5 seeds:\n%s", n, out)
	}
	// Ingesting the same folder again stores nothing new.
	_, out, _ = vt(t, "--data", data, "ingest", seeds, "--json")
	if strings.Count(out, `"status":"unchanged"`) != 5 {
		t.Errorf("second ingest:\n%s", out)
	}
	// The README's spelling, and others people type: spaces for separators,
	// lower case, a leading "số".
	for _, ref := range []string{"4060 cv/btctu", "4060 CV BTCTU", "số 4060 cv btctu"} {
		if code, out, errs := vt(t, "show", ref, "--data", data, "--no-text"); code != 0 || !strings.Contains(out, "4060-CV/BTCTU") {
			t.Errorf("show %q: exit %d\n%s%s", ref, code, out, errs)
		}
	}
	// The number in another spelling, flags after the argument.
	code, out, errs = vt(t, "show", "4060 -cv/btctu", "--data", data, "--json")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errs)
	}
	var d struct {
		ID, Number, Type         string
		TypeName                 string `json:"type_name"`
		Issuer                   string
		ParentIssuer             string `json:"parent_issuer"`
		Place, Date, Title, Kind string
		Recipients, CC           []string
		Signer                   struct{ Authority, Title, Name string }
		ESign                    struct{ Signer, Email, Org, Time string } `json:"esign"`
		Incoming                 struct{ Number, Date string }
		Citations                []struct{ Number, Type, Date, Issuer, Quote string }
		Rules                    []struct {
			Kind  string
			Limit float64
			Unit  string
		}
		Versions []json.RawMessage
		Text     string
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if d.Number != "4060-CV/BTCTU" || d.Type != "CV" || d.Issuer != "Ban Tổ chức Thành ủy Hà Nội" || d.Date != "2019-05-31" {
		t.Errorf("identity: %+v", d)
	}
	if d.Signer.Name != "Vũ Đức Bảo" || !strings.EqualFold(d.Signer.Title, "Trưởng ban") {
		t.Errorf("signer: %+v", d.Signer)
	}
	if len(d.Recipients) != 4 || len(d.CC) < 3 {
		t.Errorf("recipients %v, cc %v", d.Recipients, d.CC)
	}
	if d.ESign.Time != "2019-05-31T15:01:05+07:00" || d.ESign.Org != "Thành ủy Hà Nội" {
		t.Errorf("esign: %+v", d.ESign)
	}
	found := false
	for _, c := range d.Citations {
		if c.Number == "1542-QĐ/TU" && c.Date == "2016-12-07" {
			found = true
		}
	}
	if !found {
		t.Errorf("citation of 1542-QĐ/TU missing: %+v", d.Citations)
	}
	rules := map[string]float64{}
	for _, r := range d.Rules {
		rules[r.Kind] = r.Limit
	}
	for kind, want := range map[string]float64{"members-per-delegation": 7, "days-per-country": 3, "countries-per-trip": 3, "report-deadline": 10} {
		if rules[kind] != want {
			t.Errorf("rule %s = %v, want %v (rules %v)", kind, rules[kind], want, rules)
		}
	}
	if len(d.Versions) != 1 || !strings.Contains(d.Text, "Kính gửi") {
		t.Errorf("versions %d, text %d bytes", len(d.Versions), len(d.Text))
	}

	// Search finds it without diacritics and by number; cites lists the
	// unresolved citation.
	code, out, _ = vt(t, "search", "--data", data, "--json", "to chuc doan di cong tac nuoc ngoai")
	if code != 0 || !strings.Contains(out, `"number":"4060-CV/BTCTU"`) || !strings.Contains(out, `"facets"`) {
		t.Errorf("search: %d %s", code, out)
	}
	code, out, _ = vt(t, "cites", "--data", data, "4060-CV/BTCTU", "--json")
	if code != 0 || !strings.Contains(out, `"resolved":false`) {
		t.Errorf("cites: %d %s", code, out)
	}
	code, out, _ = vt(t, "cites", "--data", data, "38-CT/TW", "--cited-by")
	if code != 0 || !strings.Contains(out, "Cao Bằng") {
		t.Errorf("cited by: %d %s", code, out)
	}
	// reindex rebuilds from the corpus alone.
	code, _, errs = vt(t, "reindex", "--data", data)
	if code != 0 {
		t.Errorf("reindex: %d %s", code, errs)
	}
}

func TestBadInputExitCodes(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	bin := filepath.Join(dir, "x.bin")
	os.WriteFile(bin, []byte{0, 1, 2, 3, 0xff}, 0o644)
	code, out, _ := vt(t, "ingest", "--data", data, empty, bin, filepath.Join(dir, "missing.pdf"), "--json")
	if code != 2 {
		t.Errorf("nothing ingestable: exit %d, want 2", code)
	}
	if strings.Count(out, `"status":"error"`) != 3 || !strings.Contains(out, "empty.txt") || !strings.Contains(out, "missing.pdf") {
		t.Errorf("per-file errors:\n%s", out)
	}
	// One good file among bad ones: the good one goes in, exit 0.
	good := filepath.Join(dir, "cv.txt")
	os.WriteFile(good, []byte("Số: 12/UBND-NV\nV/v thử\nKính gửi: Sở Ngoại vụ\n"), 0o644)
	if code, out, _ := vt(t, "ingest", "--data", data, empty, good); code != 0 || !strings.Contains(out, "stored") {
		t.Errorf("mixed: exit %d\n%s", code, out)
	}
	if code, _, _ := vt(t, "nosuchcommand"); code != 2 {
		t.Errorf("unknown command: %d", code)
	}
	if code, _, _ := vt(t, "show", "--data", data); code != 2 {
		t.Errorf("show without argument: %d", code)
	}
	if code, _, errs := vt(t, "show", "--data", filepath.Join(dir, "nowhere"), "1/UBND"); code != 2 || !strings.Contains(errs, "vanthu ingest") {
		t.Errorf("show on a missing corpus: %d %s", code, errs)
	}
	if code, _, _ := vt(t, "search", "--data", data, "x", "--sort", "size"); code != 2 {
		t.Errorf("bad --sort: %d", code)
	}
}

func TestCheckAndGenerateExamples(t *testing.T) {
	root := sharedtest.Root(t)
	good := filepath.Join(root, "examples", "trips", "qn-snv-nhat-han-dat.yaml")
	bad := filepath.Join(root, "examples", "trips", "hn-snnmt-qua-so-thanh-vien.yaml")
	if _, err := os.Stat(good); err != nil {
		t.Skip("example trips not found")
	}
	data := t.TempDir()
	if code, out, errs := vt(t, "check", good, "--data", data); code != 0 {
		t.Errorf("passing trip: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ := vt(t, "check", "--json", bad, "--data", data)
	if code != 1 || !strings.Contains(out, `"status":"fail"`) || !strings.Contains(out, "4060-CV/BTCTU") {
		t.Errorf("failing trip: exit %d\n%s", code, out)
	}
	pdf := filepath.Join(t.TempDir(), "p.pdf")
	if code, _, errs := vt(t, "generate", "proposal", good, "-o", pdf); code != 0 {
		t.Fatalf("generate: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("generate wrote no PDF")
	}
	if code, _, _ := vt(t, "generate", "poem", good, "-o", pdf); code != 2 {
		t.Errorf("unknown kind: %d", code)
	}
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	os.WriteFile(broken, []byte("members: [\n"), 0o644)
	if code, _, errs := vt(t, "check", broken); code != 2 || !strings.Contains(errs, "broken.yaml") {
		t.Errorf("broken trip: %d %s", code, errs)
	}
}

func TestParseArgsInterspersed(t *testing.T) {
	fs, c := newFlags(&env{stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}, "x", "")
	n := fs.Int("n", 0, "")
	pos, err := parseArgs(fs, []string{"a", "--json", "b", "-n", "3", "--", "--c"})
	if err != nil || !c.json || *n != 3 || strings.Join(pos, ",") != "a,b,--c" {
		t.Errorf("parseArgs: %v %v %v %v", pos, err, c.json, *n)
	}
}

func TestDemoBuildsSampleCorpus(t *testing.T) {
	data := t.TempDir()
	code, out, errs := vt(t, "demo", "--data", data, "--no-serve")
	if code != 0 || !strings.Contains(out, "văn bản") {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = vt(t, "search", "--data", data, "--json", "quan ly doan ra")
	if code != 0 || !strings.Contains(out, "05/CT-UBND") {
		t.Errorf("demo corpus search: %s", out)
	}
	// Generated letters were ingested as PDFs.
	code, out, _ = vt(t, "search", "--data", data, "--json", "xin chu truong cu doan", "--kind", "document")
	if code != 0 || !strings.Contains(out, `"total"`) {
		t.Errorf("generated letters: %s", out)
	}
	// Run again over the same directory: nothing new, not even the letters
	// it generates (the same trip gives the same PDF).
	code, out, errs = vt(t, "demo", "--data", data, "--no-serve")
	if code != 0 || !strings.Contains(out, "(0 mới,") {
		t.Errorf("demo again: %d\n%s\n%s", code, out, errs)
	}
}
