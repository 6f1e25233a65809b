package web

import (
	"vanthu/corpus"
)

func init() {
	funcs["sigLabel"] = func(sc *corpus.SignatureCheck) string {
		if sc == nil {
			return corpus.SignatureLabel("")
		}
		return corpus.SignatureLabel(sc.Status)
	}
	funcs["sigClass"] = func(sc *corpus.SignatureCheck) string {
		if sc == nil {
			return ""
		}
		switch sc.Status {
		case corpus.SignatureValid:
			return "pass"
		case corpus.SignatureInvalid:
			return "fail"
		case corpus.SignatureTextOnly:
			return "warn"
		}
		return ""
	}
}

// signatureView is what the document page says about the signatures of the
// version it shows, and whether that version displaced a validly signed one.
type signatureView struct {
	Check *corpus.SignatureCheck
	// Replaced is the sha256 of an earlier version whose signature was
	// valid, when the current one's is not.
	Replaced string
}

func signatureOf(d corpus.Document) signatureView {
	v := signatureView{Check: d.Source.Signature}
	if v.Check == nil || v.Check.Status == corpus.SignatureValid {
		return v
	}
	for _, ver := range d.Versions {
		if ver.SHA256 != d.Source.SHA256 && ver.Signature != nil && ver.Signature.Status == corpus.SignatureValid {
			v.Replaced = ver.SHA256
		}
	}
	return v
}
