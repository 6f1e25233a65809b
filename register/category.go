package register

import (
	"strings"

	"vanthu/corpus"
)

// Funding categories of the statistics (by_funding), in Vietnamese.
const (
	FundingState    = "Ngân sách nhà nước"
	FundingUnit     = "Kinh phí của đơn vị"
	FundingHost     = "Phía mời chi trả"
	FundingBusiness = "Doanh nghiệp tài trợ"
	FundingLoan     = "Vốn vay nước ngoài"
	FundingSponsor  = "Tài trợ khác"
	FundingMixed    = "Nhiều nguồn"
	FundingUnknown  = "Chưa rõ"
)

var fundingCodes = map[string]string{
	"state-budget": FundingState, "unit": FundingUnit, "host": FundingHost, "business": FundingBusiness,
	"foreign-loan": FundingLoan, "sponsor": FundingSponsor, "mixed": FundingMixed,
}

// fundingWords map words of a written source to a category, first match
// wins: "ngân sách tỉnh" is the state budget, "phía bạn chi trả" the host.
var fundingWords = []struct{ words, cat string }{
	{"ngan sach", FundingState}, {"nsnn", FundingState}, {"state budget", FundingState},
	{"doanh nghiep", FundingBusiness}, {"cong ty", FundingBusiness},
	{"vay", FundingLoan}, {"phia ban", FundingHost}, {"phia moi", FundingHost}, {"doi tac", FundingHost},
	{"nuoc ngoai chi", FundingHost}, {"ban chi tra", FundingHost}, {"host", FundingHost},
	{"tai tro", FundingSponsor}, {"du an", FundingSponsor},
	{"don vi", FundingUnit}, {"tu chu", FundingUnit}, {"su nghiep", FundingUnit}, {"hop phap khac", FundingUnit},
}

// FundingName is the funding category of a trip: from the code of the trip
// file when given, else from the words of the written source.
func FundingName(written, code string) string {
	if c, ok := fundingCodes[code]; ok {
		return c
	}
	k := " " + corpus.MatchKey(written) + " "
	if strings.TrimSpace(k) == "" {
		return FundingUnknown
	}
	for _, fw := range fundingWords {
		if strings.Contains(k, " "+fw.words+" ") {
			return fw.cat
		}
	}
	return FundingUnknown
}

// FundingCode is the trip file's funding.source code for a written source
// ("Ngân sách tỉnh" → "state-budget"), or "" when unclear.
func FundingCode(written string) string {
	cat := FundingName(written, "")
	for code, c := range fundingCodes {
		if c == cat {
			return code
		}
	}
	return ""
}

// Purpose categories of the statistics (by_purpose): what the delegation
// goes for, from the trip's nature and purpose.
var purposeWords = []struct{ words, cat string }{
	{"hoi nghi", "Dự hội nghị, hội thảo, diễn đàn"}, {"hoi thao", "Dự hội nghị, hội thảo, diễn đàn"},
	{"dien dan", "Dự hội nghị, hội thảo, diễn đàn"}, {"toa dam", "Dự hội nghị, hội thảo, diễn đàn"},
	{"hoc tap", "Học tập, đào tạo, bồi dưỡng"}, {"dao tao", "Học tập, đào tạo, bồi dưỡng"},
	{"boi duong", "Học tập, đào tạo, bồi dưỡng"}, {"tap huan", "Học tập, đào tạo, bồi dưỡng"},
	{"xuc tien", "Xúc tiến đầu tư, thương mại, du lịch"}, {"quang ba", "Xúc tiến đầu tư, thương mại, du lịch"},
	{"hoi cho", "Xúc tiến đầu tư, thương mại, du lịch"}, {"trien lam", "Xúc tiến đầu tư, thương mại, du lịch"},
	{"khao sat", "Khảo sát, nghiên cứu"}, {"nghien cuu", "Khảo sát, nghiên cứu"},
	{"ky ket", "Làm việc, hợp tác, ký kết"}, {"hop tac", "Làm việc, hợp tác, ký kết"},
	{"lam viec", "Làm việc, hợp tác, ký kết"}, {"dam phan", "Làm việc, hợp tác, ký kết"},
	{"tham chinh thuc", "Thăm chính thức, hữu nghị"}, {"huu nghi", "Thăm chính thức, hữu nghị"},
	{"giao luu", "Giao lưu văn hóa, thể thao"}, {"van hoa", "Giao lưu văn hóa, thể thao"}, {"the thao", "Giao lưu văn hóa, thể thao"},
	{"du an", "Triển khai dự án"},
}

// PurposeOther is the category of a purpose no word places.
const PurposeOther = "Mục đích khác"

// Purpose places a trip's nature (else its purpose) in a category.
func Purpose(nature, purpose string) string {
	for _, s := range []string{nature, purpose} {
		k := " " + corpus.MatchKey(s) + " "
		for _, pw := range purposeWords {
			if strings.Contains(k, " "+pw.words+" ") {
				return pw.cat
			}
		}
	}
	return PurposeOther
}
