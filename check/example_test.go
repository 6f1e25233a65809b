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
