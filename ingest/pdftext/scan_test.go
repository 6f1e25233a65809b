package pdftext

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestScansOCR reads the three scans of corpus-real (image pages whose only
// text layer is the e-signature stamp) with tesseract. The printed parts of
// the header are found; the numbers and days written by hand after signing
// (2191, 07, 575 and the days) are not read by tesseract, so the result must
// carry a warning on the number: either that it was read from handwriting
// (the handwriting pass, TestScansHandwriting checks the values) or that it
// could not be read, never a wrong number passed on silently.
func TestScansOCR(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	dir := sharedtestPath(t, "corpus-real", "pdf", "scanned")
	opts := DefaultOptions()
	if tools := findOCRTools(context.Background(), opts); tools.problem != "" {
		t.Skipf("OCR unavailable: %s", tools.problem)
	}
	for _, tc := range []struct {
		file  string
		want  []string // printed text the OCR must find
		stamp string   // text-layer stamp kept in the text
	}{
		{"cv_2191_CT-CS_cuc_thue_2026.pdf", []string{"/CT-CS", "năm 2026", "gửi: Thuế", "Cục Thuế"}, "Thời gian ký: 08.04.2026"},
		{"qn_chi_thi_07_CT-UBND_2018_scan.pdf", []string{"/CT-UBND", "năm 2018", "CHỈ THỊ"}, "21.03.2018 16:41:00 +07:00"},
		{"qn_cv_575_UBND_scan.pdf", []string{"/UBND-KTTH", "tháng 02 năm 2025", "Kính gửi: Sở Tài chính"}, "05.02.2025 15:35:18 +07:00"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res := extractScan(t, filepath.Join(dir, tc.file), opts)
			if res.Status != "ok" || res.Extractor != ExtractorTextOCR {
				t.Fatalf("status %s extractor %q message %q, want ok and %q", res.Status, res.Extractor, res.Message, ExtractorTextOCR)
			}
			text := res.Text()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("OCR text lacks %q", w)
				}
			}
			if !strings.Contains(text, tc.stamp) {
				t.Errorf("the e-signature stamp %q was dropped", tc.stamp)
			}
			p := res.Pages[0]
			if p.Source != SourceOCR || p.OCRConfidence <= 0 {
				t.Errorf("page 1 source %s confidence %.1f, want ocr and > 0", p.Source, p.OCRConfidence)
			}
			flagged := false
			for _, w := range p.Warnings {
				if strings.Contains(w, "document number") {
					flagged = true
				}
			}
			if !flagged {
				t.Errorf("the hand-written number was not flagged; warnings: %q", p.Warnings)
			}
			t.Logf("%s: %d pages, confidence p1 %.1f, quality %.3f, warnings %q", tc.file, len(res.Pages), p.OCRConfidence, res.Quality, p.Warnings)
		})
	}
}

// TestNeedsOCRWithoutTesseract: with tesseract absent the scan is reported
// needs-ocr with the install command, not failed or empty.
func TestNeedsOCRWithoutTesseract(t *testing.T) {
	dir := sharedtestPath(t, "corpus-real", "pdf", "scanned")
	opts := DefaultOptions()
	opts.TesseractPath = filepath.Join(t.TempDir(), "no-tesseract")
	res := extractFile(t, filepath.Join(dir, "qn_cv_575_UBND_scan.pdf"), opts)
	if res.Status != "needs-ocr" || !strings.Contains(res.Message, "apt-get install tesseract-ocr tesseract-ocr-vie") {
		t.Errorf("status %s message %q, want needs-ocr with the install command", res.Status, res.Message)
	}
	if !strings.Contains(res.Text(), "ttcbth@quangngai.gov.vn") {
		t.Errorf("the stamp text layer was lost: %q", res.Text())
	}
}

// TestNeedsOCRWithoutLanguage: tesseract without the requested traineddata
// gives needs-ocr and the package to install.
func TestNeedsOCRWithoutLanguage(t *testing.T) {
	if _, err := lookPath("", "tesseract"); err != nil {
		t.Skip("tesseract not installed")
	}
	dir := sharedtestPath(t, "corpus-real", "pdf", "scanned")
	opts := DefaultOptions()
	opts.OCRLanguage = "vie+zzz"
	res := extractFile(t, filepath.Join(dir, "qn_cv_575_UBND_scan.pdf"), opts)
	if res.Status != "needs-ocr" || !strings.Contains(res.Message, "tesseract-ocr-zzz") {
		t.Errorf("status %s message %q, want needs-ocr naming tesseract-ocr-zzz", res.Status, res.Message)
	}
	if res.Pages[0].Source != SourceNone {
		t.Errorf("page source %s, want none", res.Pages[0].Source)
	}
}
