package check

import (
	"fmt"
	"unicode"
	"unicode/utf8"

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
	return Citation{Type: set.Source.Type, Number: set.Source.Number, Date: set.Source.Date, Issuer: set.Source.Issuer,
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
		f.Authority = authority(set, r)
		f.Breach, f.Exception = f.Message, r.Exception
		f.Message += fmt.Sprintf("; chỉ được vượt đến %s trong trường hợp ngoại lệ quy định nêu, cần xin ý kiến %s", num(r.ExceptionLimit), f.Authority)
		f.MessageEN += fmt.Sprintf("; up to %s only in the exceptional case the rule names, with the approval of the competent authority", num(r.ExceptionLimit))
	default:
		f.Status = StatusFail
		if r.Exception != "" {
			f.Authority = authority(set, r)
			f.Breach, f.Exception = f.Message, r.Exception
			f.Message += "; trường hợp thật cần thiết phải xin ý kiến " + f.Authority
			f.MessageEN += "; if truly necessary, ask the competent authority to approve the exception"
		}
	}
	return f
}

// authority names who may approve an exception: as the rule set says, else
// the competent authority the source document means, naming the document.
func authority(set RuleSet, r Rule) string {
	if r.Authority != "" {
		return r.Authority
	}
	if a := namedAuthority(r.Exception); a != "" {
		return a
	}
	if ref := set.Source.Number; ref != "" {
		return "cấp có thẩm quyền theo " + ref + " của " + set.Source.Issuer
	}
	return "cấp có thẩm quyền theo văn bản của " + set.Source.Issuer
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
	case RuleBasis:
		ref := set.Source.Number
		if !set.Source.Date.IsZero() {
			ref += " ngày " + vnDate(set.Source.Date)
		}
		return []Finding{{RuleKind: r.Kind, Status: StatusInfo, Unit: r.Unit, Citation: cite(set, r),
			Message:   fmt.Sprintf("Quy định chung: đoàn ra thực hiện theo %s số %s của %s", set.Source.Type, ref, set.Source.Issuer) + titleSuffix(set.Source.Title),
			MessageEN: "General rule: the trip follows " + label(set.Source)}}
	}
	return []Finding{warn(set, r, "Loại quy định chưa được hỗ trợ: "+r.Kind, "unsupported rule kind: "+r.Kind)}
}

func titleSuffix(t string) string {
	if t == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(t)
	return " " + string(unicode.ToLower(r)) + t[n:]
}
