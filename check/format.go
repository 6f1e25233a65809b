package check

import (
	"fmt"
	"io"
	"strings"
)

var statusLabel = map[string]string{
	StatusPass: "ĐẠT", StatusInfo: "LƯU Ý", StatusWarn: "CẢNH BÁO",
	StatusNeedsApproval: "CẦN XIN Ý KIẾN", StatusFail: "KHÔNG ĐẠT",
}

// WriteText writes the report for a person: one block per finding with its
// status, message, authority and citation, then the overall result. It is
// what `vanthu check` prints without --json.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	if r.Notice != "" {
		fmt.Fprintf(&b, "%s\n", r.Notice)
	}
	fmt.Fprintf(&b, "Kiểm tra: %s\nPhạm vi: %s\nCăn cứ: %s\n\n", r.Trip, r.Jurisdiction, strings.Join(r.Sources, "; "))
	for _, f := range r.Findings {
		label := statusLabel[f.Status]
		if label == "" {
			label = strings.ToUpper(f.Status)
		}
		fmt.Fprintf(&b, "[%s] %s\n", label, f.Message)
		if f.Authority != "" {
			fmt.Fprintf(&b, "    Thẩm quyền cho phép ngoại lệ: %s\n", f.Authority)
		}
		if c := f.Citation; c.Quote != "" {
			ref := c.Number
			if ref == "" {
				ref = c.Issuer
			} else if c.Issuer != "" {
				ref += " của " + c.Issuer
			}
			if !c.Date.IsZero() {
				ref += ", ngày " + vnDate(c.Date)
			}
			if c.Item != "" {
				ref += ", " + c.Item
			}
			fmt.Fprintf(&b, "    Căn cứ: %s: “%s”\n", ref, c.Quote)
		}
	}
	fmt.Fprintf(&b, "\nKết quả: %s\n", statusLabel[r.Status])
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("check: write report: %w", err)
	}
	return nil
}
