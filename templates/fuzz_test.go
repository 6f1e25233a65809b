package templates

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds the markup parser (override templates are outside input)
// with the embedded templates' shapes and stored crashers.
func FuzzParse(f *testing.F) {
	f.Add("@type QUYẾT ĐỊNH\n@subject Về việc\n@basis Căn cứ\n@p **Điều 1.** Cử\n@cc Như trên\n@sign GIÁM ĐỐC\n@signer A\n")
	f.Add("@table 24|30|38|73\n@th Ngày|Địa điểm|Đối tác|Nội dung\n@tr a|b|c|d\n@space 6\n@newpage\n@rule\n")
	f.Add("continued\n@p\n\r\n@@\n@table\n@tr |")
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := Parse("fuzz.tmpl", src)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Op == OpTR && len(b.Cells) == 0 {
				t.Fatalf("table row without cells: %+v", b)
			}
		}
	})
}

// FuzzParseLayout feeds layout.json overrides.
func FuzzParseLayout(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("files", LayoutFile)); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"margin_left_mm": 31, "sizes": {"body": 13}}`))
	f.Add([]byte(`{"sizes": 1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLayout("layout.json", b)
		if err == nil {
			if verr := l.Validate(); verr != nil {
				t.Fatalf("ParseLayout accepted an invalid layout: %v", verr)
			}
		}
	})
}
