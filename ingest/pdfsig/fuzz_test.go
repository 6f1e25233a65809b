package pdfsig_test

import (
	"context"
	"testing"

	"vanthu/corpus"
	"vanthu/ingest/pdfsig"
)

// FuzzVerifySignatures: any bytes give an answer, never a panic, and only a
// signature that holds is called valid.
func FuzzVerifySignatures(f *testing.F) {
	s := signed(f)
	f.Add(s.pkcs7)
	f.Add(s.cades)
	f.Add([]byte("%PDF-1.7\n1 0 obj <</Type/Sig/SubFilter/adbe.pkcs7.detached/ByteRange[0 10 20 5]/Contents<3082>>> endobj"))
	f.Add([]byte("/ByteRange [0 99999999999 -1 5] /Contents <zz>"))
	f.Add([]byte("/ByteRange[0 1 3 0]<>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := pdfsig.Verifier{}.VerifySignatures(context.Background(), data)
		if err != nil || sc == nil {
			return
		}
		for _, g := range sc.Signatures {
			if g.Valid == (g.Problem != "") {
				t.Fatalf("valid=%v with problem %q", g.Valid, g.Problem)
			}
			if !g.Valid && sc.Status == corpus.SignatureValid {
				t.Fatal("an invalid signature in a valid file")
			}
		}
	})
}
