package generate

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"vanthu/corpus"
	"vanthu/templates"
)

// The two yearly documents of a unit that sends delegations, in the shape of
// Thông tư 25/2025/TT-BGDĐT: the plan of next year's delegations (Phụ lục IV,
// due before 30/9, Điều 12.3.a) and the report on the management of this
// year's delegations (Phụ lục III, due before 20/12, Điều 11.3). Both are one
// wide table under the Nghị định 30/2020/NĐ-CP header, so they are laid out
// on landscape A4 pages. The inputs are plain values: the trip register
// fills them from its records; this package only lays them out.

// Office is the unit issuing a yearly document and how it signs it.
type Office struct {
	ParentIssuer string // "BỘ GIÁO DỤC VÀ ĐÀO TẠO"
	Issuer       string // "TRƯỜNG ĐẠI HỌC BÁCH KHOA HÀ NỘI"
	Code         string // the issuer part of the number: "ĐHBK-HTQT" gives "Số: 12/BC-ĐHBK-HTQT"
	Number       int    // 0 leaves the number blank for the records office
	Place        string // "Hà Nội"
	Date         corpus.Date
	Recipients   []string // Kính gửi; the forms name "Bộ Giáo dục và Đào tạo (Cục Hợp tác quốc tế)"
	CC           []string // Nơi nhận besides "Như trên" and "Lưu"
	Archive      string   // "VT, HTQT"
	Signer       corpus.Signer
}

// AnnualPlan is the plan of delegations for a year (Phụ lục IV); amounts in USD.
type AnnualPlan struct {
	Office
	Year int
	Rows []PlanRow
}

// PlanRow is one planned delegation (Phụ lục IV, columns 2-10).
type PlanRow struct {
	Name    string  // Tên đoàn ra
	Head    string  // Trưởng đoàn: name and position
	People  int     // Số người tham gia đoàn
	Days    int     // Thời gian (ngày)
	Purpose string  // Mục đích chuyến đi
	Travel  float64 // Phương tiện đi lại, USD
	Living  float64 // Tiền ăn, ở, USD
	Other   float64 // Khác, USD
}

// Total is column 10 of Phụ lục IV: (7)+(8)+(9).
func (r PlanRow) Total() float64 { return r.Travel + r.Living + r.Other }

// AnnualReport is the report on the management of delegations over a
// window (Phụ lục III): the table of delegations and the statistics.
type AnnualReport struct {
	Office
	// From and To bound the window (a trip belongs to the window its
	// departure falls in); a calendar year by default, another window where
	// the rule set says so.
	From, To    corpus.Date
	Rows        []ReportRow
	Stats       ReportStats
	Assessment  []string // 2) Đánh giá kết quả
	Proposals   []string // 3) Đề xuất, kiến nghị
	Attachments []string // optional notes after the table
}

// ReportRow is one delegation of the window (Phụ lục III, columns 1-10).
type ReportRow struct {
	Name      string   // (1) Tên đoàn ra
	Head      string   // (2) Trưởng đoàn: name and position
	Members   int      // Số thành viên đoàn, the head included
	Countries []string // (4) Nước đến, in the order of the itinerary
	Purpose   string   // (5)
	Departure corpus.Date
	Return    corpus.Date
	// Kinh phí: what the Vietnamese side pays and from which source; what
	// the partner pays. Funding, when set, is the cell as already written
	// and the parts below are not used.
	Funding       string
	VietnamPays   string  // "vé máy bay, ăn ở"
	VietnamAmount float64 // USD; 0 when not known
	Source        string  // "ngân sách nhà nước"
	PartnerPays   string  // "toàn bộ chi phí ăn ở"
	ReportNumber  string  // Báo cáo: number and date; empty means no report
	ReportDate    corpus.Date
	InPlan        bool   // Đoàn trong kế hoạch: (x)
	Note          string // Ghi chú
}

// ReportStats are the counts an office reports: delegations (số đoàn) and
// person-trips (số lượt người: one person on one trip), broken down.
type ReportStats struct {
	Delegations int
	PersonTrips int
	ByCountry   []StatLine
	ByPurpose   []StatLine
	ByFunding   []StatLine
	InPlan      int
	NotInPlan   int
	Reports     ReportCounts
}

