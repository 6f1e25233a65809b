package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanIssuerFiledAndWarned: a scan's OCR with a misspelt issuer and a
// signature block whose name a seal covers is filed under the body's right
// name (the form read shown beside it), and ingest says what to check.
func TestScanIssuerFiledAndWarned(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "575.txt")
	text := "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTĨNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc\n" +
		"Số: 575/UBND-KTTH Quảng Ngãi, ngày 04 tháng 02 năm 2025\nV/v tham gia ý kiến\n\nKính gửi: Sở Tài chính\n\nNội dung./.\n\n" +
		"Nơi nhận: TL. CHỦ TỊCH\n- Như trên; KT. CHÁNH VĂN PHÒNG\n- Lưu: VT. PHÓ CHÁNH VĂN PHÒNG\n= BẦỆ: Ã SH\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	code, out, errs := vt(t, "ingest", src, "--data", data)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out+errs, "cần kiểm tra") || !strings.Contains(out+errs, "người ký: the name under the signature block") {
		t.Errorf("ingest does not say the signer needs checking:\n%s\n%s", out, errs)
	}
	_, out, errs = vt(t, "show", "575/UBND-KTTH", "--data", data, "--no-text")
	if !strings.Contains(out, "Cơ quan:       Ủy ban nhân dân tỉnh Quảng Ngãi") || !strings.Contains(out, "(đọc được: Ủy ban nhân dân tĩnh Quảng Ngãi)") {
		t.Errorf("show:\n%s\n%s", out, errs)
	}
}
