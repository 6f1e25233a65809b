package check

import (
	"fmt"
	"sort"
	"strings"

	"vanthu/corpus"
)

type evaluator struct {
	t     corpus.Trip
	opts  Options
	today corpus.Date
	cal   *Calendar
	hosts map[string][]DateRange
	names countries
}

// vnDate writes a date the Vietnamese way: 31/05/2019.
func vnDate(d corpus.Date) string {
	if d.IsZero() {
		return "?"
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// vnRange writes "02/06/2026 – 04/06/2026", or one date for a one-day range.
func vnRange(from, to corpus.Date) string {
	if from == to {
		return vnDate(from)
	}
	return vnDate(from) + " – " + vnDate(to)
}

func num(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d", int64(f))
	}
	return fmt.Sprintf("%g", f)
}

func cite(set RuleSet, r Rule) Citation {
	return Citation{Number: set.Source.Number, Date: set.Source.Date, Issuer: set.Source.Issuer,
		Item: r.Item, Quote: r.Quote, DocID: set.Source.DocID, Origin: set.Origin}
}

// result builds a finding. breach says the limit is exceeded; the status then
// follows the rule: its severity, the exceptional ceiling (needs-approval)
// or fail, naming who may approve when the rule has an exception clause.
func result(set RuleSet, r Rule, breach bool, value float64, vi, en string) Finding {
	f := Finding{RuleKind: r.Kind, Status: StatusPass, Message: vi, MessageEN: en, Value: value,
		Limit: r.Limit, Unit: r.Unit, Citation: cite(set, r)}
	if !breach {
		return f
	}
	switch {
	case r.Severity == StatusWarn || r.Severity == StatusInfo:
		f.Status = r.Severity
	case r.ExceptionLimit > 0 && value <= r.ExceptionLimit:
		f.Status = StatusNeedsApproval
		f.Authority = authority(r)
		f.Message += fmt.Sprintf("; chỉ được vượt đến %s trong trường hợp ngoại lệ quy định nêu, cần xin ý kiến %s", num(r.ExceptionLimit), f.Authority)
		f.MessageEN += fmt.Sprintf("; up to %s only in the exceptional case the rule names, with the approval of the competent authority", num(r.ExceptionLimit))
	default:
		f.Status = StatusFail
		if r.Exception != "" {
			f.Authority = authority(r)
			f.Message += "; trường hợp thật cần thiết phải xin ý kiến " + f.Authority
			f.MessageEN += "; if truly necessary, ask the competent authority to approve the exception"
		}
	}
	return f
}

func authority(r Rule) string {
	if r.Authority != "" {
		return r.Authority
	}
	return "cấp có thẩm quyền"
}

func warn(set RuleSet, r Rule, vi, en string) Finding {
	return Finding{RuleKind: r.Kind, Status: StatusWarn, Message: vi, MessageEN: en, Limit: r.Limit, Unit: r.Unit, Citation: cite(set, r)}
}

func (e *evaluator) eval(set RuleSet, rules []Rule) []Finding {
	r := rules[0]
	switch r.Kind {
	case corpus.RuleMembersPerDelegation:
		return e.members(set, rules)
	case corpus.RuleDaysPerCountry:
		return []Finding{e.days(set, r)}
	case corpus.RuleCountriesPerTrip:
		return []Finding{e.countries(set, r)}
	case corpus.RuleTripsPerYear:
		return []Finding{e.tripsPerYear(set, r)}
	case corpus.RuleKeyOfficials:
		return []Finding{e.keyOfficials(set, r)}
	case corpus.RuleLeadershipShare:
		return []Finding{e.leadershipShare(set, r)}
	case corpus.RuleReportDeadline:
		return []Finding{e.reportDeadline(set, r)}
	case corpus.RuleDossierLeadTime:
		return []Finding{e.dossier(set, r)}
	case corpus.RuleAnnualPlanDeadline:
		return []Finding{e.annualPlan(set, r)}
	case RuleFunding:
		return []Finding{e.funding(set, r)}
	case RuleProgramme:
		return []Finding{e.programme(set, r)}
	case RuleSocialMedia:
		return []Finding{{RuleKind: r.Kind, Status: StatusInfo, Unit: r.Unit, Citation: cite(set, r),
			Message:   "Lưu ý: không đưa thông tin hoạt động của đoàn lên mạng xã hội",
			MessageEN: "Reminder: do not post the delegation's activities on social media"}}
	case RuleRequiredInfo:
		return []Finding{e.requiredInfo(set, r)}
	case RuleHostHolidays:
		return []Finding{e.hostHolidays(set, r)}
	}
	return []Finding{warn(set, r, "Loại quy định chưa được hỗ trợ: "+r.Kind, "unsupported rule kind: "+r.Kind)}
}

func (e *evaluator) head() corpus.Member {
	for _, m := range e.t.Members {
		if m.Head {
			return m
		}
	}
	if len(e.t.Members) > 0 {
		return e.t.Members[0]
	}
	return corpus.Member{}
}

func (e *evaluator) members(set RuleSet, rules []Rule) []Finding {
	head := e.head()
	var r Rule
	found := false
	for _, c := range rules {
		if len(c.Scope.HeadRanks) == 0 {
			r, found = c, true
			break
		}
		for _, k := range c.Scope.HeadRanks {
			if k == head.Rank {
				r, found = c, true
			}
		}
	}
	if !found {
		if head.Rank == "" {
			return []Finding{warn(set, rules[0],
				"Không xác định được số thành viên tối đa: mức tối đa phụ thuộc cấp bậc trưởng đoàn, cần ghi rank của trưởng đoàn",
				"cannot tell the member limit: it depends on the head's rank; set the head's rank")}
		}
		return nil // the rule binds delegations led by other ranks
	}
	n := float64(len(e.t.Members))
	scope := ""
	if r.Scope.Text != "" {
		scope = " (" + r.Scope.Text + ")"
	}
	if n > r.Limit {
		return []Finding{result(set, r, true, n,
			fmt.Sprintf("Đoàn có %s thành viên, vượt mức tối đa %s người/đoàn%s", num(n), num(r.Limit), scope),
			fmt.Sprintf("the delegation has %s members, above the limit of %s per delegation", num(n), num(r.Limit)))}
	}
	return []Finding{result(set, r, false, n,
		fmt.Sprintf("Đoàn có %s thành viên, trong mức tối đa %s người/đoàn%s", num(n), num(r.Limit), scope),
		fmt.Sprintf("the delegation has %s members, within the limit of %s", num(n), num(r.Limit)))}
}

func span(from, to corpus.Date) int {
	return int(to.Time().Sub(from.Time()).Hours()/24+0.5) + 1
}

func (e *evaluator) days(set RuleSet, r Rule) Finding {
	type stay struct {
		name string
		days int
		from corpus.Date
		to   corpus.Date
	}
	var order []string
	by := map[string]*stay{}
	for _, s := range e.t.Itinerary {
		if s.From.IsZero() || s.To.IsZero() || s.To.Before(s.From) {
			continue
		}
		k := e.names.key(s.Country)
		st, ok := by[k]
		if !ok {
			st = &stay{name: s.Country, from: s.From}
			by[k] = st
			order = append(order, k)
		}
		st.days += span(s.From, s.To)
		st.to = s.To
	}
	if len(order) == 0 {
		return warn(set, r, "Lịch trình chưa có ngày làm việc tại nước nào", "the itinerary has no dated stay")
	}
	var worst *stay
	var parts, over []string
	for _, k := range order {
		st := by[k]
		parts = append(parts, fmt.Sprintf("%s %d ngày", st.name, st.days))
		if worst == nil || st.days > worst.days {
			worst = st
		}
		if float64(st.days) > r.Limit {
			over = append(over, fmt.Sprintf("%s %d ngày (%s)", st.name, st.days, vnRange(st.from, st.to)))
		}
	}
	v := float64(worst.days)
	if len(over) > 0 {
		return result(set, r, true, v,
			fmt.Sprintf("Thời gian làm việc tại %s, vượt mức tối đa %s ngày/nước (không tính thời gian đi và về)", strings.Join(over, ", "), num(r.Limit)),
			fmt.Sprintf("%d days in %s, above the limit of %s days per country (travel excluded)", worst.days, worst.name, num(r.Limit)))
	}
	return result(set, r, false, v,
		fmt.Sprintf("Thời gian làm việc tại mỗi nước không quá %s ngày (%s)", num(r.Limit), strings.Join(parts, ", ")),
		fmt.Sprintf("at most %d days in any country, within the limit of %s", worst.days, num(r.Limit)))
}

func (e *evaluator) countries(set RuleSet, r Rule) Finding {
	seen := map[string]bool{}
	var list []string
	for _, s := range e.t.Itinerary {
		if k := e.names.key(s.Country); k != "" && !seen[k] {
			seen[k] = true
			list = append(list, s.Country)
		}
	}
	n := float64(len(list))
	if n > r.Limit {
		return result(set, r, true, n,
			fmt.Sprintf("Chuyến công tác đi %s nước (%s), vượt mức tối đa %s nước/chuyến", num(n), strings.Join(list, ", "), num(r.Limit)),
			fmt.Sprintf("the trip visits %s countries, above the limit of %s", num(n), num(r.Limit)))
	}
	return result(set, r, false, n,
		fmt.Sprintf("Chuyến công tác đi %s nước (%s), trong mức tối đa %s nước/chuyến", num(n), strings.Join(list, ", "), num(r.Limit)),
		fmt.Sprintf("the trip visits %s countries, within the limit of %s", num(n), num(r.Limit)))
}

// inScope reports whether the member is one the rule counts.
func inScope(m corpus.Member, scope string) bool {
	switch scope {
	case "key-leader":
		return m.KeyLeader
	case "leadership":
		return m.Leadership || m.KeyLeader
	}
	return true
}

func scopeName(scope string) string {
	switch scope {
	case "key-leader":
		return "cán bộ chủ chốt"
	case "leadership":
		return "lãnh đạo"
	}
	return "thành viên"
}

func scopeNameEN(scope string) string {
	switch scope {
	case "key-leader":
		return "key officials"
	case "leadership":
		return "leaders"
	}
	return "members"
}

func (e *evaluator) tripsPerYear(set RuleSet, r Rule) Finding {
	year := e.t.Departure.Year
	type count struct {
		m       corpus.Member
		n       int
		earlier []string
	}
	var worst *count
	var counted []string
	for _, m := range e.t.Members {
		if !inScope(m, r.Scope.Members) {
			continue
		}
		c := &count{m: m}
		key := corpus.MatchKey(m.Name)
		for _, p := range e.opts.History {
			if p.Departure.Year != year || !p.Departure.Before(e.t.Departure) {
				continue // other years, and this trip itself or later ones
			}
			for _, n := range p.Members {
				if corpus.MatchKey(n) == key {
					c.earlier = append(c.earlier, fmt.Sprintf("%s (%s)", p.Name, vnDate(p.Departure)))
					break
				}
			}
		}
		c.n = len(c.earlier)
		if m.TripsThisYear > c.n {
			c.n = m.TripsThisYear // the trip file knows trips the register lacks
		}
		c.n++ // this trip
		counted = append(counted, fmt.Sprintf("%s: lần thứ %d", m.Name, c.n))
		if worst == nil || c.n > worst.n {
			worst = c
		}
	}
	who := scopeName(r.Scope.Members)
	if worst == nil {
		return result(set, r, false, 0,
			fmt.Sprintf("Đoàn không có %s thuộc diện giới hạn số lần đi công tác nước ngoài trong năm", who),
			"no member is bound by the yearly limit of trips")
	}
	src := "theo sổ theo dõi đoàn ra"
	if e.opts.History == nil {
		src = "theo khai báo trips_this_year, chưa có sổ theo dõi đoàn ra"
	}
	v := float64(worst.n)
	if v > r.Limit {
		earlier := ""
		if len(worst.earlier) > 0 {
			earlier = "; các chuyến trước: " + strings.Join(worst.earlier, "; ")
		}
		return result(set, r, true, v,
			fmt.Sprintf("Đồng chí %s (%s) đi công tác nước ngoài lần thứ %d trong năm %d, vượt mức tối đa %s lần/năm (%s%s)",
				worst.m.Name, worst.m.Position, worst.n, year, num(r.Limit), src, earlier),
			fmt.Sprintf("%s would travel abroad for the %s time in %d, above the limit of %s trips a year", worst.m.Name, ordinal(worst.n), year, num(r.Limit)))
	}
	return result(set, r, false, v,
		fmt.Sprintf("Số lần đi công tác nước ngoài năm %d của %s trong đoàn không quá %s lần (%s; %s)", year, who, num(r.Limit), strings.Join(counted, ", "), src),
		fmt.Sprintf("none of the %s exceeds %s trips abroad in %d", scopeNameEN(r.Scope.Members), num(r.Limit), year))
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

// byUnit groups the members a rule counts by their unit (accents and case
// ignored): the seeds limit key officials and leaders "của một cơ quan, đơn
// vị, địa phương", so members of different units do not add up.
func (e *evaluator) byUnit(scope string) (order []string, groups map[string][]corpus.Member) {
	groups = map[string][]corpus.Member{}
	for _, m := range e.t.Members {
		if !inScope(m, scope) {
			continue
		}
		k := corpus.MatchKey(m.Unit)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], m)
	}
	return order, groups
}

