package generate

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/smallstep/pkcs7"
	"software.sslmate.com/src/go-pkcs12"

	"vanthu/corpus"
)

// SubFilters of the signature dictionary (ISO 32000-1, 12.8.3.3; ETSI EN
// 319 142-1 for PAdES).
const (
	SubFilterPKCS7 = "adbe.pkcs7.detached"
	SubFilterCAdES = "ETSI.CAdES.detached"
)

// contentsSize is the room reserved for the CMS signature, in bytes (hex
// doubles it in the file): an RSA-4096 signature with a chain of a few
// certificates fits.
const contentsSize = 16384

// SignOptions says how to sign.
type SignOptions struct {
	// Field is the name of the signature field to sign; "" signs the first
	// empty one (every generated PDF has SignatureFieldName).
	Field string
	// SubFilter is SubFilterPKCS7 (default) or SubFilterCAdES (PAdES
	// baseline: adds the ESS signing-certificate-v2 attribute).
	SubFilter string
	// Time is the claimed signing time (/M and the stamp); zero uses now.
	Time time.Time
	// Reason, Location and ContactInfo go into the signature dictionary.
	Reason, Location, ContactInfo string
	// Visible draws a stamp in the field in the style of the e-signature
	// block: signer, organisation, time with +07:00.
	Visible bool
	// Organisation overrides the certificate's O for the stamp.
	Organisation string
}

