package check

// Rules on the delegation itself: its size, who is in it, how long it stays
// where, and how often its members travel.

import (
	"fmt"
	"strings"

	"vanthu/corpus"
)

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