// StatLine is one group of a breakdown.
type StatLine struct {
	Name        string
	Delegations int
	PersonTrips int
}

// ReportCounts are the delegations by the state of their post-trip report.
type ReportCounts struct{ OnTime, Late, Missing, NotDue int }

// PlanHeader is the header row of Phụ lục IV, as the XLSX and PDF write it.
var PlanHeader = []string{"Số TT", "Tên đoàn ra", "Trưởng đoàn", "Số người tham gia đoàn", "Thời gian (ngày)",
	"Mục đích chuyến đi", "Phương tiện đi lại (*)", "Tiền ăn, ở (*)", "Khác (*)", "Cộng (7+8+9)"}

// ReportHeader is the header row of Phụ lục III.
var ReportHeader = []string{"TT", "Tên đoàn ra", "Trưởng đoàn", "Số thành viên đoàn", "Nước đến", "Mục đích chuyến đi",
	"Thời gian thực hiện", "Kinh phí", "Báo cáo", "Đoàn trong kế hoạch", "Ghi chú"}

// numberRow is the row of column numbers under a form's header; Phụ lục III
// leaves the TT column unnumbered (and prints "(2)" twice: a typo of the
// form, written here as it should read).
func numberRow(n int, skipFirst bool) []string {
	out := make([]string, n)
	k := 1
	for i := range out {
		if i == 0 && skipFirst {
			continue
		}
		out[i] = "(" + strconv.Itoa(k) + ")"
		k++
	}
	return out
}

// Table gives the plan's rows as the document prints them: the numbered
// delegations, then the total. The XLSX and the PDF are both drawn from it.
func (p AnnualPlan) Table() [][]string {
	var rows [][]string
	var sum PlanRow
	for i, r := range p.Rows {
		rows = append(rows, []string{strconv.Itoa(i + 1), clean(r.Name), clean(r.Head), count(r.People), count(r.Days), clean(r.Purpose),
			USD(r.Travel), USD(r.Living), USD(r.Other), USD(r.Total())})
		sum.People += r.People
		sum.Days += r.Days
		sum.Travel += r.Travel
		sum.Living += r.Living
		sum.Other += r.Other
	}
	rows = append(rows, []string{"", "Tổng cộng", "", count(sum.People), count(sum.Days), "", USD(sum.Travel), USD(sum.Living), USD(sum.Other), USD(sum.Total())})
	return rows
}

// Table gives the report's rows as the document prints them.
func (r AnnualReport) Table() [][]string {
	rows := make([][]string, 0, len(r.Rows))
	for i, x := range r.Rows {
		rows = append(rows, []string{strconv.Itoa(i + 1), clean(x.Name), clean(x.Head), count(x.Members), strings.Join(cleanAll(x.Countries), ", "),
			clean(x.Purpose), period(x.Departure, x.Return), x.funding(), x.report(), mark(x.InPlan), clean(x.Note)})
	}
	return rows
}

func (x ReportRow) funding() string {
	if f := clean(x.Funding); f != "" {
		return f
	}
	var vn []string
	if s := clean(x.VietnamPays); s != "" {
		vn = append(vn, s)
	}
	if x.VietnamAmount > 0 {
		vn = append(vn, USD(x.VietnamAmount)+" USD")
	}
	var parts []string
	if len(vn) > 0 || clean(x.Source) != "" {
		s := "Phía Việt Nam: " + strings.Join(vn, ", ")
		if src := clean(x.Source); src != "" {
			if len(vn) == 0 {
				s += src
			} else {
				s += " (" + src + ")"
			}
		}
		parts = append(parts, s)
	}
	if s := clean(x.PartnerPays); s != "" {
		parts = append(parts, "Phía đối tác: "+s)
	}
	return strings.Join(parts, "; ")
}

func (x ReportRow) report() string {
	n := clean(x.ReportNumber)
	if n == "" {
		return ""
	}
	if x.ReportDate.IsZero() {
		return "Số " + n
	}
	return "Số " + n + " ngày " + templates.ShortDate(tm(x.ReportDate))
}

