package generate_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/ingest/pdftext"
)

// TestOwnReaderReadsGeneratedPDFs reads the generated documents with
// vanthu's own PDF reader (ingest/pdftext), the one ingest uses, beside the
// pdftotext golden files: every word the document must show is found.
// (An external test package, so that package generate itself does not
// import ingest.)
func TestOwnReaderReadsGeneratedPDFs(t *testing.T) {
	g, err := generate.New(generate.Config{Now: func() time.Time { return time.Date(2026, 1, 5, 9, 0, 0, 0, corpus.VietnamZone) }})
	if err != nil {
		t.Fatal(err)
	}
	trip := corpus.Trip{
		Style: "state", ParentIssuer: "UBND TỈNH QUẢNG NINH", Issuer: "SỞ NGOẠI VỤ", Jurisdiction: "UBND tỉnh Quảng Ninh",
		Register: corpus.Register{Number: 5, Code: "SNgV-LS"}, Place: "Hạ Long", Date: corpus.Date{Year: 2026, Month: 1, Day: 5},
		Name: "Đoàn công tác của Sở Ngoại vụ tỉnh Quảng Ninh", Nature: "làm việc", Purpose: "Trao đổi kinh nghiệm quản lý hoạt động đối ngoại.",
		Members:   []corpus.Member{{Name: "Nguyễn Văn An", Position: "Giám đốc", Head: true}},
		Itinerary: []corpus.Stop{{Country: "Nhật Bản", From: corpus.Date{Year: 2026, Month: 3, Day: 10}, To: corpus.Date{Year: 2026, Month: 3, Day: 12}}},
		Departure: corpus.Date{Year: 2026, Month: 3, Day: 9}, Return: corpus.Date{Year: 2026, Month: 3, Day: 13},
		Funding:    corpus.Funding{Source: "state-budget"},
		Recipients: []string{"Ủy ban nhân dân tỉnh Quảng Ninh"}, Archive: "VT, LS",
		Signer: corpus.Signer{Title: "GIÁM ĐỐC", Name: "Nguyễn Văn An"},
	}
	for _, kind := range []string{"proposal", "decision"} {
		pdf, err := g.Render(context.Background(), kind, trip)
		if err != nil {
			t.Fatal(err)
		}
		opts := pdftext.DefaultOptions()
		opts.OCR = false
		res, err := pdftext.Extract(context.Background(), bytes.NewReader(pdf), int64(len(pdf)), opts)
		if err != nil {
			t.Fatalf("%s: pdftext: %v", kind, err)
		}
		text := strings.Join(strings.Fields(corpus.NFC(res.Text())), " ")
		if len(res.Pages) != 1 && kind == "decision" {
			t.Logf("%s: %d pages", kind, len(res.Pages))
		}
		for _, w := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hạ Long", "Nguyễn Văn An", "Nơi nhận:", "Lưu: VT, LS."} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftext does not find %q in:\n%s", kind, w, text)
			}
		}
	}
}
