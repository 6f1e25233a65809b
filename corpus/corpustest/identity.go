package corpustest

import (
	"slices"
	"testing"
	"time"

	"vanthu/corpus"
)

const (
	btctu = "Ban Tổ chức Thành ủy Hà Nội"
	ubnd  = "Ủy ban nhân dân tỉnh Quảng Ninh"
)

func testPutNew(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v thực hiện quy định về đoàn ra")
	b := []byte("%PDF-1.4 bản gốc 4060")
	r := put(t, s, b, doc, corpus.PutStored)
	if want := wantID(doc, b); r.ID != want {
		t.Fatalf("id %q, want corpus.DocID = %q", r.ID, want)
	}
	got := get(t, s, r.ID)
	sameJSON(t, "Get after Put vs PutResult.Document", got, r.Document)
	if got.Text != doc.Text {
		t.Errorf("Text %q, want %q", got.Text, doc.Text)
	}
	if got.Source.SHA256 != corpus.SHA256(b) || got.Source.Size != int64(len(b)) {
		t.Errorf("Source sha/size = %s/%d, want %s/%d", got.Source.SHA256, got.Source.Size, corpus.SHA256(b), len(b))
	}
	if len(got.Versions) != 1 || got.Versions[0].SHA256 != got.Source.SHA256 {
		t.Errorf("Versions = %v, want the one version %s", shas(got.Versions), got.Source.SHA256)
	}
	if got.Number != "4060-CV/BTCTU" || got.Issuer != btctu || got.Date.String() != "2019-05-31" || got.Kind != corpus.KindDocument {
		t.Errorf("metadata not kept: %q %q %s %q", got.Number, got.Issuer, got.Date, got.Kind)
	}
	if n := length(t, s); n != 1 {
		t.Errorf("Len = %d, want 1", n)
	}
}

func testPutSameBytes(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v đoàn ra")
	b := []byte("bytes of 4060")
	r1 := put(t, s, b, doc, corpus.PutStored)
	before := get(t, s, r1.ID)
	// The same file read again later, from another path: still nothing new.
	again := doc
	again.Source.Source = "elsewhere/4060.txt"
	again.Source.FetchedAt = fetched.Add(48 * time.Hour)
	r2 := put(t, s, b, again, corpus.PutUnchanged)
	if r2.ID != r1.ID {
		t.Fatalf("unchanged Put gave id %q, first gave %q", r2.ID, r1.ID)
	}
	after := get(t, s, r1.ID)
	sameJSON(t, "document after an unchanged Put", after, before)
	sameJSON(t, "PutResult.Document of an unchanged Put", r2.Document, before)
	if n := length(t, s); n != 1 {
		t.Errorf("Len = %d, want 1", n)
	}
}

func testMetadataRoundTrip(t *testing.T, s corpus.Store) {
	doc := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v thực hiện quy định về đoàn ra")
	doc.ParentIssuer = "Thành ủy Hà Nội"
	doc.Place = "Hà Nội"
	doc.Recipients = []string{"Các huyện ủy, quận ủy, thị ủy", "Các đảng ủy trực thuộc Thành ủy"}
	doc.CC = []string{"Như kính gửi", "Lưu VT"}
	doc.Signer = corpus.Signer{Authority: "", Title: "Trưởng ban", Name: "Vũ Đức Bảo"}
	doc.ESign = &corpus.ESign{Signer: "Ban Tổ chức Thành ủy", Email: "btctu@hanoi.gov.vn", Org: "Thành ủy Hà Nội", Time: "2019-05-31T15:01:05+07:00"}
	doc.Incoming = &corpus.Incoming{Number: "2.17", Date: date(t, "2019-06-03")}
	doc.Citations = []corpus.Citation{{Number: "1542-QĐ/TU", Key: corpus.NumberKey("1542-QĐ/TU"), Type: "QĐ", Date: date(t, "2016-12-07"), Quote: "Quyết định số 1542 -QĐ/TU", Span: corpus.Span{Line: 12, Offset: 400, Len: 26}}}
	doc.Rules = []corpus.Rule{{Kind: corpus.RuleMembersPerDelegation, Limit: 7, Unit: "person", Quote: "không quá 07 người/đoàn", Exception: "Trừ trường hợp thật cần thiết"}}
	doc.Spans = map[string]corpus.Span{"number": {Line: 3, Offset: 40, Len: 13}}
	doc.FieldSources = map[string]string{"number": "text"}
	doc.Attrs = map[string]string{"so_den": "2.17"}
	doc.Source.IngestedAt = time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	doc.Source.Pages = []corpus.Page{{Number: 1, Source: "text", Quality: 0.97, Chars: 2100, Warnings: []string{"ít chữ"}}}
	doc.Source.Warnings = []string{"font không nhúng"}
	doc.Source.Of = "https://example.gov.vn/tin/1"
	doc.Source.Message = ""
	b := []byte("original bytes")
	r := put(t, s, b, doc, corpus.PutStored)

	want := doc
	want.ID = r.ID
	want.Source.SHA256 = corpus.SHA256(b)
	want.Source.Size = int64(len(b))
	want.Versions = []corpus.Version{want.Source}
	sameJSON(t, "stored document", get(t, s, r.ID), want)
}

