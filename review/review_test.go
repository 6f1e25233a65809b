package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"vanthu/corpus"
	"vanthu/corpus/memstore"
)

// fakeIndex records what the desk told the index.
type fakeIndex struct {
	docs map[string]corpus.Document
}

func (f *fakeIndex) Index(_ context.Context, d corpus.Document) error {
	f.docs[d.ID] = d
	return nil
}

func (f *fakeIndex) Delete(_ context.Context, id string) error {
	delete(f.docs, id)
	return nil
}

func clock() func() time.Time {
	t := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Minute); return t }
}

// scan is what ingest stores for a scan whose number could not be read.
func scan(text string) corpus.Document {
	return corpus.Document{
		Kind: corpus.KindNews, Issuer: "Ủy ban nhân dân tỉnh Quảng Ngãi", Text: text,
		Source: corpus.Version{Source: "/tmp/cv575.pdf", MIME: "application/pdf", Status: corpus.StatusOK, Quality: 0.8,
			Pages: []corpus.Page{{Number: 1, Source: "ocr", Quality: 0.8, OCRConfidence: 71,
				Warnings: []string{`page 1: OCR'd document number "Số: ?%/UBND" is implausible: check it against the scan`}}}},
	}
}

func put(t *testing.T, st corpus.Store, data string, d corpus.Document) corpus.Document {
	t.Helper()
	d.ID = corpus.DocID(&d)
	pr, err := st.Put(context.Background(), []byte(data), d)
	if err != nil {
		t.Fatal(err)
	}
	return pr.Document
}

func setup(t *testing.T) (*Store, *Desk, *fakeIndex) {
	t.Helper()
	ms := memstore.New()
	s, err := NewStore(context.Background(), ms)
	if err != nil {
		t.Fatal(err)
	}
	ix := &fakeIndex{docs: map[string]corpus.Document{}}
	return s, &Desk{Store: s, Index: ix, Now: clock()}, ix
}

func TestCorrectionLoop(t *testing.T) {
	ctx := context.Background()
	s, desk, ix := setup(t)
	d := put(t, s, "scan bytes", scan("UBND TỈNH QUẢNG NGÃI\nSố: ?%/UBND\nV/v đoàn ra"))
	clean := put(t, s, "clean", corpus.Document{Kind: corpus.KindDocument, Number: "12/UBND-NV", NumberKey: corpus.NumberKey("12/UBND-NV"), Type: "CV",
		Issuer: "UBND tỉnh", Date: corpus.Date{Year: 2026, Month: 1, Day: 2}, Signer: corpus.Signer{Name: "Nguyễn Văn A"}, Text: "x",
		Source: corpus.Version{Source: "/tmp/clean.pdf", MIME: "application/pdf", Status: corpus.StatusOK, Quality: 1}})

	q, err := s.Queue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 1 || q[0].ID != d.ID {
		t.Fatalf("queue = %+v, want only the scan %s", q, d.ID)
	}
	var fields []string
	for _, is := range q[0].Issues {
		fields = append(fields, is.Field)
	}
	if got := strings.Join(fields, ","); !strings.Contains(got, "number") || !strings.Contains(got, "date") {
		t.Errorf("issues of the scan: %s", got)
	}

	if _, err := desk.Set(ctx, d.ID, map[string]string{"number": "575 /UBND-KT"}, "lan", ""); err != nil {
		t.Fatal(err)
	}
	found, err := s.FindNumber(ctx, "575 ubnd kt")
	if err != nil || len(found) != 1 || found[0].ID != d.ID || found[0].Number != "575/UBND-KT" {
		t.Fatalf("FindNumber of the corrected number: %v %+v", err, found)
	}
	if got := ix.docs[d.ID]; got.Number != "575/UBND-KT" || got.FieldSources["number"] != SourceCorrection {
		t.Errorf("index got %q (%v), want the corrected number at once", got.Number, got.FieldSources)
	}
	if raw, _ := s.Inner().Get(ctx, d.ID); raw.Number != "" {
		t.Errorf("the stored extraction was rewritten: number %q", raw.Number)
	}

	// A re-extraction (a new original of the same document) keeps the
	// person's value.
	again := scan("UBND TỈNH QUẢNG NGÃI\nSố: 5?5/UBND\nV/v đoàn ra (bản quét lại)")
	again.Identity = d.ID
	again.Number, again.NumberKey = "515/UBND", corpus.NumberKey("515/UBND")
	pr, err := s.Put(ctx, []byte("rescan bytes"), again)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Document.Number != "575/UBND-KT" {
		t.Errorf("after re-extraction the number is %q, want the correction", pr.Document.Number)
	}
	if found, _ := s.FindNumber(ctx, "515/UBND"); len(found) != 0 {
		t.Errorf("the machine's wrong number still finds the document: %+v", found)
	}

	// Date still missing: on the queue; checked: off it.
	if q, _ := s.Queue(ctx); len(q) != 1 {
		t.Fatalf("queue after the number's correction: %+v", q)
	}
	if _, err := desk.MarkReviewed(ctx, d.ID, "lan", "đã đối chiếu bản giấy"); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.Queue(ctx); len(q) != 0 {
		t.Errorf("queue after đã kiểm tra: %+v", q)
	}
	h, err := desk.History(ctx, d.ID)
	if err != nil || len(h) != 2 || h[0].Author != "lan" || h[0].Fields["number"] != "575/UBND-KT" || !h[1].Reviewed {
		t.Errorf("history: %v %+v", err, h)
	}

	// Bad input names the field.
	_, err = desk.Set(ctx, clean.ID, map[string]string{"date": "31/2/2026"}, "lan", "")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "date" || !errors.Is(err, ErrField) {
		t.Errorf("bad date: %v", err)
	}
	if _, err := desk.Set(ctx, clean.ID, map[string]string{"colour": "x"}, "lan", ""); !errors.Is(err, ErrField) {
		t.Errorf("unknown field: %v", err)
	}

	// A second Store over the same records sees the corrections.
	s2, err := NewStore(ctx, s.Inner())
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s2.Get(ctx, d.ID); got.Number != "575/UBND-KT" {
		t.Errorf("reopened view: %q", got.Number)
	}
}

