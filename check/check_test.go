package check_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/internal/sharedtest"
	"vanthu/trip"
)

var update = flag.Bool("update", false, "rewrite golden files")

func date(s string) corpus.Date {
	d, err := corpus.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func loadExample(t *testing.T, name string) corpus.Trip {
	t.Helper()
	tr, err := trip.Load(filepath.Join(examplesDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func find(rep check.Report, kind string) []check.Finding {
	var out []check.Finding
	for _, f := range rep.Findings {
		if f.RuleKind == kind {
			out = append(out, f)
		}
	}
	return out
}

func one(t *testing.T, rep check.Report, kind string) check.Finding {
	t.Helper()
	fs := find(rep, kind)
	if len(fs) != 1 {
		t.Fatalf("%d findings of %s, want 1: %+v", len(fs), kind, rep.Findings)
	}
	return fs[0]
}

func TestDefaultRules(t *testing.T) {
	sets, err := check.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, rs := range sets {
		ids[rs.ID] = true
		if rs.Origin != "shipped" {
			t.Errorf("%s: origin %q", rs.ID, rs.Origin)
		}
	}
	for _, id := range []string{"hanoi-4060-cv-btctu-2019", "quangninh-162-kh-tu-2018", "hcm-2019", "tt25-2025-tt-bgddt", "danang-101-ubnd-snv-2025"} {
		if !ids[id] {
			t.Errorf("rule set %s not shipped", id)
		}
	}
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(corpus.NFC(s), " ")) }

var tags = regexp.MustCompile(`(?s)<style.*?</style>|<script.*?</script>|<[^>]+>`)

// Every shipped quote is the source's sentence word for word (whitespace
// aside), checked against the shared texts named in source.text.
func TestShippedQuotes(t *testing.T) {
	shared := sharedtest.Dir(t)
	sets, err := check.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, rs := range sets {
		p := filepath.Join(shared, rs.Source.Text)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Logf("%s: no shared text (%s): quotes are summaries", rs.ID, rs.Source.Text)
			continue
		}
		text := string(b)
		if strings.HasSuffix(p, ".html") {
			text = html.UnescapeString(tags.ReplaceAllString(text, " "))
		}
		text = squash(text)
		for _, r := range rs.Rules {
			for _, q := range []string{r.Quote, r.Exception} {
				if q != "" && !strings.Contains(text, squash(q)) {
					t.Errorf("%s %s: quote not in %s: %q", rs.ID, r.Kind, rs.Source.Text, q)
				}
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d quotes checked", checked)
	}
}

func TestSelect(t *testing.T) {
	sets, _ := check.DefaultRules()
	cases := map[string]string{
		"Thành ủy Hà Nội":            "hanoi-4060-cv-btctu-2019",
		"UBND thành phố Hà Nội":      "hanoi-4060-cv-btctu-2019",
		"ubnd tinh quang ninh":       "quangninh-162-kh-tu-2018",
		"UBND TP. Hồ Chí Minh":       "hcm-2019",
		"Bộ Giáo dục và Đào tạo":     "tt25-2025-tt-bgddt",
		"Ủy ban nhân dân TP Đà Nẵng": "danang-101-ubnd-snv-2025",
	}
	for j, want := range cases {
		tr := corpus.Trip{Jurisdiction: j, Date: date("2026-03-01")}
		got, national := map[string]bool{}, map[string]bool{}
		for _, a := range check.Select(tr, sets, nil) {
			if a.Set.National {
				national[a.Set.ID] = true
				continue
			}
			got[a.Set.ID] = true
		}
		if len(got) != 1 || !got[want] {
			t.Errorf("%s: sets %v, want only %s", j, got, want)
		}
		// The national layer always applies.
		if !national["national-38-ct-tw-2014"] {
			t.Errorf("%s: national sets %v, want national-38-ct-tw-2014", j, national)
		}
	}
	// TT 25/2025 is in force from 13/01/2026 (Điều 2).
	tr := corpus.Trip{Jurisdiction: "Bộ Giáo dục và Đào tạo", Date: date("2025-12-20")}
	for _, a := range check.Select(tr, sets, nil) {
		if !a.Set.National {
			t.Errorf("%s applied before it came into force", a.Set.ID)
		}
	}
}

func TestDaNangRanks(t *testing.T) {
	base := loadExample(t, "hn-snnmt-qua-so-thanh-vien.yaml") // 9 members
	base.Jurisdiction = "UBND thành phố Đà Nẵng"
	cases := []struct {
		rank   string
		status string
		limit  float64
	}{
		{"provincial-head", check.StatusPass, 10},
		{"provincial-deputy", check.StatusFail, 7},
		{"department-head", check.StatusFail, 5},
		{"", check.StatusWarn, 0},
	}
	for _, c := range cases {
		tr := base
		tr.Members = append([]corpus.Member(nil), base.Members...)
		tr.Members[0].Rank = c.rank
		f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleMembersPerDelegation)
		if f.Status != c.status || (c.limit > 0 && f.Limit != c.limit) {
			t.Errorf("rank %q: %s limit %v, want %s %v (%s)", c.rank, f.Status, f.Limit, c.status, c.limit, f.Message)
		}
	}
	tr := base
	tr.Members = append([]corpus.Member(nil), base.Members...)
	tr.Members[0].Rank = "unit-deputy" // bound by none of the three limits
	if fs := find(check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleMembersPerDelegation); len(fs) != 0 {
		t.Errorf("rank outside every scope gave %+v", fs)
	}
}

// TT 25/2025 Điều 6.2.c: 3 days per country, up to 5 for large events.
func TestExceptionCeiling(t *testing.T) {
	tr := loadExample(t, "bgddt-vkhgd-nop-ho-so-muon.yaml")
	tr.Itinerary[0].To = date("2026-05-14") // 4 days
	tr.Return = date("2026-05-15")
	f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleDaysPerCountry)
	if f.Status != check.StatusNeedsApproval || f.Authority == "" || f.Value != 4 {
		t.Errorf("4 days: %+v", f)
	}
	tr.Itinerary[0].To = date("2026-05-16") // 6 days
	tr.Return = date("2026-05-17")
	f = one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleDaysPerCountry)
	if f.Status != check.StatusFail || f.Value != 6 {
		t.Errorf("6 days: %+v", f)
	}
}

func TestReportDeadline(t *testing.T) {
	tr := loadExample(t, "hn-btctu-trung-quoc-dat.yaml") // back 17/09/2026
	tr.Report = nil
	f := one(t, check.Run(tr, check.Options{Today: date("2026-09-20")}), corpus.RuleReportDeadline)
	if f.Status != check.StatusPass || f.Due != date("2026-09-27") || !strings.Contains(f.Message, "27/09/2026") {
		t.Errorf("before due: %+v", f)
	}
	f = one(t, check.Run(tr, check.Options{Today: date("2026-09-28")}), corpus.RuleReportDeadline)
	if f.Status != check.StatusFail || !strings.Contains(f.Message, "quá hạn") {
		t.Errorf("overdue: %+v", f)
	}
	tr.Report = &corpus.TripReport{Date: date("2026-09-29"), Results: []string{"x"}}
	f = one(t, check.Run(tr, check.Options{Today: date("2026-10-01")}), corpus.RuleReportDeadline)
	if f.Status != check.StatusFail || f.Value != 12 {
		t.Errorf("late report: %+v", f)
	}
	// TT 25/2025: 15 working days after 14/05/2026 is 04/06/2026.
	bg := loadExample(t, "bgddt-vkhgd-nop-ho-so-muon.yaml")
	f = one(t, check.Run(bg, check.Options{Today: exampleToday}), corpus.RuleReportDeadline)
	if f.Due != date("2026-06-04") || f.Status != check.StatusPass {
		t.Errorf("working-day deadline: %+v", f)
	}
}

func TestDossierLeadTime(t *testing.T) {
	tr := loadExample(t, "bgddt-vkhgd-nop-ho-so-muon.yaml")
	f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleDossierLeadTime)
	// 21/4..08/5/2026 less Giỗ Tổ's nghỉ bù (27/4), 30/4 and 1/5: 11 days.
	if f.Value != 11 || f.Due != date("2026-04-07") {
		t.Errorf("%+v", f)
	}
	tr.Date = f.Due
	if f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleDossierLeadTime); f.Status != check.StatusPass || f.Value != 20 {
		t.Errorf("on the last day: %+v", f)
	}
}

