package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/internal/sharedtest"
	"vanthu/web"
)

// The rules page lists every rule set in use with its source document.
func TestRulesPage(t *testing.T) {
	extra := check.RuleSet{ID: "office-set", Origin: check.OriginUser, Source: check.DocRef{Number: "99/KH-TEST", Type: "Kế hoạch", Issuer: "UBND tỉnh Lào Cai"},
		Jurisdiction: []string{"Lào Cai"}, Rules: []check.Rule{{Kind: "members-per-delegation", Limit: 5, Unit: "person", Item: "mục 1", Quote: "không quá 05 người/đoàn"}}}
	f := newFixture(t, func(c *web.Config) {
		c.RuleSets = func(context.Context) ([]check.RuleSet, error) {
			base, err := check.DefaultRules()
			return append(base, extra), err
		}
	})
	code, body, _ := f.get(t, "/rules")
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	for _, want := range []string{"38-CT/TW", "toàn quốc", "4060-CV/BTCTU", "Ban Tổ chức Thành ủy Hà Nội", "25/2025/TT-BGDĐT",
		`id="rs-office-set"`, "do đơn vị thêm", "99/KH-TEST", "không quá 05 người/đoàn", `href="/rules"`} {
		if !strings.Contains(body, want) {
			t.Errorf("rules page lacks %q", want)
		}
	}
}

// A draft asked for through the API comes as PDF or Word, issued by the
// deciding body, with the count of broken rules in a header.
func TestGenerateAPIDocxAndWarnings(t *testing.T) {
	f := newFixture(t, func(c *web.Config) {
		c.DraftNotes = func(tr corpus.Trip, n check.DraftNotes) (corpus.Trip, generate.Notes) {
			if tr.Decider == nil && n.DeciderFrom != "issuer" {
				d := n.Decider
				tr.Decider = &d
			}
			return tr, generate.Notes{}
		}
	})
	y, err := os.ReadFile(filepath.Join(sharedtest.Root(t), "examples", "trips", "hn-snnmt-qua-so-thanh-vien.yaml"))
	if err != nil {
		t.Skip("examples not found")
	}
	for _, format := range []string{"pdf", "docx"} {
		resp, err := http.Post(f.srv.URL+"/api/generate/decision?format="+format, "application/yaml", bytes.NewReader(y))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("X-Vanthu-Violations") != "1" {
			t.Fatalf("%s: %d, violations %q: %s", format, resp.StatusCode, resp.Header.Get("X-Vanthu-Violations"), b)
		}
		if format == "pdf" && !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Error("not a PDF")
		}
		if format == "docx" {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatalf("docx: %v", err)
			}
			var doc string
			for _, zf := range zr.File {
				if zf.Name == "word/document.xml" {
					rc, _ := zf.Open()
					x, _ := io.ReadAll(rc)
					rc.Close()
					doc = string(x)
				}
			}
			if !strings.Contains(doc, "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") || !strings.Contains(doc, "Xét đề nghị của Giám đốc Sở Nông nghiệp và Môi trường") {
				t.Errorf("docx decision not issued by the deciding body")
			}
		}
	}
}

// A trip loaded on the drafting page that breaks a rule shows a banner
// before anything is signed, and the page offers Word downloads.
func TestDraftPageWarnsBeforeSigning(t *testing.T) {
	f := newFixture(t, nil)
	_, page, _ := f.get(t, "/draft")
	if !strings.Contains(page, `value="docx-decision"`) {
		t.Error("no Word button on the drafting page")
	}
	i := strings.Index(page, `name="csrf" value="`)
	if i < 0 {
		t.Fatal("no csrf field on the drafting page")
	}
	csrf := page[i+len(`name="csrf" value="`):]
	csrf = csrf[:strings.IndexByte(csrf, '"')]
	y, err := os.ReadFile(filepath.Join(sharedtest.Root(t), "examples", "trips", "hn-snnmt-qua-so-thanh-vien.yaml"))
	if err != nil {
		t.Skip("examples not found")
	}
	form := url.Values{"csrf": {csrf}, "action": {"load"}, "trip_yaml": {string(y)}}
	resp, err := http.PostForm(f.srv.URL+"/draft", form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `id="sign-warning"`) || !strings.Contains(string(b), "không đạt 1 quy định") {
		t.Errorf("no warning banner:\n%s", b)
	}
	// A trip that keeps every rule gets none.
	y, _ = os.ReadFile(filepath.Join(sharedtest.Root(t), "examples", "trips", "hn-btctu-trung-quoc-dat.yaml"))
	form.Set("trip_yaml", string(y))
	resp, _ = http.PostForm(f.srv.URL+"/draft", form)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(b), `id="sign-warning"`) {
		t.Error("warning banner for a trip that keeps every rule")
	}
}
