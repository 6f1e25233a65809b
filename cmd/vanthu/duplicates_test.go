package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyDuplicates: the same news item saved twice (other file, other
// spacing and case) is two stored documents; verify --duplicates lists
// them, and lists nothing on a corpus without duplicates.
func TestVerifyDuplicates(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	text := "Sở Ngoại vụ tỉnh Quảng Ninh tổ chức hội nghị tập huấn công tác quản lý đoàn ra, đoàn vào năm 2025 cho cán bộ phụ trách đối ngoại của các sở, ban, ngành và địa phương trong tỉnh; phổ biến quy trình lập hồ sơ đề nghị cử đoàn.\n"
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("tin-a.txt", text)
	if code, out, errs := vt(t, "ingest", a, "--data", data, "--no-ocr"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ := vt(t, "verify", "--data", data, "--duplicates", "--json")
	if code != 0 || !strings.Contains(out, `"duplicates":null`) {
		t.Errorf("one document: exit %d, %s", code, out)
	}
	b := write("tin-b.txt", "  "+strings.ReplaceAll(text, " ", "  ")+"\n\n")
	if code, out, errs := vt(t, "ingest", b, "--data", data, "--no-ocr"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs := vt(t, "verify", "--data", data, "--duplicates", "--json")
	if code != 0 {
		t.Fatalf("verify: exit %d\n%s\n%s", code, out, errs)
	}
	var rep struct {
		Duplicates []struct {
			Reason string   `json:"reason"`
			IDs    []string `json:"ids"`
		} `json:"duplicates"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(rep.Duplicates) != 1 || rep.Duplicates[0].Reason != "text" || len(rep.Duplicates[0].IDs) != 2 {
		t.Errorf("duplicates: %+v", rep.Duplicates)
	}
	_, out, _ = vt(t, "verify", "--data", data, "--duplicates")
	if !strings.Contains(out, "duplicates: 1 groups") || !strings.Contains(out, "same text: ") {
		t.Errorf("verify --duplicates:\n%s", out)
	}
}
