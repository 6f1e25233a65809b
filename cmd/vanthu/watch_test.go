package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWatchCheckListsANewDocumentOnce: a saved search, then two documents
// ingested (one matching): check --json lists the matching one once, a
// second check nothing.
func TestWatchCheckListsANewDocumentOnce(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := write("old.txt", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 10/UBND-NV\nHạ Long, ngày 02 tháng 01 năm 2026\nV/v cử đoàn đi Nhật Bản\nNội dung cử đoàn đi Nhật Bản.\n")
	if code, _, errs := vt(t, "ingest", old, "--data", data); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	if code, _, errs := vtIn(t, "", "lan", "watch", "add", "Nhật Bản", "nhat ban", "--data", data); code != 0 {
		t.Fatalf("watch add: %d %s", code, errs)
	}
	match := write("new.txt", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 88/UBND-NV\nHạ Long, ngày 05 tháng 01 năm 2026\nV/v đón đoàn Nhật Bản\nKính gửi: Sở Ngoại vụ\nNội dung đón đoàn Nhật Bản.\n")
	other := write("other.txt", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 89/UBND-NV\nHạ Long, ngày 06 tháng 01 năm 2026\nV/v lịch tiếp công dân\nNội dung tiếp công dân.\n")
	if code, _, errs := vt(t, "ingest", match, other, "--data", data); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	code, out, errs := vtIn(t, "", "lan", "watch", "check", "--json", "--data", data)
	if code != 0 {
		t.Fatalf("watch check: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var m struct {
		Search, ID, Number, Why string
		Seq                     int64
	}
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &m) != nil || m.Number != "88/UBND-NV" || m.Search != "Nhật Bản" || m.Seq == 0 {
		t.Fatalf("watch check --json: %q", out)
	}
	if code, out, _ := vtIn(t, "", "lan", "watch", "check", "--json", "--data", data); code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("second check: %d %q", code, out)
	}
	if code, out, _ := vtIn(t, "", "minh", "watch", "check", "--json", "--data", data); code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("minh's check: %d %q", code, out)
	}
	if code, out, _ := vtIn(t, "", "lan", "watch", "list", "--data", data); code != 0 || !strings.Contains(out, "Nhật Bản") {
		t.Errorf("watch list: %d %q", code, out)
	}
}
