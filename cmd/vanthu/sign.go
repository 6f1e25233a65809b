package main

import (
	"fmt"
	"os"

	"vanthu/generate"
)

// signPDF signs a generated PDF into its empty signature field with the
// certificate and key of a PKCS#12 file; the password comes from an
// environment variable so it never appears in the shell history.
func signPDF(e *env, pdf []byte, p12Path, passEnv string, stamp bool) ([]byte, error) {
	p12, err := os.ReadFile(p12Path)
	if err != nil {
		return nil, usagef("%s", readError(p12Path, err))
	}
	pass := ""
	if passEnv != "" {
		v, ok := os.LookupEnv(passEnv)
		if !ok {
			return nil, usagef("--pass-env %s: that environment variable is not set", passEnv)
		}
		pass = v
	}
	signed, err := generate.Sign(pdf, p12, pass, generate.SignOptions{Visible: stamp})
	if err != nil {
		return nil, fmt.Errorf("sign with %s: %w", p12Path, err)
	}
	return signed, nil
}
