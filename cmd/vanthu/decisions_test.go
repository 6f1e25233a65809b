package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vanthu/check"
	"vanthu/internal/sharedtest"
	"vanthu/trip"
)

var updateDecisions = flag.Bool("update-decisions", false, "rewrite testdata/decisions/*.golden.txt")

// The decision of every shipped example is issued by the deciding body (not
// the proposing unit), cites the proposal and states the report deadline
// of the applicable rule, in its unit; its text is kept as a golden file.
func TestExampleDecisionsGolden(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	dir := filepath.Join(sharedtest.Root(t), "examples", "trips")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	out := t.TempDir()
	data := t.TempDir()
	n := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if strings.HasPrefix(name, "history-") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(out, name+".pdf")
			if code, _, errs := vt(t, "generate", "decision", f, "-o", pdf, "--data", data); code != 0 {
				t.Fatalf("generate: %d %s", code, errs)
			}
			b, err := exec.Command(bin, "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			got := normLines(string(b))
			tr, err := trip.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			_, notes := check.Draft(tr, check.Options{})
			flat := strings.Join(strings.Fields(got), " ")
			// Issued by the decider: its name heads the page, not the unit's.
			if first := strings.SplitN(got, "\n", 2)[0]; notes.DeciderFrom != "issuer" && strings.HasPrefix(strings.ToUpper(tr.Issuer), first) {
				t.Errorf("decision headed by the proposing unit %q", first)
			}
			if !strings.Contains(flat, "Xét đề nghị của ") || !regexp.MustCompile(`tại (Công văn|Tờ trình) số \d+`).MatchString(flat) {
				t.Errorf("decision does not cite the proposal:\n%s", got)
			}
			if dl := notes.ReportDeadline; dl != nil {
				want := "Trong thời hạn " + strconv.Itoa(dl.Days) + " " + dl.UnitText() + " kể từ ngày kết thúc chuyến công tác"
				if !strings.Contains(flat, want) || !strings.Contains(flat, dl.Citation.Number) {
					t.Errorf("deadline: want %q citing %s in:\n%s", want, dl.Citation.Number, flat)
				}
			} else if regexp.MustCompile(`Trong thời hạn \d+`).MatchString(flat) {
				t.Errorf("a deadline no applicable rule states:\n%s", flat)
			}
			golden := filepath.Join("testdata", "decisions", name+".golden.txt")
			if *updateDecisions {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/vanthu -run TestExampleDecisionsGolden -update-decisions)", err)
			}
			if got != string(want) {
				t.Errorf("decision text differs from %s:\n%s", golden, got)
			}
		})
	}
	if n < 10 {
		t.Errorf("only %d examples", n)
	}
}

func normLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n\f") + "\n"
}

// Generating the drafts of a trip that breaks a rule warns on stderr before
// anyone signs, and the proposal asks the named authority for the exception
// the rule allows.
func TestGenerateWarnsAndAsksForException(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	f := filepath.Join(sharedtest.Root(t), "examples", "trips", "hn-snnmt-qua-so-thanh-vien.yaml")
	pdf := filepath.Join(t.TempDir(), "p.pdf")
	code, _, errs := vt(t, "generate", "proposal", f, "-o", pdf, "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("generate: %d %s", code, errs)
	}
	for _, want := range []string{"CẢNH BÁO trước khi ký: chuyến công tác không đạt 1 quy định",
		"[KHÔNG ĐẠT] Đoàn có 9 thành viên, vượt mức tối đa 7 người/đoàn", "căn cứ: mục 1 Công văn số 4060-CV/BTCTU"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	b, err := exec.Command(bin, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(b)), " ")
	want := "Về việc đoàn có 9 thành viên, vượt mức tối đa 7 người/đoàn: do yêu cầu công việc thật sự cần thiết, Sở Nông nghiệp và Môi trường thành phố Hà Nội kính đề nghị cấp có thẩm quyền (Thường trực Thành ủy Hà Nội) xem xét, cho phép theo quy định tại mục 1 Công văn số 4060-CV/BTCTU"
	if !strings.Contains(flat, want) {
		t.Errorf("proposal lacks the exception request:\n%s", flat)
	}
	// A trip that keeps every rule is drafted without a warning.
	good := filepath.Join(sharedtest.Root(t), "examples", "trips", "hn-btctu-trung-quoc-dat.yaml")
	if code, _, errs := vt(t, "generate", "proposal", good, "-o", pdf, "--data", t.TempDir()); code != 0 || strings.Contains(errs, "CẢNH BÁO") {
		t.Errorf("passing trip: %d %s", code, errs)
	}
}

// generate --format docx writes a Word document of each kind.
func TestGenerateDOCX(t *testing.T) {
	f := filepath.Join(sharedtest.Root(t), "examples", "trips", "qn-snv-nhat-han-dat.yaml")
	dir := t.TempDir()
	for _, kind := range []string{"proposal", "decision", "report"} {
		out := filepath.Join(dir, kind+".docx")
		if code, _, errs := vt(t, "generate", kind, f, "--format", "docx", "-o", out, "--data", dir); code != 0 {
			t.Fatalf("%s: %d %s", kind, code, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil || !strings.HasPrefix(string(b), "PK") {
			t.Errorf("%s: not a docx (zip): %v", kind, err)
		}
	}
	if code, _, _ := vt(t, "generate", "proposal", f, "--format", "odt", "--data", dir); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
}
