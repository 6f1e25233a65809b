package vnenc

import (
	"errors"
	"fmt"
	"strings"
)

// Encoding names a text encoding Decode can read. The values are stable
// (they are stored with documents and printed by `vanthu extract --json`).
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	UTF16LE     Encoding = "utf-16le"
	UTF16BE     Encoding = "utf-16be"
	Windows1258 Encoding = "windows-1258"
	Windows1252 Encoding = "windows-1252" // also ISO-8859-1: Latin text, no Vietnamese
	TCVN3       Encoding = "tcvn3"        // TCVN 5712:1993 VN3, .VnTime fonts (ABC)
	VNI         Encoding = "vni"          // VNI-Windows
	// Mojibake is UTF-8 that was decoded once as windows-1252 and encoded
	// again ("Cá»™ng hÃ²a"); Decode undoes the round trip.
	Mojibake Encoding = "utf-8-via-windows-1252"
	// TCVN3InUnicode and VNIInUnicode are legacy text that a converter
	// already turned into Unicode character by character, as if it were
	// Latin-1 (a valid UTF-8 file reading "Céng hoµ" or "Coäng hoøa").
	TCVN3InUnicode Encoding = "tcvn3-in-unicode"
	VNIInUnicode   Encoding = "vni-in-unicode"
	// Unknown is returned with an error.
	Unknown Encoding = ""
)

// Sentinel errors.
var (
	// ErrBinary: the input is not text (NUL bytes without a UTF-16 layout).
	ErrBinary = errors.New("vnenc: not text")
	// ErrInternal: a bug in this package, recovered (reported, never a crash).
	ErrInternal = errors.New("vnenc: internal failure")
	// ErrUnsupported: Encode was asked for an encoding it cannot write, or
	// the text has characters the encoding lacks.
	ErrUnsupported = errors.New("vnenc: unsupported encoding")
)

// DecodeError says why an input could not be decoded.
type DecodeError struct {
	Declared string // the charset the caller declared, if any
	Reason   string
	Err      error // ErrBinary, ...
}

func (e *DecodeError) Error() string {
	if e.Declared != "" {
		return fmt.Sprintf("vnenc: decode (declared %q): %s", e.Declared, e.Reason)
	}
	return "vnenc: decode: " + e.Reason
}

func (e *DecodeError) Unwrap() error { return e.Err }

// ParseCharset maps a charset label (HTTP header, meta tag, font name,
// user flag) to an Encoding. It knows the WHATWG labels for the encodings
// here plus the names Vietnamese tools use ("tcvn", "abc", ".VnTime",
// "vni-times"). ok is false for labels it does not know.
func ParseCharset(label string) (Encoding, bool) {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.Trim(l, `"' `)
	switch {
	case l == "":
		return Unknown, false
	case l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "x-unicode20utf8":
		return UTF8, true
	case l == "utf-16le" || l == "utf-16" || l == "unicode" || l == "ucs-2":
		return UTF16LE, true
	case l == "utf-16be" || l == "unicodefffe":
		return UTF16BE, true
	case l == "windows-1258" || l == "cp1258" || l == "x-cp1258" || l == "win-1258" || l == "ms-1258":
		return Windows1258, true
	case l == "windows-1252" || l == "cp1252" || l == "x-cp1252" || l == "iso-8859-1" ||
		l == "iso8859-1" || l == "latin1" || l == "latin-1" || l == "l1" || l == "us-ascii" ||
		l == "ascii" || l == "iso_8859-1" || l == "cp819" || l == "ibm819":
		return Windows1252, true
	case l == "tcvn3" || l == "tcvn" || l == "tcvn-3" || l == "tcvn5712" || l == "tcvn-5712" ||
		l == "vn3" || l == "abc" || strings.HasPrefix(l, ".vn"):
		return TCVN3, true
	case l == "vni" || strings.HasPrefix(l, "vni-") || strings.HasPrefix(l, "vni "):
		return VNI, true
	case l == string(Mojibake):
		return Mojibake, true
	case l == string(TCVN3InUnicode):
		return TCVN3InUnicode, true
	case l == string(VNIInUnicode):
		return VNIInUnicode, true
	}
	return Unknown, false
}
