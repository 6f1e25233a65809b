package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/ingest"
)

// lineParser is a stand-in metadata parser: "Số: X" on a line gives the number,
// "Cơ quan: X" the issuer, "Ngày: YYYY-MM-DD" the date.
type lineParser struct{}

func (lineParser) Parse(text string) corpus.Document {
	d := corpus.Document{Kind: corpus.KindNews}
	for _, l := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "Số":
			if n, ok := corpus.ParseNumber(v); ok {
				d.Number, d.NumberKey, d.Type, d.Kind = n.Canonical, n.Key, n.Type, corpus.KindDocument
			}
		case "Cơ quan":
			d.Issuer = v
		case "Ngày":
			d.Date, _ = corpus.ParseDate(v)
		}
	}
	return d
}

type textExtractor struct{}

func (textExtractor) Extract(_ context.Context, in ingest.Input) (ingest.Extracted, error) {
	return ingest.Extracted{Text: string(in.Data), Extractor: "test-text", Quality: 1}, nil
}

type panicky struct{}

func (panicky) Extract(context.Context, ingest.Input) (ingest.Extracted, error) {
	panic("index out of range in a PDF library")
}

type recIndexer struct{ ids []string }

func (r *recIndexer) Index(_ context.Context, d corpus.Document) error {
	r.ids = append(r.ids, d.ID)
	return nil
}