func names(ms []corpus.Member) string {
	var s []string
	for _, m := range ms {
		s = append(s, fmt.Sprintf("%s – %s", m.Name, m.Position))
	}
	return strings.Join(s, "; ")
}

func (e *evaluator) keyOfficials(set RuleSet, r Rule) Finding {
	scope := r.Scope.Members
	if scope == "" || scope == "all" {
		scope = "key-leader"
	}
	order, groups := e.byUnit(scope)
	who := scopeName(scope)
	var worst []corpus.Member
	for _, k := range order {
		if len(groups[k]) > len(worst) {
			worst = groups[k]
		}
	}
	v := float64(len(worst))
	if v > r.Limit {
		return result(set, r, true, v,
			fmt.Sprintf("Đoàn có %d %s của %s (%s), vượt mức tối đa %s người của một cơ quan, đơn vị trong một đoàn",
				len(worst), who, worst[0].Unit, names(worst), num(r.Limit)),
			fmt.Sprintf("the delegation has %d %s of %s, above the limit of %s per unit", len(worst), scopeNameEN(scope), worst[0].Unit, num(r.Limit)))
	}
	return result(set, r, false, v,
		fmt.Sprintf("Không có đơn vị nào cử quá %s %s trong đoàn", num(r.Limit), who),
		fmt.Sprintf("no unit sends more than %s of its %s", num(r.Limit), scopeNameEN(scope)))
}

