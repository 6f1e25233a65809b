package check_test

import (
	"fmt"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/trip"
)

// Check a trip file the way `vanthu check` does: load, validate, run, and
// exit 1 when a rule fails.
func ExampleRun() {
	t, err := trip.Load("../examples/trips/hn-sdl-qua-so-ngay.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	if errs := trip.Validate(t); len(errs) > 0 {
		fmt.Println(errs)
		return
	}
	rep := check.Run(t, check.Options{Today: corpus.Date{Year: 2026, Month: 11, Day: 24}})
	for _, f := range rep.Violations() {
		fmt.Printf("%s %s: %s\n%s, %s\n", f.Status, f.RuleKind, f.Message, f.Citation.Number, f.Citation.Item)
	}
	fmt.Println("failed:", rep.Failed())
	// Output:
	// fail days-per-country: Thời gian làm việc tại Hàn Quốc 4 ngày (12/10/2026 – 15/10/2026), vượt mức tối đa 3 ngày/nước (không tính thời gian đi và về)
	// 4060-CV/BTCTU, mục 2
	// failed: true
}

// What a trip's drafts need, as `vanthu generate` asks before it writes
// them: who decides, the report deadline the decision states, and the
// exceptions the proposal must ask for.
func ExampleDraft() {
	t, err := trip.Load("../examples/trips/hn-snnmt-qua-so-thanh-vien.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	_, notes := check.Draft(t, check.Options{Today: corpus.Date{Year: 2026, Month: 11, Day: 24}})
	fmt.Printf("decider: %s (%s)\n", notes.Decider.Name, notes.DeciderFrom)
	if d := notes.ReportDeadline; d != nil {
		fmt.Printf("report within %d %s: %s\n", d.Days, d.UnitText(), d.Citation.Number)
	}
	for _, e := range notes.Exceptions {
		fmt.Printf("ask %s: %s\n", e.Authority, e.Breach)
	}
	// Output:
	// decider: Ủy ban nhân dân thành phố Hà Nội (derived)
	// report within 10 ngày: 4060-CV/BTCTU
	// ask cấp có thẩm quyền (Thường trực Thành ủy Hà Nội): Đoàn có 9 thành viên, vượt mức tối đa 7 người/đoàn
}

// Tết moves with the lunar calendar; the rules count working days around it.
func ExampleTetDate() {
	for _, y := range []int{2026, 2027} {
		d, _ := check.TetDate(y)
		fmt.Println(y, d)
	}
	// Output:
	// 2026 2026-02-17
	// 2027 2027-02-06
}
