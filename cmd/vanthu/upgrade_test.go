package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestWriterRebuildsIndexOfAnotherVersion: after an upgrade that changed the
// index format, a writing command rebuilds the index from the corpus instead
// of stopping, and a reading command says how to do it.
func TestWriterRebuildsIndexOfAnotherVersion(t *testing.T) {
	data := t.TempDir()
	src := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := write("a.txt", "UBND TỈNH QUẢNG NINH\nSố: 12/KH-UBND\nKế hoạch quản lý đoàn ra năm 2025.\n")
	second := write("b.txt", "SỞ NGOẠI VỤ\nSố: 7/BC-SNV\nBáo cáo kết quả đoàn ra đi Nhật Bản.\n")
	if code, out, errs := vt(t, "ingest", first, "--data", data, "--no-ocr"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	// Make the index look written by another version of vanthu.
	cur, err := os.ReadFile(filepath.Join(data, indexDir, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.Open(filepath.Join(data, indexDir, strings.TrimSpace(string(cur))))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal([]byte("vanthu:mapping"), []byte("vanthu-index-0")); err != nil {
		t.Fatal(err)
	}
	idx.Close()

	code, out, errs := vt(t, "search", "đoàn ra", "--data", data)
	if code == 0 || !strings.Contains(out+errs, "vanthu reindex") {
		t.Errorf("search on an index of another version: exit %d, want an error naming `vanthu reindex`\n%s\n%s", code, out, errs)
	}
	code, out, errs = vt(t, "ingest", second, "--data", data, "--no-ocr")
	if code != 0 || !strings.Contains(errs, "another version") || strings.Contains(errs, "not updated") {
		t.Fatalf("ingest over an index of another version: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = vt(t, "search", "doan ra", "--data", data, "--json")
	if code != 0 || !strings.Contains(out, `"total":2`) {
		t.Errorf("search after the rebuild: exit %d\n%s\n%s", code, out, errs)
	}
}