func (e *evaluator) leadershipShare(set RuleSet, r Rule) Finding {
	order, groups := e.byUnit("leadership")
	var worstShare float64
	var worstUnit string
	var worstN, worstSize int
	for _, k := range order {
		ms := groups[k]
		size := 0
		for _, m := range ms {
			if m.LeadershipSize > size {
				size = m.LeadershipSize
			}
		}
		if size == 0 {
			return warn(set, r,
				fmt.Sprintf("Chưa ghi số người của tập thể lãnh đạo %s (leadership_size): không tính được tỷ lệ", ms[0].Unit),
				fmt.Sprintf("the size of %s's leadership collective (leadership_size) is missing", ms[0].Unit))
		}
		if share := float64(len(ms)) / float64(size); share > worstShare {
			worstShare, worstUnit, worstN, worstSize = share, ms[0].Unit, len(ms), size
		}
	}
	if worstShare > r.Limit {
		return result(set, r, true, worstShare,
			fmt.Sprintf("Đoàn có %d/%d thành viên tập thể lãnh đạo của %s, vượt mức tối đa %s tập thể lãnh đạo", worstN, worstSize, worstUnit, fraction(r.Limit)),
			fmt.Sprintf("%d of %d members of %s's leadership collective go, above the limit of %s", worstN, worstSize, worstUnit, fraction(r.Limit)))
	}
	if worstUnit == "" {
		return result(set, r, false, 0, "Đoàn không có thành viên tập thể lãnh đạo", "no member of a leadership collective goes")
	}
	return result(set, r, false, worstShare,
		fmt.Sprintf("Đoàn có %d/%d thành viên tập thể lãnh đạo của %s, không quá %s", worstN, worstSize, worstUnit, fraction(r.Limit)),
		fmt.Sprintf("%d of %d members of %s's leadership collective go, within %s", worstN, worstSize, worstUnit, fraction(r.Limit)))
}

