package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"vanthu/corpus"
	"vanthu/register"
)

// statsWindow reads the statistics' window from the URL: from/to, or a
// year (the calendar year; start=MM-DD for a reporting period that starts
// elsewhere, 12-15 for the national one), as of a day.
func (s *Server) statsWindow(v url.Values) (register.StatsOptions, int, error) {
	opt := register.StatsOptions{Unit: strings.TrimSpace(v.Get("unit"))}
	var err error
	if opt.AsOf, err = dateParam("as_of", v.Get("as_of"), false); err != nil {
		return opt, 0, err
	}
	today := opt.AsOf
	if today.IsZero() {
		today = s.cfg.Trips.Today()
	}
	year := today.Year
	if y := strings.TrimSpace(v.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			return opt, 0, badInputf("year", "năm %q không hợp lệ (viết YYYY).", y)
		}
		year = n
	}
	start := strings.TrimSpace(v.Get("start"))
	if start != "" && (len(start) != 5 || start[2] != '-') {
		return opt, 0, badInputf("start", "%q: viết MM-DD, ví dụ 12-15.", start)
	}
	opt.From, opt.To = register.Window(year, start)
	if f := v.Get("from"); f != "" {
		if opt.From, err = dateParam("from", f, false); err != nil {
			return opt, 0, err
		}
	}
	if t := v.Get("to"); t != "" {
		if opt.To, err = dateParam("to", t, true); err != nil {
			return opt, 0, err
		}
	}
	if !opt.From.IsZero() && !opt.To.IsZero() && opt.To.Before(opt.From) {
		return opt, 0, badInputf("to", "từ ngày %s đến ngày %s: ngày kết thúc trước ngày bắt đầu.", opt.From, opt.To)
	}
	return opt, year, nil
}

func countBars(m map[string]register.Count) map[string][2]int {
	out := make(map[string][2]int, len(m))
	for k, c := range m {
		out[k] = [2]int{c.Delegations, c.PersonTrips}
	}
	return out
}

func (s *Server) tripStatsPage(w http.ResponseWriter, r *http.Request) {
	if !s.needTrips(w, r) {
		return
	}
	v := r.URL.Query()
	opt, year, err := s.statsWindow(v)
	if err != nil {
		s.answer(w, r, err)
		return
	}
	st := s.cfg.Trips.Stats(opt)
	rc := st.Reports
	charts := []struct {
		Title string
		SVG   template.HTML
	}{
		{"Theo nước đến", barChart("Số đoàn và số lượt người theo nước đến", "Số đoàn", "Số lượt người", sortedBars(countBars(st.ByCountry), 12))},
		{"Theo khu vực (cộng theo nước đến)", barChart("Số đoàn và số lượt người theo khu vực", "Số đoàn", "Số lượt người", sortedBars(regionBars(st.ByCountry), 10))},
		{"Theo mục đích", barChart("Số đoàn và số lượt người theo mục đích", "Số đoàn", "Số lượt người", sortedBars(countBars(st.ByPurpose), 10))},
		{"Theo nguồn kinh phí", barChart("Số đoàn và số lượt người theo nguồn kinh phí", "Số đoàn", "Số lượt người", sortedBars(countBars(st.ByFunding), 10))},
		{"Báo cáo kết quả chuyến đi", barChart("Số đoàn theo tình trạng báo cáo", "Số đoàn", "", []bar{
			{Label: "Đúng hạn", A: rc.OnTime}, {Label: "Muộn hạn", A: rc.Late}, {Label: "Quá hạn, chưa báo cáo", A: rc.Missing}, {Label: "Chưa đến hạn", A: rc.NotDue}})},
		{"Kế hoạch", barChart("Số đoàn trong và ngoài kế hoạch", "Số đoàn", "", []bar{{Label: "Trong kế hoạch", A: st.InPlan}, {Label: "Ngoài kế hoạch", A: st.NotInPlan}})},
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = s.cfg.Trips.Today()
	}
	years := []int{}
	for y := asOf.Year + 1; y >= asOf.Year-4; y-- {
		years = append(years, y)
	}
	s.render(w, r, "tripstats.html", map[string]any{
		"Title": "Thống kê đoàn ra", "Active": "trips", "Stats": st, "Charts": charts, "Opt": opt, "Year": year,
		"Years": years, "Units": s.cfg.Trips.Units(), "AsOf": asOf, "Start": v.Get("start"),
	})
}

// vnDate writes a date as clerks read it: 05/03/2026.
func vnDate(d corpus.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// regionBars groups the countries by region (the country table's): a
// region's figure is the sum of its countries', so a trip to Japan and
// Korea counts twice in Đông Bắc Á, as it counts once in each country.
func regionBars(m map[string]register.Count) map[string][2]int {
	out := map[string][2]int{}
	for k, c := range m {
		r := register.Region(k)
		if r == "" {
			r = "Khác"
		}
		v := out[r]
		out[r] = [2]int{v[0] + c.Delegations, v[1] + c.PersonTrips}
	}
	return out
}
