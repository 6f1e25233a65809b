package crawl

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

func FuzzLoadSources(f *testing.F) {
	for _, p := range []string{examplesFile, filepath.Join("testdata", "songoaivu.yaml")} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("sources:\n  - name: a\n    start: [https://x/]\n    links: {document: {patterns: ['(']}}\n"))
	f.Add([]byte("sources: [{name: a, start: ['http://[::1]:80/'], allowed_hosts: ['*.']}]"))
	f.Add([]byte("sources: &a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := ParseSources("fuzz.yaml", data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for i := range srcs {
			s := &srcs[i]
			if seen[s.Name] {
				t.Fatalf("duplicate name %q accepted", s.Name)
			}
			seen[s.Name] = true
			if err := s.Validate(); err != nil {
				t.Fatalf("accepted source fails Validate: %v", err)
			}
			for _, st := range s.Start {
				u, err := url.Parse(st)
				if err != nil || !s.compiled.hostAllowed(u) {
					t.Fatalf("start %q not on an allowed host", st)
				}
				if CanonicalURL(st) == "" {
					t.Fatalf("start %q has no canonical form", st)
				}
			}
		}
	})
}

// FuzzReadPage: any bytes as a page never crash the link and field reader.
func FuzzReadPage(f *testing.F) {
	for _, p := range []string{"list-1.html", "doc-kh-12.html", "doc-tb-1160.utf8.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", "site", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html; charset=utf-8")
	}
	f.Add([]byte("<a href=\"javascript:downloadfile('a','/x.pdf')\">"), "text/html; charset=windows-1258")
	srcs, err := LoadSources(filepath.Join("testdata", "songoaivu.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	src := &srcs[0]
	base, _ := url.Parse("http://songoaivu.test/tin-tuc/van-ban-chi-dao.html")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		info, err := readPage(src, base, body, ctype, true)
		if err != nil {
			return
		}
		for _, l := range info.links {
			u, err := url.Parse(l.URL)
			if err != nil || !src.compiled.hostAllowed(u) {
				t.Fatalf("link %q off the allowed hosts", l.URL)
			}
		}
	})
}
