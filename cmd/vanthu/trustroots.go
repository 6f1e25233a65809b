package main

import (
	"crypto/x509"
	"fmt"
	"os"

	"vanthu/ingest/pdfsig"
)

// signatureVerifier checks PDFs' signatures on ingest. VANTHU_TRUST_ROOTS
// names a PEM file of root certificates trusted besides the system's: the
// root of the government CA that signs official documents (Ban Cơ yếu Chính
// phủ's "Cơ quan chứng thực số Chính phủ", issuer of "CA phục vụ các cơ quan
// Nhà nước G2" in the real documents) is in no operating system's store, so
// without it a genuine signature reads "issuer not trusted" while its
// integrity is still checked.
func signatureVerifier(e *env) (pdfsig.Verifier, error) {
	path := e.getenv("VANTHU_TRUST_ROOTS")
	if path == "" {
		return pdfsig.Verifier{}, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return pdfsig.Verifier{}, fmt.Errorf("VANTHU_TRUST_ROOTS: %w", err)
	}
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	if !roots.AppendCertsFromPEM(b) {
		return pdfsig.Verifier{}, &usageError{fmt.Sprintf("VANTHU_TRUST_ROOTS: %s holds no PEM certificate", path)}
	}
	return pdfsig.Verifier{Roots: roots}, nil
}
