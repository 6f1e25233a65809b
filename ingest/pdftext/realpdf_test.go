package pdftext

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/internal/sharedtest"
)

func textLayerPDFs(t testing.TB) []string {
	dir := sharedtest.Path(t, "corpus-real", "pdf", "text_layer")
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Skipf("no PDFs in %s", dir)
	}
	return files
}

func extractFile(t testing.TB, path string, opts Options) Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	res, err := Extract(context.Background(), f, fi.Size(), opts)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res
}

func pdftotext(t testing.TB, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: apt-get install poppler-utils")
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "-enc", "UTF-8", path, "-")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return out.String()
}

// TestAgreementWithPdftotext holds the reader to at least 0.99 character-level
// agreement with poppler's pdftotext on every text-layer PDF of corpus-real.
// Pages are compared one by one (pdftotext separates them with form feeds).
func TestAgreementWithPdftotext(t *testing.T) {
	opts := DefaultOptions()
	opts.OCR = false
	for _, path := range textLayerPDFs(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			res := extractFile(t, path, opts)
			ref := strings.Split(strings.TrimSuffix(pdftotext(t, path), "\f"), "\f")
			a := fileAgreement(res, ref)
			t.Logf("%s: agreement %.4f over %d pages", name, a, len(res.Pages))
			if a < 0.99 {
				t.Errorf("%s: agreement with pdftotext %.4f < 0.99", name, a)
			}
		})
	}
}

// fileAgreement weights each page's agreement by its length.
func fileAgreement(res Result, ref []string) float64 {
	var num, den float64
	for i := 0; i < max(len(res.Pages), len(ref)); i++ {
		var a, b string
		if i < len(res.Pages) {
			a = res.Pages[i].Text
		}
		if i < len(ref) {
			b = ref[i]
		}
		w := float64(len(normalizeWS(a)) + len(normalizeWS(b)))
		num += agreement(a, b) * w
		den += w
	}
	if den == 0 {
		return 1
	}
	return num / den
}

func sharedtestPath(t testing.TB, elem ...string) string { return sharedtest.Path(t, elem...) }

// TestHeaderLines checks what metadata extraction relies on in the real
// provincial documents: the number filled in by the e-office system reads on
// the same line as its code, the header columns come in pdftotext's order, and
// the e-signature stamp is kept.
func TestHeaderLines(t *testing.T) {
	dir := sharedtestPath(t, "corpus-real", "pdf", "text_layer")
	opts := DefaultOptions()
	opts.OCR = false
	for _, tc := range []struct {
		file  string
		lines []string // must appear as whole lines, in this order
	}{
		{"qn_tb_542_TB-UBND_2024.pdf", []string{"ttcbth@quangngai.gov.vn", "06.11.2024 09:27:05", "ỦY BAN NHÂN DÂN",
			"TỈNH QUẢNG NGÃI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"Số: 542 /TB-UBND", "Quảng Ngãi, ngày 06 tháng 11 năm 2024", "THÔNG BÁO"}},
		{"qn_cv_507_UBND-KGVX_2025.pdf", []string{"TRUNG TÂM CÔNG", "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Số: 507 /UBND-KGVX", "Quảng Ngãi, ngày 24 tháng 01 năm 2025", "V/v góp ý dự thảo Quyết định sửa",
			"Kính gửi: Sở Thông tin và Truyền thông", "Nơi nhận:", "TL. CHỦ TỊCH"}},
		{"cong_bao_BLTTHS_101_2015_QH13_p3.pdf", []string{"Ký bởi: Cổng Thông tin điện tử Chính phủ",
			"Thời gian ký: 12.01.2016 09:34:38 +07:00", "Luật số 101/2015/QH13 ngày 27 tháng 11 năm 2015"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res := extractFile(t, filepath.Join(dir, tc.file), opts)
			lines := strings.Split(res.Text(), "\n")
			at := 0
			for _, want := range tc.lines {
				found := false
				for ; at < len(lines); at++ {
					if lines[at] == want {
						found = true
						break
					}
				}
				if !found {
					t.Fatalf("line %q not found (in order) in:\n%s", want, strings.Join(lines[:min(40, len(lines))], "\n"))
				}
			}
		})
	}
}
