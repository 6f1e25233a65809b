package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/filestore"
)

// `search --status / --effective-from / --effective-to` narrow to what the
// portal says of a document's validity; `show` gives it.
func TestSearchValidityFlags(t *testing.T) {
	data := t.TempDir()
	cfg := filestore.DefaultConfig()
	cfg.Dir = filepath.Join(data, corpusDir)
	st, err := filestore.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	put := func(number, title, status string, eff corpus.Date) string {
		t.Helper()
		n, _ := corpus.ParseNumber(number)
		d := corpus.Document{Kind: corpus.KindDocument, Number: n.Canonical, NumberKey: n.Key, Type: n.Type,
			Issuer: "Bộ Tài chính", Date: corpus.Date{Year: 2025, Month: 11, Day: 29}, Title: title,
			Text:     title + ". Chế độ công tác phí cho cán bộ đi công tác nước ngoài.",
			Validity: corpus.ValidityCode(status), ValidityText: status, Effective: eff,
			FieldSources: map[string]string{"status": "portal", "effective": "portal"},
			Source:       corpus.Version{Source: "https://vanban.test/" + n.Key, MIME: "text/html", Status: corpus.StatusOK}}
		r, err := st.Put(ctx, []byte(title), d)
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	expired := put("102/2025/TT-BTC", "Thông tư quy định chế độ công tác phí ở nước ngoài", "Hết hiệu lực", corpus.Date{Year: 2026, Month: 1, Day: 13})
	inForce := put("40/2025/TT-BTC", "Thông tư sửa đổi chế độ chi tiêu đón tiếp khách nước ngoài", "Còn hiệu lực", corpus.Date{Year: 2026, Month: 2, Day: 1})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := vt(t, "reindex", "--data", data); code != 0 {
		t.Fatalf("reindex: %d %s %s", code, out, errs)
	}
	search := func(args ...string) []string {
		t.Helper()
		code, out, errs := vt(t, append([]string{"search", "--data", data, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("search %v: %d %s %s", args, code, out, errs)
		}
		var r struct{ Hits []struct{ ID string } }
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--status", "het-hieu-luc"}, expired},
		{[]string{"công tác phí", "--status", "Hết hiệu lực"}, expired},
		{[]string{"--status", "con-hieu-luc"}, inForce},
		{[]string{"--effective-from", "2026-01-20"}, inForce},
		{[]string{"--effective-to", "2026-01-31", "--status", "het-hieu-luc"}, expired},
	} {
		if got := search(c.args...); len(got) != 1 || got[0] != c.want {
			t.Errorf("search %v: %v, want [%s]", c.args, got, c.want)
		}
	}
	if got := search("--status", "chua-co-hieu-luc"); len(got) != 0 {
		t.Errorf("search --status chua-co-hieu-luc: %v, want none", got)
	}
	if code, _, errs := vt(t, "search", "--data", data, "--status", "bogus"); code != 2 || !strings.Contains(errs, "--status") {
		t.Errorf("search --status bogus: exit %d, %s", code, errs)
	}
	code, out, _ := vt(t, "show", expired, "--data", data, "--json")
	var d struct {
		Validity     string            `json:"validity"`
		ValidityText string            `json:"validity_text"`
		Effective    string            `json:"effective"`
		Sources      map[string]string `json:"field_sources"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &d) != nil {
		t.Fatalf("show --json: %d %s", code, out)
	}
	if d.Validity != corpus.ValidityExpired || d.ValidityText != "Hết hiệu lực" || d.Effective != "2026-01-13" || d.Sources["status"] != "portal" {
		t.Errorf("show --json: %+v", d)
	}
	if _, out, _ := vt(t, "show", expired, "--data", data); !strings.Contains(out, "Hết hiệu lực (het-hieu-luc)") || !strings.Contains(out, "2026-01-13") {
		t.Errorf("show does not give the portal's validity:\n%s", out)
	}
}
