package register

import (
	"context"
	"testing"

	"vanthu/corpus/memstore"
)

// FuzzImport feeds arbitrary CSV to the importer: it must never panic, and
// every data row is imported, found existing or rejected with its number.
func FuzzImport(f *testing.F) {
	f.Add([]byte("Tên đoàn,Ngày đi,Ngày về,Trưởng đoàn,Thành viên,Nước đến,Đơn vị\nĐoàn A,10/05/2026,14/05/2026,Lê An,Lê An;Trần Bình,Han Quoc;Korea,Sở Ngoại vụ\n"))
	f.Add([]byte("ten doan;ngay di;ngay ve;truong doan;don vi;trang thai\nB;05/13/2026;01/01/2026;;X;bay\nC;1/2/26;3/2/26;Ngô Hà;Y;da duyet\n"))
	f.Add([]byte("\xef\xbb\xbfTên đoàn\tNgày đi\tTrưởng đoàn\tĐơn vị\tTrong kế hoạch\nD\t46150\tA\tB\tx\n"))
	f.Add([]byte("Tên đoàn,Ngày đi\n\"unterminated,2026-01-01\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := ParseCSV(b, "fuzz.csv")
		if err != nil {
			return
		}
		r, err := Open(context.Background(), Config{Store: memstore.New()})
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Import(context.Background(), "fuzz", rows, ImportOptions{Name: "fuzz.csv"})
		if err != nil {
			return
		}
		if res.Imported+res.Existing+len(res.Rejected) != res.Rows {
			t.Fatalf("rows %d: imported %d + existing %d + rejected %d", res.Rows, res.Imported, res.Existing, len(res.Rejected))
		}
		for _, re := range res.Rejected {
			if re.Row < 2 || re.Message == "" {
				t.Fatalf("rejection without a row or reason: %+v", re)
			}
		}
		if r.Len() != res.Imported {
			t.Fatalf("register holds %d, imported %d", r.Len(), res.Imported)
		}
	})
}