func fraction(f float64) string {
	if f == 0.5 {
		return "1/2"
	}
	return num(f)
}

func unitName(u string) string {
	if u == UnitWorkingDay {
		return "ngày làm việc"
	}
	return "ngày"
}

func (e *evaluator) due(from corpus.Date, r Rule) (corpus.Date, error) {
	if r.Unit == UnitWorkingDay {
		return e.cal.AddWorkingDays(from, int(r.Limit))
	}
	return add(from, int(r.Limit)), nil
}

func (e *evaluator) reportDeadline(set RuleSet, r Rule) Finding {
	ret := e.t.Return
	if ret.IsZero() {
		return warn(set, r, "Chưa có ngày về: không tính được hạn báo cáo", "no return date: cannot compute the report's due date")
	}
	due, err := e.due(ret, r)
	if err != nil {
		return warn(set, r, "Không tính được hạn báo cáo: "+err.Error(), err.Error())
	}
	to := ""
	if len(r.Recipients) > 0 {
		to = ", gửi " + strings.Join(r.Recipients, " và ")
	}
	term := fmt.Sprintf("chậm nhất %s %s sau khi kết thúc chuyến công tác (về ngày %s), tức ngày %s%s",
		num(r.Limit), unitName(r.Unit), vnDate(ret), vnDate(due), to)
	var f Finding
	switch {
	case e.t.Report != nil && !e.t.Report.Date.IsZero():
		rd := e.t.Report.Date
		late := due.Before(rd)
		v := float64(span(ret, rd) - 1)
		if r.Unit == UnitWorkingDay {
			n, _ := e.cal.WorkingDaysBetween(ret, add(rd, 1))
			v = float64(n)
		}
		if late {
			f = result(set, r, true, v,
				fmt.Sprintf("Báo cáo kết quả ngày %s, quá hạn: %s", vnDate(rd), term),
				fmt.Sprintf("the report of %s is late: due %s", rd, due))
		} else {
			f = result(set, r, false, v,
				fmt.Sprintf("Báo cáo kết quả ngày %s, trong hạn: %s", vnDate(rd), term),
				fmt.Sprintf("the report of %s is on time (due %s)", rd, due))
		}
	case due.Before(e.today):
		f = result(set, r, true, float64(span(ret, e.today)-1),
			fmt.Sprintf("Chưa có báo cáo kết quả chuyến công tác, đã quá hạn: %s", term),
			fmt.Sprintf("no report yet, overdue since %s", due))
	default:
		f = result(set, r, false, 0,
			fmt.Sprintf("Hạn báo cáo kết quả: %s", term),
			fmt.Sprintf("the report is due by %s", due))
	}
	f.Due = due
	return f
}

