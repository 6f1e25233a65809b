package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func writeTestP12(t *testing.T, path, password string) *x509.Certificate {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "Nguyễn Văn An", Organization: []string{"Sở Ngoại vụ tỉnh Quảng Ninh"}},
		NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	p12, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, p12, 0o600); err != nil {
		t.Fatal(err)
	}
	return cert
}

// A letter signed by `vanthu generate --sign`, then one byte changed: both
// are stored, and `show --json` says which signature holds.
func TestShowJSONSignature(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	p12 := filepath.Join(dir, "ky.p12")
	cert := writeTestP12(t, p12, "mk")
	signed := filepath.Join(dir, "de-nghi.pdf")
	t.Setenv("VANTHU_P12_PASS", "mk")
	if code, _, errs := vt(t, "generate", "proposal", "../../examples/trips/qn-snv-nhat-han-dat.yaml", "-o", signed, "--sign", p12, "--pass-env", "VANTHU_P12_PASS"); code != 0 {
		t.Fatalf("generate --sign: %d %s", code, errs)
	}
	pdf, err := os.ReadFile(signed)
	if err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(dir, "sua", "de-nghi.pdf")
	os.MkdirAll(filepath.Dir(tampered), 0o755)
	bad := append([]byte(nil), pdf...)
	bad[len(bad)/3] ^= 0x01
	os.WriteFile(tampered, bad, 0o644)
	note := filepath.Join(dir, "ghi-chu.txt")
	os.WriteFile(note, []byte("Người ký: Sở Ngoại vụ\nEmail: sngv@quangninh.gov.vn\nCơ quan: Tỉnh Quảng Ninh\nThời gian ký: 05.01.2026 15:01:05 +07:00\nThông báo nội bộ về lịch họp giao ban.\n"), 0o644)

	type showOut struct {
		ID        string `json:"id"`
		Signature struct {
			Status, Label string
			Signatures    []struct {
				Valid           bool
				Signer, Problem string
			}
		} `json:"signature"`
		Source struct {
			Signature *struct{ Status string } `json:"signature"`
		} `json:"source"`
	}
	show := func(input string) showOut {
		t.Helper()
		code, o, errs := vt(t, "ingest", input, "--data", data, "--json", "--no-ocr")
		if code != 0 {
			t.Fatalf("ingest %s: %d %s %s", input, code, o, errs)
		}
		var res struct{ ID string }
		json.Unmarshal([]byte(o), &res)
		code, o, errs = vt(t, "show", res.ID, "--data", data, "--json", "--no-text")
		if code != 0 {
			t.Fatalf("show: %d %s", code, errs)
		}
		var d showOut
		if err := json.Unmarshal([]byte(o), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := show(signed)
	if d.Signature.Status != "valid" || d.Signature.Label != "chữ ký hợp lệ" || len(d.Signature.Signatures) != 1 || d.Signature.Signatures[0].Signer != "Nguyễn Văn An" || d.Source.Signature == nil {
		t.Errorf("signed: %+v", d)
	}
	d = show(tampered)
	if d.Signature.Status != "invalid" || d.Signature.Label != "chữ ký không hợp lệ" || !strings.Contains(d.Signature.Signatures[0].Problem, "digest mismatch") {
		t.Errorf("tampered: %+v", d)
	}
	d = show(note)
	if d.Signature.Status != "text-only" || d.Signature.Label != "chỉ là dòng chữ (text only)" {
		t.Errorf("text-only: %+v", d)
	}

	// With the signer's root named in VANTHU_TRUST_ROOTS the issuer is
	// trusted; without, it is not (and the signature is valid either way).
	roots := filepath.Join(dir, "roots.pem")
	os.WriteFile(roots, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644)
	for _, tc := range []struct {
		env     string
		trusted bool
	}{{"", false}, {roots, true}} {
		data2 := t.TempDir()
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string {
			if k == "VANTHU_TRUST_ROOTS" {
				return tc.env
			}
			return ""
		}}
		if code := run(context.Background(), e, []string{"ingest", signed, "--data", data2, "--no-ocr", "--json"}); code != 0 {
			t.Fatalf("ingest: %d %s", code, errb.String())
		}
		var res struct{ ID string }
		json.Unmarshal(out.Bytes(), &res)
		_, o, _ := vt(t, "show", "--data", data2, "--json", "--no-text", "--", res.ID)
		var d struct {
			Signature struct {
				Status     string
				Signatures []struct {
					Trusted bool
					Trust   string
				}
			}
		}
		json.Unmarshal([]byte(o), &d)
		if d.Signature.Status != "valid" || len(d.Signature.Signatures) != 1 || d.Signature.Signatures[0].Trusted != tc.trusted {
			t.Errorf("VANTHU_TRUST_ROOTS=%q: %+v", tc.env, d.Signature)
		}
	}
	var errb bytes.Buffer
	os.WriteFile(roots, []byte("not a certificate"), 0o644)
	e := &env{stdin: strings.NewReader(""), stdout: &errb, stderr: &errb, getenv: func(k string) string {
		if k == "VANTHU_TRUST_ROOTS" {
			return roots
		}
		return ""
	}}
	if code := run(context.Background(), e, []string{"ingest", signed, "--data", t.TempDir()}); code != 2 || !strings.Contains(errb.String(), "VANTHU_TRUST_ROOTS") {
		t.Errorf("bad roots file: %d %s", code, errb.String())
	}
}
