package pdfsig

import (
	"bytes"
	"context"
	"crypto"
	_ "crypto/sha1" // signatures made with SHA-1 are still met (Quảng Ngãi, 2025)
	_ "crypto/sha256"
	_ "crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/smallstep/pkcs7"

	"vanthu/corpus"
	"vanthu/ingest"
)

// Limits on what one file may make us do.
const (
	maxSignatures = 16      // signature dictionaries checked per file
	maxContents   = 4 << 20 // bytes of one CMS (hex is twice that)
)

// Verifier checks a PDF's embedded signatures. The zero value trusts the
// system's roots only.
type Verifier struct {
	// Roots, when set, are the roots trusted besides the system's (the
	// government CA's root certificate, given by the operator).
	Roots *x509.CertPool
	// Now is the clock for signatures that claim no signing time.
	Now func() time.Time
}

var _ ingest.SignatureVerifier = Verifier{}

// VerifySignatures checks every signature of a PDF. It returns nil when the
// file has none. It never panics: a malformed signature is an invalid one.
func (v Verifier) VerifySignatures(ctx context.Context, data []byte) (*corpus.SignatureCheck, error) {
	sigs := findSignatures(data)
	if len(sigs) == 0 {
		return nil, nil
	}
	check := &corpus.SignatureCheck{Status: corpus.SignatureValid}
	// One buffer holds the signed bytes of each signature in turn, so a
	// file lists many signatures at the cost of one copy of itself.
	var buf []byte
	seen := map[[4]int64]corpus.SignatureInfo{}
	for _, s := range sigs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		info, ok := seen[s.byteRange]
		if !ok || s.badRange != "" {
			info, buf = v.verifyOne(data, s, buf)
			seen[s.byteRange] = info
		}
		if !info.Valid {
			check.Status = corpus.SignatureInvalid
		}
		check.Signatures = append(check.Signatures, info)
	}
	return check, nil
}

// sigDict is one signature dictionary as found in the bytes.
type sigDict struct {
	byteRange [4]int64
	badRange  string // why the /ByteRange cannot be used, if it cannot
	subFilter string
	m         string // the /M date string, "D:20250124094702+07'00'"
}

var (
	byteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(-?\d{1,12})\s+(-?\d{1,12})\s+(-?\d{1,12})\s+(-?\d{1,12})\s*\]`)
	subFilterRE = regexp.MustCompile(`/SubFilter\s*/([A-Za-z0-9.#_-]{1,64})`)
	mDateRE     = regexp.MustCompile(`/M\s*\((D:[0-9+\-Z' ]{4,32})\)`)
)

// findSignatures finds the signature dictionaries by their /ByteRange; the
// other keys are read from the same object (between the "obj" before and
// the "endobj" after the signed gap).
func findSignatures(data []byte) []sigDict {
	var out []sigDict
	for _, loc := range byteRangeRE.FindAllSubmatchIndex(data, maxSignatures) {
		var s sigDict
		for i := range 4 {
			n, err := strconv.ParseInt(string(data[loc[2+2*i]:loc[3+2*i]]), 10, 64)
			if err != nil {
				s.badRange = "số trong /ByteRange không đọc được"
			}
			s.byteRange[i] = n
		}
		start := max(0, bytes.LastIndex(data[max(0, loc[0]-64<<10):loc[0]], []byte(" obj"))+max(0, loc[0]-64<<10))
		end := len(data)
		from := loc[1]
		if c := s.byteRange[2]; c > int64(from) && c <= int64(len(data)) {
			from = int(c)
		}
		if i := bytes.Index(data[from:min(len(data), from+64<<10)], []byte("endobj")); i >= 0 {
			end = from + i
		}
		// The dictionary's keys outside the signed gap: before /Contents
		// and after it.
		for _, part := range [][]byte{data[start:min(end, max(start, loc[0]+1))], data[min(end, loc[1]):end]} {
			if s.subFilter == "" {
				if m := subFilterRE.FindSubmatch(part); m != nil {
					s.subFilter = string(m[1])
				}
			}
			if s.m == "" {
				if m := mDateRE.FindSubmatch(part); m != nil {
					s.m = string(m[1])
				}
			}
		}
		if s.subFilter == "" {
			// /SubFilter may also sit between /ByteRange and /Contents.
			if m := subFilterRE.FindSubmatch(data[loc[1]:min(len(data), loc[1]+4096)]); m != nil {
				s.subFilter = string(m[1])
			}
		}
		out = append(out, s)
	}
	return out
}

// signedBytes checks a /ByteRange [a b c d] against the file: two ranges
// from the start, around the hex string of /Contents. It returns the signed
// bytes, the CMS and whether the ranges reach the end of the file.
func signedBytes(data []byte, br [4]int64, buf []byte) (signed, cms []byte, whole bool, problem string) {
	a, b, c, d := br[0], br[1], br[2], br[3]
	n := int64(len(data))
	switch {
	case a != 0 || b <= 0 || c <= b || d < 0:
		return nil, nil, false, fmt.Sprintf("/ByteRange [%d %d %d %d] không hợp lệ", a, b, c, d)
	case c > n || c+d > n:
		return nil, nil, false, fmt.Sprintf("vùng đã ký [%d %d %d %d] vượt quá cuối tệp (%d byte): tệp bị cắt hoặc sửa sau khi ký", a, b, c, d, n)
	}
	gap := bytes.TrimSpace(data[b:c])
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' {
		return nil, nil, false, "giữa hai vùng đã ký không phải chuỗi /Contents: tệp bị sửa sau khi ký"
	}
	hexs := gap[1 : len(gap)-1]
	if len(hexs) > 2*maxContents {
		return nil, nil, false, "chữ ký quá lớn"
	}
	hexs = bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, hexs)
	if len(hexs)%2 == 1 {
		hexs = append(hexs, '0') // PDF: a missing final digit is 0
	}
	cms = make([]byte, len(hexs)/2)
	if _, err := hex.Decode(cms, hexs); err != nil {
		return nil, nil, false, "chuỗi /Contents không phải hex: tệp bị sửa sau khi ký"
	}
	cms = trimDER(cms)
	signed = append(buf[:0], data[:b]...)
	signed = append(signed, data[c:c+d]...)
	rest := bytes.TrimRight(data[c+d:], " \t\r\n\x00")
	return signed, cms, len(rest) == 0, ""
}