func TestLeadershipShare(t *testing.T) {
	tr := loadExample(t, "hn-btctu-trung-quoc-dat.yaml")
	for i := 1; i <= 2; i++ {
		tr.Members[i].Leadership, tr.Members[i].LeadershipSize = true, 5
	}
	f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleLeadershipShare)
	if f.Status != check.StatusFail || f.Value != 0.6 || !strings.Contains(f.Message, "3/5") {
		t.Errorf("%+v", f)
	}
}

func TestTripsPerYearDeclared(t *testing.T) {
	tr := loadExample(t, "qn-bqlkkt-lan-thu-ba.yaml")
	f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleTripsPerYear)
	if f.Status != check.StatusFail || f.Value != 3 || !strings.Contains(f.Message, "trips_this_year") {
		t.Errorf("without history: %+v", f)
	}
	tr.Members[0].TripsThisYear = 0
	if f := one(t, check.Run(tr, check.Options{Today: exampleToday}), corpus.RuleTripsPerYear); f.Status != check.StatusPass {
		t.Errorf("first trip: %+v", f)
	}
}

func TestHostHolidaysAndPlan(t *testing.T) {
	tr := loadExample(t, "qn-snv-nhat-han-dat.yaml")
	tr.Jurisdiction = "UBND Thành phố Hồ Chí Minh"
	tr.Itinerary[1].From, tr.Itinerary[1].To = date("2026-06-02"), date("2026-06-03")
	tr.Itinerary[1].Sessions = nil
	tr.Return = date("2026-06-04")
	rep := check.Run(tr, check.Options{Today: exampleToday})
	f := one(t, rep, check.RuleHostHolidays)
	if f.Status != check.StatusWarn || !strings.Contains(f.Message, "Bầu cử") {
		t.Errorf("election: %+v", f)
	}
	p := one(t, rep, corpus.RuleAnnualPlanDeadline)
	if p.Status != check.StatusInfo || p.Due != date("2025-10-05") {
		t.Errorf("plan: %+v", p)
	}
	if rep.Failed() {
		t.Errorf("warnings failed the trip")
	}
	// Japan's Golden Week, from the every-year table.
	tr.Itinerary[0].From, tr.Itinerary[0].To = date("2026-05-04"), date("2026-05-06")
	tr.Departure = date("2026-05-03")
	f = one(t, check.Run(tr, check.Options{Today: exampleToday}), check.RuleHostHolidays)
	if !strings.Contains(f.Message, "Tuần lễ Vàng") {
		t.Errorf("golden week: %+v", f)
	}
	// Options.HostHolidays replaces the table.
	f = one(t, check.Run(tr, check.Options{Today: exampleToday, HostHolidays: map[string][]check.DateRange{
		"Japan": {{From: date("2026-05-13"), To: date("2026-05-13"), Name: "Ngày thử"}}}}), check.RuleHostHolidays)
	if f.Status != check.StatusPass || !strings.Contains(f.Message, "Hàn Quốc") {
		t.Errorf("given table: %+v", f)
	}
}

