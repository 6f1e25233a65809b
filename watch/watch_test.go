package watch_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"vanthu/audit"
	"vanthu/corpus"
	"vanthu/corpus/memstore"
	"vanthu/watch"
)

type fixture struct {
	st *audit.Store
	w  *watch.Store
}

// titleMatcher finds documents whose title holds the query's words
// (without regard to diacritics): the index does this in cmd.
func titleMatcher(st corpus.Store) watch.Matcher {
	return watch.MatcherFunc(func(ctx context.Context, s watch.Search, ids []string) ([]watch.Doc, error) {
		var out []watch.Doc
		for _, id := range ids {
			d, err := st.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if strings.Contains(corpus.MatchKey(d.Title), corpus.MatchKey(s.Query)) {
				out = append(out, watch.Doc{ID: d.ID, Number: d.Number, Title: d.Title})
			}
		}
		return out, nil
	})
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	l, err := audit.Open(audit.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	st := &audit.Store{Backend: memstore.New(), Log: l}
	w, err := watch.New(watch.Config{Records: st, Log: l, Match: titleMatcher(st),
		Now: func() time.Time { return time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{st: st, w: w}
}

func (f *fixture) ingest(t *testing.T, title string) string {
	t.Helper()
	d := corpus.Document{Kind: corpus.KindNews, Title: title, Text: title}
	d.Source = corpus.Version{SHA256: corpus.SHA256([]byte(title)), Source: "file:" + title}
	d.ID = corpus.DocID(&d)
	res, err := f.st.Put(context.Background(), []byte(title), d)
	if err != nil {
		t.Fatal(err)
	}
	return res.ID
}

func TestCheckListsANewMatchOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.ingest(t, "Quy chế đoàn ra cũ") // before the search was saved: not collected
	if _, err := f.w.Add(ctx, "lan", "Đoàn ra", "đoàn ra", watch.Filters{}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.w.Add(ctx, "lan", "đoàn ra!", "x", watch.Filters{}); err == nil {
		t.Error("a second search of the same name was saved")
	}
	if _, err := f.w.Add(ctx, "lan", "Trống", "", watch.Filters{}); err == nil {
		t.Error("a search with neither query nor filter was saved")
	}
	id := f.ingest(t, "Quyết định cử đoàn ra nước ngoài năm 2026")
	f.ingest(t, "Thông báo lịch tiếp công dân")
	rs, err := f.w.Check(ctx, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Matches) != 1 || rs[0].Matches[0].ID != id || !strings.Contains(rs[0].Matches[0].Why, "Đoàn ra") {
		t.Fatalf("first check: %+v", rs)
	}
	rs, err = f.w.Check(ctx, "lan")
	if err != nil || len(rs) != 1 || len(rs[0].Matches) != 0 {
		t.Fatalf("second check lists again: %+v %v", rs, err)
	}
	// Another user's searches are apart.
	if rs, _ := f.w.Check(ctx, "minh"); len(rs) != 0 {
		t.Errorf("minh's check: %+v", rs)
	}
	// The feed holds the match, and parses back.
	ws, _ := f.w.List(ctx, "lan")
	var buf bytes.Buffer
	if _, err := watch.BuildFeed("lan", "http://desk", "http://desk/feeds/x.atom", ws).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	var back watch.Feed
	if err := xml.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, buf.String())
	}
	if back.XMLName.Space != "http://www.w3.org/2005/Atom" || len(back.Entries) != 1 || !strings.Contains(back.Entries[0].Title, "cử đoàn ra") ||
		back.Entries[0].Links[0].Href != "http://desk/documents/"+id || back.Updated == "" || back.ID == "" {
		t.Errorf("feed read back: %+v", back)
	}
	if _, err := time.Parse(time.RFC3339, back.Entries[0].Updated); err != nil {
		t.Errorf("entry updated %q: %v", back.Entries[0].Updated, err)
	}
	// Removing the search stops it.
	if err := f.w.Remove(ctx, "lan", "ĐOÀN RA"); err != nil {
		t.Fatal(err)
	}
	if ws, _ := f.w.List(ctx, "lan"); len(ws) != 0 {
		t.Errorf("after remove: %+v", ws)
	}
}

// TestMatchesOnTheIngestSequence: the order of ingests decides, not the
// documents' times nor the clock.
func TestMatchesOnTheIngestSequence(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.w.Add(ctx, "lan", "A", "hội nghị", watch.Filters{})
	f.ingest(t, "Hội nghị một")
	rs, _ := f.w.Unseen(ctx, "lan")
	if len(rs[0].Matches) != 1 {
		t.Fatalf("unseen: %+v", rs)
	}
	// Not marked: seen again.
	f.ingest(t, "Hội nghị hai")
	rs, _ = f.w.Unseen(ctx, "lan")
	if len(rs[0].Matches) != 2 || rs[0].Matches[0].Seq >= rs[0].Matches[1].Seq {
		t.Fatalf("unseen after a second ingest: %+v", rs)
	}
	// Marking up to the first only leaves the second.
	if err := f.w.MarkSeen(ctx, "lan", rs[0].Matches[0].Seq); err != nil {
		t.Fatal(err)
	}
	rs, _ = f.w.Unseen(ctx, "lan")
	if len(rs[0].Matches) != 1 || !strings.Contains(rs[0].Matches[0].Title, "hai") {
		t.Fatalf("after marking the first: %+v", rs)
	}
}
