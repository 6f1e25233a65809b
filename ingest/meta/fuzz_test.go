package meta

import (
	"os"
	"path/filepath"
	"testing"

	"vanthu/internal/sharedtest"
)

// FuzzParse checks that Parse never panics (the unrecovered parse is called,
// so a panic fails the fuzzer instead of being hidden) and that every span
// lies inside the text. Seeded from the fixtures and, when present, the seeds.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "real", "*.txt"))
	scans, _ := filepath.Glob(filepath.Join("testdata", "scanned", "*.txt"))
	for _, p := range append(files, scans...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b[:min(len(b), 4000)]))
		}
	}
	if dir := sharedSeeds(f); dir != "" {
		seeds, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, p := range seeds {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	for _, s := range []string{"", "Số: 542\n/TB-UBND", "Số:", "ĐẾN Số: 1", "Ký bởi:", "Nơi nhận:\n-", "Kính gửi:\n- \n", "\xff\xfe\f\r\n", "a@b.cc\n01.01.2020 10:00:00\n+07:00",
		"X XÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 1/VBHN-X CHỦ NHIỆM", "ÁN LỆ SỐ 1/2019/AL\n", "Kính gứi:Ị - \n", "QUYẾT ĐỊNH CỦA\n"} {
		f.Add(s)
	}
	p, err := New(DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := p.parse(newText(s))
		checkSpans(t, s, d)
		_ = p.Parse(s)
	})
}

// sharedSeeds returns the shared seeds folder, or "" when the shared
// material is absent (the fuzz target still runs on the fixtures).
func sharedSeeds(f *testing.F) string {
	dir := os.Getenv("VANTHU_SHARED")
	if dir == "" {
		dir = filepath.Join(sharedtest.Root(f), "..", "shared")
	}
	dir = filepath.Join(dir, "seeds")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return ""
	}
	return dir
}