func newPipeline(t *testing.T, ex map[string]ingest.Extractor) (*ingest.Pipeline, *memstore.Store, *recIndexer) {
	t.Helper()
	st := memstore.New()
	idx := &recIndexer{}
	if ex == nil {
		ex = map[string]ingest.Extractor{ingest.FormatText: textExtractor{}, ingest.FormatHTML: textExtractor{}}
	}
	p, err := ingest.New(ingest.Config{Store: st, Parser: lineParser{}, Extractors: ex, Indexer: idx,
		Now: func() time.Time { return time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return p, st, idx
}

const letter = "Số: 12/UBND-NV\nCơ quan: UBND tỉnh Quảng Ninh\nNgày: 2026-01-05\nV/v cử đoàn đi công tác nước ngoài\n"

func TestIngestStoresThenUnchanged(t *testing.T) {
	ctx := context.Background()
	p, st, idx := newPipeline(t, nil)
	r, err := p.Ingest(ctx, ingest.Input{Name: "a.txt", Data: []byte(letter)})
	if err != nil || r.Status != "stored" || r.Number != "12/UBND-NV" {
		t.Fatalf("first ingest: %+v %v", r, err)
	}
	r2, err := p.Ingest(ctx, ingest.Input{Name: "copy/a.txt", Data: []byte(letter)})
	if err != nil || r2.Status != "unchanged" || r2.ID != r.ID {
		t.Fatalf("same bytes again: %+v %v", r2, err)
	}
	// The same official document as different bytes is a new version.
	r3, err := p.Ingest(ctx, ingest.Input{Name: "a-restamped.txt", Data: []byte(letter + "\nĐã ký số.\n")})
	if err != nil || r3.Status != "new-version" || r3.ID != r.ID {
		t.Fatalf("new bytes: %+v %v", r3, err)
	}
	if n, _ := st.Len(ctx); n != 1 {
		t.Errorf("store has %d documents, want 1", n)
	}
	d, err := st.Get(ctx, r.ID)
	if err != nil || len(d.Versions) != 2 {
		t.Fatalf("versions: %d %v", len(d.Versions), err)
	}
	if d.Source.Extractor != "test-text" || d.Source.MIME != "text/plain" || d.Source.Source != "a-restamped.txt" {
		t.Errorf("provenance: %+v", d.Source)
	}
	if len(idx.ids) != 2 {
		t.Errorf("indexer told %d times, want 2 (stored + new version)", len(idx.ids))
	}
}

func TestIngestBadInputs(t *testing.T) {
	ctx := context.Background()
	p, st, _ := newPipeline(t, nil)
	_, err := p.Ingest(ctx, ingest.Input{Name: "empty.txt"})
	var ie *ingest.InputError
	if !errors.As(err, &ie) || !errors.Is(err, ingest.ErrEmpty) || !strings.Contains(err.Error(), "empty.txt") {
		t.Errorf("empty: %v", err)
	}
	_, err = p.Ingest(ctx, ingest.Input{Name: "photo.png", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")})
	if !errors.Is(err, ingest.ErrUnknownFormat) || !strings.Contains(err.Error(), "photo.png") {
		t.Errorf("unknown format: %v", err)
	}
	_, err = p.Ingest(ctx, ingest.Input{Name: "blank.txt", Data: []byte("  \n\n ")})
	if !errors.Is(err, ingest.ErrEmpty) {
		t.Errorf("blank text: %v", err)
	}
	if n, _ := st.Len(ctx); n != 0 {
		t.Errorf("bad inputs stored %d documents", n)
	}
}

func TestIngestRecoversReaderPanic(t *testing.T) {
	ctx := context.Background()
	p, st, _ := newPipeline(t, map[string]ingest.Extractor{ingest.FormatPDF: panicky{}})
	r, err := p.Ingest(ctx, ingest.Input{Name: "broken.pdf", Data: []byte("%PDF-1.4\n garbage")})
	if err != nil {
		t.Fatalf("a reader panic must not fail the ingest: %v", err)
	}
	if r.Extract != corpus.StatusFailed || !strings.Contains(r.Error, "broken.pdf") || !strings.Contains(r.Error, "crashed") {
		t.Errorf("result: %+v", r)
	}
	// The original is kept so it can be read again later.
	if _, ok, _ := st.HasOriginal(ctx, corpus.SHA256([]byte("%PDF-1.4\n garbage"))); !ok {
		t.Error("original of a failed extraction not kept")
	}
}

func TestIngestRecords(t *testing.T) {
	ctx := context.Background()
	p, st, _ := newPipeline(t, nil)
	in := `{"id":"91/2015/QH13#1","title":"Phạm vi điều chỉnh","text":"Bộ luật này quy định địa vị pháp lý...","law_id":"91/2015/QH13"}
not json
{"title":"no id","text":"x"}

{"id":"91/2015/QH13#2","title":"Nhiệm vụ","text":"Bộ luật dân sự có nhiệm vụ..."}
`
	var rs []ingest.Result
	if err := p.IngestRecords(ctx, "law.jsonl", strings.NewReader(in), func(r ingest.Result) { rs = append(rs, r) }); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 {
		t.Fatalf("got %d results, want 4: %+v", len(rs), rs)
	}
	if rs[0].Status != "stored" || rs[0].ID != "91/2015/QH13#1" {
		t.Errorf("record 1: %+v", rs[0])
	}
	if rs[1].Status != "error" || !strings.Contains(rs[1].Error, "law.jsonl:2") {
		t.Errorf("bad line: %+v", rs[1])
	}
	if rs[2].Status != "error" || !strings.Contains(rs[2].Error, `"id"`) {
		t.Errorf("no id: %+v", rs[2])
	}
	d, err := st.Get(ctx, "91/2015/QH13#1")
	if err != nil || d.Kind != corpus.KindRecord || d.Title != "Phạm vi điều chỉnh" || d.Attrs["law_id"] != "91/2015/QH13" {
		t.Errorf("stored record: %+v %v", d, err)
	}
	// Importing the same file again changes nothing.
	rs = nil
	_ = p.IngestRecords(ctx, "law.jsonl", strings.NewReader(in), func(r ingest.Result) { rs = append(rs, r) })
	if rs[0].Status != "unchanged" || rs[3].Status != "unchanged" {
		t.Errorf("second import: %+v", rs)
	}
}

func TestDetectFormat(t *testing.T) {
	cases := []struct {
		in   ingest.Input
		want string
	}{
		{ingest.Input{Name: "x.txt", Data: []byte("%PDF-1.7\n...")}, ingest.FormatPDF},
		{ingest.Input{Name: "x.html", Data: []byte("<p>xin chào</p>")}, ingest.FormatHTML},
		{ingest.Input{Name: "https://snv.quangninh.gov.vn/tin?id=1", Data: []byte("<!DOCTYPE html><html>")}, ingest.FormatHTML},
		{ingest.Input{Name: "x.txt", Data: []byte("Kính gửi: Sở Ngoại vụ")}, ingest.FormatText},
		{ingest.Input{Name: "seed_001", Data: []byte("Kính gửi: Sở Ngoại vụ")}, ingest.FormatText},
		{ingest.Input{Name: "law.jsonl", Data: []byte(`{"id":"1"}`)}, ingest.FormatRecords},
		{ingest.Input{Name: "x.bin", Data: []byte{0, 1, 2, 3}}, ""},
	}
	for _, c := range cases {
		if got := ingest.DetectFormat(c.in); got != c.want {
			t.Errorf("DetectFormat(%s) = %q, want %q", c.in.Name, got, c.want)
		}
	}
}

func TestIngestUsesGivenFields(t *testing.T) {
	ctx := context.Background()
	p, st, _ := newPipeline(t, nil)
	page := "Cơ quan: Sở Ngoại vụ\nTin: đoàn công tác\n"
	r, err := p.Ingest(ctx, ingest.Input{Name: "https://snv.example.gov.vn/vb/12", Data: []byte(page),
		Fields: map[string]string{"number": "12/SNgV-LS", "date": "05/01/2026", "title": "V/v cử đoàn"}})
	if err != nil || r.Number != "12/SNgV-LS" || r.Date != "2026-01-05" || r.Title != "V/v cử đoàn" {
		t.Fatalf("page: %+v %v", r, err)
	}
	// The attachment linked from the page carries the page's metadata and so
	// joins the same document as a new version.
	att, err := p.Ingest(ctx, ingest.Input{Name: "https://snv.example.gov.vn/files/12.txt", Of: "https://snv.example.gov.vn/vb/12",
		Data: []byte("Cơ quan: Sở Ngoại vụ\nNội dung công văn.\n"), Fields: map[string]string{"number": "12/SNgV-LS", "date": "05/01/2026"}})
	if err != nil || att.ID != r.ID || att.Status != "new-version" {
		t.Fatalf("attachment: %+v %v (page %s)", att, err, r.ID)
	}
	d, _ := st.Get(ctx, r.ID)
	if d.FieldSources["number"] != "portal" || len(d.Versions) != 2 || d.Versions[1].Of == "" {
		t.Errorf("provenance: %+v %+v", d.FieldSources, d.Versions)
	}
}

func TestIngestJoinsIssuerSpellings(t *testing.T) {
	ctx := context.Background()
	p, st, _ := newPipeline(t, nil)
	a, _ := p.Ingest(ctx, ingest.Input{Name: "page.html", Data: []byte("Số: 12/KH-SNgV\nCơ quan: Sở Ngoại vụ\nNgày: 2026-01-05\n")})
	b, _ := p.Ingest(ctx, ingest.Input{Name: "kh.txt", Data: []byte("Số: 12/KH-SNgV\nCơ quan: Sở Ngoại vụ tỉnh Quảng Ninh\nNgày: 2026-01-05\nToàn văn kế hoạch.\n")})
	if a.ID == "" || b.ID != a.ID || b.Status != "new-version" {
		t.Fatalf("same number and date, issuer spelt longer: %+v / %+v", a, b)
	}
	// A different date is a different document (Party numbers run per term).
	c, _ := p.Ingest(ctx, ingest.Input{Name: "other.txt", Data: []byte("Số: 12/KH-SNgV\nCơ quan: Sở Ngoại vụ\nNgày: 2027-01-05\n")})
	if c.ID == a.ID {
		t.Errorf("a different date joined the same document")
	}
	if n, _ := st.Len(ctx); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
	// A third version still lands on the same id.
	d, _ := p.Ingest(ctx, ingest.Input{Name: "kh2.txt", Data: []byte("Số: 12/KH-SNgV\nCơ quan: Sở Ngoại vụ tỉnh Quảng Ninh\nNgày: 2026-01-05\nBản sửa.\n")})
	if d.ID != a.ID {
		t.Errorf("third version: %s, want %s", d.ID, a.ID)
	}
}

// flaky reads nothing the first time (as a scan without an OCR engine), then
// reads.
type flaky struct{ calls int }

func (f *flaky) Extract(_ context.Context, in ingest.Input) (ingest.Extracted, error) {
	f.calls++
	if f.calls == 1 {
		return ingest.Extracted{Status: corpus.StatusNeedsOCR, Message: "install tesseract", Extractor: "test"}, nil
	}
	return ingest.Extracted{Text: string(in.Data[8:]), Extractor: "test (ocr)", Quality: 1}, nil
}

func TestIngestRetriesUnreadVersion(t *testing.T) {
	ctx := context.Background()
	fx := &flaky{}
	p, st, _ := newPipeline(t, map[string]ingest.Extractor{ingest.FormatPDF: fx})
	data := []byte("%PDF-1.4\nSố: 31/UBND-VP\nCơ quan: UBND\nNgày: 2026-02-03\n")
	r1, _ := p.Ingest(ctx, ingest.Input{Name: "scan.pdf", Data: data})
	if r1.Status != string(corpus.StatusNeedsOCR) {
		t.Fatalf("first: %+v", r1)
	}
	r2, err := p.Ingest(ctx, ingest.Input{Name: "scan.pdf", Data: data})
	if err != nil || r2.Number != "31/UBND-VP" || fx.calls != 2 {
		t.Fatalf("second read of the same bytes: %+v %v (calls %d)", r2, err, fx.calls)
	}
	r3, _ := p.Ingest(ctx, ingest.Input{Name: "scan.pdf", Data: data})
	if r3.Status != "unchanged" || fx.calls != 2 {
		t.Errorf("third: %+v (calls %d)", r3, fx.calls)
	}
	if n, _ := st.Len(ctx); n < 1 {
		t.Error("nothing stored")
	}
}

// A portal's tình trạng hiệu lực and ngày có hiệu lực, as a source's
// selectors read them (labels and all), are kept on the document as the
// portal's; a status the portal leaves undecided is not.
func TestIngestKeepsPortalValidity(t *testing.T) {
	ctx := context.Background()
	p, st, _ := newPipeline(t, nil)
	for _, c := range []struct {
		name, status, effective string
		code, text, date        string
	}{
		{"https://vanban.example.gov.vn/vb/1", "Tình trạng hiệu lực: Hết hiệu lực một phần", "Ngày có hiệu lực: 13/01/2026", corpus.ValidityPartlyExpired, "Hết hiệu lực một phần", "2026-01-13"},
		{"https://vanban.example.gov.vn/vb/2", "Còn hiệu lực", "2025-07-01", corpus.ValidityInForce, "Còn hiệu lực", "2025-07-01"},
		{"https://vanban.example.gov.vn/vb/3", "Không xác định", "chưa rõ", "", "", ""},
	} {
		r, err := p.Ingest(ctx, ingest.Input{Name: c.name, Data: []byte("Cơ quan: Bộ Tài chính\nThông tư về công tác phí " + c.name + "\n"),
			Fields: map[string]string{"status": c.status, "effective": c.effective}})
		if err != nil {
			t.Fatal(err)
		}
		d, _ := st.Get(ctx, r.ID)
		if d.Validity != c.code || d.ValidityText != c.text || d.Effective.String() != c.date {
			t.Errorf("%s: %q %q %q, want %q %q %q", c.name, d.Validity, d.ValidityText, d.Effective, c.code, c.text, c.date)
		}
		if c.code != "" && (d.FieldSources["status"] != "portal" || d.FieldSources["effective"] != "portal") {
			t.Errorf("%s: field sources %v", c.name, d.FieldSources)
		}
		if c.code == "" && (d.FieldSources["status"] != "" || d.FieldSources["effective"] != "") {
			t.Errorf("%s: nothing kept, yet field sources %v", c.name, d.FieldSources)
		}
	}
	// Sources files written before "effective" named it "effective_date".
	r, err := p.Ingest(ctx, ingest.Input{Name: "https://vanban.example.gov.vn/vb/4", Data: []byte("Cơ quan: Bộ Tài chính\nThông tư 4\n"),
		Fields: map[string]string{"effective_date": "01/03/2026"}})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := st.Get(ctx, r.ID); d.Effective.String() != "2026-03-01" {
		t.Errorf("effective_date: %v", d.Effective)
	}
}
