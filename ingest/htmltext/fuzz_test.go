package htmltext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzExtract: never panics (a recovered panic would show as ErrPanic, which
// is a failure too); the text is valid NFC UTF-8; errors are *Error.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "https://example.gov.vn/tin-tuc/1.html", "")
		}
	}
	f.Add([]byte(`<table><tr><td><li><table><tr><th>x</th></tr></table></li></td></tr></table>`), "", "text/html; charset=windows-1258")
	f.Add([]byte(`<div class="box-tab-vb"><a href="/vbpq-x">x</a><a href="javascript:downloadfile('a','/b c.pdf')">t</a></div>`), "https://vbpl.vn/", "")
	f.Add([]byte(`<base href="::"><a href="%zz.pdf">x</a><pre>a
b</pre>`), "http://[::1", "")
	f.Fuzz(func(t *testing.T, b []byte, pageURL, contentType string) {
		res, err := Extract(context.Background(), b, pageURL, contentType, DefaultOptions())
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if errors.Is(err, ErrPanic) {
				t.Fatalf("panic: %v", err)
			}
			return
		}
		for _, s := range []string{res.Text, res.Title} {
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Fatalf("not valid NFC: %q", s)
			}
		}
		if strings.Contains(res.Text, "\n\n") {
			t.Fatalf("empty line in text: %q", res.Text)
		}
	})
}
