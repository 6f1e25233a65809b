package generate

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"vanthu/corpus"
	"vanthu/internal/sharedtest"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/*.golden.txt from the rendered PDFs")

// pdftotext extracts the text of a PDF with poppler, skipping the test when
// it is not installed.
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: skipping text checks")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), p, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %v: %v", args, err)
	}
	return string(out)
}

// normText trims line ends so that golden files do not depend on trailing
// blanks.
func normText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n\f") + "\n"
}

type goldenCase struct {
	name  string
	kind  string
	trip  corpus.Trip
	pages int
	notes Notes
}

func goldenCases() []goldenCase {
	return []goldenCase{
		{"state-proposal", "proposal", stateTrip(), 3, Notes{}},
		{"state-decision", "decision", decidedBy(stateTrip(), qnDecider), 2, Notes{}},
		{"state-report", "report", withActuals(stateTrip()), 3, Notes{}},
		{"party-proposal", "proposal", partyTrip(), 3, Notes{}},
		{"party-decision", "decision", decidedBy(partyTrip(), hnDecider), 2, hnNotes},
		{"tờ-trình-proposal", "proposal", toTrinhTrip(), 3, Notes{}},
		{"long-report", "report", longTrip(), 20, Notes{}},
	}
}

func TestGoldenText(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			g := newTestGenerator(t, eng)
			dir := outDir(t)
			for _, tc := range goldenCases() {
				t.Run(tc.name, func(t *testing.T) {
					pdf, err := g.RenderNotes(context.Background(), tc.kind, tc.trip, tc.notes)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, eng+"-"+tc.name+".pdf"), pdf, 0o644); err != nil {
						t.Fatal(err)
					}
					got := normText(pdftotext(t, pdf))
					if n := strings.Count(got, "\f") + 1; n != tc.pages {
						t.Errorf("%d pages, want %d", n, tc.pages)
					}
					golden := filepath.Join("testdata", tc.name+".golden.txt")
					if *updateGolden {
						if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run go test -update to create it)", err)
					}
					if got != string(want) {
						t.Errorf("text differs from %s (go test -update rewrites it):\n%s", golden, diffLines(string(want), got))
					}
					renderPNG(t, pdf, filepath.Join(dir, eng+"-"+tc.name))
				})
			}
		})
	}
}

// renderPNG renders page 1 at 60 dpi for a look (pdftoppm); the image is
// kept in the output directory ($VANTHU_GENERATE_OUT to keep it).
func renderPNG(t *testing.T, pdf []byte, prefix string) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Log("pdftoppm not installed: no PNG")
		return
	}
	p := prefix + ".pdf"
	if _, err := os.Stat(p); err != nil {
		if err := os.WriteFile(p, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(bin, "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", p, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	if fi, err := os.Stat(prefix + ".png"); err != nil || fi.Size() < 1000 {
		t.Fatalf("pdftoppm made no usable PNG: %v", err)
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < max(len(w), len(g)) && n < 12; i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, a, c)
			n++
		}
	}
	return b.String()
}

// TestExampleTrips renders every example trip shipped in examples/trips
// with every kind it has the data for.
func TestExampleTrips(t *testing.T) {
	root := sharedtest.Root(t)
	files, _ := filepath.Glob(filepath.Join(root, "examples", "trips", "*.yaml"))
	if len(files) == 0 {
		t.Skip("no examples/trips/*.yaml yet")
	}
	g := newTestGenerator(t)
	dir := outDir(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(b, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
			continue // not a trip (the history file is a list of past trips)
		}
		var trip corpus.Trip
		if err := yaml.Unmarshal(b, &trip); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		for _, k := range g.Kinds() {
			if k == "report" && trip.Report == nil {
				continue
			}
			name := strings.TrimSuffix(filepath.Base(f), ".yaml") + "-" + k
			pdf, err := g.Render(context.Background(), k, trip)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			text := pdftotext(t, pdf)
			for _, must := range mustContain(trip) {
				if !strings.Contains(squash(text), squash(must)) {
					t.Errorf("%s: text lacks %q", name, must)
				}
			}
		}
	}
}

// mustContain lists what every document of the trip shows.
func mustContain(t corpus.Trip) []string {
	out := []string{}
	if strings.EqualFold(t.Style, "party") {
		out = append(out, "ĐẢNG CỘNG SẢN VIỆT NAM")
	} else {
		out = append(out, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
	}
	if t.Signer.Name != "" {
		out = append(out, corpus.NFC(t.Signer.Name))
	}
	return out
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return spaces.ReplaceAllString(corpus.NFC(s), " ") }

// The deciding bodies of the golden decisions, as package check names them
// by default: the provincial People's Committee for a Sở, the Standing Board
// of the Thành ủy for one of its Ban.
var (
	qnDecider = corpus.Decider{Issuer: "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", Name: "Ủy ban nhân dân tỉnh Quảng Ninh", Code: "UBND",
		Signer: corpus.Signer{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Nguyễn Thị Hạnh"}}
	hnDecider = corpus.Decider{Issuer: "THÀNH ỦY HÀ NỘI", Name: "Ban Thường vụ Thành ủy Hà Nội", Code: "TU",
		Signer: corpus.Signer{Authority: "T/M BAN THƯỜNG VỤ", Title: "PHÓ BÍ THƯ", Name: "Nguyễn Văn Phong"}}
	// Công văn 4060-CV/BTCTU, mục 6: the report within 10 days.
	hnNotes = Notes{ReportDeadline: &Deadline{Days: 10, Recipients: []string{"Ban Tổ chức Thành ủy", "Sở Ngoại vụ"},
		Source: "mục 6 Công văn số 4060-CV/BTCTU ngày 31/05/2019 của Ban Tổ chức Thành ủy Hà Nội"}}
)

func decidedBy(t corpus.Trip, d corpus.Decider) corpus.Trip {
	t.Decider = &d
	return t
}
