package corpustest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"vanthu/corpus"
)

func testConcurrentPuts(t *testing.T, s corpus.Store) {
	// 8 writers race over 10 documents with 3 byte variants each, plus one
	// news item per writer. A serial run gives exactly: 10+8 stored, 20 new
	// versions, the rest unchanged; so must any interleaving.
	const writers, rounds, docs, variants = 8, 25, 10, 3
	var mu sync.Mutex
	count := map[corpus.PutStatus]int{}
	var wg sync.WaitGroup
	errs := make(chan error, writers*(rounds+1))
	// Fixtures are built here: t.Fatal must not be called from other goroutines.
	fixtures := make([][]corpus.Document, docs)
	for n := range fixtures {
		for v := 0; v < variants; v++ {
			fixtures[n] = append(fixtures[n], official(t, fmt.Sprintf("%d-KH/TU", 160+n), "Thành ủy Hà Nội", "2018-01-09", fmt.Sprintf("kế hoạch %d bản %d", n, v)))
		}
	}
	for g := 0; g < writers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				n, v := i%docs, (g+i)%variants
				r, err := s.Put(bg, []byte(fmt.Sprintf("kh %d v %d", n, v)), fixtures[n][v])
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				count[r.Status]++
				mu.Unlock()
			}
			r, err := s.Put(bg, []byte(fmt.Sprint("news ", g)), news(fmt.Sprintf("https://tin.vn/%d", g), "tin"))
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			count[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if count[corpus.PutStored] != docs+writers || count[corpus.PutNewVersion] != docs*(variants-1) ||
		count[corpus.PutUnchanged] != writers*rounds-docs*variants {
		t.Fatalf("statuses %v; want %d stored, %d new-version, %d unchanged", count,
			docs+writers, docs*(variants-1), writers*rounds-docs*variants)
	}
	if n := length(t, s); n != docs+writers {
		t.Fatalf("Len = %d, want %d", n, docs+writers)
	}
	for n := 0; n < docs; n++ {
		got, err := s.FindNumber(bg, fmt.Sprintf("%d-KH/TU", 160+n))
		if err != nil || len(got) != 1 {
			t.Fatalf("FindNumber %d: %d documents, %v", 160+n, len(got), err)
		}
		vs := shas(got[0].Versions)
		if len(vs) != variants || len(slices.Compact(slices.Sorted(slices.Values(vs)))) != variants {
			t.Fatalf("document %d has versions %v, want %d distinct", n, vs, variants)
		}
		for v := 0; v < variants; v++ {
			sha := corpus.SHA256([]byte(fmt.Sprintf("kh %d v %d", n, v)))
			if id, ok, err := s.HasOriginal(bg, sha); err != nil || !ok || id != got[0].ID {
				t.Fatalf("HasOriginal(%s) = %q, %v, %v", sha, id, ok, err)
			}
		}
		// The view is the one of some version, consistently: text and source agree.
		vt, err := s.VersionText(bg, got[0].Source.SHA256)
		if err != nil || vt != got[0].Text {
			t.Fatalf("document %d: text differs from the text of its source version: %v", n, err)
		}
	}
}

func testConcurrentReadsAndWrites(t *testing.T, s corpus.Store) {
	ids := putMany(t, s, 5)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 16)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, id := range ids {
					if _, err := s.Get(bg, id); err != nil {
						errs <- err
						return
					}
				}
				if _, err := s.FindNumber(bg, "100-CV/BTCTU"); err != nil {
					errs <- err
					return
				}
				if err := s.Each(bg, func(d corpus.Document) error {
					if len(d.Versions) == 0 {
						return fmt.Errorf("%s: no versions", d.ID)
					}
					return nil
				}); err != nil {
					errs <- err
					return
				}
				if _, err := s.Len(bg); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := 0; i < 20; i++ {
		d := official(t, fmt.Sprintf("%d-CV/BTCTU", 100+i%5), btctu, "2019-05-31", fmt.Sprint("bản ", i))
		if _, err := s.Put(bg, []byte(fmt.Sprint("new bytes ", i)), d); err != nil {
			t.Error(err)
			break
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got, err := s.FindNumber(bg, "100-CV/BTCTU")
	if err != nil || len(got) != 1 || len(got[0].Versions) != 1+4 {
		t.Fatalf("after concurrent writes: %d documents, %v", len(got), err)
	}
}
