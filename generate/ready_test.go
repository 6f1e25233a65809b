package generate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runTool(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s (poppler-utils) not installed: skipping", tool)
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, p)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

// TestSignedReady checks what makes a generated PDF ready for signing
// tools: metadata, embedded font subsets, compressed streams, and an empty
// signature field over the signer's block.
func TestSignedReady(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			g := newTestGenerator(t, eng)
			pdf, err := g.Render(context.Background(), "proposal", stateTrip())
			if err != nil {
				t.Fatal(err)
			}
			info := runTool(t, pdf, "pdfinfo")
			for _, want := range []string{
				"Title:           Xin chủ trương cử đoàn đi công tác tại Nhật Bản và Hàn Quốc",
				"Subject:         xin chủ trương cử đoàn đi công tác nước ngoài",
				"Author:          Sở Ngoại vụ tỉnh Quảng Ninh",
				"Keywords:        đoàn ra, xin chủ trương, Nhật Bản, Hàn Quốc, Số 05/SNgV-LS",
				"Creator:         vanthu",
				"Form:            AcroForm",
				"Page size:       595.28 x 841.89 pts (A4)",
			} {
				if !strings.Contains(info, want) {
					t.Errorf("pdfinfo lacks %q:\n%s", want, info)
				}
			}
			// 09:30 at +07:00 is 02:30 UTC, which is how pdfinfo shows it.
			if !regexp.MustCompile(`CreationDate:\s+Mon Jan  5 02:30:00 2026 UTC`).MatchString(info) {
				t.Errorf("creation date not the configured clock:\n%s", info)
			}
			fonts := runTool(t, pdf, "pdffonts")
			n := 0
			for _, l := range strings.Split(fonts, "\n") {
				if strings.Contains(l, "LiberationSerif") {
					n++
					if !regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif\S*\s+CID TrueType\s+Identity-H\s+yes yes yes`).MatchString(l) {
						t.Errorf("font not an embedded Unicode subset: %q", l)
					}
				}
			}
			if n != 4 {
				t.Errorf("%d Liberation Serif faces, want 4:\n%s", n, fonts)
			}
			// Every stream of the current revision is compressed.
			pf, err := parsePDF(pdf)
			if err != nil {
				t.Fatal(err)
			}
			streams := 0
			for num, off := range pf.offsets {
				if off <= 0 {
					continue
				}
				v, err := pf.object(num)
				if err != nil {
					t.Fatal(err)
				}
				d, ok := v.(*pdfDict)
				if !ok || d.Get("Length") == nil {
					continue
				}
				streams++
				if f, _ := d.Get("Filter").(pdfName); f != "FlateDecode" {
					t.Errorf("object %d: stream not compressed: %v", num, d.keys)
				}
			}
			if streams < 10 {
				t.Errorf("only %d streams found", streams)
			}
			sig := runTool(t, pdf, "pdfsig")
			if !strings.Contains(sig, "Signature Field Name: "+SignatureFieldName) || !strings.Contains(sig, "not signed") {
				t.Errorf("no empty signature field:\n%s", sig)
			}
		})
	}
}