func TestVietnameseScopeAndAuthority(t *testing.T) {
	docs := []corpus.Document{{ID: "d", Number: "101/UBND-SNV", Date: date("2025-07-09"), Issuer: "UBND THÀNH PHỐ ĐÀ NẴNG",
		Rules: []corpus.Rule{{Kind: corpus.RuleMembersPerDelegation, Limit: 5, Unit: "person", Scope: "per delegation headed by Giám đốc sở",
			Quote: "không quá 05 người", Exception: "trường hợp cần thiết phải xin ý kiến Thường trực Thành ủy quyết định"}}}}
	sets := check.FromDocuments(docs)
	if len(sets) != 1 {
		t.Fatalf("%+v", sets)
	}
	r := sets[0].Rules[0]
	if r.Scope.Text != "đoàn do Giám đốc sở làm trưởng đoàn" || r.Authority != "Thường trực Thành ủy" {
		t.Errorf("scope %q, authority %q", r.Scope.Text, r.Authority)
	}
}

func TestFromDocuments(t *testing.T) {
	docs := []corpus.Document{{
		ID: "4060-cv-btctu-x", Number: "4060-CV/BTCTU", Date: date("2019-05-31"),
		Issuer: "BAN TỔ CHỨC", ParentIssuer: "THÀNH ỦY HÀ NỘI",
		Rules: []corpus.Rule{
			{Kind: corpus.RuleMembersPerDelegation, Limit: 8, Unit: "person", Scope: "per delegation",
				Quote: "không quá 08 người/đoàn", Exception: "Trừ trường hợp thật cần thiết thì xin ý kiến cấp có thẩm quyền quyết định."},
			{Kind: corpus.RuleLeadershipShare, Limit: 0.5, Unit: "fraction", Quote: "không quá 1/2 tập thể lãnh đạo"},
			{Kind: "unknown-kind", Limit: 1, Quote: "x"},
		},
	}, {
		ID: "38-ct-tw", Number: "38-CT/TW", Date: date("2014-07-21"), Issuer: "BỘ CHÍNH TRỊ",
		Rules: []corpus.Rule{{Kind: corpus.RuleAnnualPlanDeadline, Limit: 1005, Unit: "date", Quote: "trước ngày 5/10 hằng năm"}},
	}, {ID: "empty"}}
	sets := check.FromDocuments(docs)
	if len(sets) != 2 {
		t.Fatalf("%d sets: %+v", len(sets), sets)
	}
	if !check.JurisdictionMatch("UBND thành phố Hà Nội", sets[0].Jurisdiction) || !sets[1].National {
		t.Errorf("jurisdictions: %v / national %v", sets[0].Jurisdiction, sets[1].National)
	}
	if len(sets[0].Rules) != 2 || sets[1].Rules[0].MonthDay != "10-05" {
		t.Errorf("rules: %+v / %+v", sets[0].Rules, sets[1].Rules)
	}
	tr := loadExample(t, "hn-snnmt-qua-so-thanh-vien.yaml") // 9 members
	rep := check.Run(tr, check.Options{Today: exampleToday, CorpusRules: sets})
	f := one(t, rep, corpus.RuleMembersPerDelegation)
	if f.Limit != 8 || f.Citation.Origin != "corpus" || f.Citation.DocID != "4060-cv-btctu-x" || f.Citation.Quote != "không quá 08 người/đoàn" {
		t.Errorf("corpus rule did not take precedence: %+v", f)
	}
	// Findings are Vietnamese only, and the authority is named from the
	// source when the clause says only "cấp có thẩm quyền".
	if strings.Contains(f.Message, "per delegation") || strings.Contains(f.Message, "(") {
		t.Errorf("English scope leaked: %q", f.Message)
	}
	if f.Authority != "cấp có thẩm quyền theo 4060-CV/BTCTU của BAN TỔ CHỨC, THÀNH ỦY HÀ NỘI" {
		t.Errorf("authority %q", f.Authority)
	}
	if f := one(t, rep, corpus.RuleDaysPerCountry); f.Citation.Origin != "shipped" {
		t.Errorf("kinds the corpus lacks must stay shipped: %+v", f)
	}
	if f := one(t, rep, corpus.RuleAnnualPlanDeadline); f.Citation.Number != "38-CT/TW" {
		t.Errorf("national corpus rule: %+v", f)
	}
}

