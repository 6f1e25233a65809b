package corpustest

import (
	"slices"
	"testing"

	"vanthu/corpus"
)

func testNewVersion(t *testing.T, s corpus.Store) {
	v1 := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v đoàn ra (bản 1)")
	b1 := []byte("%PDF bản 1")
	r1 := put(t, s, b1, v1, corpus.PutStored)

	// The same document re-stamped: other bytes, same number, issuer, date.
	v2 := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v đoàn ra (bản 2)")
	v2.Text = "văn bản đã đóng dấu"
	v2.Source.Source = "https://btctu.hanoi.gov.vn/4060.pdf"
	b2 := []byte("%PDF bản 2, đóng dấu")
	r2 := put(t, s, b2, v2, corpus.PutNewVersion)
	if r2.ID != r1.ID {
		t.Fatalf("new version got id %q, first version %q", r2.ID, r1.ID)
	}
	got := get(t, s, r1.ID)
	sameJSON(t, "Get vs PutResult.Document", got, r2.Document)
	if want := []string{corpus.SHA256(b1), corpus.SHA256(b2)}; !slices.Equal(shas(got.Versions), want) {
		t.Fatalf("Versions %v, want oldest first %v", shas(got.Versions), want)
	}
	if got.Title != v2.Title || got.Text != v2.Text || got.Source.SHA256 != corpus.SHA256(b2) || got.Source.Source != v2.Source.Source {
		t.Fatalf("view not from the newest version: title %q text %q source %s", got.Title, got.Text, got.Source.SHA256)
	}
	if got.Versions[0].Source != v1.Source.Source || got.Versions[1].Source != v2.Source.Source {
		t.Fatalf("provenance per version lost: %q, %q", got.Versions[0].Source, got.Versions[1].Source)
	}
	for _, c := range []struct {
		b    []byte
		text string
	}{{b1, v1.Text}, {b2, v2.Text}} {
		if o := original(t, s, corpus.SHA256(c.b)); string(o) != string(c.b) {
			t.Errorf("Original(%s) = %q, want %q", corpus.SHA256(c.b), o, c.b)
		}
		if vt, err := s.VersionText(bg, corpus.SHA256(c.b)); err != nil || vt != c.text {
			t.Errorf("VersionText = %q, %v; want %q", vt, err, c.text)
		}
	}
	put(t, s, b1, v1, corpus.PutUnchanged) // an old version again
	put(t, s, b2, v2, corpus.PutUnchanged)
	if n := length(t, s); n != 1 {
		t.Fatalf("Len = %d, want 1", n)
	}
	if d := get(t, s, r1.ID); len(d.Versions) != 2 || d.Title != v2.Title {
		t.Fatalf("an old version put again changed the view: %d versions, title %q", len(d.Versions), d.Title)
	}
}

func testFailedVersionKeepsMetadata(t *testing.T, s corpus.Store) {
	v1 := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v đoàn ra")
	r1 := put(t, s, []byte("good"), v1, corpus.PutStored)
	// A scan that could not be read: kept and listed, but it must not wipe
	// the metadata and text the readable version gave.
	bad := v1
	bad.Title, bad.Text, bad.Recipients = "", "", nil
	bad.Source.Status = corpus.StatusNeedsOCR
	bad.Source.Message = "no text layer; install tesseract-ocr-vie and run ingest again"
	bad.Source.Source = "scan.pdf"
	r2 := put(t, s, []byte("scanned"), bad, corpus.PutNewVersion)
	got := get(t, s, r1.ID)
	sameJSON(t, "Get vs PutResult.Document", got, r2.Document)
	if want := []string{corpus.SHA256([]byte("good")), corpus.SHA256([]byte("scanned"))}; !slices.Equal(shas(got.Versions), want) {
		t.Fatalf("Versions %v, want %v", shas(got.Versions), want)
	}
	if got.Versions[1].Status != corpus.StatusNeedsOCR || got.Versions[1].Message == "" {
		t.Fatalf("failed version listed without its status: %+v", got.Versions[1])
	}
	if got.Title != v1.Title || got.Text != v1.Text || got.Source.SHA256 != corpus.SHA256([]byte("good")) {
		t.Fatalf("view changed by a failed version: title %q text %q source %s", got.Title, got.Text, got.Source.SHA256)
	}
	if vt, err := s.VersionText(bg, corpus.SHA256([]byte("scanned"))); err != nil || vt != "" {
		t.Fatalf("VersionText of the failed version = %q, %v; want empty, nil", vt, err)
	}
}

