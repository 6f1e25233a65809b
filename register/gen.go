package register

import (
	"fmt"
	"math/rand/v2"

	"vanthu/corpus"
)

// GenConfig configures Generate.
type GenConfig struct {
	N    int         // trips
	Seed uint64      // the same seed gives the same trips
	AsOf corpus.Date // statuses and reports are those of this day; zero: 2026-12-01
	// Years the departures spread over, ending with AsOf's year; 0 means 3.
	Years int
}

var genUnits = []struct{ unit, jur string }{
	{"Viện Khoa học Giáo dục Việt Nam", "Bộ Giáo dục và Đào tạo"},
	{"Trường Đại học Sư phạm Hà Nội", "Bộ Giáo dục và Đào tạo"},
	{"Trường Đại học Bách khoa Hà Nội", "Bộ Giáo dục và Đào tạo"},
	{"Trường Đại học Kinh tế Quốc dân", "Bộ Giáo dục và Đào tạo"},
	{"Đại học Huế", "Bộ Giáo dục và Đào tạo"},
	{"Đại học Đà Nẵng", "Bộ Giáo dục và Đào tạo"},
	{"Cục Hợp tác quốc tế", "Bộ Giáo dục và Đào tạo"},
	{"Vụ Giáo dục Đại học", "Bộ Giáo dục và Đào tạo"},
	{"Sở Ngoại vụ tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"},
	{"Sở Du lịch tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"},
	{"Ban Quản lý Khu kinh tế tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"},
	{"Sở Công Thương thành phố Hà Nội", "UBND thành phố Hà Nội"},
	{"Sở Giáo dục và Đào tạo thành phố Hà Nội", "UBND thành phố Hà Nội"},
	{"Sở Y tế thành phố Hà Nội", "UBND thành phố Hà Nội"},
	{"Sở Nông nghiệp và Môi trường thành phố Hà Nội", "UBND thành phố Hà Nội"},
	{"Sở Xây dựng Thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"},
	{"Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"},
	{"Sở Ngoại vụ thành phố Đà Nẵng", "UBND thành phố Đà Nẵng"},
	{"Sở Văn hóa, Thể thao và Du lịch tỉnh Cao Bằng", "UBND tỉnh Cao Bằng"},
	{"Sở Tài chính tỉnh Cao Bằng", "UBND tỉnh Cao Bằng"},
}

var genFamily = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Võ", "Trịnh", "Đinh", "Lương"}
var genMiddle = []string{"Văn", "Thị", "Minh", "Thanh", "Quốc", "Hoàng", "Thu", "Ngọc", "Đức", "Hữu", "Kim", "Xuân"}
var genGiven = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"}
var genCountries = [][]string{{"Nhật Bản"}, {"Hàn Quốc"}, {"Trung Quốc"}, {"Lào"}, {"Campuchia"}, {"Thái Lan"},
	{"Singapore"}, {"Nhật Bản", "Hàn Quốc"}, {"Pháp", "Bỉ"}, {"Đức"}, {"Hoa Kỳ"}, {"Australia"}, {"Liên bang Nga"},
	{"Singapore", "Malaysia"}, {"Anh"}, {"Ấn Độ"}, {"Hàn Quốc"}, {"Nhật Bản"}, {"Lào", "Campuchia"}}
var genPurposes = []struct{ nature, purpose string }{
	{"làm việc", "Làm việc với đối tác, triển khai thỏa thuận hợp tác đã ký"},
	{"dự hội nghị", "Dự hội nghị quốc tế và trình bày tham luận"},
	{"khảo sát", "Khảo sát, học tập kinh nghiệm quản lý"},
	{"xúc tiến", "Xúc tiến đầu tư, thương mại và du lịch"},
	{"đào tạo", "Tham gia khóa đào tạo, bồi dưỡng ngắn hạn"},
	{"ký kết", "Ký kết biên bản ghi nhớ hợp tác"},
}
var genFunding = []struct{ written, code string }{
	{"Ngân sách nhà nước", "state-budget"}, {"Ngân sách tỉnh", "state-budget"}, {"Kinh phí tự chủ của đơn vị", "unit"},
	{"Phía bạn chi trả", "host"}, {"Kinh phí dự án hợp tác", "sponsor"}, {"Ngân sách nhà nước và phía bạn", "mixed"},
}

