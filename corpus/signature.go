package corpus

// Signature statuses: what a document's file says about its signing. Only
// "valid" means a cryptographic signature was checked and holds.
const (
	// SignatureValid: every embedded signature covers bytes that are
	// unchanged since signing, and each was made by its certificate's key.
	SignatureValid = "valid"
	// SignatureInvalid: an embedded signature does not hold: the file was
	// changed after signing, cut from a signed file, or the signature is
	// malformed.
	SignatureInvalid = "invalid"
	// SignatureNone: no signature, embedded or written.
	SignatureNone = "unsigned"
	// SignatureTextOnly: the text carries an e-signature block ("Người ký:
	// ... Thời gian ký: ...") but the file has no signature to check: the
	// lines could have been typed by anyone.
	SignatureTextOnly = "text-only"
)

// SignatureCheck is what checking the signatures of one original found.
// Integrity (Status) and trust in the certificate's issuer are kept apart:
// the Vietnamese government CA's root is in no system store, so an intact
// signature by it is valid but its issuer "not trusted" here.
type SignatureCheck struct {
	Status     string          `json:"status"` // SignatureValid, ...
	Signatures []SignatureInfo `json:"signatures,omitempty"`
}

// SignatureInfo is one embedded signature.
type SignatureInfo struct {
	// Valid: the digest of the signed byte ranges matches the CMS
	// messageDigest and the signature over the signed attributes verifies
	// with the signer's certificate.
	Valid   bool   `json:"valid"`
	Problem string `json:"problem,omitempty"` // why not valid
	Signer  string `json:"signer,omitempty"`  // the certificate's common name
	Org     string `json:"org,omitempty"`     // its organisation
	Issuer  string `json:"issuer,omitempty"`  // the certificate issuer's common name
	Time    string `json:"time,omitempty"`    // signing time claimed, RFC 3339 in +07:00
	// Whole: the signature covers the whole file; otherwise bytes were
	// appended after it (a later signature, an annotation).
	Whole     bool   `json:"whole"`
	SubFilter string `json:"sub_filter,omitempty"` // adbe.pkcs7.detached, ETSI.CAdES.detached
	// Trusted: the certificate chains to a root this machine trusts, at
	// the signing time. Trust says why not ("issuer not trusted: ...").
	Trusted bool   `json:"trusted"`
	Trust   string `json:"trust,omitempty"`
}

// SignatureLabel is the status as shown to archivists.
func SignatureLabel(status string) string {
	switch status {
	case SignatureValid:
		return "chữ ký hợp lệ"
	case SignatureInvalid:
		return "chữ ký không hợp lệ"
	case SignatureNone:
		return "không có chữ ký"
	case SignatureTextOnly:
		return "chỉ là dòng chữ (text only)"
	}
	return "chưa kiểm tra"
}
