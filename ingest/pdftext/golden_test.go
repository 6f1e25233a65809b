package pdftext

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden.txt from the current output")

// TestGolden compares the text of every text-layer PDF of corpus-real with
// testdata/golden/<name>.golden.txt (refresh with go test -run TestGolden -update,
// then read the diff). The small fixtures in testdata are checked the same way.
func TestGolden(t *testing.T) {
	opts := DefaultOptions()
	opts.OCR = false
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	for _, path := range files {
		checkGolden(t, path, opts)
	}
	// the corpus-real PDFs: skipped (alone) when the shared material is absent
	t.Run("corpus-real", func(t *testing.T) {
		for _, path := range textLayerPDFs(t) {
			checkGolden(t, path, opts)
		}
	})
}

func checkGolden(t *testing.T, path string, opts Options) {
	t.Helper()
	{
		name := strings.TrimSuffix(filepath.Base(path), ".pdf")
		t.Run(name, func(t *testing.T) {
			res := extractFile(t, path, opts)
			got := res.Text() + "\n"
			golden := filepath.Join("testdata", "golden", name+".golden.txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal([]byte(got), want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from %s at line %d:\n got: %q\nwant: %q", name, golden, i+1, g, w)
					}
				}
			}
		})
	}
}

// TestWriteFixtures regenerates the small PDFs of testdata (fuzz seeds and
// golden fixtures) with -update: a maroto PDF in Vietnamese and two
// hand-written PDFs in TCVN3 and VNI fonts.
func TestWriteFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/*.pdf")
	}
	lines := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/UBND-NV", "Kính gửi: Sở Ngoại vụ"}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("maroto_vi.pdf", makeMarotoPDF(t, lines))
	write("maroto_core.pdf", makeMarotoCorePDF(t, []string{"UY BAN NHAN DAN TINH QUANG NGAI", "So: 12/UBND-NV", "Kinh gui: So Ngoai vu"}))
	write("tcvn3_vntime.pdf", makeSimplePDF(".VnTime", tcvn3Lines(lines)))
	write("vni_times.pdf", makeSimplePDF("VNI-Times", vniLines(lines)))
}