// Generate returns cfg.N realistic trips (the units, rules, countries and
// proportions of a province's and a ministry's registers; people and
// numbers invented), each with a distinct NewID, for benchmarks, the import
// tests and `vanthu bench trips`. Statuses follow the dates as of cfg.AsOf:
// past trips are mostly reported (some late, some never), future ones
// planned, proposed or approved; a few are postponed or cancelled.
func Generate(cfg GenConfig) []Entry {
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = corpus.Date{Year: 2026, Month: 12, Day: 1}
	}
	years := cfg.Years
	if years <= 0 {
		years = 3
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7269705f676e6572))
	// Each unit has a staff of 25 who travel again and again.
	staff := make([][]string, len(genUnits))
	for u := range staff {
		seen := map[string]bool{}
		for len(staff[u]) < 25 {
			n := genFamily[rng.IntN(len(genFamily))] + " " + genMiddle[rng.IntN(len(genMiddle))] + " " + genGiven[rng.IntN(len(genGiven))]
			if !seen[n] {
				seen[n] = true
				staff[u] = append(staff[u], n)
			}
		}
	}
	start := dayNum(corpus.Date{Year: asOf.Year - years + 1, Month: 1, Day: 1})
	end := dayNum(corpus.Date{Year: asOf.Year + 1, Month: 6, Day: 30})
	now := dayNum(asOf)
	ids := map[string]bool{}
	out := make([]Entry, 0, cfg.N)
	for i := 0; len(out) < cfg.N; i++ {
		u := rng.IntN(len(genUnits))
		unit := genUnits[u]
		dep := start + rng.IntN(end-start)
		ret := dep + 3 + rng.IntN(6)
		cs := genCountries[rng.IntN(len(genCountries))]
		p := genPurposes[rng.IntN(len(genPurposes))]
		f := genFunding[rng.IntN(len(genFunding))]
		n := 1 + rng.IntN(7)
		perm := rng.Perm(len(staff[u]))[:n]
		var members []corpus.Member
		for j, k := range perm {
			members = append(members, corpus.Member{Name: staff[u][k], Unit: unit.unit, Head: j == 0,
				Position: []string{"Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Chuyên viên"}[min(j, 3)]})
		}
		var stops []corpus.Stop
		for _, c := range cs {
			stops = append(stops, corpus.Stop{Country: c})
		}
		e := Entry{Unit: unit.unit, Funding: f.written, InPlan: rng.IntN(10) < 8, Trip: corpus.Trip{
			Jurisdiction: unit.jur, Name: fmt.Sprintf("Đoàn công tác %s đi %s", unit.unit, joinVi(cs)),
			Nature: p.nature, Purpose: p.purpose, Members: members, Itinerary: stops,
			Departure: fromDayNum(dep), Return: fromDayNum(ret), Funding: corpus.Funding{Source: f.code},
		}}
		e.ID = NewID(e)
		if ids[e.ID] {
			continue
		}
		ids[e.ID] = true
		seq := i + 1
		code := fmt.Sprintf("ĐV%02d", u+1)
		roll := rng.IntN(100)
		switch {
		case roll < 3:
			e.Status, e.Reason = Cancelled, "Đối tác đề nghị hủy chuyến thăm"
		case roll < 6:
			e.Status, e.Reason = Postponed, "Lùi thời gian theo đề nghị của phía bạn"
		case dep-40 > now:
			e.Status = Planned
		default:
			e.Request = DocRef{Number: fmt.Sprintf("%d/%s-HTQT", seq, code), Date: fromDayNum(dep - 35 - rng.IntN(20))}
			e.Status = Proposed
			if dep-15 <= now || rng.IntN(2) == 0 {
				e.Decision = DocRef{Number: fmt.Sprintf("%d/QĐ-%s", seq, code), Date: fromDayNum(dep - 12 - rng.IntN(10)), Body: unit.jur}
				e.Status = Approved
			}
			if e.Status == Approved && dep <= now {
				e.Status = Travelling
			}
			if e.Status == Travelling && ret < now {
				e.Status = Returned
				if r := rng.IntN(100); r < 85 && ret+3 <= now {
					late := 0
					if r < 10 {
						late = 15 + rng.IntN(20)
					}
					rd := min(ret+2+rng.IntN(12)+late, now)
					e.Report = DocRef{Number: fmt.Sprintf("%d/BC-%s", seq, code), Date: fromDayNum(rd)}
					e.Status = Reported
					if f.code != "host" && f.code != "sponsor" && rng.IntN(3) > 0 {
						e.Settlement = DocRef{Date: fromDayNum(min(rd+rng.IntN(10), now))}
						e.Status = Settled
					}
				}
			}
		}
		e.History = []Change{{To: e.Status, On: asOf, Time: asOf.Time().UTC(), Author: "gen"}}
		syncTripReport(&e)
		out = append(out, e)
	}
	return out
}

func joinVi(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	s := ss[0]
	for _, x := range ss[1 : len(ss)-1] {
		s += ", " + x
	}
	return s + " và " + ss[len(ss)-1]
}