func testFirstVersionFailed(t *testing.T, s corpus.Store) {
	bad := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "")
	bad.Text = ""
	bad.Source.Status = corpus.StatusFailed
	r1 := put(t, s, []byte("broken"), bad, corpus.PutStored)
	if r1.Document.Source.Status != corpus.StatusFailed {
		t.Fatalf("failed document stored with status %q", r1.Document.Source.Status)
	}
	good := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v đoàn ra")
	r2 := put(t, s, []byte("readable"), good, corpus.PutNewVersion)
	if r2.Document.Title != good.Title || r2.Document.Text != good.Text || r2.Document.Source.Status != corpus.StatusOK {
		t.Fatalf("readable version did not replace the failed view: %+v", r2.Document.Source)
	}
}

func testNoVersionOK(t *testing.T, s corpus.Store) {
	a := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "đoán 1")
	a.Source.Status = corpus.StatusFailed
	b := a
	b.Title = "đoán 2"
	b.Source.Status = corpus.StatusEmpty
	put(t, s, []byte("a"), a, corpus.PutStored)
	r := put(t, s, []byte("b"), b, corpus.PutNewVersion)
	// No version is ok: the newest is the best guess.
	if r.Document.Title != "đoán 2" || r.Document.Source.SHA256 != corpus.SHA256([]byte("b")) {
		t.Fatalf("view %q from %s, want the newest version's", r.Document.Title, r.Document.Source.SHA256)
	}
}

func testRetryUpgradesVersion(t *testing.T, s corpus.Store) {
	scan := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "")
	scan.Text = ""
	scan.Source.Status = corpus.StatusNeedsOCR
	b := []byte("%PDF scan without text layer")
	r1 := put(t, s, b, scan, corpus.PutStored)
	// Ingested again with no OCR engine still: nothing new.
	put(t, s, b, scan, corpus.PutUnchanged)
	// Once OCR is installed, the same bytes come back with text: the version
	// is upgraded in place rather than listed twice.
	ocr := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "V/v đoàn ra")
	ocr.Text = "văn bản đọc bằng OCR"
	ocr.Source.Extractor = "pdftext/1 (ocr)"
	r2 := put(t, s, b, ocr, corpus.PutNewVersion)
	got := get(t, s, r1.ID)
	sameJSON(t, "Get vs PutResult.Document", got, r2.Document)
	if len(got.Versions) != 1 || got.Versions[0].Status != corpus.StatusOK || got.Versions[0].Extractor != "pdftext/1 (ocr)" {
		t.Fatalf("versions after retry: %+v", got.Versions)
	}
	if got.Text != ocr.Text || got.Title != ocr.Title {
		t.Fatalf("view after retry: title %q text %q", got.Title, got.Text)
	}
	if vt, err := s.VersionText(bg, corpus.SHA256(b)); err != nil || vt != ocr.Text {
		t.Fatalf("VersionText after retry = %q, %v", vt, err)
	}
	// A worse extraction of bytes already read well changes nothing.
	put(t, s, b, scan, corpus.PutUnchanged)
	if d := get(t, s, r1.ID); d.Text != ocr.Text {
		t.Fatalf("a failed re-extraction replaced good text: %q", d.Text)
	}
}

func testRetryOfOlderVersion(t *testing.T, s corpus.Store) {
	scan := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "scan")
	scan.Source.Status = corpus.StatusNeedsOCR
	put(t, s, []byte("old scan"), scan, corpus.PutStored)
	newer := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "newer")
	r := put(t, s, []byte("newer pdf"), newer, corpus.PutNewVersion)
	// The old scan is read at last; the newer readable version still gives the view.
	ocr := official(t, "4060-CV/BTCTU", btctu, "2019-05-31", "scan, read")
	r2 := put(t, s, []byte("old scan"), ocr, corpus.PutNewVersion)
	if r2.ID != r.ID || r2.Document.Title != "newer" || len(r2.Document.Versions) != 2 || r2.Document.Versions[0].Status != corpus.StatusOK {
		t.Fatalf("after retrying the older version: title %q, versions %+v", r2.Document.Title, r2.Document.Versions)
	}
}