// trimDER cuts the zero padding after a definite-length DER value (the
// space reserved for /Contents is larger than the signature).
func trimDER(b []byte) []byte {
	var rv asn1.RawValue
	if rest, err := asn1.Unmarshal(b, &rv); err == nil {
		return b[:len(b)-len(rest)]
	}
	return b // indefinite-length BER: pkcs7 reads it as it is
}

func (v Verifier) verifyOne(data []byte, s sigDict, buf []byte) (info corpus.SignatureInfo, _ []byte) {
	info.SubFilter = s.subFilter
	defer func() {
		if r := recover(); r != nil {
			info.Valid, info.Problem = false, fmt.Sprintf("chữ ký không đọc được (%v)", r)
		}
	}()
	if s.badRange != "" {
		info.Problem = s.badRange
		return info, buf
	}
	signed, der, whole, problem := signedBytes(data, s.byteRange, buf)
	if signed != nil {
		buf = signed
	}
	info.Whole = whole
	if problem != "" {
		info.Problem = problem
		return info, buf
	}
	p7, err := pkcs7.Parse(der)
	if err != nil {
		info.Problem = "CMS SignedData không đọc được: " + err.Error()
		return info, buf
	}
	cert := p7.GetOnlySigner()
	if cert != nil {
		info.Signer = strings.TrimSpace(cert.Subject.CommonName)
		if len(cert.Subject.Organization) > 0 {
			info.Org = strings.TrimSpace(cert.Subject.Organization[0])
		}
		info.Issuer = issuerName(cert.Issuer)
	}
	var when time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &when); err != nil || when.IsZero() {
		when = pdfDate(s.m)
	}
	if !when.IsZero() {
		info.Time = when.In(corpus.VietnamZone).Format(time.RFC3339)
	}
	switch s.subFilter {
	case "adbe.pkcs7.detached", "ETSI.CAdES.detached", "":
		p7.Content = signed
		err = p7.Verify()
	case "adbe.pkcs7.sha1":
		// The CMS signs the SHA-1 digest of the byte ranges, encapsulated.
		if err = p7.Verify(); err == nil {
			d := crypto.SHA1.New()
			d.Write(signed)
			if sum := d.Sum(nil); !bytes.Equal(sum, p7.Content) {
				err = &pkcs7.MessageDigestMismatchError{ExpectedDigest: p7.Content, ActualDigest: sum}
			}
		}
	case "ETSI.RFC3161":
		// A document timestamp: the token's messageImprint is the hash
		// of the byte ranges.
		if err = p7.Verify(); err == nil {
			err = checkImprint(p7.Content, signed)
		}
	default:
		info.Problem = "loại chữ ký " + s.subFilter + " chưa được hỗ trợ: không kiểm tra được"
		return info, buf
	}
	var mm *pkcs7.MessageDigestMismatchError
	switch {
	case errors.As(err, &mm):
		info.Problem = "nội dung đã bị thay đổi sau khi ký (digest mismatch)"
		return info, buf
	case err != nil:
		info.Problem = "chữ ký không khớp: " + err.Error()
		return info, buf
	}
	info.Valid = true
	if cert != nil {
		info.Trusted, info.Trust = v.trust(cert, p7.Certificates, when)
	}
	return info, buf
}

