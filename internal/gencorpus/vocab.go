package gencorpus

// Words and phrases of official documents on foreign affairs and delegations
// (phrasing as in the seeds and Nghị định 30/2020/NĐ-CP), combined at random.

var issuers = []string{
	"Ủy ban nhân dân tỉnh Quảng Ninh", "Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân tỉnh Cao Bằng",
	"Ủy ban nhân dân thành phố Đà Nẵng", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "Ủy ban nhân dân tỉnh Quảng Ngãi",
	"Sở Ngoại vụ Hà Nội", "Sở Ngoại vụ Cao Bằng", "Sở Ngoại vụ Thành phố Hồ Chí Minh", "Sở Nội vụ tỉnh Lào Cai",
	"Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Giáo dục và Đào tạo", "Bộ Tài chính", "Chính phủ", "Thủ tướng Chính phủ",
	"Ban Tổ chức Thành ủy Hà Nội", "Tỉnh ủy Quảng Ninh", "Thành ủy Hà Nội", "Tỉnh ủy Cao Bằng", "Ban Bí thư", "Bộ Chính trị",
}

// issuerCodes are the code parts of numbers, parallel to issuers.
var issuerCodes = []string{
	"UBND", "UBND", "UBND", "UBND", "UBND", "UBND",
	"SNgV", "SNgV", "SNgV", "SNV", "BNG", "BNV", "BGDĐT", "BTC", "CP", "TTg",
	"BTCTU", "TU", "TU", "TU", "TW", "TW",
}

var places = []string{"Hạ Long", "Hà Nội", "Cao Bằng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Quảng Ngãi", "Lào Cai"}

var types = []struct{ Code, Name string }{
	{"CV", "Công văn"}, {"QĐ", "Quyết định"}, {"CT", "Chỉ thị"}, {"KH", "Kế hoạch"}, {"TB", "Thông báo"},
	{"BC", "Báo cáo"}, {"TTr", "Tờ trình"}, {"HD", "Hướng dẫn"}, {"QC", "Quy chế"}, {"NQ", "Nghị quyết"},
}

var units = []string{"KGVX", "NC", "TH", "VP", "NV", "QLXNC", "LS", "HTQT"}

var countries = []string{"Nhật Bản", "Hàn Quốc", "Trung Quốc", "Lào", "Campuchia", "Thái Lan", "Singapore",
	"Cộng hòa Liên bang Đức", "Pháp", "Hoa Kỳ", "Ô-xtrây-li-a", "Liên bang Nga", "Ấn Độ", "Cu Ba"}

var names = []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Hà", "Vũ Đức Bảo",
	"Hoàng Minh Tuấn", "Đặng Thị Lan", "Bùi Quốc Khánh", "Đỗ Thanh Hải", "Ngô Thị Mai", "Tô Văn Hùng"}

var titles = []string{
	"Về việc tăng cường quản lý đoàn đi công tác nước ngoài",
	"Về việc cử đoàn đi công tác tại %s",
	"Về việc đón tiếp đoàn vào từ %s",
	"Ban hành Quy chế quản lý thống nhất các hoạt động đối ngoại",
	"Kế hoạch hoạt động đối ngoại năm %d",
	"Báo cáo kết quả chuyến công tác tại %s",
	"Về việc chấn chỉnh công tác quản lý đoàn ra, đoàn vào",
	"Hướng dẫn lập hồ sơ trình duyệt đoàn ra",
	"Về việc tổ chức hội nghị, hội thảo quốc tế",
	"Về việc ký kết thỏa thuận quốc tế với địa phương nước ngoài",
	"Thông báo kết luận về công tác đối ngoại năm %d",
	"Về việc thẩm định chương trình làm việc của đoàn",
}

