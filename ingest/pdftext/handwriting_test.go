package pdftext

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/ingest/meta"
)

// TestScansHandwriting reads the three scans of corpus-real, whose number
// and day were written in ink after signing, through OCR, the handwriting
// pass and metadata extraction, and checks the số ký hiệu and date that
// ingest would store against what the scans show. A field the pass cannot
// read must be flagged on the page, never filled in wrong.
func TestScansHandwriting(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	dir := sharedtestPath(t, "corpus-real", "pdf", "scanned")
	opts := DefaultOptions()
	if tools := findOCRTools(context.Background(), opts); tools.problem != "" {
		t.Skipf("OCR unavailable: %s", tools.problem)
	}
	mp, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		// number is the số ký hiệu on the scan; numberRead says whether
		// the pass reads it (if not, the page must say it could not).
		number     string
		numberRead bool
		date       string
		// warnings the page must carry (substrings).
		warns []string
	}{
		{
			file: "cv_2191_CT-CS_cuc_thue_2026.pdf", number: "2191/CT-CS", numberRead: true, date: "2026-04-08",
			warns: []string{`document number "2191/CT-CS" was read from handwriting`, `the day "08" of the date 2026 was read from handwriting`, `the month "4" of the date 2026 was read from handwriting`},
		},
		{
			file: "qn_chi_thi_07_CT-UBND_2018_scan.pdf", number: "07/CT-UBND", numberRead: true, date: "2018-03-20",
			warns: []string{`document number "07/CT-UBND" was read from handwriting`, `the day "20" of the date 2018 was read from handwriting`},
		},
		{
			file: "qn_cv_575_UBND_scan.pdf", number: "575/UBND-KTTH", numberRead: true, date: "2025-02-04",
			warns: []string{`document number "575/UBND-KTTH" was read from handwriting`, `the day "04" of the date 2025 was read from handwriting`},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res := extractScan(t, filepath.Join(dir, tc.file), opts)
			doc := mp.Parse(res.Text())
			p := res.Pages[0]
			t.Logf("number %q date %s; warnings %q", doc.Number, doc.Date, p.Warnings)
			if tc.numberRead && doc.Number != tc.number {
				t.Errorf("number %q, want %q", doc.Number, tc.number)
			}
			if !tc.numberRead && doc.Number == tc.number {
				t.Errorf("number %q read: the test expects it unread, update it", doc.Number)
			}
			if !tc.numberRead && doc.Number != "" {
				t.Errorf("number %q stored though the handwriting could not be read", doc.Number)
			}
			if doc.Date.String() != tc.date {
				t.Errorf("date %s, want %s", doc.Date, tc.date)
			}
			for _, w := range tc.warns {
				if !strings.Contains(strings.Join(p.Warnings, "\n"), w) {
					t.Errorf("no warning %q in %q", w, p.Warnings)
				}
			}
			for _, w := range p.Warnings {
				if strings.Contains(w, "from handwriting") && !strings.Contains(w, "check it against the scan") {
					t.Errorf("warning %q does not tell the archivist to check the scan", w)
				}
			}
		})
	}
}
