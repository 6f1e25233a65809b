package index

import (
	"testing"
)

func TestSmoke(t *testing.T) {
	ix, _ := fixtureIndex(t)
	for _, q := range []string{"đoàn ra nước ngoài", "doan ra nuoc ngoai", "38-CT/TW", "chi thi 38", "4060 cv btctu", "nghị định 30/2020", "bàn", "ban", "an", "hoà giải", "\"đoàn vào\" -Cao", "script"} {
		r := mustSearch(t, ix, Query{Text: q, Facets: true})
		t.Logf("%q total=%d restored=%q", q, r.Total, r.Restored)
		for _, h := range r.Hits[:min(3, len(r.Hits))] {
			t.Logf("   %s %.3f %s", h.ID, h.Score, h.Snippet)
		}
	}
}
