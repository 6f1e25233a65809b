package ingest

import (
	"context"
	"fmt"

	"vanthu/corpus"
)

// SignatureVerifier checks the signatures embedded in an original (a PDF's
// signature dictionaries). It returns nil when the file carries none.
// pdfsig.Verifier is one.
type SignatureVerifier interface {
	VerifySignatures(ctx context.Context, data []byte) (*corpus.SignatureCheck, error)
}

// signature says what the original's signatures are: checked when the
// format has embedded signatures and a verifier is configured; "text only"
// when the text carries an e-signature block the file does not back up.
func (p *Pipeline) signature(ctx context.Context, in Input, format string, doc *corpus.Document) (*corpus.SignatureCheck, []string) {
	var warns []string
	if format == FormatPDF && p.cfg.Signatures != nil {
		sc, err := p.cfg.Signatures.VerifySignatures(ctx, in.Data)
		if err != nil {
			// Not knowing is not "unsigned": say so, store the rest.
			return nil, []string{fmt.Sprintf("signatures not checked: %v", err)}
		}
		if sc != nil {
			return sc, warns
		}
	} else if format == FormatPDF {
		return nil, nil // no verifier in this build: nothing to claim
	}
	if doc.ESign != nil {
		return &corpus.SignatureCheck{Status: corpus.SignatureTextOnly}, warns
	}
	return &corpus.SignatureCheck{Status: corpus.SignatureNone}, warns
}

// signatureWarning is the warning a new version gets when its signature
// does not hold while an earlier version's did: the document's current text
// now comes from a file that was changed after signing.
func signatureWarning(stored corpus.Document) string {
	cur := stored.Source.Signature
	if cur == nil || cur.Status == corpus.SignatureValid || len(stored.Versions) < 2 {
		return ""
	}
	for _, v := range stored.Versions {
		if v.SHA256 != stored.Source.SHA256 && v.Signature != nil && v.Signature.Status == corpus.SignatureValid {
			return fmt.Sprintf("%s: phiên bản mới thay cho phiên bản %.12s có chữ ký hợp lệ; hãy đối chiếu với bản gốc (the new version's signature is %s; an earlier version's was valid)",
				corpus.SignatureLabel(cur.Status), v.SHA256, cur.Status)
		}
	}
	return ""
}
