package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// The decree on records work as the government published it (.docx) and
// saved as Word 97 (.doc): both ingest with its metadata, as two versions of
// one document.
func TestIngestWordFiles(t *testing.T) {
	if _, err := exec.LookPath("antiword"); err != nil {
		t.Skip("antiword not installed")
	}
	data := t.TempDir()
	dir := "../../ingest/wordtext/testdata/"
	code, out, errs := vt(t, "ingest", dir+"nd30_2020.docx", dir+"nd30_2020.doc", dir+"phuluc1.doc", "--data", data, "--json", "--workers", "1")
	if code != 0 {
		t.Fatalf("ingest: %d\n%s\n%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("ingest printed %d lines:\n%s", len(lines), out)
	}
	var rs []struct {
		ID, Number, Type, Issuer, Date, Title, Status string
		Extract                                       string
	}
	for _, l := range lines {
		var r struct {
			ID, Number, Type, Issuer, Date, Title, Status string
			Extract                                       string
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	for i, r := range rs[:2] {
		if r.Number != "30/2020/NĐ-CP" || r.Type != "NĐ" || r.Issuer != "Chính phủ" || r.Date != "2020-03-05" || r.Title != "Về công tác văn thư" || r.Extract != "ok" {
			t.Errorf("input %d: %+v", i, r)
		}
	}
	if rs[0].Status != "stored" || rs[1].Status != "new-version" || rs[1].ID != rs[0].ID {
		t.Errorf("the .doc is not a new version of the .docx: %+v / %+v", rs[0], rs[1])
	}
	if rs[2].Title != "Phụ lục I" || rs[2].Extract != "ok" {
		t.Errorf("Phụ lục I (.doc): %+v", rs[2])
	}
	code, out, _ = vt(t, "show", "30/2020/nđ-cp", "--data", data, "--json", "--no-text")
	if code != 0 {
		t.Fatal(out)
	}
	var d struct {
		Signer   struct{ Authority, Title, Name string }
		CC       []string
		Versions []struct{ MIME, Extractor string }
	}
	json.Unmarshal([]byte(out), &d)
	if d.Signer.Name != "Nguyễn Xuân Phúc" || len(d.CC) < 10 {
		t.Errorf("signer %+v, %d in Nơi nhận", d.Signer, len(d.CC))
	}
	if len(d.Versions) != 2 || d.Versions[0].MIME != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" || d.Versions[1].MIME != "application/msword" {
		t.Errorf("versions: %+v", d.Versions)
	}
	if _, out, _ := vt(t, "search", "công tác văn thư", "--data", data, "--json"); !strings.Contains(out, rs[0].ID) {
		t.Errorf("search does not find the decree:\n%s", out)
	}
}
