package htmltext

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vanthu/internal/sharedtest"
)

func benchPage(b *testing.B, path, pageURL string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("%v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(context.Background(), data, pageURL, "", DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractVBPL2026: a 1.1 MB vbpl.vn page (inline CSS and images), site rules.
func BenchmarkExtractVBPL2026(b *testing.B) {
	benchPage(b, filepath.Join(sharedtest.Path(b, "corpus-real", "html"), "vbpl_vn_2026", "doc_000565.html"), "https://vbpl.vn/van-ban/chi-tiet/x")
}

// BenchmarkExtractVBPLOldLaw: the 965 KB old toàn văn page of Bộ luật Hình sự.
func BenchmarkExtractVBPLOldLaw(b *testing.B) {
	benchPage(b, filepath.Join(sharedtest.Path(b, "corpus-real", "html"), "vbpl_vn_old", "vbpl.html"), "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=96122")
}

// BenchmarkExtractNews: a 6 KB portal news page through readability.
func BenchmarkExtractNews(b *testing.B) {
	benchPage(b, filepath.Join("testdata", "songoaivu_tin.html"), "https://songoaivu.quangninh.gov.vn/tin-tuc/1.html")
}

// BenchmarkExtractCP1258: a windows-1258 page with a wrong header charset.
func BenchmarkExtractCP1258(b *testing.B) {
	benchPage(b, filepath.Join("testdata", "songoaivu_thongbao.cp1258.html"), "http://www.songoaivu.langson.gov.vn/tintuc.asp?id=512")
}