func mark(b bool) string {
	if b {
		return "x"
	}
	return ""
}

func count(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func period(a, b corpus.Date) string {
	switch {
	case a.IsZero() && b.IsZero():
		return ""
	case b.IsZero() || a == b:
		return templates.ShortDate(tm(a))
	case a.IsZero():
		return templates.ShortDate(tm(b))
	}
	return templates.ShortDate(tm(a)) + " - " + templates.ShortDate(tm(b))
}

// USD writes an amount the Vietnamese way: "12.500" or "12.500,50"; zero is
// left empty, as a form's blank cell.
func USD(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	neg := v < 0
	v = math.Abs(v)
	cents := int64(math.Round(v * 100))
	whole, frac := cents/100, cents%100
	s := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != 0 {
		out += fmt.Sprintf(",%02d", frac)
	}
	if neg {
		out = "-" + out
	}
	return out
}

// landscape is the layout for a yearly document: A4 turned, the margins of
// Nghị định 30/2020/NĐ-CP, Phụ lục I, I.3 kept (binding on the left), a
// wider issuer column and a smaller table type so that ten columns fit.
func landscape(l templates.Layout) templates.Layout {
	l.PageWidth, l.PageHeight = 297, 210
	if l.PageWidth < l.PageHeight {
		l.PageWidth, l.PageHeight = l.PageHeight, l.PageWidth
	}
	l.HeaderLeft = 100
	l.Sizes.Table = 11
	l.CellPadding = 1.2
	return l
}

// office fills the header values shared by both documents; year is the
// year of a blank date ("ngày ... tháng ... năm 2026").
func (o Office) data(typeCode string, year int) *templates.Data {
	d := &templates.Data{
		Kind:         "annual",
		Style:        "state",
		ParentIssuer: upper(o.ParentIssuer),
		Issuer:       upper(o.Issuer),
		Place:        clean(o.Place),
		Date:         tm(o.Date),
		TypeCode:     typeCode,
		Archive:      archive(o.Archive),
		Signer:       templates.Signer{Authority: upper(o.Signer.Authority), Title: upper(o.Signer.Title), Name: clean(o.Signer.Name)},
	}
	if year > 0 {
		d.Departure = time.Date(year, 1, 1, 0, 0, 0, 0, corpus.VietnamZone)
	}
	if code := clean(o.Code); code != "" {
		d.Number = formatNumber(o.Number, typeCode, code, false)
	} else {
		d.Number = formatNumber(o.Number, "", typeCode, false)
	}
	return d
}

// closingBlocks are Nơi nhận and the signature block.
func (o Office) closingBlocks(d *templates.Data) []templates.Block {
	var bs []templates.Block
	if len(o.Recipients) > 0 {
		bs = append(bs, templates.Block{Op: templates.OpCC, Text: "Như trên"})
	}
	for _, c := range listItems(o.CC) {
		bs = append(bs, templates.Block{Op: templates.OpCC, Text: c})
	}
	lưu := "Lưu: VT"
	if d.Archive != "" {
		lưu = "Lưu: " + d.Archive
	}
	bs = append(bs, templates.Block{Op: templates.OpCC, Text: lưu})
	if d.Signer.Authority != "" {
		bs = append(bs, templates.Block{Op: templates.OpSign, Text: d.Signer.Authority})
	}
	title := d.Signer.Title
	if title == "" {
		title = "THỦ TRƯỞNG ĐƠN VỊ"
	}
	bs = append(bs, templates.Block{Op: templates.OpSign, Text: title}, templates.Block{Op: templates.OpSigner, Text: d.Signer.Name})
	return bs
}

func toBlocks(rs []string) []templates.Block {
	var bs []templates.Block
	for _, r := range listItems(rs) {
		bs = append(bs, templates.Block{Op: templates.OpTo, Text: r})
	}
	return bs
}

func tableBlocks(widths []string, header []string, numbers []string, rows [][]string) []templates.Block {
	bs := []templates.Block{{Op: templates.OpTable, Cells: widths}, {Op: templates.OpTH, Cells: header}}
	if numbers != nil {
		it := make([]string, len(numbers))
		for i, n := range numbers {
			if n != "" {
				it[i] = "__" + n + "__"
			}
		}
		bs = append(bs, templates.Block{Op: templates.OpTH, Cells: it})
	}
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = escapeMarkup(c)
		}
		bs = append(bs, templates.Block{Op: templates.OpTR, Cells: cells})
	}
	return bs
}

