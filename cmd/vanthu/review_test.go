package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A dispatch whose number the reader could not make out: what a scan with a
// smudged handwritten number gives.
const smudged = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: ....../UBND-KT
V/v cử cán bộ đi công tác nước ngoài

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 04 tháng 02 năm 2025

Kính gửi: Sở Ngoại vụ

Ủy ban nhân dân tỉnh đồng ý cử đoàn công tác đi Nhật Bản.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Mẫu
`

func TestReviewSetRmRestorePurge(t *testing.T) {
	data := t.TempDir()
	in := filepath.Join(t.TempDir(), "cv-smudged.txt")
	if err := os.WriteFile(in, []byte(smudged), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := vt(t, "ingest", in, "--data", data, "--json")
	if code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	var r struct {
		ID     string
		Number string
		Review []struct{ Field, Message string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Number != "" {
		t.Fatalf("the smudged number was read as %q", r.Number)
	}
	if len(r.Review) == 0 || r.Review[0].Field != "number" {
		t.Errorf("ingest --json review notes: %+v", r.Review)
	}
	if _, out, _ := vt(t, "ingest", in, "--data", data); !strings.Contains(out, "cần kiểm tra: số ký hiệu") {
		t.Errorf("ingest does not say what to check:\n%s", out)
	}

	code, out, _ = vt(t, "review", "--data", data, "--json")
	if code != 0 || !strings.Contains(out, `"id":"`+r.ID+`"`) || !strings.Contains(out, `"field":"number"`) {
		t.Fatalf("review: %d\n%s", code, out)
	}
	if code, _, errs := vt(t, "set", r.ID, "number=abc", "--data", data); code != 2 || !strings.Contains(errs, "number") {
		t.Errorf("a bad number: exit %d, %s", code, errs)
	}
	code, out, errs = vt(t, "set", r.ID, "number=15 /UBND-KT", "--by", "lan", "--data", data)
	if code != 0 {
		t.Fatalf("set: %d %s %s", code, out, errs)
	}
	if _, out, _ := vt(t, "search", "15 ubnd kt", "--data", data, "--json"); !strings.Contains(out, r.ID) {
		t.Errorf("search does not find the corrected number:\n%s", out)
	}
	if code, out, _ := vt(t, "show", "15/ubnd-kt", "--data", data, "--no-text"); code != 0 || !strings.Contains(out, "15/UBND-KT") {
		t.Errorf("show by the corrected number: %d\n%s", code, out)
	}
	// Re-ingesting the file keeps the correction.
	if _, out, _ := vt(t, "ingest", in, "--data", data, "--json"); !strings.Contains(out, `"number":"15/UBND-KT"`) {
		t.Errorf("re-ingest lost the correction:\n%s", out)
	}
	code, out, _ = vt(t, "show", r.ID, "--data", data, "--json", "--no-text")
	var shown struct {
		Number string
		Review struct {
			Needs  bool `json:"needs_review"`
			Fields []struct {
				Name, Source string
				Confidence   float64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil || code != 0 {
		t.Fatalf("show --json: %v %s", err, out)
	}
	for _, f := range shown.Review.Fields {
		if f.Name == "number" && (f.Source != "correction" || f.Confidence != 1) {
			t.Errorf("the corrected number's provenance: %+v", f)
		}
		if f.Name == "issuer" && (f.Source != "text" || f.Confidence <= 0) {
			t.Errorf("the issuer's provenance: %+v", f)
		}
	}
	// A new version of the file (read again, its own metadata extracted)
	// keeps the correction too.
	if err := os.WriteFile(in, []byte(smudged+"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := vt(t, "ingest", in, "--data", data, "--json"); !strings.Contains(out, `"status":"new-version"`) || !strings.Contains(out, `"number":"15/UBND-KT"`) {
		t.Errorf("a new version lost the correction:\n%s", out)
	}
	if code, _, _ := vt(t, "set", r.ID, "--reviewed", "--data", data); code != 0 {
		t.Fatal("set --reviewed failed")
	}
	if _, out, _ := vt(t, "review", "--data", data, "--json"); strings.Contains(out, r.ID) {
		t.Errorf("checked document still on the queue:\n%s", out)
	}

	// rm + restore.
	if code, _, errs := vt(t, "rm", r.ID, "--data", data, "--reason", "nhầm"); code != 0 {
		t.Fatalf("rm: %s", errs)
	}
	if _, out, _ := vt(t, "search", "15 ubnd kt", "--data", data, "--json"); strings.Contains(out, r.ID) {
		t.Errorf("withdrawn document still found:\n%s", out)
	}
	if code, _, _ := vt(t, "reindex", "--data", data); code != 0 {
		t.Fatal("reindex failed")
	}
	if _, out, _ := vt(t, "search", "15 ubnd kt", "--data", data, "--json"); strings.Contains(out, r.ID) {
		t.Errorf("reindex brought the withdrawn document back:\n%s", out)
	}
	if code, out, _ := vt(t, "show", r.ID, "--data", data, "--no-text"); code != 0 || !strings.Contains(out, "15/UBND-KT") {
		t.Errorf("a withdrawn document must stay readable: %d %s", code, out)
	}
	if code, out, _ := vt(t, "show", "15 ubnd kt", "--data", data, "--json", "--no-text"); code != 0 || !strings.Contains(out, `"withdrawn":true`) {
		t.Errorf("show by number of a withdrawn document: %d %s", code, out)
	}
	if code, _, errs := vt(t, "restore", "15/UBND-KT", "--data", data); code != 0 {
		t.Fatalf("restore: %s", errs)
	}
	if code, _, _ := vt(t, "reindex", "--data", data); code != 0 {
		t.Fatal("reindex failed")
	}
	if _, out, _ := vt(t, "search", "15 ubnd kt", "--data", data, "--json"); !strings.Contains(out, r.ID) {
		t.Errorf("restored document not found:\n%s", out)
	}

	// Purge: refused without the id typed again, done with it, logged.
	if code, _, _ := vt(t, "rm", r.ID, "--purge", "--data", data); code != 2 {
		t.Errorf("purge without confirmation: exit %d", code)
	}
	if code, _, errs := vt(t, "rm", r.ID, "--purge", "--confirm", r.ID, "--reason", "nộp nhầm", "--by", "lan", "--data", data); code != 0 {
		t.Fatalf("purge: %s", errs)
	}
	if code, _, _ := vt(t, "show", r.ID, "--data", data); code == 0 {
		t.Error("purged document still shown")
	}
	if _, out, _ := vt(t, "search", "15 ubnd kt", "--data", data, "--json"); strings.Contains(out, r.ID) {
		t.Errorf("purged document still found:\n%s", out)
	}
	if _, out, _ := vt(t, "review", "--purges", "--data", data); !strings.Contains(out, r.ID) || !strings.Contains(out, "nộp nhầm") || !strings.Contains(out, "cv-smudged.txt") {
		t.Errorf("review --purges:\n%s", out)
	}
	logs, _ := filepath.Glob(filepath.Join(data, "corpus", "records", "purge", "*", "*.json"))
	if len(logs) != 1 {
		t.Errorf("purge log files: %v", logs)
	} else if b, _ := os.ReadFile(logs[0]); !strings.Contains(string(b), "nộp nhầm") || !strings.Contains(string(b), `"lan"`) {
		t.Errorf("purge log: %s", b)
	}
}

// With `vanthu serve` running, set, rm and restore from the command line go
// through the server, which stores them and updates its index at once.
func TestReviewWhileServing(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	in := filepath.Join(root, "cv-smudged.txt")
	if err := os.WriteFile(in, []byte(smudged), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := vt(t, "ingest", in, "--data", data, "--json")
	if code != 0 {
		t.Fatalf("ingest: %d\n%s%s", code, out, errs)
	}
	var r struct{ ID string }
	json.Unmarshal([]byte(out), &r)
	ctx, stop := context.WithCancel(context.Background())
	sout, serr := newWatch("http://"), newWatch("\x00")
	served := vtAsync(ctx, sout, serr, "serve", "--data", data, "--addr", "127.0.0.1:0")
	defer func() {
		stop()
		if code := <-served; code != 0 {
			t.Errorf("serve: exit %d\n%s", code, serr)
		}
	}()
	select {
	case <-sout.seen:
	case code := <-served:
		t.Fatalf("serve stopped: %d\n%s%s", code, sout, serr)
	}
	if code, out, errs := vt(t, "set", r.ID, "number=15/UBND-KT", "--by", "lan", "--data", data); code != 0 {
		t.Fatalf("set while serving: %d\n%s%s", code, out, errs)
	}
	if n := searchHits(t, data, "15 ubnd kt"); n != 1 {
		t.Errorf("search for the number corrected while serving: %d hits", n)
	}
	if code, out, errs := vt(t, "rm", r.ID, "--data", data); code != 0 {
		t.Fatalf("rm while serving: %d\n%s%s", code, out, errs)
	}
	if n := searchHits(t, data, "15 ubnd kt"); n != 0 {
		t.Errorf("withdrawn while serving, still found: %d hits", n)
	}
	if code, out, errs := vt(t, "restore", r.ID, "--data", data); code != 0 {
		t.Fatalf("restore while serving: %d\n%s%s", code, out, errs)
	}
	if n := searchHits(t, data, "15 ubnd kt"); n != 1 {
		t.Errorf("restored while serving, not found: %d hits", n)
	}
	if code, out, errs := vt(t, "verify", "--data", data); code != 0 {
		t.Errorf("verify: %d\n%s%s", code, out, errs)
	}
}
