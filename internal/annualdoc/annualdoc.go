package annualdoc

import (
	"sort"
	"strings"

	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/register"
)

// Getter finds a filed trip (*register.Register is one).
type Getter interface {
	Get(id string) (register.Entry, error)
}

// Office fills the header of a yearly document from the first of the
// given trips that names its issuer; fields already set in o are kept. When
// no trip names one, the trips' unit issues it. Trips of several units give
// nothing: whoever consolidates them signs their own header.
func Office(o generate.Office, reg Getter, trips []string) generate.Office {
	units := map[string]bool{}
	for _, id := range trips {
		if e, err := reg.Get(id); err == nil {
			units[corpus.MatchKey(e.Unit)] = true
		}
	}
	if len(units) != 1 {
		return o
	}
	for _, id := range trips {
		e, err := reg.Get(id)
		if err != nil || strings.TrimSpace(e.Trip.Issuer) == "" {
			continue
		}
		t := e.Trip
		if o.ParentIssuer == "" {
			o.ParentIssuer = t.ParentIssuer
		}
		if o.Issuer == "" {
			o.Issuer = t.Issuer
		}
		if o.Place == "" {
			o.Place = t.Place
		}
		if o.Code == "" {
			o.Code = t.Register.Code
		}
		if o.Signer == (corpus.Signer{}) {
			o.Signer = t.Signer
		}
		if o.Archive == "" {
			o.Archive = t.Archive
		}
		break
	}
	if strings.TrimSpace(o.Issuer) == "" {
		for _, id := range trips {
			if e, err := reg.Get(id); err == nil && strings.TrimSpace(e.Unit) != "" {
				o.Issuer = e.Unit
				break
			}
		}
	}
	return o
}

func head(name, position string) string {
	name, position = strings.TrimSpace(name), strings.TrimSpace(position)
	if position == "" {
		return name
	}
	if name == "" {
		return position
	}
	return name + ", " + position
}

// Plan converts the register's plan of a year (Phụ lục IV).
func Plan(p register.Plan, o generate.Office) generate.AnnualPlan {
	out := generate.AnnualPlan{Office: o, Year: p.Year}
	for _, r := range p.Rows {
		row := generate.PlanRow{Name: r.Name, Head: head(r.Head, r.HeadPosition), People: r.Members, Days: r.Days, Purpose: r.Purpose}
		if r.HasEstimate {
			row.Travel, row.Living, row.Other = r.Estimate.Travel, r.Estimate.Lodging, r.Estimate.Other
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// PlanTrips lists the trips of a plan, for Office.
func PlanTrips(p register.Plan) []string {
	ids := make([]string, len(p.Rows))
	for i, r := range p.Rows {
		ids[i] = r.Trip
	}
	return ids
}

// ReportTrips lists the trips of a report, for Office.
func ReportTrips(r register.AnnualReport) []string {
	ids := make([]string, len(r.Rows))
	for i, x := range r.Rows {
		ids[i] = x.Trip
	}
	return ids
}

// Report converts the register's report of a window (Phụ lục III with the
// statistics). A report missing after its deadline is said so in Ghi chú
// (the form's empty Báo cáo cell alone does not tell late from not due).
func Report(r register.AnnualReport, o generate.Office) generate.AnnualReport {
	out := generate.AnnualReport{Office: o, From: r.From, To: r.To}
	for _, x := range r.Rows {
		note := strings.TrimSpace(x.Notes)
		if x.ReportMissing {
			note = strings.TrimLeft(note+"; quá hạn, chưa báo cáo", "; ")
		}
		out.Rows = append(out.Rows, generate.ReportRow{Name: x.Name, Head: head(x.Head, x.HeadPosition), Members: x.Members,
			Countries: x.Countries, Purpose: x.Purpose, Departure: x.From, Return: x.To, Funding: x.Funding,
			ReportNumber: x.Report.Number, ReportDate: x.Report.Date, InPlan: x.InPlan, Note: note})
	}
	s := r.Stats
	out.Stats = generate.ReportStats{Delegations: s.Delegations, PersonTrips: s.PersonTrips,
		ByCountry: lines(s.ByCountry), ByPurpose: lines(s.ByPurpose), ByFunding: lines(s.ByFunding),
		InPlan: s.InPlan, NotInPlan: s.NotInPlan,
		Reports: generate.ReportCounts{OnTime: s.Reports.OnTime, Late: s.Reports.Late, Missing: s.Reports.Missing, NotDue: s.Reports.NotDue}}
	return out
}

// lines orders a breakdown by delegations, then person-trips, then name.
func lines(m map[string]register.Count) []generate.StatLine {
	out := make([]generate.StatLine, 0, len(m))
	for k, c := range m {
		out = append(out, generate.StatLine{Name: k, Delegations: c.Delegations, PersonTrips: c.PersonTrips})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Delegations != b.Delegations {
			return a.Delegations > b.Delegations
		}
		if a.PersonTrips != b.PersonTrips {
			return a.PersonTrips > b.PersonTrips
		}
		return a.Name < b.Name
	})
	return out
}
