package pdftext

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMarotoRoundTrip: a PDF made by maroto (gofpdf underneath, Identity-H
// fonts with the <0000> <FFFF> <0000> ToUnicode range that the pdf library
// decodes as "CØNG HÒA") reads back exactly, line by line.
func TestMarotoRoundTrip(t *testing.T) {
	lines := vietnameseLines()
	data := makeMarotoPDF(t, lines)
	path := filepath.Join(t.TempDir(), "vi.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.OCR = false
	res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	got := strings.Split(res.Text(), "\n")
	if len(got) != len(lines) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(lines), res.Text())
	}
	for i := range lines {
		if got[i] != lines[i] {
			t.Errorf("line %d: got %q, want %q", i+1, got[i], lines[i])
		}
	}
	if res.Status != "ok" || res.Quality < 0.99 {
		t.Errorf("status %s quality %.3f, want ok and >= 0.99", res.Status, res.Quality)
	}
}

func TestLegacyFonts(t *testing.T) {
	want := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
		"Xét đề nghị của Giám đốc Sở Ngoại vụ về việc cử đoàn đi công tác nước ngoài."}
	opts := DefaultOptions()
	opts.OCR = false
	for _, tc := range []struct {
		name, font string
		lines      []string
		expect     []string
	}{
		// Capitals with tones are drawn with .VnTimeH in real documents; a
		// single .VnTime font can only carry lower-case toned letters.
		{"tcvn3", ".VnTime", tcvn3Lines(want), lowerFirst(want)},
		{"tcvn3-unnamed", "TimesNewRoman", tcvn3Lines(want), lowerFirst(want)},
		{"vni", "VNI-Times", vniLines(want), want},
		{"vni-unnamed", "Times-Roman", vniLines(want), want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := makeSimplePDF(tc.font, tc.lines)
			res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(res.Text(), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.expect, "\n") {
				t.Errorf("got\n%s\nwant\n%s", res.Text(), strings.Join(tc.expect, "\n"))
			}
			if len(res.Pages) == 1 && len(res.Pages[0].Warnings) == 0 {
				t.Errorf("no warning says the font was decoded as a legacy encoding")
			}
		})
	}
}

func lowerFirst(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = expectTCVN3(l)
	}
	return out
}

func tcvn3Lines(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = toTCVN3(l)
	}
	return out
}

// TestRotatedText: a landscape table drawn with a rotated text matrix reads
// as lines of words, not as one run of letters.
func TestRotatedText(t *testing.T) {
	content := "BT /F1 12 Tf 0 1 -1 0 100 100 Tm (Danh sach doan ra) Tj ET\n" +
		"BT /F1 12 Tf 0 1 -1 0 120 100 Tm (Ho va ten) Tj 0 0 Td (   ) Tj ET\n" +
		"BT /F1 12 Tf 72 760 Td (Phu luc I) Tj ET\n"
	data := makeRawPDF("Helvetica", content)
	opts := DefaultOptions()
	opts.OCR = false
	res, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "Phu luc I\nDanh sach doan ra\nHo va ten"
	if res.Text() != want {
		t.Errorf("got %q, want %q", res.Text(), want)
	}
}