var sentences = []string{
	"Thực hiện chỉ đạo của Thường trực Tỉnh ủy về tăng cường quản lý các đoàn đi công tác nước ngoài.",
	"Các cơ quan, đơn vị nghiêm túc quán triệt và triển khai thực hiện đúng quy định hiện hành.",
	"Mỗi đoàn đi công tác nước ngoài không quá %d thành viên, không bố trí hai đồng chí chủ chốt đi cùng đoàn.",
	"Thời gian công tác không quá %d ngày tại một nước, không kể thời gian đi đường.",
	"Không tổ chức đoàn đi quá ba nước trong một chuyến, ưu tiên các nước láng giềng cùng khu vực.",
	"Không nhận tài trợ của doanh nghiệp, không sử dụng vốn vay nước ngoài cho chuyến đi.",
	"Hồ sơ trình duyệt phải kèm theo chương trình làm việc chi tiết với các đối tác.",
	"Trưởng đoàn chịu trách nhiệm báo cáo kết quả chuyến đi trong vòng %d ngày sau khi về nước.",
	"Sở Ngoại vụ chủ trì, phối hợp với Sở Tài chính thẩm định kinh phí của đoàn.",
	"Kinh phí chuyến đi do ngân sách nhà nước bảo đảm theo dự toán được giao.",
	"Đoàn vào làm việc với các sở, ban, ngành về hợp tác kinh tế, thương mại và đầu tư.",
	"Công an tỉnh phối hợp bảo đảm an ninh, an toàn cho các đoàn khách quốc tế.",
	"Tránh bố trí chuyến đi vào dịp lễ, tết hoặc bầu cử của nước sở tại.",
	"Kế hoạch hoạt động đối ngoại hằng năm trình Ủy ban nhân dân tỉnh phê duyệt trước ngày 5 tháng 10.",
	"Không đăng tải hình ảnh, hoạt động của đoàn lên mạng xã hội khi chưa được phép.",
	"Đoàn đã làm việc với chính quyền địa phương, thăm một số doanh nghiệp và cơ sở đào tạo.",
	"Hai bên trao đổi kinh nghiệm về cải cách hành chính, chuyển đổi số và phát triển du lịch.",
	"Kết quả chuyến công tác góp phần tăng cường quan hệ hữu nghị và hợp tác giữa hai địa phương.",
	"Đề nghị các đơn vị rút kinh nghiệm, khắc phục hạn chế trong công tác quản lý đoàn ra.",
	"Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện và báo cáo kết quả.",
	"Trường hợp thật cần thiết thì xin ý kiến cấp có thẩm quyền quyết định.",
	"Các đồng chí Ủy viên Ban Thường vụ đi nước ngoài không quá hai lần trong năm.",
	"Thành phần đoàn phải phù hợp với mục đích, nội dung và đối tác làm việc.",
	"Đoàn gồm đại diện lãnh đạo Sở Ngoại vụ, Sở Kế hoạch và Đầu tư, Sở Công Thương.",
	"Hội thảo quốc tế về hợp tác địa phương được tổ chức với sự tham gia của nhiều đối tác.",
	"Việc ký kết thỏa thuận quốc tế phải được thẩm định và cho phép theo quy định của pháp luật.",
	"Người đứng đầu cơ quan, đơn vị chịu trách nhiệm về thành phần và hiệu quả của đoàn.",
	"Sau chuyến đi, các đơn vị tổ chức triển khai các nội dung đã thống nhất với đối tác.",
	"Bàn giải pháp thúc đẩy xuất khẩu nông sản sang thị trường các nước trong khu vực.",
	"Bản ghi nhớ hợp tác được ký kết trong khuôn khổ chuyến thăm và làm việc.",
	"Giá bán sản phẩm được niêm yết công khai tại hội chợ thương mại biên giới.",
	"Ban quản lý khu kinh tế báo cáo tình hình thu hút đầu tư nước ngoài.",
	"Không tổ chức đoàn đi nước ngoài chỉ để tham quan, khảo sát không cần thiết.",
	"Đoàn ra phải bảo đảm thiết thực, hiệu quả, tiết kiệm, đúng mục đích.",
	"Các quận, huyện, thị xã xây dựng kế hoạch hoạt động đối ngoại sát với thực tế địa phương.",
}