func testTextVerbatim(t *testing.T, s corpus.Store) {
	// The store keeps text as given: normalisation is the extractor's job, and
	// a store that silently rewrote text would break the spans into it.
	doc := official(t, "38-CT/TW", "Ban Bí thư", "2014-07-21", "Chỉ thị về đoàn ra")
	doc.Text = "Hoa\u0300 bi\u0300nh\r\n\ttab\f trang 2 \u00a0 \U0001F600"
	r := put(t, s, []byte("x"), doc, corpus.PutStored)
	if got := get(t, s, r.ID).Text; got != doc.Text {
		t.Fatalf("Text %q, want verbatim %q", got, doc.Text)
	}
	vt, err := s.VersionText(bg, corpus.SHA256([]byte("x")))
	if err != nil || vt != doc.Text {
		t.Fatalf("VersionText = %q, %v; want %q", vt, err, doc.Text)
	}
}

func testIngestedAtFilled(t *testing.T, s corpus.Store) {
	start := time.Now().Add(-time.Second)
	doc := official(t, "38-CT/TW", "Ban Bí thư", "2014-07-21", "Chỉ thị")
	r := put(t, s, []byte("x"), doc, corpus.PutStored)
	got := get(t, s, r.ID).Source.IngestedAt
	if got.Before(start) || got.After(time.Now().Add(time.Second)) {
		t.Fatalf("IngestedAt %v: want it filled with the time of the Put", got)
	}
}

func testDifferentDocuments(t *testing.T, s corpus.Store) {
	docs := []corpus.Document{
		official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a"),
		official(t, "4061-CV/BTCTU", btctu, "2019-05-31", "b"),                     // other number
		official(t, "4060-CV/BTCTU", "Ban Tuyên giáo Thành ủy", "2019-05-31", "c"), // other issuer
		official(t, "4060-CV/BTCTU", btctu, "2020-05-31", "d"),                     // other date: Party numbers run per term
	}
	seen := map[string]bool{}
	for i, d := range docs {
		b := []byte{'d', byte('0' + i)}
		r := put(t, s, b, d, corpus.PutStored)
		if seen[r.ID] {
			t.Fatalf("document %d got the id %q of an earlier, different document", i, r.ID)
		}
		seen[r.ID] = true
		if want := wantID(d, b); r.ID != want {
			t.Fatalf("id %q, want %q", r.ID, want)
		}
	}
	if n := length(t, s); n != len(docs) {
		t.Fatalf("Len = %d, want %d", n, len(docs))
	}
}

func testNumberSpellingSameDocument(t *testing.T, s corpus.Store) {
	// The extractor of an HTML page and of the PDF attachment may spell the
	// number and issuer differently; the identity key normalises both.
	a := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "a")
	b := official(t, "4060 -cv/btctu", "BAN TỔ CHỨC THÀNH ỦY HÀ NỘI", "2019-05-31", "b")
	r1 := put(t, s, []byte("pdf"), a, corpus.PutStored)
	r2 := put(t, s, []byte("html"), b, corpus.PutNewVersion)
	if r1.ID != r2.ID {
		t.Fatalf("same document under two ids: %q and %q", r1.ID, r2.ID)
	}
}