// escapeMarkup keeps "**" and "__" typed in a name from turning into bold or
// italic spans.
func escapeMarkup(s string) string {
	s = strings.ReplaceAll(s, "**", "* *")
	return strings.ReplaceAll(s, "__", "_ _")
}

// planDoc builds the blocks of Phụ lục IV.
func (p AnnualPlan) doc() (*templates.Data, *templates.Doc) {
	// The plan is sent the year before the one it plans.
	d := p.Office.data("KH", p.Year-1)
	year := "..."
	if p.Year > 0 {
		year = strconv.Itoa(p.Year)
	}
	doc := &templates.Doc{Kind: "annual-plan", Type: "Kế hoạch", Subject: "Đoàn ra dự kiến năm " + year,
		Keywords: "đoàn ra, kế hoạch, năm " + year}
	doc.Blocks = append(doc.Blocks, toBlocks(p.Recipients)...)
	doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpPara, Text: "Đơn vị tính: USD."})
	doc.Blocks = append(doc.Blocks, tableBlocks([]string{"5", "21", "16", "8", "7", "23", "10", "10", "8", "11"}, PlanHeader, numberRow(len(PlanHeader), false), p.Table())...)
	doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpPara, Text: "__(*) Cơ sở dự toán kinh phí căn cứ vào văn bản hiện hành của Bộ Tài chính quy định chế độ công tác phí cho cán bộ, công chức nhà nước đi công tác ngắn hạn ở nước ngoài do ngân sách nhà nước đảm bảo kinh phí.__"})
	doc.Blocks = append(doc.Blocks, p.Office.closingBlocks(d)...)
	doc.Title = "Kế hoạch đoàn ra dự kiến năm " + year
	return d, doc
}

// doc builds the blocks of Phụ lục III with the statistics after the table.
func (r AnnualReport) doc() (*templates.Data, *templates.Doc) {
	d := r.Office.data("BC", r.To.Year)
	year := "..."
	if !r.To.IsZero() {
		year = strconv.Itoa(r.To.Year)
	}
	doc := &templates.Doc{Kind: "annual-report", Type: "Báo cáo", Subject: "Công tác quản lý đoàn ra năm " + year,
		Keywords: "đoàn ra, báo cáo, năm " + year}
	doc.Blocks = append(doc.Blocks, toBlocks(r.Recipients)...)
	doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpHeading, Text: "1) Thống kê số lượng đoàn ra (" + window(r.From, r.To) + ")"})
	doc.Blocks = append(doc.Blocks, tableBlocks([]string{"4", "16", "12", "6", "9", "16", "11", "17", "14", "7", "8"}, ReportHeader, numberRow(len(ReportHeader), true), r.Table())...)
	for _, s := range r.Stats.lines() {
		doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpPara, Text: s})
	}
	for _, s := range r.Attachments {
		if s = clean(s); s != "" {
			doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpPara, Text: s})
		}
	}
	doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpHeading, Text: "2) Đánh giá kết quả"})
	doc.Blocks = append(doc.Blocks, paras(r.Assessment, "Những kết quả đạt được, thuận lợi, khó khăn: ...")...)
	doc.Blocks = append(doc.Blocks, templates.Block{Op: templates.OpHeading, Text: "3) Đề xuất, kiến nghị"})
	doc.Blocks = append(doc.Blocks, paras(r.Proposals, "Không có.")...)
	doc.Blocks = append(doc.Blocks, r.Office.closingBlocks(d)...)
	doc.Title = "Báo cáo công tác quản lý đoàn ra năm " + year
	return d, doc
}

