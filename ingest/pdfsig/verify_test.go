package pdfsig_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/ingest/pdfsig"
	"vanthu/internal/democorpus"
	"vanthu/internal/sharedtest"
	"vanthu/trip"
)

// signedPDFs are letters drawn and signed by package generate, as the
// drafting page makes them: one adbe.pkcs7.detached, one PAdES
// (ETSI.CAdES.detached) with a visible stamp; plus the unsigned letter and
// the signing certificate.
type signedPDFs struct {
	unsigned, pkcs7, cades []byte
	cert                   *x509.Certificate
}

var (
	fixtureOnce sync.Once
	fixture     signedPDFs
	fixtureErr  error
)

func signed(t testing.TB) signedPDFs {
	t.Helper()
	fixtureOnce.Do(func() { fixture, fixtureErr = makeSigned() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixture
}

func makeSigned() (signedPDFs, error) {
	var out signedPDFs
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return out, err
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(20260105),
		Subject:      pkix.Name{CommonName: "Nguyễn Văn An", Organization: []string{"Sở Ngoại vụ tỉnh Quảng Ninh"}, Country: []string{"VN"}},
		NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		return out, err
	}
	if out.cert, err = x509.ParseCertificate(der); err != nil {
		return out, err
	}
	p12, err := pkcs12.Modern.Encode(key, out.cert, nil, "mật khẩu")
	if err != nil {
		return out, err
	}
	trips := democorpus.Trips()
	tr, err := trip.Parse(trips[0].Data, trips[0].Name)
	if err != nil {
		return out, err
	}
	g, err := generate.New(generate.DefaultConfig())
	if err != nil {
		return out, err
	}
	if out.unsigned, err = g.Render(context.Background(), "proposal", tr); err != nil {
		return out, err
	}
	when := time.Date(2026, 1, 5, 15, 1, 5, 0, time.UTC)
	if out.pkcs7, err = generate.Sign(out.unsigned, p12, "mật khẩu", generate.SignOptions{Reason: "Phê duyệt", Time: when}); err != nil {
		return out, err
	}
	out.cades, err = generate.Sign(out.unsigned, p12, "mật khẩu", generate.SignOptions{SubFilter: generate.SubFilterCAdES, Visible: true, Time: when})
	return out, err
}

func verify(t *testing.T, v pdfsig.Verifier, pdf []byte) *corpus.SignatureCheck {
	t.Helper()
	sc, err := v.VerifySignatures(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestSignedByGenerateIsValid(t *testing.T) {
	s := signed(t)
	for name, pdf := range map[string][]byte{"pkcs7": s.pkcs7, "cades": s.cades} {
		sc := verify(t, pdfsig.Verifier{}, pdf)
		if sc == nil || sc.Status != corpus.SignatureValid || len(sc.Signatures) != 1 {
			t.Fatalf("%s: %+v", name, sc)
		}
		g := sc.Signatures[0]
		if !g.Valid || !g.Whole || g.Signer != "Nguyễn Văn An" || g.Org != "Sở Ngoại vụ tỉnh Quảng Ninh" || !strings.HasSuffix(g.Time, "+07:00") {
			t.Errorf("%s: %+v", name, g)
		}
		// Self-signed: intact, but its issuer is trusted by no store...
		if g.Trusted || !strings.Contains(g.Trust, "issuer not trusted") {
			t.Errorf("%s: trust %v %q", name, g.Trusted, g.Trust)
		}
		// ...until the operator trusts its root.
		roots := x509.NewCertPool()
		roots.AddCert(s.cert)
		if g := verify(t, pdfsig.Verifier{Roots: roots}, pdf).Signatures[0]; !g.Trusted || g.Trust != "" {
			t.Errorf("%s with its root trusted: %v %q", name, g.Trusted, g.Trust)
		}
	}
	if got, want := verify(t, pdfsig.Verifier{}, s.pkcs7).Signatures[0].SubFilter, "adbe.pkcs7.detached"; got != want {
		t.Errorf("subfilter %q", got)
	}
	if got, want := verify(t, pdfsig.Verifier{}, s.cades).Signatures[0].SubFilter, "ETSI.CAdES.detached"; got != want {
		t.Errorf("subfilter %q", got)
	}
	// The letter before signing has an empty signature field: no signature.
	if sc := verify(t, pdfsig.Verifier{}, s.unsigned); sc != nil {
		t.Errorf("unsigned letter: %+v", sc)
	}
}

// One byte changed anywhere the signature covers makes it invalid; so does
// a change inside the signature, a cut file, or a byte range moved.
func TestTamperedIsInvalid(t *testing.T) {
	s := signed(t)
	pdf := s.pkcs7
	br := regexp.MustCompile(`/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)`).FindSubmatch(pdf)
	if br == nil {
		t.Fatal("no /ByteRange")
	}
	gapStart, gapEnd := atoi(string(br[1])), atoi(string(br[2]))
	for name, mutate := range map[string]func([]byte) []byte{
		"one byte in the first range": func(b []byte) []byte { b[len(s.unsigned)/2] ^= 0x01; return b },
		"one byte in the last range":  func(b []byte) []byte { b[len(b)-10] ^= 0x01; return b },
		"one byte of the signature":   func(b []byte) []byte { b[gapStart+200] = flipHex(b[gapStart+200]); return b },
		"cut":                         func(b []byte) []byte { return b[:gapEnd+10] },
	} {
		bad := mutate(append([]byte(nil), pdf...))
		sc := verify(t, pdfsig.Verifier{}, bad)
		if sc == nil || sc.Status != corpus.SignatureInvalid || sc.Signatures[0].Valid || sc.Signatures[0].Problem == "" {
			t.Errorf("%s: %+v", name, sc)
			continue
		}
		if name == "one byte in the first range" && !strings.Contains(sc.Signatures[0].Problem, "digest mismatch") {
			t.Errorf("%s: problem %q", name, sc.Signatures[0].Problem)
		}
		if r, ok := popplerValid(t, bad); ok && r {
			t.Errorf("%s: pdfsig calls it valid", name)
		}
	}
	// Bytes appended after signing leave the signature intact but not
	// covering the whole file.
	sc := verify(t, pdfsig.Verifier{}, append(append([]byte(nil), pdf...), "\n1 0 obj (thêm) endobj\n"...))
	if sc.Status != corpus.SignatureValid || sc.Signatures[0].Whole {
		t.Errorf("appended: %+v", sc)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func flipHex(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}

// popplerValid runs poppler's pdfsig on a file: whether it says the first
// signature is valid, and whether it could say.
func popplerValid(t *testing.T, pdf []byte) (valid, ok bool) {
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		return false, false
	}
	f := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, _ := exec.Command(bin, f).CombinedOutput()
	return bytes.Contains(out, []byte("Signature is Valid")), true
}

// The real signed documents of the shared corpus: every signature's
// verdict agrees with poppler's pdfsig, and the signer is named. Công báo
// extracts cut from a larger signed file have byte ranges past their end:
// pdfsig cannot verify them; they are not valid for these bytes.
func TestRealSignedDocuments(t *testing.T) {
	dir := sharedtest.Path(t, "corpus-real/pdf")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
	if len(files) == 0 {
		t.Skip("no PDFs in corpus-real")
	}
	want := map[string]struct {
		status, signer string
	}{
		"qn_cv_507_UBND-KGVX_2025.pdf":        {corpus.SignatureValid, "Phùng Tô Long"},
		"qn_tb_542_TB-UBND_2024.pdf":          {corpus.SignatureValid, "Phùng Tô Long"},
		"cv_2191_CT-CS_cuc_thue_2026.pdf":     {corpus.SignatureValid, "CỤC THUẾ"},
		"qn_cv_575_UBND_scan.pdf":             {corpus.SignatureValid, "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"},
		"cong_bao_31_VBHN_VPQH.pdf":           {corpus.SignatureInvalid, ""},
		"cong_bao_hien_phap_2013.pdf":         {"", ""},
		"qn_chi_thi_07_CT-UBND_2018_scan.pdf": {corpus.SignatureValid, "Trung tâm Công báo và Tin học"},
	}
	sigValid := regexp.MustCompile(`Signature Validation: (.*)`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := verify(t, pdfsig.Verifier{}, b)
		name := filepath.Base(f)
		if w, ok := want[name]; ok {
			got, signer := "", ""
			if sc != nil {
				got, signer = sc.Status, sc.Signatures[0].Signer
			}
			if got != w.status || signer != w.signer {
				t.Errorf("%s: %s %q, want %s %q", name, got, signer, w.status, w.signer)
			}
		}
		if sc != nil {
			for _, g := range sc.Signatures {
				if g.Valid && (g.Trusted || !strings.Contains(g.Trust, "issuer not trusted")) {
					t.Errorf("%s: the government CA is not in the system store, yet trust is %v %q", name, g.Trusted, g.Trust)
				}
			}
		}
		bin, err := exec.LookPath("pdfsig")
		if err != nil || sc == nil {
			continue
		}
		out, _ := exec.Command(bin, f).CombinedOutput()
		verdicts := sigValid.FindAllStringSubmatch(string(out), -1)
		if len(verdicts) != len(sc.Signatures) {
			t.Errorf("%s: %d signatures, pdfsig %d", name, len(sc.Signatures), len(verdicts))
			continue
		}
		for i, v := range verdicts {
			if pv := v[1] == "Signature is Valid."; pv != sc.Signatures[i].Valid {
				t.Errorf("%s signature %d: valid=%v, pdfsig says %q (%s)", name, i+1, sc.Signatures[i].Valid, v[1], sc.Signatures[i].Problem)
			}
		}
	}
}

// A file listing many signature dictionaries costs a bounded amount of work:
// at most 16 are checked, and the same byte range is hashed once.
func TestManySignaturesBounded(t *testing.T) {
	s := signed(t)
	br := regexp.MustCompile(`/ByteRange\s*\[[^\]]*\]`).Find(s.pkcs7)
	pdf := append([]byte(nil), s.pkcs7...)
	for range 40 {
		pdf = append(pdf, "\n9 0 obj <</Type/Sig "...)
		pdf = append(pdf, br...)
		pdf = append(pdf, ">> endobj"...)
	}
	sc := verify(t, pdfsig.Verifier{}, pdf)
	if len(sc.Signatures) != 16 {
		t.Errorf("%d signatures checked", len(sc.Signatures))
	}
	// The copies cover the original file, not what was appended: intact,
	// but none covers the whole file.
	for _, g := range sc.Signatures {
		if !g.Valid || g.Whole {
			t.Errorf("%+v", g)
		}
	}
}