// Sign signs pdf into its empty signature field with the key and
// certificate of a PKCS#12 file: a detached CMS over the whole file except
// the signature's /Contents, written as an incremental update (ISO 32000-1,
// 12.8.1), so the document's bytes before the update stay as they were.
func Sign(pdf []byte, p12 []byte, password string, opts SignOptions) (out []byte, err error) {
	defer recoverInto(&err, "sign")
	key, cert, chain, err := pkcs12.DecodeChain(p12, password)
	if err != nil {
		return nil, fmt.Errorf("generate: sign: read PKCS#12: %w: %v", ErrBadCertificate, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok || cert == nil {
		return nil, fmt.Errorf("generate: sign: %w: the PKCS#12 file holds no signing key", ErrBadCertificate)
	}
	_ = signer
	switch opts.SubFilter {
	case "":
		opts.SubFilter = SubFilterPKCS7
	case SubFilterPKCS7, SubFilterCAdES:
	default:
		return nil, fmt.Errorf("generate: sign: unknown SubFilter %q (want %s or %s)", opts.SubFilter, SubFilterPKCS7, SubFilterCAdES)
	}
	when := opts.Time
	if when.IsZero() {
		when = time.Now()
	}
	when = when.In(corpus.VietnamZone)

	f, err := parsePDF(pdf)
	if err != nil {
		return nil, err
	}
	fs, err := findSigField(f, opts.Field)
	if err != nil {
		return nil, err
	}
	u := newUpdate(f)
	sigNum := u.add()

	// The signature dictionary, with room for /ByteRange and /Contents.
	var sd bytes.Buffer
	fmt.Fprintf(&sd, "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /%s /ByteRange [0 0000000000 0000000000 0000000000] /Contents <%s>",
		opts.SubFilter, strings.Repeat("0", 2*contentsSize))
	fmt.Fprintf(&sd, " /M (D:%s)", pdfDate(when))
	writeText := func(k, v string) {
		if v != "" {
			sd.WriteString(" /" + k + " ")
			writeValue(&sd, v)
		}
	}
	writeText("Name", cert.Subject.CommonName)
	writeText("Reason", opts.Reason)
	writeText("Location", opts.Location)
	writeText("ContactInfo", opts.ContactInfo)
	sd.WriteString(">>")
	u.setRaw(sigNum, sd.Bytes())

	fs.field.Set("V", pdfRef{sigNum, 0})
	if opts.Visible {
		org := opts.Organisation
		if org == "" && len(cert.Subject.Organization) > 0 {
			org = cert.Subject.Organization[0]
		}
		ap, err := stampAppearance(f, u, fs, cert.Subject.CommonName, org, when)
		if err != nil {
			return nil, err
		}
		fs.field.Set("AP", ap)
	}
	u.set(fs.ref.Num, fs.field)
	// SigFlags 3: signatures exist, append only (ISO 32000-1, 12.7.2).
	fs.form.Set("SigFlags", 3)
	if fs.formRef.Num > 0 {
		u.set(fs.formRef.Num, fs.form)
	} else {
		fs.cat.Set("AcroForm", fs.form)
		u.set(fs.catRef.Num, fs.cat)
	}
	out = u.bytes()

	// Find the placeholders in the new signature object and close the range.
	objStart := bytes.LastIndex(out, []byte(fmt.Sprintf("\n%d 0 obj\n", sigNum)))
	if objStart < 0 {
		return nil, fmt.Errorf("generate: sign: %w: signature object not written", ErrInternal)
	}
	br := objStart + bytes.Index(out[objStart:], []byte("/ByteRange ["))
	ct := objStart + bytes.Index(out[objStart:], []byte("/Contents <"))
	lo := ct + len("/Contents ")
	hi := lo + 2*contentsSize + 2
	rng := fmt.Sprintf("/ByteRange [0 %010d %010d %010d]", lo, hi, len(out)-hi)
	copy(out[br:], rng)

	content := make([]byte, 0, len(out)-(hi-lo))
	content = append(content, out[:lo]...)
	content = append(content, out[hi:]...)
	cms, err := signCMS(content, key, cert, chain, opts.SubFilter == SubFilterCAdES)
	if err != nil {
		return nil, err
	}
	if len(cms) > contentsSize {
		return nil, fmt.Errorf("generate: sign: CMS signature of %d bytes exceeds the %d reserved", len(cms), contentsSize)
	}
	hex.Encode(out[lo+1:], cms)
	return out, nil
}

// signCMS makes the detached CMS SignedData over content.
func signCMS(content []byte, key any, cert *x509.Certificate, chain []*x509.Certificate, cades bool) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, fmt.Errorf("generate: sign: cms: %w", err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	var cfg pkcs7.SignerInfoConfig
	if cades {
		attr, err := signingCertificateV2(cert)
		if err != nil {
			return nil, err
		}
		cfg.ExtraSignedAttributes = append(cfg.ExtraSignedAttributes, attr)
	}
	if err := sd.AddSigner(cert, key, cfg); err != nil {
		return nil, fmt.Errorf("generate: sign: cms signer %q: %w", cert.Subject.CommonName, err)
	}
	for _, c := range chain {
		sd.AddCertificate(c)
	}
	sd.Detach()
	der, err := sd.Finish()
	if err != nil {
		return nil, fmt.Errorf("generate: sign: cms: %w", err)
	}
	return der, nil
}

// signingCertificateV2 is the ESS attribute PAdES requires (RFC 5035):
// the SHA-256 hash of the signer's certificate.
func signingCertificateV2(cert *x509.Certificate) (pkcs7.Attribute, error) {
	type essCertIDv2 struct {
		CertHash []byte
	}
	type signingCertificateV2 struct {
		Certs []essCertIDv2
	}
	h := sha256.Sum256(cert.Raw)
	v := signingCertificateV2{Certs: []essCertIDv2{{CertHash: h[:]}}}
	if _, err := asn1.Marshal(v); err != nil {
		return pkcs7.Attribute{}, fmt.Errorf("generate: sign: signing-certificate-v2: %w", err)
	}
	return pkcs7.Attribute{Type: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}, Value: v}, nil
}

// pdfDate writes a PDF date with its zone: 20260105093000+07'00'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s%s%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}

// sigField is an empty signature field found in a PDF.
type sigField struct {
	ref     pdfRef
	field   *pdfDict
	form    *pdfDict
	formRef pdfRef // zero when the AcroForm is inline in the catalog
	cat     *pdfDict
	catRef  pdfRef
}

func findSigField(f *pdfFile, name string) (*sigField, error) {
	catRef, _ := f.trailer.Get("Root").(pdfRef)
	cat, err := f.dict(catRef, "catalog")
	if err != nil {
		return nil, err
	}
	s := &sigField{cat: cat, catRef: catRef}
	switch v := cat.Get("AcroForm").(type) {
	case pdfRef:
		s.formRef = v
		if s.form, err = f.dict(v, "AcroForm"); err != nil {
			return nil, err
		}
	case *pdfDict:
		s.form = v
	default:
		return nil, fmt.Errorf("generate: sign: %w: the PDF has no form", ErrNoSignatureField)
	}
	fields, _ := s.form.Get("Fields").(pdfArray)
	for _, fv := range fields {
		r, ok := fv.(pdfRef)
		if !ok {
			continue
		}
		d, err := f.dict(r, "form field")
		if err != nil {
			return nil, err
		}
		if ft, _ := d.Get("FT").(pdfName); ft != "Sig" || d.Get("V") != nil {
			continue
		}
		t, _ := d.Get("T").(pdfStr)
		if name != "" && (t.hex || string(t.b) != name) {
			continue
		}
		s.ref, s.field = r, d
		return s, nil
	}
	if name != "" {
		return nil, fmt.Errorf("generate: sign: %w named %q", ErrNoSignatureField, name)
	}
	return nil, fmt.Errorf("generate: sign: %w", ErrNoSignatureField)
}
