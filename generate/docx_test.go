package generate

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"vanthu/templates"
)

// docxText reads a .docx back: the text of word/document.xml, one line per
// paragraph (runs joined, table cells in order).
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	var doc []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(f.Name, ".rels") && strings.HasSuffix(f.Name, ".xml") {
			// Every part must be well-formed XML.
			d := xml.NewDecoder(bytes.NewReader(body))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
			}
		}
		if f.Name == "word/document.xml" {
			doc = body
		}
	}
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	var out strings.Builder
	d := xml.NewDecoder(bytes.NewReader(doc))
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			inText = x.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if x.Name.Local == "p" {
				out.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				out.Write(x)
			}
		}
	}
	return out.String()
}

// words is a text's words, sorted: the PDF's text comes out of pdftotext in
// the order of lines on the page (the header's and the closing block's two
// columns interleave), the document's in the order of paragraphs, so the
// two are compared word for word regardless of order.
func words(s string) []string {
	w := strings.Fields(s)
	sort.Strings(w)
	return w
}

// pdfWords is the PDF's text in content order (-raw: pdftotext's default
// mode joins a line ending in " -" with the next as if it were a hyphenated
// word) without the page numbers, which the .docx keeps in its page header:
// on each page after the first, one line holding only a number no larger
// than the page count.
func pdfWords(t *testing.T, pdf []byte) ([]string, int) {
	txt := pdftotext(t, pdf, "-raw")
	pages := strings.Split(strings.TrimRight(txt, "\f"), "\f")
	var keep []string
	for i, p := range pages {
		lines := strings.Split(p, "\n")
		if i > 0 {
			for j, l := range lines {
				if n, err := strconv.Atoi(strings.TrimSpace(l)); err == nil && n >= 1 && n <= len(pages) {
					lines = append(lines[:j:j], lines[j+1:]...)
					break
				}
			}
		}
		keep = append(keep, lines...)
	}
	return words(strings.Join(keep, "\n")), len(pages)
}

type docxCase struct {
	name  string
	kind  string
	trip  tripT
	notes Notes
}

func docxCases() []docxCase {
	return []docxCase{
		{"state-proposal", "proposal", stateTrip(), Notes{}},
		{"state-decision", "decision", decidedBy(stateTrip(), qnDecider), Notes{}},
		{"state-report", "report", withActuals(stateTrip()), Notes{}},
		{"party-decision", "decision", decidedBy(partyTrip(), hnDecider), hnNotes},
		{"tờ-trình-proposal", "proposal", toTrinhTrip(), Notes{}},
		{"party-proposal", "proposal", partyTrip(), Notes{}},
		{"long-report", "report", longTrip(), Notes{}},
	}
}

// The .docx holds the same letter as the PDF: the same words, as many times.
func TestDOCXTextEqualsPDF(t *testing.T) {
	g := newTestGenerator(t)
	for _, tc := range docxCases() {
		t.Run(tc.name, func(t *testing.T) {
			pdf, err := g.RenderNotes(context.Background(), tc.kind, tc.trip, tc.notes)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := g.RenderDOCX(context.Background(), tc.kind, tc.trip, tc.notes)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := pdfWords(t, pdf)
			got := words(docxText(t, doc))
			// The PDF prints a table's header rows again on every page it
			// continues on; the .docx marks them to repeat (w:tblHeader), so
			// its text holds them once. Only whole copies of them may differ.
			tc := tc
			_, d, err := g.document(context.Background(), tc.kind, &tc.trip, tc.notes)
			if err != nil {
				t.Fatal(err)
			}
			var th []string
			for _, b := range d.Blocks {
				if b.Op == templates.OpTH {
					th = append(th, strings.Fields(strings.ReplaceAll(strings.Join(b.Cells, " "), "**", ""))...)
				}
			}
			if !sameUpToRepeats(want, got, th) {
				t.Errorf("docx text differs from the PDF's:\n%s", diffWords(want, got))
			}
			again, _ := g.RenderDOCX(context.Background(), tc.kind, tc.trip, tc.notes)
			if !bytes.Equal(doc, again) {
				t.Error("two renders of the same docx differ")
			}
		})
	}
}

// sameUpToRepeats reports whether want has exactly got's words plus k
// more copies of the header rows' words, for one k >= 0.
func sameUpToRepeats(want, got, header []string) bool {
	extra := map[string]int{}
	for _, w := range want {
		extra[w]++
	}
	for _, w := range got {
		extra[w]--
	}
	per := map[string]int{}
	for _, w := range header {
		per[w]++
	}
	k := -1
	for w, n := range extra {
		if n == 0 {
			continue
		}
		if per[w] == 0 || n < 0 || n%per[w] != 0 || (k >= 0 && n/per[w] != k) {
			return false
		}
		k = n / per[w]
	}
	if k > 0 {
		for w, n := range per {
			if extra[w] != k*n {
				return false
			}
		}
	}
	return true
}

// diffWords lists the words one side has more of.
func diffWords(want, got []string) string {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, w := range got {
		count[w]--
	}
	var b strings.Builder
	for w, n := range count {
		if n > 0 {
			b.WriteString("  only in PDF: " + w + "\n")
		} else if n < 0 {
			b.WriteString("  only in docx: " + w + "\n")
		}
	}
	return b.String()
}

// LibreOffice opens the .docx and lays it out on as many pages as the PDF
// (Times New Roman falls back to Liberation Serif, whose metrics the PDF
// uses). soffice is required where VANTHU_REQUIRE_SOFFICE is set (.ci/run
// installs it); elsewhere the test skips without it.
func TestDOCXPagesInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("VANTHU_REQUIRE_SOFFICE") != "" {
			t.Fatal("soffice (LibreOffice) not found but VANTHU_REQUIRE_SOFFICE is set")
		}
		t.Skip("soffice (LibreOffice) not installed")
	}
	g := newTestGenerator(t)
	dir := outDir(t)
	var docs []string
	want := map[string]int{}
	for _, tc := range docxCases() {
		pdf, err := g.RenderNotes(context.Background(), tc.kind, tc.trip, tc.notes)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := g.RenderDOCX(context.Background(), tc.kind, tc.trip, tc.notes)
		if err != nil {
			t.Fatal(err)
		}
		_, want[tc.name] = pdfWords(t, pdf)
		p := filepath.Join(dir, "docx-"+tc.name+".docx")
		if err := os.WriteFile(p, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, p)
	}
	outPDF := filepath.Join(dir, "lo")
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", outPDF}, docs...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, tc := range docxCases() {
		b, err := os.ReadFile(filepath.Join(outPDF, "docx-"+tc.name+".pdf"))
		if err != nil {
			t.Fatalf("%s: LibreOffice wrote no PDF: %v", tc.name, err)
		}
		got := strings.Count(strings.TrimRight(pdftotext(t, b), "\f"), "\f") + 1
		if got != want[tc.name] {
			t.Errorf("%s: LibreOffice lays the docx out on %d pages, the PDF has %d", tc.name, got, want[tc.name])
		}
		if txt := pdftotext(t, b); !strings.Contains(txt, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && !strings.Contains(txt, "ĐẢNG CỘNG SẢN VIỆT NAM") {
			t.Errorf("%s: LibreOffice's PDF lacks the header:\n%s", tc.name, txt)
		}
	}
}
