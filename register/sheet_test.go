package register

import (
	"bytes"
	"context"
	"testing"

	"vanthu/corpus/memstore"
)

// sheetRows is a unit's spreadsheet of n trips (the export of a generated
// register) with five bad rows: reversed dates, a member without a name, an
// unknown status, a day-month ambiguity and a trip without a name.
func sheetRows(t *testing.T, n int) (rows [][]string, bad map[int]string) {
	t.Helper()
	ctx := context.Background()
	src, _ := newReg(t, "2026-12-01")
	for _, e := range Generate(GenConfig{N: n, Seed: 7, AsOf: date("2026-12-01")}) {
		if _, _, err := src.File(ctx, "gen", e, ""); err != nil {
			t.Fatal(err)
		}
	}
	rows = src.ExportRows(Filter{})
	if len(rows) != n+1 {
		t.Fatalf("exported %d rows, want %d", len(rows)-1, n)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	bad = map[int]string{}
	// Row numbers as the spreadsheet shows them: the header is row 1.
	set := func(row int, c, v string) { rows[row-1][col[c]] = v; bad[row] = c }
	r := rows[41]
	r[col[ColDeparture]], r[col[ColReturn]] = r[col[ColReturn]], "01/01/2020"
	bad[42] = ColReturn
	set(120, ColMembers, "Nguyễn Văn An;;Trần Thị Bình")
	set(233, ColStatus, "đang bay")
	set(377, ColDeparture, "05/13/2026")
	set(500, ColName, "")
	return rows, bad
}

func checkImport(t *testing.T, res ImportResult, bad map[int]string, n int) {
	t.Helper()
	if res.Imported != n-len(bad) || len(res.Rejected) != len(bad) || res.Rows != n {
		t.Fatalf("imported %d, rejected %d of %d rows; want %d and %d", res.Imported, len(res.Rejected), res.Rows, n-len(bad), len(bad))
	}
	for _, re := range res.Rejected {
		col, ok := bad[re.Row]
		if !ok || re.Column != col || re.Message == "" {
			t.Errorf("rejected row %d (%s: %s), want rows %v", re.Row, re.Column, re.Message, bad)
		}
	}
}

func TestImportXLSX(t *testing.T) {
	ctx := context.Background()
	rows, bad := sheetRows(t, 500)
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, rows); err != nil {
		t.Fatal(err)
	}
	read, err := ReadSheet(bytes.NewReader(buf.Bytes()), "so-doan-ra.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := newReg(t, "2026-12-01")
	res, err := dst.Import(ctx, "clerk", read, ImportOptions{Name: "so-doan-ra.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	checkImport(t, res, bad, 500)
	again, err := dst.Import(ctx, "clerk", read, ImportOptions{Name: "so-doan-ra.xlsx"})
	if err != nil || again.Imported != 0 || again.Existing != 495 || len(again.Rejected) != 5 {
		t.Fatalf("re-import: %+v %v; want 0 new, 495 existing", again, err)
	}
	if dst.Len() != 495 {
		t.Fatalf("register holds %d trips, want 495", dst.Len())
	}
	// Exported again, the register gives the same rows (less the bad ones).
	out := dst.ExportRows(Filter{})
	want := map[string]bool{}
	for i, r := range rows[1:] {
		if _, isBad := bad[i+2]; !isBad {
			want[r[len(r)-1]] = true
		}
	}
	for _, r := range out[1:] {
		if !want[r[len(r)-1]] {
			t.Errorf("exported trip %s was not in the file", r[len(r)-1])
		}
	}
}

func TestImportCSV(t *testing.T) {
	ctx := context.Background()
	rows, bad := sheetRows(t, 500)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	read, err := ReadSheet(bytes.NewReader(buf.Bytes()), "so-doan-ra.csv")
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := newReg(t, "2026-12-01")
	res, err := dst.Import(ctx, "clerk", read, ImportOptions{Name: "so-doan-ra.csv"})
	if err != nil {
		t.Fatal(err)
	}
	checkImport(t, res, bad, 500)
	again, _ := dst.Import(ctx, "clerk", read, ImportOptions{Name: "so-doan-ra.csv"})
	if again.Imported != 0 {
		t.Fatalf("re-import added %d", again.Imported)
	}
}

func TestImportHeaders(t *testing.T) {
	ctx := context.Background()
	// Headers without diacritics, in another order, semicolon-separated,
	// with a title row above them; countries spelled three ways.
	csv := "SỔ THEO DÕI ĐOÀN RA NĂM 2026;;;;;;\n" +
		"TEN DOAN;ngay di;Ngay ve;truong doan;thanh vien;NUOC DEN;don vi;trong ke hoach\n" +
		"Đoàn A;10/05/2026;14/05/2026;Lê Văn An, Giám đốc;\"Lê Văn An; Trần Bình\";\"Han Quoc; Korea\";Sở Ngoại vụ;x\n" +
		"Đoàn B;2026-06-01;2026-06-03;Ngô Hà;;Hàn Quốc;Sở Du lịch;\n"
	rows, err := ParseCSV([]byte(csv), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := newReg(t, "2026-04-01")
	res, err := r.Import(ctx, "clerk", rows, ImportOptions{Name: "x.csv"})
	if err != nil || res.Imported != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	st := r.Stats(StatsOptions{})
	if c := st.ByCountry["Hàn Quốc"]; c.Delegations != 2 || c.PersonTrips != 3 || len(st.ByCountry) != 1 {
		t.Errorf("by country: %+v", st.ByCountry)
	}
	e, _ := r.Get(res.IDs[0])
	if h := e.Head(); h.Name != "Lê Văn An" || h.Position != "Giám đốc" || len(e.Trip.Members) != 2 || !e.InPlan {
		t.Errorf("row 3: %+v", e)
	}
}

func TestImportUnknownUnitAndRepeats(t *testing.T) {
	ctx := context.Background()
	csv := "Tên đoàn,Đơn vị,Trưởng đoàn,Thành viên,Nước đến,Ngày đi,Ngày về,Trong kế hoạch\n" +
		"Đoàn A,Sở Ngoại vụ,Lê An,Lê An;Trần Bình,Nhật Bản,10/05/2026,14/05/2026,x\n" +
		"Đoàn B,Sở Không Có,Ngô Hà,,Lào,10/05/2026,12/05/2026,\n" +
		"Đoàn A,so ngoai vu,Le An,,Nhat Ban,10/05/2026,14/05/2026,x\n" +
		"Đoàn C,Sở Ngoại vụ,Vũ Nam,,Lào,31/02/2026,03/03/2026,\n" +
		"Đoàn D,Sở Ngoại vụ,Vũ Nam,,Lào,02/03/2026,03/03/2026,có lẽ\n"
	rows, err := ParseCSV([]byte(csv), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{}
	c.set("2026-04-01")
	r, err := Open(ctx, Config{Store: memstore.New(), Now: c.now, Units: []string{"Sở Ngoại vụ"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Import(ctx, "clerk", rows, ImportOptions{Name: "x.csv"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{3: ColUnit, 4: "", 5: ColDeparture, 6: ColInPlan} // 4: the same trip as row 2
	if res.Imported != 1 || len(res.Rejected) != len(want) {
		t.Fatalf("%+v", res)
	}
	for _, re := range res.Rejected {
		if col, ok := want[re.Row]; !ok || re.Column != col {
			t.Errorf("row %d rejected at %q: %s", re.Row, re.Column, re.Message)
		}
	}
}
