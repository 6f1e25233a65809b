package generate

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// testP12 makes a self-signed signing certificate and its PKCS#12 file.
func testP12(t testing.TB, password string) []byte {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(20260105),
		Subject:      pkix.Name{CommonName: "Nguyễn Văn An", Organization: []string{"Sở Ngoại vụ tỉnh Quảng Ninh"}, Country: []string{"VN"}},
		NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	p12, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	return p12
}

// pdfsigResult is what poppler's pdfsig says about the first signature. It
// exits 0 even when the digest does not match, so its text is parsed.
type pdfsigResult struct {
	out       string
	valid     bool // "Signature Validation: Signature is Valid."
	whole     bool // "Total document signed"
	subFilter string
	signer    string
}

var (
	sigValidation = regexp.MustCompile(`Signature Validation: (.*)`)
	sigType       = regexp.MustCompile(`Signature Type: (\S+)`)
	sigSigner     = regexp.MustCompile(`Signer Certificate Common Name: (.*)`)
)

func pdfsig(t *testing.T, pdf []byte) pdfsigResult {
	t.Helper()
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		t.Skip("pdfsig (poppler-utils) not installed: skipping signature verification")
	}
	p := filepath.Join(t.TempDir(), "signed.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(bin, p).CombinedOutput()
	r := pdfsigResult{out: string(out), whole: strings.Contains(string(out), "Total document signed")}
	if m := sigValidation.FindStringSubmatch(r.out); m != nil {
		r.valid = strings.TrimSpace(m[1]) == "Signature is Valid."
	}
	if m := sigType.FindStringSubmatch(r.out); m != nil {
		r.subFilter = m[1]
	}
	if m := sigSigner.FindStringSubmatch(r.out); m != nil {
		r.signer = strings.TrimSpace(m[1])
	}
	return r
}

func TestSignVerifiesWithPdfsig(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			g := newTestGenerator(t, eng)
			p12 := testP12(t, "mật khẩu")
			for _, tc := range []struct {
				name string
				opts SignOptions
			}{
				{"pkcs7", SignOptions{Reason: "Phê duyệt", Location: "Hạ Long"}},
				{"cades-visible", SignOptions{SubFilter: SubFilterCAdES, Visible: true, Time: time.Date(2026, 1, 5, 15, 1, 5, 0, time.UTC)}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					pdf, err := g.Render(context.Background(), "proposal", stateTrip())
					if err != nil {
						t.Fatal(err)
					}
					signed, err := Sign(pdf, p12, "mật khẩu", tc.opts)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.HasPrefix(signed, pdf) {
						t.Fatal("signing rewrote the document: an incremental update must keep the original bytes")
					}
					os.WriteFile(filepath.Join(outDir(t), "signed-"+eng+"-"+tc.name+".pdf"), signed, 0o644)
					r := pdfsig(t, signed)
					want := tc.opts.SubFilter
					if want == "" {
						want = SubFilterPKCS7
					}
					if !r.valid || !r.whole || r.subFilter != want || r.signer != "Nguyễn Văn An" {
						t.Fatalf("pdfsig: valid=%v whole=%v subfilter=%q signer=%q\n%s", r.valid, r.whole, r.subFilter, r.signer, r.out)
					}
					// One byte changed in the signed range must break the signature.
					bad := append([]byte(nil), signed...)
					i := len(pdf) / 2
					bad[i] ^= 0x01
					if r := pdfsig(t, bad); r.valid {
						t.Fatalf("pdfsig accepts a tampered copy (byte %d changed):\n%s", i, r.out)
					}
				})
			}
		})
	}
}

func TestSignErrors(t *testing.T) {
	g := newTestGenerator(t)
	p12 := testP12(t, "pw")
	pdf, err := g.Render(context.Background(), "decision", stateTrip())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sign(pdf, p12, "wrong", SignOptions{}); !errors.Is(err, ErrBadCertificate) {
		t.Errorf("wrong password: got %v, want ErrBadCertificate", err)
	}
	if _, err := Sign([]byte("hello"), p12, "pw", SignOptions{}); !errors.Is(err, ErrNotPDF) {
		t.Errorf("not a PDF: got %v, want ErrNotPDF", err)
	}
	signed, err := Sign(pdf, p12, "pw", SignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sign(signed, p12, "pw", SignOptions{}); !errors.Is(err, ErrNoSignatureField) {
		t.Errorf("signing twice: got %v, want ErrNoSignatureField", err)
	}
	if _, err := Sign(pdf, p12, "pw", SignOptions{Field: "Other"}); !errors.Is(err, ErrNoSignatureField) {
		t.Errorf("unknown field: got %v, want ErrNoSignatureField", err)
	}
}
