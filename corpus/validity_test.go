package corpus

import (
	"slices"
	"testing"
)

// The wordings portals use for a document's tình trạng hiệu lực.
func TestValidityCode(t *testing.T) {
	for in, want := range map[string]string{
		"Còn hiệu lực":                       ValidityInForce,
		"CÒN HIỆU LỰC":                       ValidityInForce,
		"con hieu luc":                       ValidityInForce,
		"Hết hiệu lực một phần":              ValidityPartlyExpired,
		"Hết  hiệu lực\u00a0một phần":        ValidityPartlyExpired,
		"Ngưng hiệu lực một phần":            ValidityPartlyExpired,
		"Hết hiệu lực":                       ValidityExpired,
		"Hết hiệu lực toàn bộ":               ValidityExpired,
		"Đã hết hiệu lực":                    ValidityExpired,
		"Ngưng hiệu lực":                     ValidityExpired,
		"Không còn hiệu lực":                 ValidityExpired,
		"Chưa có hiệu lực":                   ValidityNotYet,
		"Chưa xác định":                      "",
		"Không còn phù hợp":                  "",
		"":                                   "",
		"het-hieu-luc-mot-phan":              ValidityPartlyExpired,
		"Hoa\u0300n toa\u0300n còn hiệu lực": ValidityInForce, // decomposed input
	} {
		if got := ValidityCode(in); got != want {
			t.Errorf("ValidityCode(%q) = %q, want %q", in, got, want)
		}
	}
	for _, c := range ValidityCodes {
		if ValidityCode(c) != c || ValidityCode(ValidityLabel(c)) != c {
			t.Errorf("%s: not its own code, or its label %q reads as %q", c, ValidityLabel(c), ValidityCode(ValidityLabel(c)))
		}
	}
}

func FuzzValidityCode(f *testing.F) {
	for _, s := range []string{"Còn hiệu lực", "Hết hiệu lực một phần", "chua-co-hieu-luc", "Tình trạng: Hết hiệu lực", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := ValidityCode(s)
		if c != "" && !slices.Contains(ValidityCodes, c) {
			t.Fatalf("ValidityCode(%q) = %q: not a code", s, c)
		}
		if c != "" && ValidityCode(c) != c {
			t.Fatalf("code %q does not read as itself", c)
		}
	})
}
