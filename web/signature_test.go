package web_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"vanthu/generate"
	"vanthu/ingest"
	"vanthu/ingest/meta"
	"vanthu/ingest/pdfsig"
	"vanthu/ingest/plaintext"
	"vanthu/internal/democorpus"
	"vanthu/trip"
	"vanthu/web"
)

// signedLetter draws a letter with package generate and signs it with a
// throwaway certificate.
func signedLetter(t *testing.T) (unsigned, signed []byte) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: pkix.Name{CommonName: "Nguyễn Văn An"},
		NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	p12, err := pkcs12.Modern.Encode(key, cert, nil, "mk")
	if err != nil {
		t.Fatal(err)
	}
	trips := democorpus.Trips()
	tr, err := trip.Parse(trips[0].Data, trips[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	g, err := generate.New(generate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if unsigned, err = g.Render(context.Background(), "proposal", tr); err != nil {
		t.Fatal(err)
	}
	if signed, err = generate.Sign(unsigned, p12, "mk", generate.SignOptions{}); err != nil {
		t.Fatal(err)
	}
	return unsigned, signed
}

// The document page says truthfully what a file's signature is: a
// tampered signed PDF reads "chữ ký không hợp lệ", with a warning that it
// replaced a validly signed version; a typed e-signature block is "text
// only".
func TestDocumentPageShowsSignatureCheck(t *testing.T) {
	unsigned, signed := signedLetter(t)
	f := newFixture(t, func(c *web.Config) {
		p, err := meta.New(meta.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		letter := ingest.ExtractorFunc(func(context.Context, ingest.Input) (ingest.Extracted, error) {
			return ingest.Extracted{Text: "Số: 77/SNgV-LS\nV/v thử nghiệm ký số\nNội dung đoàn ra.\n", Extractor: "test"}, nil
		})
		pipe, err := ingest.New(ingest.Config{Store: c.Store, Parser: p, Signatures: pdfsig.Verifier{},
			Extractors: map[string]ingest.Extractor{ingest.FormatText: plaintext.Extractor{}, ingest.FormatPDF: letter}})
		if err != nil {
			t.Fatal(err)
		}
		c.Ingest = pipe
	})
	post := func(name string, data []byte) ingest.Result {
		t.Helper()
		req, _ := http.NewRequest("POST", f.srv.URL+"/api/ingest?name="+name, strings.NewReader(string(data)))
		req.Header.Set("Content-Type", "application/octet-stream")
		code, body := do(t, req)
		var out struct{ Results []ingest.Result }
		json.Unmarshal([]byte(body), &out)
		if code != 200 || len(out.Results) != 1 {
			t.Fatalf("%s: %d %s", name, code, body)
		}
		return out.Results[0]
	}
	res := post("cv77.pdf", signed)
	_, page, _ := f.get(t, "/documents/"+res.ID)
	if !strings.Contains(page, "Chữ ký số") || !strings.Contains(page, `badge pass">chữ ký hợp lệ`) || !strings.Contains(page, "Nguyễn Văn An") || !strings.Contains(page, "issuer not trusted") {
		t.Errorf("signed letter page:\n%s", page)
	}
	bad := []byte(string(signed))
	bad[len(unsigned)/2] ^= 0x01
	res = post("cv77.pdf", bad)
	if res.Status != "new-version" || len(res.Warnings) == 0 {
		t.Errorf("tampered upload: %+v", res)
	}
	_, page, _ = f.get(t, "/documents/"+res.ID)
	for _, want := range []string{"chữ ký không hợp lệ", "digest mismatch", "Cảnh báo:", "có chữ ký hợp lệ"} {
		if !strings.Contains(page, want) {
			t.Errorf("tampered page lacks %q", want)
		}
	}
	code, body, _ := f.get(t, "/api/documents/"+res.ID)
	var d struct {
		Source struct{ Signature struct{ Status string } }
	}
	json.Unmarshal([]byte(body), &d)
	if code != 200 || d.Source.Signature.Status != "invalid" {
		t.Errorf("API: %d %s", code, d.Source.Signature.Status)
	}
	res = post("ghi-chu.txt", []byte("Người ký: Sở Ngoại vụ\nEmail: sngv@quangninh.gov.vn\nCơ quan: Tỉnh Quảng Ninh\nThời gian ký: 05.01.2026 15:01:05 +07:00\nThông báo lịch họp.\n"))
	_, page, _ = f.get(t, "/documents/"+res.ID)
	if !strings.Contains(page, "chỉ là dòng chữ (text only)") || strings.Contains(page, `badge pass">chữ ký hợp lệ`) {
		t.Errorf("text-only page:\n%s", page)
	}
}
