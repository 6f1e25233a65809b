package generate

import (
	"fmt"

	"vanthu/corpus"
)

type tripT = corpus.Trip

func date(y, m, d int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: d} }

// stateTrip is a delegation of Quảng Ninh's foreign-affairs department that
// keeps every rule: 4 members, 2 countries, 3 working days in each.
func stateTrip() corpus.Trip {
	return corpus.Trip{
		Style:        "state",
		ParentIssuer: "UBND TỈNH QUẢNG NINH",
		Issuer:       "SỞ NGOẠI VỤ",
		Jurisdiction: "UBND tỉnh Quảng Ninh",
		Register:     corpus.Register{Number: 5, Code: "SNgV-LS"},
		Place:        "Hạ Long",
		Date:         date(2026, 1, 5),
		Name:         "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh",
		Nature:       "làm việc",
		Purpose:      "Trao đổi kinh nghiệm quản lý hoạt động đối ngoại địa phương, thúc đẩy hợp tác về du lịch, giáo dục và đào tạo nguồn nhân lực giữa tỉnh Quảng Ninh với tỉnh Kumamoto (Nhật Bản) và tỉnh Gyeonggi (Hàn Quốc); chuẩn bị nội dung ký kết biên bản ghi nhớ hợp tác giai đoạn 2026 - 2030.",
		Members: []corpus.Member{
			{Name: "Nguyễn Văn An", Position: "Giám đốc Sở Ngoại vụ", Unit: "Sở Ngoại vụ tỉnh Quảng Ninh", Head: true, KeyLeader: true, Leadership: true, LeadershipSize: 4},
			{Name: "Trần Thị Bình", Position: "Trưởng phòng Lãnh sự", Unit: "Sở Ngoại vụ tỉnh Quảng Ninh", TripsThisYear: 1},
			{Name: "Lê Minh Châu", Position: "Phó Giám đốc Sở Du lịch", Unit: "Sở Du lịch tỉnh Quảng Ninh"},
			{Name: "Phạm Quốc Dũng", Position: "Chuyên viên phòng Hợp tác quốc tế", Unit: "Sở Ngoại vụ tỉnh Quảng Ninh"},
		},
		Itinerary: []corpus.Stop{
			{Country: "Nhật Bản", City: "Kumamoto", From: date(2026, 3, 10), To: date(2026, 3, 12), Partner: "Chính quyền tỉnh Kumamoto",
				Sessions: []corpus.Session{
					{Date: date(2026, 3, 10), Time: "09:00", Place: "Trụ sở chính quyền tỉnh", Partner: "Thống đốc tỉnh Kumamoto", Content: "Hội đàm về chương trình hợp tác giai đoạn 2026 - 2030", Done: "Hai bên thống nhất dự thảo biên bản ghi nhớ hợp tác giai đoạn 2026 - 2030"},
					{Date: date(2026, 3, 11), Time: "14:00", Place: "Đại học Kumamoto", Partner: "Đại học Kumamoto", Content: "Làm việc về học bổng và trao đổi sinh viên"},
					{Date: date(2026, 3, 12), Time: "09:30", Place: "Hiệp hội Du lịch Kumamoto", Partner: "Hiệp hội Du lịch Kumamoto", Content: "Khảo sát mô hình xúc tiến du lịch địa phương"},
				}},
			{Country: "Hàn Quốc", City: "Suwon", From: date(2026, 3, 13), To: date(2026, 3, 15), Partner: "Chính quyền tỉnh Gyeonggi",
				Sessions: []corpus.Session{
					{Date: date(2026, 3, 13), Time: "10:00", Place: "Trụ sở chính quyền tỉnh Gyeonggi", Content: "Làm việc với Vụ Hợp tác quốc tế tỉnh Gyeonggi về lao động và đào tạo nghề"},
					{Date: date(2026, 3, 14), Time: "09:00", Place: "Khu công nghệ Pangyo", Partner: "Cơ quan Xúc tiến kinh tế Gyeonggi", Content: "Khảo sát mô hình khu công nghệ cao, gặp gỡ doanh nghiệp có dự án tại Quảng Ninh"},
					{Date: date(2026, 3, 15), Time: "15:00", Place: "Hội người Việt Nam tại Gyeonggi", Partner: "Hội người Việt Nam tại Gyeonggi", Content: "Gặp gỡ cộng đồng người Việt Nam"},
				}},
		},
		Departure:         date(2026, 3, 9),
		Return:            date(2026, 3, 16),
		Funding:           corpus.Funding{Source: "state-budget", Note: "dự toán chi đoàn ra năm 2026 của Sở Ngoại vụ", Items: []corpus.CostItem{{Item: "Vé máy bay", Payer: "Sở Ngoại vụ", Planned: 96000000}, {Item: "Khách sạn", Payer: "Sở Ngoại vụ", Planned: 48000000}, {Item: "Tiền ăn và tiêu vặt", Payer: "Sở Ngoại vụ", Planned: 30400000}, {Item: "Thị thực", Payer: "Sở Ngoại vụ", Planned: 6400000}}},
		Invitation:        "Thư mời ngày 12/12/2025 của Thống đốc tỉnh Kumamoto (Nhật Bản)",
		ProgrammeAttached: true,
		Contact:           "Bà Trần Thị Bình, Trưởng phòng Lãnh sự, điện thoại 0203 3835 123",
		Recipients:        []string{"Ủy ban nhân dân tỉnh Quảng Ninh"},
		CC:                []string{"Bộ Ngoại giao (để báo cáo)", "Ban Tổ chức Tỉnh ủy"},
		Archive:           "VT, LS",
		Signer:            corpus.Signer{Title: "GIÁM ĐỐC", Name: "Nguyễn Văn An"},
		Report: &corpus.TripReport{
			Date: date(2026, 3, 24), Decision: "125/QĐ-SNgV", DecisionDate: date(2026, 2, 20),
			Results:     []string{"Thống nhất với tỉnh Kumamoto dự thảo biên bản ghi nhớ hợp tác giai đoạn 2026 - 2030, dự kiến ký trong quý III năm 2026", "Đại học Kumamoto đồng ý dành 5 suất học bổng thạc sĩ mỗi năm cho cán bộ, công chức của tỉnh", "Tỉnh Gyeonggi nhận 20 học viên đào tạo nghề của Quảng Ninh trong năm 2026"},
			Commitments: []string{"Biên bản ghi nhớ về hợp tác đào tạo nghề với Cơ quan Xúc tiến kinh tế Gyeonggi (ký ngày 14/3/2026)"},
			Lessons:     []string{"Cần chuẩn bị sớm tài liệu giới thiệu tiềm năng của tỉnh bằng tiếng Nhật và tiếng Hàn"},
			Proposals:   []string{"Giao Sở Ngoại vụ chủ trì, phối hợp với Sở Giáo dục và Đào tạo xây dựng kế hoạch cử cán bộ dự tuyển học bổng", "Đưa nội dung ký kết biên bản ghi nhớ với tỉnh Kumamoto vào chương trình đối ngoại năm 2026 của tỉnh"},
		},
	}
}