func TestWithdrawRestorePurge(t *testing.T) {
	ctx := context.Background()
	s, desk, ix := setup(t)
	d := put(t, s, "a", corpus.Document{Kind: corpus.KindDocument, Number: "07/TB-UBND", NumberKey: corpus.NumberKey("07/TB-UBND"), Title: "Thông báo 7", Text: "một", Source: corpus.Version{Source: "a.txt", MIME: "text/plain", Status: corpus.StatusOK}})
	e := put(t, s, "b", corpus.Document{Kind: corpus.KindNews, Title: "Tin 2", Text: "hai", Source: corpus.Version{Source: "b.txt", MIME: "text/plain", Status: corpus.StatusOK}})
	ix.docs[d.ID], ix.docs[e.ID] = d, e

	if _, err := desk.Withdraw(ctx, d.ID, "lan", "nhầm"); err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.docs[d.ID]; ok {
		t.Error("withdrawn document still in the index")
	}
	if n, _ := s.Len(ctx); n != 1 {
		t.Errorf("Len after withdrawal = %d", n)
	}
	var ids []string
	s.Each(ctx, func(x corpus.Document) error { ids = append(ids, x.ID); return nil })
	if len(ids) != 1 || ids[0] != e.ID {
		t.Errorf("Each after withdrawal: %v", ids)
	}
	if _, err := s.Get(ctx, d.ID); err != nil {
		t.Errorf("a withdrawn document must stay readable: %v", err)
	}
	if found, _ := s.FindNumber(ctx, "7 tb ubnd"); len(found) != 0 {
		t.Errorf("FindNumber finds a withdrawn document: %+v", found)
	}
	if found, _ := s.FindWithdrawn(ctx, "7 tb ubnd"); len(found) != 1 || found[0].ID != d.ID {
		t.Errorf("FindWithdrawn: %+v", found)
	}
	rc, err := s.Original(ctx, d.Source.SHA256)
	if err != nil {
		t.Fatalf("original of a withdrawn document: %v", err)
	}
	rc.Close()
	if _, err := desk.Restore(ctx, d.ID, "lan", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.docs[d.ID]; !ok || s.Withdrawn(d.ID) {
		t.Error("restored document not back in the index")
	}
	if found, _ := s.FindNumber(ctx, "07/TB-UBND"); len(found) != 1 {
		t.Errorf("FindNumber after restore: %+v", found)
	}

	if _, err := desk.Purge(ctx, e.ID, "", "lan", "nộp nhầm"); !errors.Is(err, ErrConfirm) {
		t.Errorf("purge without confirmation: %v", err)
	}
	if _, err := s.Get(ctx, e.ID); err != nil {
		t.Fatalf("unconfirmed purge removed the document: %v", err)
	}
	if _, err := desk.Purge(ctx, e.ID, e.ID, "lan", "nộp nhầm"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, e.ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("purged document still there: %v", err)
	}
	if _, err := s.Original(ctx, e.Source.SHA256); err == nil {
		t.Error("purged original still there")
	}
	if _, ok := ix.docs[e.ID]; ok {
		t.Error("purged document still in the index")
	}
	log, err := desk.Purges(ctx)
	if err != nil || len(log) != 1 || log[0].ID != e.ID || log[0].Author != "lan" || log[0].Note != "nộp nhầm" {
		t.Errorf("purge log: %v %+v", err, log)
	}
}

func TestTextDiff(t *testing.T) {
	a := "Số: ?%/UBND\nV/v đoàn ra\nKính gửi: Sở Ngoại vụ\n1\n2\n3\n4\n5\n6\n7\n8\nhết"
	b := "Số: 575/UBND-KT\nV/v đoàn ra\nKính gửi: Sở Ngoại vụ\n1\n2\n3\n4\n5\n6\n7\n8\nhết\nNơi nhận: VT"
	got := TextDiff(a, b, 1)
	var sb strings.Builder
	for _, l := range got {
		sb.WriteString(string(l.Op) + l.Text + "\n")
	}
	want := "-Số: ?%/UBND\n+Số: 575/UBND-KT\n V/v đoàn ra\n~… 9 dòng giống nhau …\n hết\n+Nơi nhận: VT\n"
	if sb.String() != want {
		t.Errorf("TextDiff:\n%s\nwant:\n%s", sb.String(), want)
	}
	if d := TextDiff("x", "x", 3); len(d) != 0 {
		t.Errorf("equal texts: %+v", d)
	}
}

// TestCorrectedIssuers: the issuers people set are listed once each, for the
// metadata parser's table of bodies.
func TestCorrectedIssuers(t *testing.T) {
	ctx := context.Background()
	s, desk, _ := setup(t)
	a := put(t, s, "a", scan("UBND TỈNH QUẢNG NGÃI\nSố: ?%/UBND\nV/v đoàn ra"))
	b := put(t, s, "b", scan("SỞ NGOẠI VỤ\nSố: 1/SNgV\nV/v đoàn vào"))
	for _, id := range []string{a.ID, b.ID} {
		if _, err := desk.Set(ctx, id, map[string]string{"issuer": "Trường Đào tạo cán bộ Lê Hồng Phong"}, "lan", ""); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.CorrectedIssuers(); len(got) != 1 || got[0] != "Trường Đào tạo cán bộ Lê Hồng Phong" {
		t.Errorf("CorrectedIssuers = %q", got)
	}
}

// Two originals of one document and a correction: the page can compare any
// two of them, text and metadata.
func TestRevisions(t *testing.T) {
	ctx := context.Background()
	s, desk, _ := setup(t)
	parse := func(text string) corpus.Document {
		d := corpus.Document{Kind: corpus.KindNews}
		for _, l := range strings.Split(text, "\n") {
			if n, ok := strings.CutPrefix(l, "Số: "); ok {
				if p, ok := corpus.ParseNumber(n); ok {
					d.Number, d.NumberKey = p.Canonical, p.Key
				}
			}
		}
		return d
	}
	first := scan("Số: ?%/UBND\nV/v đoàn ra\nKính gửi: Sở Ngoại vụ")
	d := put(t, s, "first scan", first)
	second := scan("Số: 575/UBND-KT\nV/v đoàn ra\nKính gửi: Sở Ngoại vụ\nNơi nhận: Lưu VT")
	second.Identity = d.ID
	second.Number, second.NumberKey = "575/UBND-KT", corpus.NumberKey("575/UBND-KT")
	put(t, s, "second scan", second)
	if _, err := desk.Set(ctx, d.ID, map[string]string{"date": "4/2/2025"}, "lan", ""); err != nil {
		t.Fatal(err)
	}
	revs, err := s.Revisions(ctx, d.ID, parse)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range revs {
		keys = append(keys, r.Key)
	}
	if strings.Join(keys, ",") != "v1,v2,c1" {
		t.Fatalf("revisions %v", keys)
	}
	md := MetaDiff(revs[0].Doc, revs[1].Doc)
	if len(md) == 0 || md[0].Name != "number" || md[0].A != "" || md[0].B != "575/UBND-KT" {
		t.Errorf("metadata diff of the originals: %+v", md)
	}
	td := TextDiff(revs[0].Text, revs[1].Text, 1)
	if len(td) != 5 || td[0].Op != Delete || td[1].Op != Insert || td[4].Op != Insert {
		t.Errorf("text diff of the originals: %+v", td)
	}
	md = MetaDiff(revs[1].Doc, revs[2].Doc)
	if len(md) != 1 || md[0].Name != "date" || md[0].B != "2025-02-04" {
		t.Errorf("metadata diff original → correction: %+v", md)
	}
}

// TestParserWarnings: the metadata parser's warnings ("issuer: ...") are
// issues of their field, and a field so warned about is not listed again
// as missing.
func TestParserWarnings(t *testing.T) {
	d := corpus.Document{Kind: corpus.KindDocument, Number: "1/UBND", Type: "CV", Date: corpus.Date{Year: 2025, Month: 1, Day: 2},
		Signer: corpus.Signer{Name: "Lê Văn Ba"},
		Source: corpus.Version{MIME: "application/pdf", Status: corpus.StatusOK, Quality: 1,
			Warnings: []string{`issuer: the issuing body could not be read cleanly (read as "An dan"): check it against the original`}}}
	is := Issues(d, Correction{})
	if len(is) != 1 || is[0].Field != "issuer" || !strings.Contains(is[0].Message, "could not be read cleanly") {
		t.Errorf("issues %+v, want the parser's issuer warning only", is)
	}
}

// The queue a long-running desk keeps up to date equals the one built from
// scratch, whatever decisions and new documents came in between, and the
// documents ingested while it is first built are on it too.
func TestQueueCacheMatchesRebuild(t *testing.T) {
	ctx := context.Background()
	s, desk, _ := setup(t)
	var ids []string
	add := func(i int) {
		d := scan(fmt.Sprintf("Số: ?/UBND\nbản %d", i))
		d.Source.Source = fmt.Sprintf("/tmp/scan-%d.pdf", i)
		if i%3 == 0 {
			d.Number, d.NumberKey, d.Kind = fmt.Sprintf("%d/UBND-KT", i+1), corpus.NumberKey(fmt.Sprintf("%d/UBND-KT", i+1)), corpus.KindDocument
			d.Date = corpus.Date{Year: 2025, Month: 1 + i%12, Day: 1}
			d.Source.Pages = nil
		}
		ids = append(ids, put(t, s, fmt.Sprintf("bytes %d", i), d).ID)
	}
	for i := range 10 {
		add(i)
	}
	check := func(step string) {
		t.Helper()
		got, err := s.Queue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fresh, _ := NewStore(ctx, s.Inner())
		want, _ := fresh.Queue(ctx)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: cached queue\n%v\nwant\n%v", step, got, want)
		}
		for _, id := range ids {
			if s.NeedsReviewID(ctx, id) != fresh.NeedsReviewID(ctx, id) {
				t.Errorf("%s: NeedsReviewID(%s) differs", step, id)
			}
		}
	}
	check("first build")
	desk.Set(ctx, ids[1], map[string]string{"number": "2/UBND-KT", "date": "2025-01-01", "signer": "A"}, "lan", "")
	check("set")
	desk.MarkReviewed(ctx, ids[2], "lan", "")
	check("reviewed")
	desk.Withdraw(ctx, ids[4], "lan", "")
	check("withdrawn")
	add(10)
	add(11)
	check("new documents")
	desk.Restore(ctx, ids[4], "lan", "")
	check("restored")
	desk.Purge(ctx, ids[5], ids[5], "lan", "")
	check("purged")
	again := scan("Số: ?/UBND\nbản 0 quét lại")
	again.Identity = ids[0]
	put(t, s, "rescan 0", again)
	check("new version")
}

func TestQueueBuildWhileIngesting(t *testing.T) {
	ctx := context.Background()
	s, _, _ := setup(t)
	for i := range 300 {
		d := scan(fmt.Sprintf("Số: ?/UBND\nbản %d", i))
		d.Source.Source = fmt.Sprintf("/tmp/a-%d.pdf", i)
		put(t, s, fmt.Sprintf("a %d", i), d)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 100 {
			d := scan(fmt.Sprintf("Số: ?/UBND\nbản mới %d", i))
			d.Source.Source = fmt.Sprintf("/tmp/b-%d.pdf", i)
			d.ID = corpus.DocID(&d)
			if _, err := s.Put(ctx, []byte(fmt.Sprintf("b %d", i)), d); err != nil {
				t.Error(err)
			}
		}
	}()
	if _, err := s.Queue(ctx); err != nil {
		t.Fatal(err)
	}
	<-done
	got, _ := s.Queue(ctx)
	fresh, _ := NewStore(ctx, s.Inner())
	want, _ := fresh.Queue(ctx)
	if len(got) != 400 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("queue after ingesting while it was built: %d items, fresh %d", len(got), len(want))
	}
}
