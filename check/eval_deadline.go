package check

// Rules with a date: the report after the trip, the dossier before it, the
// yearly plan.

import (
	"fmt"
	"strings"

	"vanthu/corpus"
)

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