// withFunding gives the state trip actual costs for its report.
func withActuals(t corpus.Trip) corpus.Trip {
	act := []float64{91500000, 47200000, 29800000, 6400000}
	items := append([]corpus.CostItem(nil), t.Funding.Items...)
	for i := range items {
		items[i].Actual = act[i]
	}
	t.Funding.Items = items
	return t
}

// partyTrip is a Party-style delegation of Hà Nội's Ban Tổ chức Thành ủy.
func partyTrip() corpus.Trip {
	t := stateTrip()
	t.Style = "party"
	t.ParentIssuer = "THÀNH ỦY HÀ NỘI"
	t.Issuer = "BAN TỔ CHỨC"
	t.Jurisdiction = "Thành ủy Hà Nội"
	t.Register = corpus.Register{Number: 4060, Code: "BTCTU"}
	t.Place = "Hà Nội"
	t.Date = date(2026, 2, 3)
	t.Name = "Đoàn công tác của Ban Tổ chức Thành ủy Hà Nội"
	t.Recipients = []string{"Thường trực Thành ủy Hà Nội", "Ban Đối ngoại Thành ủy", "Sở Ngoại vụ thành phố Hà Nội"}
	t.CC = []string{"Đồng chí Bí thư Thành ủy (để báo cáo)", "Văn phòng Thành ủy"}
	t.Archive = "VT, BTCTU"
	t.Signer = corpus.Signer{Authority: "K/T TRƯỞNG BAN", Title: "PHÓ TRƯỞNG BAN", Name: "Đỗ Thị Hạnh"}
	return t
}

// longTrip has a long report: many sessions and results, to flow over
// about twenty pages.
func longTrip() corpus.Trip {
	t := withActuals(stateTrip())
	var sessions []corpus.Session
	for i := 0; i < 90; i++ {
		sessions = append(sessions, corpus.Session{Date: date(2026, 3, 10+i%3), Time: fmt.Sprintf("%02d:00", 8+i%9), Place: "Trụ sở đối tác số " + fmt.Sprint(i+1),
			Partner: "Cơ quan đối tác số " + fmt.Sprint(i+1), Content: "Làm việc về hợp tác phát triển nguồn nhân lực, du lịch và xúc tiến đầu tư; trao đổi kinh nghiệm quản lý nhà nước về đối ngoại địa phương và thống nhất các bước triển khai tiếp theo",
			Done: "Hai bên đã trao đổi cụ thể về các lĩnh vực hợp tác ưu tiên, thống nhất cơ chế đầu mối liên lạc và lộ trình triển khai các hoạt động trong năm 2026 và các năm tiếp theo; đối tác cam kết cử đoàn chuyên gia sang làm việc tại tỉnh"})
	}
	t.Itinerary[0].Sessions = sessions
	for i := 0; i < 55; i++ {
		t.Report.Results = append(t.Report.Results, fmt.Sprintf("Kết quả số %d: đoàn đã làm việc hiệu quả với đối tác, thống nhất nội dung hợp tác cụ thể về đào tạo, du lịch, thương mại và đầu tư; hai bên giao các cơ quan chuyên môn xây dựng kế hoạch chi tiết để triển khai trong thời gian tới", i+1))
	}
	return t
}

// toTrinhTrip sends the proposal as a tờ trình (register type TTr) to two
// bodies.
func toTrinhTrip() corpus.Trip {
	t := stateTrip()
	t.Register = corpus.Register{Number: 12, Code: "SNgV", Type: "TTr"}
	t.Recipients = []string{"Ủy ban nhân dân tỉnh Quảng Ninh", "Ban Thường vụ Tỉnh ủy Quảng Ninh"}
	t.Signer = corpus.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Hoàng Thị Lan"}
	return t
}