func paras(xs []string, empty string) []templates.Block {
	var bs []templates.Block
	for _, x := range cleanAll(xs) {
		if x != "" {
			bs = append(bs, templates.Block{Op: templates.OpPara, Text: escapeMarkup(x)})
		}
	}
	if len(bs) == 0 {
		bs = append(bs, templates.Block{Op: templates.OpPara, Text: empty})
	}
	return bs
}

// window names the reporting period: "Từ tháng 01/2026 đến tháng 12/2026"
// for a calendar year, as the form prints it, and the dates otherwise.
func window(from, to corpus.Date) string {
	if from.IsZero() || to.IsZero() {
		return "Từ tháng 01/... đến tháng 12/..."
	}
	if from.Day == 1 && to.Day == lastDay(to) {
		return fmt.Sprintf("Từ tháng %02d/%d đến tháng %02d/%d", from.Month, from.Year, to.Month, to.Year)
	}
	return "Từ ngày " + templates.ShortDate(tm(from)) + " đến ngày " + templates.ShortDate(tm(to))
}

func lastDay(d corpus.Date) int {
	return tm(corpus.Date{Year: d.Year, Month: d.Month, Day: 1}).AddDate(0, 1, -1).Day()
}

// lines are the statistics as sentences under the table.
func (s ReportStats) lines() []string {
	out := []string{fmt.Sprintf("Tổng số: **%d đoàn**, **%d lượt người**; trong kế hoạch: %d đoàn; ngoài kế hoạch: %d đoàn.", s.Delegations, s.PersonTrips, s.InPlan, s.NotInPlan)}
	group := func(title string, ls []StatLine) {
		if len(ls) == 0 {
			return
		}
		parts := make([]string, len(ls))
		for i, l := range ls {
			parts[i] = fmt.Sprintf("%s: %d đoàn, %d lượt người", escapeMarkup(clean(l.Name)), l.Delegations, l.PersonTrips)
		}
		out = append(out, title+": "+strings.Join(parts, "; ")+".")
	}
	group("Theo nước đến", s.ByCountry)
	group("Theo mục đích", s.ByPurpose)
	group("Theo nguồn kinh phí", s.ByFunding)
	r := s.Reports
	out = append(out, fmt.Sprintf("Báo cáo kết quả chuyến đi: đúng hạn %d; muộn hạn %d; chưa báo cáo (đã quá hạn) %d; chưa đến hạn %d.", r.OnTime, r.Late, r.Missing, r.NotDue))
	return out
}

// PlanAnnual lays the annual plan out (Phụ lục IV) without drawing it.
func (g *Generator) PlanAnnual(ctx context.Context, p AnnualPlan) (plan *Plan, err error) {
	defer recoverInto(&err, "plan annual-plan")
	d, doc := p.doc()
	return g.planDoc(ctx, d, doc)
}

// PlanAnnualReport lays the annual report out (Phụ lục III) without drawing it.
func (g *Generator) PlanAnnualReport(ctx context.Context, r AnnualReport) (plan *Plan, err error) {
	defer recoverInto(&err, "plan annual-report")
	d, doc := r.doc()
	return g.planDoc(ctx, d, doc)
}

// RenderAnnualPlan draws the annual plan as a signed-ready PDF on landscape A4.
func (g *Generator) RenderAnnualPlan(ctx context.Context, p AnnualPlan) ([]byte, error) {
	plan, err := g.PlanAnnual(ctx, p)
	if err != nil {
		return nil, err
	}
	return g.renderPlan(ctx, "annual-plan", plan)
}

// RenderAnnualReport draws the annual report as a signed-ready PDF on
// landscape A4.
func (g *Generator) RenderAnnualReport(ctx context.Context, r AnnualReport) ([]byte, error) {
	plan, err := g.PlanAnnualReport(ctx, r)
	if err != nil {
		return nil, err
	}
	return g.renderPlan(ctx, "annual-report", plan)
}

func (g *Generator) planDoc(ctx context.Context, d *templates.Data, doc *templates.Doc) (*Plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := landscape(g.set.Layout())
	e := &engine{m: g.m, l: l, d: d, doc: doc}
	e.layout()
	e.plan.layout = &l
	e.plan.Author = d.Issuer
	e.plan.Created = g.now()
	return e.plan, nil
}
