package check

// Rules on what the request carries: funding, programme, information, timing
// against the host's calendar.

import (
	"fmt"
	"sort"
	"strings"

	"vanthu/corpus"
)

var fundingNames = map[string]string{
	"state-budget": "ngân sách nhà nước", "unit": "kinh phí của đơn vị", "host": "phía mời đài thọ",
	"business": "doanh nghiệp tổ chức, đài thọ", "foreign-loan": "vốn vay nước ngoài",
	"sponsor": "nguồn tài trợ", "mixed": "nhiều nguồn",
}

// Payers in cost items that name a forbidden source, accent-free.
var payerWords = map[string][]string{
	"business":     {"doanh nghiep", "cong ty", "tap doan"},
	"foreign-loan": {"von vay"},
	"sponsor":      {"tai tro"},
}

func (e *evaluator) funding(set RuleSet, r Rule) Finding {
	src := e.t.Funding.Source
	for _, f := range r.Forbidden {
		if src == f {
			return result(set, r, true, 1,
				fmt.Sprintf("Kinh phí chuyến đi do %s, thuộc nguồn không được sử dụng", fundingNames[src]),
				fmt.Sprintf("the trip is funded by %s, a source the rule excludes", src))
		}
		for _, it := range e.t.Funding.Items {
			p := " " + corpus.MatchKey(it.Payer) + " "
			for _, w := range payerWords[f] {
				if strings.Contains(p, " "+w+" ") {
					return result(set, r, true, 1,
						fmt.Sprintf("Khoản chi %q do %s chi trả, thuộc nguồn không được sử dụng (%s)", it.Item, it.Payer, fundingNames[f]),
						fmt.Sprintf("cost item %q is paid by %s, a source the rule excludes", it.Item, it.Payer))
				}
			}
		}
	}
	name := fundingNames[src]
	if name == "" {
		name = src
	}
	return result(set, r, false, 0,
		fmt.Sprintf("Nguồn kinh phí: %s, không thuộc các nguồn bị cấm", name),
		fmt.Sprintf("funding: %s, not an excluded source", src))
}

func (e *evaluator) programme(set RuleSet, r Rule) Finding {
	n := 0
	for _, s := range e.t.Itinerary {
		n += len(s.Sessions)
	}
	if !e.t.ProgrammeAttached {
		return result(set, r, true, 0,
			"Hồ sơ trình chưa kèm chương trình công tác chi tiết (programme_attached: false)",
			"the request has no detailed programme attached")
	}
	if n == 0 {
		return warn(set, r, "Đã ghi có chương trình kèm theo nhưng lịch trình chưa có buổi làm việc nào",
			"a programme is said to be attached but the itinerary lists no working session")
	}
	return result(set, r, false, float64(n),
		fmt.Sprintf("Có chương trình công tác chi tiết kèm theo (%d buổi làm việc)", n),
		fmt.Sprintf("a detailed programme is attached (%d working sessions)", n))
}

func (e *evaluator) requiredInfo(set RuleSet, r Rule) Finding {
	var miss []string
	if strings.TrimSpace(e.t.Purpose) == "" {
		miss = append(miss, "mục đích")
	}
	if strings.TrimSpace(e.t.Invitation) == "" {
		miss = append(miss, "thư mời của phía nước ngoài")
	}
	if e.t.Funding.Source == "" {
		miss = append(miss, "nguồn kinh phí")
	}
	if e.t.Departure.IsZero() || e.t.Return.IsZero() {
		miss = append(miss, "thời gian đi, về")
	}
	for i, m := range e.t.Members {
		if m.Name == "" || m.Position == "" || m.Unit == "" {
			miss = append(miss, fmt.Sprintf("họ tên, chức vụ, đơn vị của thành viên thứ %d", i+1))
		}
	}
	for _, s := range e.t.Itinerary {
		if strings.TrimSpace(s.Partner) == "" {
			miss = append(miss, "đối tác làm việc tại "+s.Country)
		}
	}
	if len(miss) > 0 {
		return result(set, r, true, float64(len(miss)),
			"Hồ sơ thiếu thông tin theo quy định: "+strings.Join(miss, ", "),
			fmt.Sprintf("the request lacks %d required items of information", len(miss)))
	}
	return result(set, r, false, 0,
		"Hồ sơ có đủ thông tin: mục đích, thành phần, thời gian, đối tác, kinh phí, thư mời",
		"the request carries the required information")
}

func (e *evaluator) hostHolidays(set RuleSet, r Rule) Finding {
	hosts := map[string][]DateRange{}
	for k, v := range e.hosts {
		hosts[e.names.key(k)] = append(hosts[e.names.key(k)], v...)
	}
	var clash, unknown []string
	for _, s := range e.t.Itinerary {
		hs, ok := hosts[e.names.key(s.Country)]
		if !ok {
			unknown = append(unknown, s.Country)
			continue
		}
		sort.Slice(hs, func(i, j int) bool { return hs[i].From.Before(hs[j].From) })
		for _, h := range hs {
			if !h.To.Before(s.From) && !s.To.Before(h.From) {
				clash = append(clash, fmt.Sprintf("%s (%s) trùng %s (%s)",
					s.Country, vnRange(s.From, s.To), h.Name, vnRange(h.From, h.To)))
			}
		}
	}
	note := ""
	if len(unknown) > 0 {
		note = "; chưa có dữ liệu ngày lễ, bầu cử của: " + strings.Join(unknown, ", ")
	}
	if len(clash) > 0 {
		f := result(set, r, true, float64(len(clash)),
			"Thời gian làm việc tại "+strings.Join(clash, "; ")+note,
			fmt.Sprintf("%d stays fall on the host's holidays or elections", len(clash)))
		f.Status = StatusWarn // advice, never a failure
		return f
	}
	return result(set, r, false, 0,
		"Thời gian làm việc không trùng dịp nghỉ lễ, bầu cử đã biết của nước đến"+note,
		"no stay falls on a known holiday or election of the host")
}
