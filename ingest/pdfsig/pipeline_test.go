package pdfsig_test

import (
	"context"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdfsig"
	"vanthu/ingest/plaintext"
)

const letterText = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 88/UBND-NV\nHạ Long, ngày 05 tháng 01 năm 2026\nV/v cử đoàn đi công tác nước ngoài\nKính gửi: Sở Ngoại vụ\nNội dung.\n"

const esignBlock = "Người ký: Ủy ban nhân dân tỉnh Quảng Ninh\nEmail: ubnd@quangninh.gov.vn\nCơ quan: Tỉnh Quảng Ninh\nThời gian ký: 05.01.2026 15:01:05 +07:00\n"

func pipeline(t *testing.T, v ingest.SignatureVerifier) (*ingest.Pipeline, *memstore.Store) {
	t.Helper()
	p, err := meta.New(meta.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	st := memstore.New()
	// The PDF's text is the letter's: both versions read the same, so the
	// tampered file is a new version of the same document.
	pdfText := ingest.ExtractorFunc(func(context.Context, ingest.Input) (ingest.Extracted, error) {
		return ingest.Extracted{Text: letterText, Extractor: "test"}, nil
	})
	pipe, err := ingest.New(ingest.Config{Store: st, Parser: p, Signatures: v,
		Extractors: map[string]ingest.Extractor{ingest.FormatText: plaintext.Extractor{}, ingest.FormatPDF: pdfText}})
	if err != nil {
		t.Fatal(err)
	}
	return pipe, st
}

// A text whose e-signature block has no signature behind it is "text
// only"; a text without one is unsigned.
func TestTextOnlySignatureBlock(t *testing.T) {
	pipe, _ := pipeline(t, pdfsig.Verifier{})
	ctx := context.Background()
	for _, tc := range []struct{ name, text, want string }{
		{"esign.txt", esignBlock + letterText, corpus.SignatureTextOnly},
		{"plain.txt", strings.Replace(letterText, "88/UBND", "89/UBND", 1), corpus.SignatureNone},
	} {
		res, err := pipe.Ingest(ctx, ingest.Input{Name: tc.name, Data: []byte(tc.text)})
		if err != nil {
			t.Fatal(err)
		}
		sig := res.Doc.Source.Signature
		if sig == nil || sig.Status != tc.want {
			t.Errorf("%s: %+v, want %s", tc.name, sig, tc.want)
		}
		if tc.want == corpus.SignatureTextOnly && res.Doc.ESign == nil {
			t.Errorf("%s: the e-signature block was not read", tc.name)
		}
	}
}

// A tampered copy of a signed letter is stored, as a new version marked
// invalid, with a warning that it replaced a validly signed version.
func TestTamperedVersionWarns(t *testing.T) {
	s := signed(t)
	pipe, st := pipeline(t, pdfsig.Verifier{})
	ctx := context.Background()
	res, err := pipe.Ingest(ctx, ingest.Input{Name: "upload/cv88.pdf", Data: s.pkcs7})
	if err != nil || res.Status != "stored" {
		t.Fatalf("%v %+v", err, res)
	}
	if sig := res.Doc.Source.Signature; sig == nil || sig.Status != corpus.SignatureValid || len(res.Warnings) != 0 {
		t.Fatalf("signed letter: %+v %v", sig, res.Warnings)
	}
	bad := append([]byte(nil), s.pkcs7...)
	bad[len(s.unsigned)/2] ^= 0x01
	res, err = pipe.Ingest(ctx, ingest.Input{Name: "upload/cv88.pdf", Data: bad})
	if err != nil || res.Status != "new-version" {
		t.Fatalf("%v %+v", err, res)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "không hợp lệ") || !strings.Contains(res.Warnings[0], "hợp lệ") {
		t.Errorf("warnings: %q", res.Warnings)
	}
	d, err := st.Get(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Versions) != 2 || d.Versions[0].Signature.Status != corpus.SignatureValid || d.Versions[1].Signature.Status != corpus.SignatureInvalid {
		t.Fatalf("versions: %+v", d.Versions)
	}
	if d.Source.Signature.Status != corpus.SignatureInvalid || !strings.Contains(d.Source.Signature.Signatures[0].Problem, "digest mismatch") {
		t.Errorf("current: %+v", d.Source.Signature)
	}
	// Without a verifier a PDF's signature is not claimed either way.
	pipe2, _ := pipeline(t, nil)
	if res, _ := pipe2.Ingest(ctx, ingest.Input{Name: "x.pdf", Data: s.pkcs7}); res.Doc.Source.Signature != nil {
		t.Errorf("no verifier: %+v", res.Doc.Source.Signature)
	}
}