func TestNoRules(t *testing.T) {
	rep := check.Run(corpus.Trip{Jurisdiction: "Sao Hỏa"}, check.Options{Today: exampleToday})
	if rep.Status != check.StatusWarn || rep.Failed() || len(rep.Findings) != 1 {
		t.Errorf("%+v", rep)
	}
	// Only the national layer applies, and the report says so first.
	if rep.OwnRules || rep.Notice != "Chưa có quy định riêng của Sao Hỏa: chỉ kiểm tra theo quy định chung" {
		t.Errorf("own rules %v, notice %q", rep.OwnRules, rep.Notice)
	}
	var b bytes.Buffer
	rep.WriteText(&b)
	if first, _, _ := strings.Cut(b.String(), "\n"); first != rep.Notice {
		t.Errorf("first line %q", first)
	}
	if f := rep.Findings[0]; f.Citation.Number != "38-CT/TW" || f.Citation.Issuer != "Bộ Chính trị" {
		t.Errorf("national finding %+v", f)
	}
}

// The JSON of a report is a contract (vanthu check --json, the web API).
func TestReportJSONGolden(t *testing.T) {
	hist, _ := trip.LoadHistory(filepath.Join(examplesDir(t), "history-2026.yaml"))
	for _, name := range []string{"qn-snv-nhat-han-dat", "hn-snnmt-qua-so-thanh-vien"} {
		rep := check.Run(loadExample(t, name+".yaml"), check.Options{History: hist, Today: exampleToday})
		got, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		golden := filepath.Join("testdata", name+".golden.json")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update after checking):\n%s", name, golden, got)
		}
	}
}

// A Checker is shared by the web server's goroutines.
func TestCheckerConcurrent(t *testing.T) {
	c, err := check.New(check.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	hist, _ := trip.LoadHistory(filepath.Join(examplesDir(t), "history-2026.yaml"))
	tr := loadExample(t, "qn-bqlkkt-lan-thu-ba.yaml")
	want := c.Check(tr, check.Options{History: hist, Today: exampleToday})
	done := make(chan check.Report)
	for range 8 {
		go func() { done <- c.Check(tr, check.Options{History: hist, Today: exampleToday}) }()
	}
	for range 8 {
		got := <-done
		if got.Status != want.Status || len(got.Findings) != len(want.Findings) {
			t.Errorf("concurrent check differs: %s vs %s", got.Status, want.Status)
		}
	}
	if _, err := check.New(check.Config{Rules: []check.RuleSet{{ID: "x"}}}); err == nil {
		t.Error("invalid rule set accepted")
	}
}

func TestWriteTextGolden(t *testing.T) {
	hist, _ := trip.LoadHistory(filepath.Join(examplesDir(t), "history-2026.yaml"))
	rep := check.Run(loadExample(t, "qn-bqlkkt-lan-thu-ba.yaml"), check.Options{History: hist, Today: exampleToday})
	var got bytes.Buffer
	if err := rep.WriteText(&got); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "qn-bqlkkt-lan-thu-ba.golden.txt")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("text report differs from %s:\n%s", golden, got.Bytes())
	}
}
