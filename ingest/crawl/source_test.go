package crawl

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/internal/sharedtest"
)

const examplesFile = "../../examples/sources.yaml"

func TestLoadExampleSources(t *testing.T) {
	srcs, err := LoadSources(examplesFile)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range srcs {
		names[s.Name] = true
		if _, err := ScheduleInterval(s.Schedule); err != nil || s.Schedule == "" {
			t.Errorf("%s: schedule %q: %v", s.Name, s.Schedule, err)
		}
	}
	for _, n := range []string{"songoaivu-quangninh", "vbpl-trung-uong", "vbpl-thuoc-tinh"} {
		if !names[n] {
			t.Errorf("examples lack source %s", n)
		}
	}
}

func TestLoadSourcesErrors(t *testing.T) {
	ok := "  - name: a\n    start: [https://x.gov.vn/]\n"
	for _, tc := range []struct {
		name, yaml string
		want       []string // substrings of the error
	}{
		{"empty", "", []string{"empty"}},
		{"no sources", "sources: []\n", []string{"sources", "no sources"}},
		{"unknown field", "sources:\n  - name: a\n    strat: [https://x/]\n", []string{"strat"}},
		{"no name", "sources:\n  - start: [https://x.gov.vn/]\n", []string{"#1", "name", "missing"}},
		{"bad name", "sources:\n  - name: 'a b'\n    start: [https://x/]\n", []string{"name", "letters"}},
		{"no start", "sources:\n  - name: a\n", []string{"source a", "start", "no start URL"}},
		{"relative start", "sources:\n  - name: a\n    start: [/tin-tuc]\n", []string{"start[0]", "absolute"}},
		{"start off host", "sources:\n  - name: a\n    start: [https://x.gov.vn/]\n    allowed_hosts: [y.gov.vn]\n", []string{"start[0]", "allowed_hosts"}},
		{"host with scheme", "sources:\n  - name: a\n    start: [https://x/]\n    allowed_hosts: ['https://x/']\n", []string{"allowed_hosts[0]"}},
		{"bad regexp", "sources:\n" + ok + "    links:\n      document:\n        patterns: ['(']\n", []string{"source a", "links.document.patterns[0]", "regular expression"}},
		{"bad selector", "sources:\n" + ok + "    links:\n      list:\n        selectors: ['a[']\n", []string{"links.list.selectors[0]", "CSS"}},
		{"bad skip", "sources:\n" + ok + "    links:\n      skip: ['[']\n", []string{"links.skip[0]"}},
		{"bad mode", "sources:\n" + ok + "    page:\n      mode: magic\n", []string{"page.mode", "auto or selectors"}},
		{"selectors without any", "sources:\n" + ok + "    page:\n      mode: selectors\n", []string{"page", "no selector"}},
		{"bad field selector", "sources:\n" + ok + "    page:\n      fields:\n        x: 'td:contains('\n", []string{"page.fields.x"}},
		{"bad delay", "sources:\n" + ok + "    delay: soon\n", []string{"delay", "duration"}},
		{"negative depth", "sources:\n" + ok + "    max_depth: -1\n", []string{"max_depth"}},
		{"bad schedule", "sources:\n" + ok + "    schedule: sometimes\n", []string{"schedule", "daily"}},
		{"duplicate", "sources:\n" + ok + ok, []string{"name", "twice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sources.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadSources(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInvalidSource) {
				t.Errorf("%v is not ErrInvalidSource", err)
			}
			var se *SourceError
			if !errors.As(err, &se) || se.File != path {
				t.Errorf("%v: want a *SourceError naming %s", err, path)
			}
			for _, w := range append(tc.want, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	if _, err := LoadSources(filepath.Join(t.TempDir(), "missing.yaml")); !errors.Is(err, os.ErrNotExist) || !errors.Is(err, ErrInvalidSource) {
		t.Errorf("missing file: %v", err)
	}
}

func TestHostAllowed(t *testing.T) {
	s := Source{Name: "h", Start: []string{"https://songoaivu.quangninh.gov.vn/"}, AllowedHosts: []string{"songoaivu.quangninh.gov.vn", "*.vbpl.vn", "127.0.0.1:8080"}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]bool{
		"https://songoaivu.quangninh.gov.vn/x":      true,
		"https://songoaivu.quangninh.gov.vn:8443/x": true,
		"https://evil.songoaivu.quangninh.gov.vn/":  false,
		"https://vbpl.vn/a":                         true,
		"https://www.vbpl.vn/a":                     true,
		"https://notvbpl.vn/a":                      false,
		"http://127.0.0.1:8080/":                    true,
		"http://127.0.0.1:8081/":                    false,
	} {
		pu, _ := url.Parse(u)
		if got := s.compiled.hostAllowed(pu); got != want {
			t.Errorf("%s allowed = %v, want %v", u, got, want)
		}
	}
}

// The example sources read the real vbpl.vn pages in ../shared/corpus-real.
func TestExampleSourcesOnRealPages(t *testing.T) {
	dir := sharedtest.Path(t, "corpus-real/html")
	srcs, err := LoadSources(examplesFile)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Source{}
	for i := range srcs {
		byName[srcs[i].Name] = &srcs[i]
	}
	read := func(src, file, pageURL string) pageInfo {
		t.Helper()
		body, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		pu, _ := url.Parse(pageURL)
		info, err := readPage(byName[src], pu, body, "text/html; charset=utf-8", true)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}

	old := read("vbpl-thuoc-tinh", "vbpl_vn_old/vbpl_thuoctinh.html", "https://vbpl.vn/TW/Pages/vbpq-thuoctinh.aspx?dvid=13&ItemID=96172")
	for k, want := range map[string]string{"number": "101/2015/QH13", "date": "2015-11-27", "type": "Bộ luật"} {
		if old.fields[k] != want {
			t.Errorf("vbpl thuộc tính: %s = %q, want %q", k, old.fields[k], want)
		}
	}
	atts := 0
	for _, l := range old.links {
		if l.Kind == KindAttachment {
			atts++
			if !strings.Contains(l.URL, "/Lists/vbpq/Attachments/96172/") {
				t.Errorf("attachment %s", l.URL)
			}
		}
	}
	if atts != 4 { // 101.2015.QH13.doc and VanBanGoc P1, P2, P3 .pdf, all javascript:downloadfile links
		t.Errorf("%d attachments on the thuộc tính page, want 4: %v", atts, old.links)
	}

	cur := read("vbpl-trung-uong", "vbpl_vn_2026/doc_000565.html", "https://vbpl.vn/van-ban/chi-tiet/184824")
	if got := cur.fields["title"]; !strings.HasPrefix(got, "Thông tư số 25/2025/TT-BGDĐT ban hành Quy chế quản lý việc đi công tác nước ngoài") {
		t.Errorf("vbpl 2026 title %q", got)
	}
	if got := cur.fields["effective"]; got != "13/01/2025" {
		t.Errorf("vbpl 2026 effective date %q (the portal's, kept apart from the date of issue)", got)
	}
	for _, l := range cur.links {
		if strings.Contains(l.URL, "/_next/") {
			t.Errorf("followed an asset: %s", l.URL)
		}
	}
}
