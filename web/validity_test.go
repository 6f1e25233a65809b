package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"vanthu/ingest"
)

// What a crawler hands with a legal-documents portal's page (its selected
// tình trạng hiệu lực and ngày có hiệu lực) is filtered on by the search API
// and the search page, and shown on the document page with its source.
func TestSearchByPortalValidity(t *testing.T) {
	f := newFixture(t, nil)
	text := "BỘ TÀI CHÍNH\nSố: 102/2025/TT-BTC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 29 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định chế độ công tác phí cho cán bộ đi công tác ngắn hạn ở nước ngoài\n"
	r, err := f.pipe.Ingest(context.Background(), ingest.Input{Name: "https://vanban.test/van-ban/102.txt", MIME: "text/plain", Data: []byte(text),
		Fields: map[string]string{"status": "Tình trạng: Hết hiệu lực", "effective": "Ngày có hiệu lực: 13/01/2026"}})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(path string) []string {
		t.Helper()
		code, body, _ := f.get(t, path)
		if code != 200 {
			t.Fatalf("%s: %d %s", path, code, body)
		}
		var res struct{ Hits []struct{ ID string } }
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	for _, p := range []string{"/api/search?status=het-hieu-luc", "/api/search?q=cong+tac&status=het-hieu-luc",
		"/api/search?effective_from=2026-01-01&effective_to=2026-01-31"} {
		if got := ids(p); len(got) != 1 || got[0] != r.ID {
			t.Errorf("%s: %v, want [%s]", p, got, r.ID)
		}
	}
	if got := ids("/api/search?q=cong+tac&status=con-hieu-luc"); len(got) != 0 {
		t.Errorf("status=con-hieu-luc found %v, want none (no demo document has a portal status)", got)
	}
	if got := ids("/api/search?q=cong+tac"); len(got) < 2 {
		t.Errorf("without the filter only %v: the filter test proves nothing", got)
	}
	if code, body, _ := f.get(t, "/api/search?q=x&status=bogus"); code != 400 || !strings.Contains(body, "status") {
		t.Errorf("status=bogus: %d %s", code, body)
	}
	if _, body, _ := f.get(t, "/?status=het-hieu-luc"); !strings.Contains(body, `value="het-hieu-luc" selected`) || !strings.Contains(body, "102/2025/TT-BTC") {
		t.Error("the search page does not keep the status filter or lacks its hit")
	}
	_, body, _ := f.get(t, "/documents/"+r.ID)
	for _, want := range []string{"Tình trạng hiệu lực", "Hết hiệu lực", "Ngày có hiệu lực", "2026-01-13"} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks %q", want)
		}
	}
}