func testRecords(t *testing.T, s corpus.Store) {
	rec := corpus.Document{
		ID: "hs-2019/0042", Kind: corpus.KindRecord, Title: "Hồ sơ đoàn ra 42",
		Text:   "Hồ sơ đoàn ra số 42",
		Source: corpus.Version{MIME: "application/x-ndjson", Source: "export.jsonl", Extractor: "jsonl", Status: corpus.StatusOK},
		Attrs:  map[string]string{"don_vi": "Sở Ngoại vụ"},
	}
	r := put(t, s, []byte(`{"id":"hs-2019/0042"}`), rec, corpus.PutStored)
	if r.ID != "hs-2019/0042" {
		t.Fatalf("record id %q, want its own id hs-2019/0042", r.ID)
	}
	got := get(t, s, "hs-2019/0042")
	if got.Attrs["don_vi"] != "Sở Ngoại vụ" || got.Kind != corpus.KindRecord {
		t.Fatalf("record not kept: %+v", got)
	}
	// A later export of the same record is a new version of it, even with a
	// number that would otherwise key it.
	rec2 := rec
	rec2.Number, rec2.NumberKey = "42/SNgV-LS", corpus.NumberKey("42/SNgV-LS")
	r2 := put(t, s, []byte(`{"id":"hs-2019/0042","v":2}`), rec2, corpus.PutNewVersion)
	if r2.ID != r.ID || len(r2.Document.Versions) != 2 {
		t.Fatalf("second export: id %q with %d versions, want %q with 2", r2.ID, len(r2.Document.Versions), r.ID)
	}
	other := rec
	other.ID = "hs-2019/0043"
	put(t, s, []byte(`{"id":"hs-2019/0042"}`+"\n"), other, corpus.PutStored)
	if n := length(t, s); n != 2 {
		t.Fatalf("Len = %d, want 2", n)
	}
}

func testNews(t *testing.T, s corpus.Store) {
	a := news("https://baoquocte.vn/a.html", "Đoàn công tác thăm Nhật Bản")
	b := news("https://baoquocte.vn/b.html", "Đoàn công tác thăm Nhật Bản")
	ra := put(t, s, []byte("<html>a</html>"), a, corpus.PutStored)
	rb := put(t, s, []byte("<html>b</html>"), b, corpus.PutStored)
	if ra.ID == rb.ID {
		t.Fatalf("two articles at different URLs share id %q", ra.ID)
	}
	if want := wantID(a, []byte("<html>a</html>")); ra.ID != want {
		t.Fatalf("news id %q, want %q", ra.ID, want)
	}
	// The page changed (a correction): a new version of the same article.
	a2 := a
	a2.Title = "Đoàn công tác thăm Nhật Bản (cập nhật)"
	r := put(t, s, []byte("<html>a, corrected</html>"), a2, corpus.PutNewVersion)
	if r.ID != ra.ID || r.Document.Title != a2.Title || len(r.Document.Versions) != 2 {
		t.Fatalf("corrected article: id %q title %q versions %d", r.ID, r.Document.Title, len(r.Document.Versions))
	}
}

func testSHAIdentity(t *testing.T, s corpus.Store) {
	// Neither number nor source: the bytes are the identity.
	d := corpus.Document{Kind: corpus.KindDocument, Text: "văn bản không số", Source: corpus.Version{Status: corpus.StatusOK}}
	b := []byte("no number, no source")
	r := put(t, s, b, d, corpus.PutStored)
	if want := wantID(d, b); r.ID != want {
		t.Fatalf("id %q, want %q", r.ID, want)
	}
	put(t, s, b, d, corpus.PutUnchanged)
	r2 := put(t, s, []byte("other bytes"), d, corpus.PutStored)
	if r2.ID == r.ID {
		t.Fatal("different bytes without number or source got the same id")
	}
}

func testSharedOriginal(t *testing.T, s corpus.Store) {
	// The same file published at two URLs is two news items sharing one
	// original; the original is stored once and both documents read it.
	b := []byte("<html>same page</html>")
	ra := put(t, s, b, news("https://a.gov.vn/x", "Tin"), corpus.PutStored)
	rb := put(t, s, b, news("https://b.gov.vn/x", "Tin"), corpus.PutStored)
	if ra.ID == rb.ID {
		t.Fatal("two sources got one id")
	}
	id, ok, err := s.HasOriginal(bg, corpus.SHA256(b))
	if err != nil || !ok || (id != ra.ID && id != rb.ID) {
		t.Fatalf("HasOriginal = %q, %v, %v; want one of the two ids", id, ok, err)
	}
	for _, id := range []string{ra.ID, rb.ID} {
		d := get(t, s, id)
		if d.Text != "Tin\n\nNội dung bài viết." || !slices.Equal(shas(d.Versions), []string{corpus.SHA256(b)}) {
			t.Fatalf("%s: text %q versions %v", id, d.Text, shas(d.Versions))
		}
	}
	if got := original(t, s, corpus.SHA256(b)); string(got) != string(b) {
		t.Fatalf("Original = %q", got)
	}
}
