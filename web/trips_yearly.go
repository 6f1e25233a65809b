package web

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/internal/annualdoc"
	"vanthu/register"
)

// The yearly documents from the register (Thông tư 25/2025/TT-BGDĐT): the
// plan of next year's delegations (Phụ lục IV) and the report on this
// year's (Phụ lục III), as PDF or XLSX, and their submission deadlines on
// the register's page.

// YearlyDrafter renders the yearly documents (*generate.Generator is one);
// the desk offers them when its Draft is one.
type YearlyDrafter interface {
	RenderAnnualPlan(ctx context.Context, p generate.AnnualPlan) ([]byte, error)
	RenderAnnualReport(ctx context.Context, r generate.AnnualReport) ([]byte, error)
}

// yearlyDeadline is a yearly document's submission deadline on the page.
type yearlyDeadline struct {
	What     string
	Year     int
	Deadline corpus.Date
	Rule     string
	Quote    string
	Overdue  bool
	Format   string // "plan" or "report", for the download links
}

// yearlyDeadlines are the plan of next year and the report of this year,
// for a unit (or all), as of a day.
func (s *Server) yearlyDeadlines(unit string, asOf corpus.Date) []yearlyDeadline {
	reg := s.cfg.Trips
	var out []yearlyDeadline
	p := reg.Plan(unit, asOf.Year+1)
	if d := p.Deadline; d != nil {
		out = append(out, yearlyDeadline{What: "Kế hoạch đoàn ra năm", Year: asOf.Year + 1, Deadline: d.Date, Rule: d.Rule.String(),
			Quote: d.Rule.Quote, Overdue: d.Date.Before(asOf), Format: "plan"})
	}
	from, to := register.Window(asOf.Year, "")
	rep := reg.AnnualReport(register.StatsOptions{From: from, To: to, AsOf: asOf, Unit: unit})
	if d := rep.Deadline; d != nil {
		out = append(out, yearlyDeadline{What: "Báo cáo công tác quản lý đoàn ra năm", Year: asOf.Year, Deadline: d.Date, Rule: d.Rule.String(),
			Quote: d.Rule.Quote, Overdue: d.Date.Before(asOf), Format: "report"})
	}
	return out
}

// tripsYearly answers /trips/{doc}.{pdf|xlsx}: doc is "plan" or "report";
// year, unit, start (MM-DD), from, to and as_of choose what goes in.
func (s *Server) tripsYearly(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	doc, format := r.PathValue("doc"), r.PathValue("format")
	if format != "pdf" && format != "xlsx" || doc != "plan" && doc != "report" {
		s.fail(w, r, http.StatusNotFound, "not_found", "Không có văn bản này (plan|report, pdf|xlsx).")
		return
	}
	var yd YearlyDrafter
	if format == "pdf" {
		var ok bool
		if yd, ok = s.cfg.Draft.(YearlyDrafter); !ok || s.cfg.Draft == nil {
			s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "Chưa cấu hình soạn văn bản PDF.")
			return
		}
	}
	reg := s.cfg.Trips
	v := r.URL.Query()
	unit := strings.TrimSpace(v.Get("unit"))
	office := generate.Office{}
	if to := strings.TrimSpace(v.Get("recipient")); to != "" {
		office.Recipients = []string{to}
	}
	var body []byte
	var err error
	var name string
	switch doc {
	case "plan":
		year := reg.Today().Year + 1
		if y := strings.TrimSpace(v.Get("year")); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil || n < 1900 || n > 2200 {
				s.fail(w, r, http.StatusBadRequest, "bad_year", fmt.Sprintf("Năm %q không hợp lệ (year: want YYYY).", y))
				return
			}
			year = n
		}
		p := reg.Plan(unit, year)
		ap := annualdoc.Plan(p, annualdoc.Office(office, reg, annualdoc.PlanTrips(p)))
		name = fmt.Sprintf("ke-hoach-doan-ra-%d.%s", year, format)
		if format == "pdf" {
			body, err = yd.RenderAnnualPlan(r.Context(), ap)
		} else {
			body, err = generate.AnnualPlanXLSX(ap)
		}
	case "report":
		opt, _, werr := s.statsWindow(v)
		if werr != nil {
			s.answer(w, r, werr)
			return
		}
		rep := reg.AnnualReport(opt)
		ar := annualdoc.Report(rep, annualdoc.Office(office, reg, annualdoc.ReportTrips(rep)))
		name = fmt.Sprintf("bao-cao-doan-ra-%d.%s", opt.To.Year, format)
		if format == "pdf" {
			body, err = yd.RenderAnnualReport(r.Context(), ar)
		} else {
			body, err = generate.AnnualReportXLSX(ar)
		}
	}
	if err != nil {
		s.answer(w, r, err)
		return
	}
	ct := "application/pdf"
	if format == "xlsx" {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Write(body)
}
