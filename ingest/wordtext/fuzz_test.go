package wordtext

import (
	"context"
	"testing"
)

func FuzzDOCX(f *testing.F) {
	f.Add(docx(f, `<w:p><w:r><w:t>Số: 12/UBND</w:t></w:r></w:p>`))
	f.Add(docx(f, `<w:tbl><w:tr><w:tc><w:p><w:r><w:br w:type="page"/></w:r></w:p></w:tc></w:tr></w:tbl>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		DOCX(context.Background(), b, Limits{MaxXML: 1 << 20})
	})
}

func FuzzUntable(f *testing.F) {
	f.Add("|CHÍNH PHỦ   |CỘNG HÒA|\n|Số: 1/NĐ  |Hà Nội|\ntext")
	f.Add("||\n|")
	f.Fuzz(func(t *testing.T, s string) {
		untable(s)
	})
}