// trust says whether cert chains to a trusted root at the signing time.
func (v Verifier) trust(cert *x509.Certificate, certs []*x509.Certificate, when time.Time) (bool, string) {
	if when.IsZero() {
		when = time.Now()
		if v.Now != nil {
			when = v.Now()
		}
	}
	inter := x509.NewCertPool()
	for _, c := range certs {
		if c != cert {
			inter.AddCert(c)
		}
	}
	opts := x509.VerifyOptions{Intermediates: inter, CurrentTime: when, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}
	if v.Roots != nil {
		opts.Roots = v.Roots
	}
	_, err := cert.Verify(opts)
	if err == nil {
		return true, ""
	}
	var ua x509.UnknownAuthorityError
	var ci x509.CertificateInvalidError
	switch {
	case errors.As(err, &ua):
		return false, "issuer not trusted: " + issuerName(cert.Issuer) + " (gốc chứng thư không có trong kho tin cậy của máy)"
	case errors.As(err, &ci) && ci.Reason == x509.Expired:
		return false, "chứng thư hết hạn vào thời điểm ký"
	}
	return false, "không xác minh được chuỗi chứng thư: " + err.Error()
}

func issuerName(n pkix.Name) string {
	if n.CommonName != "" {
		return n.CommonName
	}
	if len(n.Organization) > 0 {
		return n.Organization[0]
	}
	return n.String()
}

// checkImprint compares an RFC 3161 TSTInfo's messageImprint with the hash
// of the signed bytes.
func checkImprint(tst, signed []byte) error {
	var info struct {
		Version        int
		Policy         asn1.ObjectIdentifier
		MessageImprint struct {
			HashAlgorithm pkix.AlgorithmIdentifier
			HashedMessage []byte
		}
		Rest asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(tst, &info); err != nil {
		return fmt.Errorf("timestamp token: %w", err)
	}
	var h crypto.Hash
	switch alg := info.MessageImprint.HashAlgorithm.Algorithm; {
	case alg.Equal(asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}):
		h = crypto.SHA1
	case alg.Equal(asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}):
		h = crypto.SHA256
	case alg.Equal(asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}):
		h = crypto.SHA384
	case alg.Equal(asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}):
		h = crypto.SHA512
	default:
		return fmt.Errorf("timestamp token: hash %v not supported", alg)
	}
	d := h.New()
	d.Write(signed)
	if !bytes.Equal(d.Sum(nil), info.MessageImprint.HashedMessage) {
		return &pkcs7.MessageDigestMismatchError{ExpectedDigest: info.MessageImprint.HashedMessage, ActualDigest: d.Sum(nil)}
	}
	return nil
}

// pdfDate reads a PDF date string (ISO 32000-1, 7.9.4): D:YYYYMMDDHHmmSS
// with an optional offset +HH'mm'. It returns the zero time when unreadable.
func pdfDate(s string) time.Time {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 14 {
		return time.Time{}
	}
	t, err := time.Parse("20060102150405", s[:14])
	if err != nil {
		return time.Time{}
	}
	off := strings.ReplaceAll(s[14:], "'", "")
	if len(off) >= 5 && (off[0] == '+' || off[0] == '-') {
		h, e1 := strconv.Atoi(off[1:3])
		m, e2 := strconv.Atoi(off[3:5])
		if e1 == nil && e2 == nil {
			sec := h*3600 + m*60
			if off[0] == '-' {
				sec = -sec
			}
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.FixedZone("", sec))
		}
	}
	return t // Z or no offset: UTC
}
