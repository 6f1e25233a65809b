// Package pdfsig checks the signatures embedded in a PDF (ISO 32000-1,
// 12.8): for each signature dictionary, the bytes its /ByteRange covers are
// hashed and checked against the CMS SignedData in /Contents (the
// messageDigest attribute, then the signature over the signed attributes
// with the signer's certificate). github.com/smallstep/pkcs7, the maintained
// fork of Mozilla's pkcs7 that package generate signs with, parses and
// verifies the CMS; this package finds the signatures and the bytes they
// cover, and says what was found in corpus terms.
//
// Integrity and trust are separate answers. A signature whose bytes and
// signature hold is valid; whether its certificate chains to a root this
// machine trusts is reported beside it (Trusted, Trust). The Vietnamese
// government CA's root is in no operating-system store, so a genuine
// signature usually reads "valid, issuer not trusted" unless the operator
// adds that root (Verifier.Roots).
//
// Signatures are found by their /ByteRange key in the file's bytes, as the
// signing software wrote them (a signature dictionary's /Contents must be a
// direct string that the byte ranges skip, so it is never inside a
// compressed object stream). Supported: adbe.pkcs7.detached,
// ETSI.CAdES.detached (PAdES), adbe.pkcs7.sha1 and ETSI.RFC3161 document
// timestamps; other kinds are reported as not checked.
package pdfsig
