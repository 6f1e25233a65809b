package corpus

import "strings"

// Validity codes: a portal's "tình trạng hiệu lực" of a legal document,
// reduced to the four states vbpl.vn and the ministries' portals publish.
const (
	ValidityInForce       = "con-hieu-luc"          // Còn hiệu lực
	ValidityPartlyExpired = "het-hieu-luc-mot-phan" // Hết hiệu lực một phần
	ValidityExpired       = "het-hieu-luc"          // Hết hiệu lực (toàn bộ)
	ValidityNotYet        = "chua-co-hieu-luc"      // Chưa có hiệu lực
)

// ValidityCodes lists the codes in the order a form offers them.
var ValidityCodes = []string{ValidityInForce, ValidityPartlyExpired, ValidityExpired, ValidityNotYet}

// ValidityLabel is the Vietnamese label of a validity code, or "".
func ValidityLabel(code string) string {
	switch code {
	case ValidityInForce:
		return "Còn hiệu lực"
	case ValidityPartlyExpired:
		return "Hết hiệu lực một phần"
	case ValidityExpired:
		return "Hết hiệu lực"
	case ValidityNotYet:
		return "Chưa có hiệu lực"
	}
	return ""
}

// ValidityCode reads a portal's status text ("Hết hiệu lực một phần",
// "het hieu luc", "Đã hết hiệu lực toàn bộ", or a code) as a validity code;
// "" when the text says none of the four (a portal's "Không xác định").
func ValidityCode(s string) string {
	f := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(Fold(NFC(s)), "-", " ")), " "))
	switch {
	case f == "":
		return ""
	case strings.Contains(f, "chua co hieu luc"), strings.Contains(f, "chua hieu luc"):
		return ValidityNotYet
	case strings.Contains(f, "het hieu luc mot phan"), strings.Contains(f, "ngung hieu luc mot phan"):
		return ValidityPartlyExpired
	case strings.Contains(f, "het hieu luc"), strings.Contains(f, "ngung hieu luc"), strings.Contains(f, "khong con hieu luc"):
		return ValidityExpired
	case strings.Contains(f, "con hieu luc"), f == "co hieu luc", f == "dang co hieu luc":
		return ValidityInForce
	}
	return ""
}
