package handdigits

import "testing"

// BenchmarkRead reads a four-digit run of MNIST digits enlarged to 300 dpi
// pen size (56 pixels a digit box), the size of "Số: 2191".
func BenchmarkRead(b *testing.B) {
	r := newReader(b)
	d := byLabel(loadSamples(b))
	page := paper(40+4*70, 120)
	for i, c := range "2191" {
		stamp(page, enlarge(d[int(c-'0')].img, 2), 20+i*70, 30)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Read(page); err != nil {
			b.Fatal(err)
		}
	}
}
