package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestErrors(t *testing.T) {
	small, err := os.ReadFile(filepath.Join("testdata", "tcvn3_vntime.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		data []byte
		opts func(*Options)
		want error
	}{
		{"html", []byte("<html><body>not a pdf</body></html>"), nil, ErrNotPDF},
		{"empty", nil, nil, ErrNotPDF},
		{"too large", small, func(o *Options) { o.MaxBytes = 100 }, ErrTooLarge},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), nil, ErrDamaged},
		{"encrypted", bytes.Replace(small, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 9 0 R"), 1), nil, ErrEncrypted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.OCR = false
			if tc.opts != nil {
				tc.opts(&opts)
			}
			_, err := Extract(ctx, bytes.NewReader(tc.data), int64(len(tc.data)), opts)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var pe *Error
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "pdftext: ") {
				t.Errorf("error %q is not a *pdftext.Error with the package prefix", err)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "maroto_vi.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.OCR = false
	opts.Timeout = time.Nanosecond
	_, err = Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
}

func TestMaxPages(t *testing.T) {
	lines := make([]string, 120) // maroto breaks these onto several pages
	for i := range lines {
		lines[i] = "Điều khoản thi hành"
	}
	data := makeMarotoPDF(t, lines)
	opts := DefaultOptions()
	opts.OCR = false
	opts.MaxPages = 1
	_, err := Extract(context.Background(), bytes.NewReader(data), int64(len(data)), opts)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
}

func TestNewValidates(t *testing.T) {
	if _, err := New(DefaultOptions()); err != nil {
		t.Fatalf("New(DefaultOptions()): %v", err)
	}
	for _, mod := range []func(*Options){
		func(o *Options) { o.OCRLanguage = "-psm 0" },
		func(o *Options) { o.OCRDPI = 5000 },
		func(o *Options) { o.MaxBytes = -1 },
		func(o *Options) { o.MinQuality = 2 },
	} {
		o := DefaultOptions()
		mod(&o)
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) accepted invalid options", o)
		}
	}
}