func (e *evaluator) dossier(set RuleSet, r Rule) Finding {
	if e.t.Date.IsZero() || e.t.Departure.IsZero() {
		return warn(set, r, "Thiếu ngày văn bản hoặc ngày đi: không tính được thời hạn gửi hồ sơ", "missing the proposal's date or the departure")
	}
	n, err := e.cal.WorkingDaysBetween(e.t.Date, e.t.Departure)
	if err != nil {
		return warn(set, r, "Không tính được số ngày làm việc: "+err.Error(), err.Error())
	}
	latest, err := e.cal.SubWorkingDays(e.t.Departure, int(r.Limit))
	if err != nil {
		return warn(set, r, "Không tính được số ngày làm việc: "+err.Error(), err.Error())
	}
	v := float64(n)
	var f Finding
	if v < r.Limit {
		f = result(set, r, true, v,
			fmt.Sprintf("Hồ sơ ngày %s chỉ gửi trước ngày đi (%s) %d ngày làm việc, ít hơn mức tối thiểu %s ngày làm việc; hạn chót gửi hồ sơ là ngày %s",
				vnDate(e.t.Date), vnDate(e.t.Departure), n, num(r.Limit), vnDate(latest)),
			fmt.Sprintf("the dossier of %s comes %d working days before departure (%s), fewer than the %s required; the last day was %s",
				e.t.Date, n, e.t.Departure, num(r.Limit), latest))
	} else {
		f = result(set, r, false, v,
			fmt.Sprintf("Hồ sơ ngày %s gửi trước ngày đi (%s) %d ngày làm việc, đủ mức tối thiểu %s ngày làm việc (hạn chót ngày %s)",
				vnDate(e.t.Date), vnDate(e.t.Departure), n, num(r.Limit), vnDate(latest)),
			fmt.Sprintf("the dossier comes %d working days before departure, at least the %s required (last day %s)", n, num(r.Limit), latest))
	}
	f.Due = latest
	return f
}

func (e *evaluator) annualPlan(set RuleSet, r Rule) Finding {
	m, d, _ := monthDay(r.MonthDay)
	y := e.t.Departure.Year
	due, _ := corpus.NewDate(y-1, m, d)
	sev := r.Severity
	if sev == "" {
		sev = StatusInfo
	}
	return Finding{RuleKind: r.Kind, Status: sev, Unit: r.Unit, Due: due, Citation: cite(set, r),
		Message:   fmt.Sprintf("Chuyến đi cần nằm trong kế hoạch đối ngoại năm %d đã trình duyệt trước ngày %s (trường hợp ngoài kế hoạch phải trình cấp có thẩm quyền phê duyệt riêng)", y, vnDate(due)),
		MessageEN: fmt.Sprintf("the trip should be in the %d plan submitted before %s", y, due)}
}

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
