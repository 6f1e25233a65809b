package main

import "errors"

// signPDF is wired to generate.Sign once signing lands.
func signPDF(e *env, pdf []byte, p12Path, passEnv string) ([]byte, error) {
	return nil, errors.New("signing is not available in this build yet")
}
