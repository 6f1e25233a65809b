package index

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// The corpus's own restoration statistics: how often each spelling of a
// syllable, and each pair of adjacent spellings, occurs in the indexed texts,
// titles included, whole. They were terms of a bleve field ("folded|exact"),
// from each text's first 512 bytes only: indexing the whole text twice over
// cost twice the CPU of a batch. Counted into maps instead, from the terms
// the body's one-pass analysis makes anyway (body.go), the whole text costs
// a map increment per syllable and per pair, and bleve indexes fewer terms
// (docs/benchmarks/index.md, BENCHMARKS.md).
//
// They live beside the index, in its generation directory:
//
//	restore-stats.gz   the counts when the generation was built (Rebuild)
//	restore-stats.log  what each later batch added, one line a spelling
//
// read together on open. The format is the shipped model's (restoremodel.go):
// "spelling<TAB>count", a pair being two syllables and a space. A replaced or
// deleted document's counts stay until the next rebuild: these are the
// spellings the corpus uses, which a new version of a document barely moves;
// and a batch whose log line was not written (a crash between the two) is
// missing from them until then. Neither changes what a search finds, only
// which accented reading of an accent-free query is tried first.
type restoreStats struct {
	mu    sync.RWMutex
	uni   map[string]float64  // exact syllable → occurrences
	spell map[string][]string // folded syllable → its exact spellings seen
	pair  map[string]float64  // "exact exact" → occurrences
}

const (
	statsFile = "restore-stats.gz"
	statsLog  = "restore-stats.log"
)

func newRestoreStats() *restoreStats {
	return &restoreStats{uni: map[string]float64{}, spell: map[string][]string{}, pair: map[string]float64{}}
}

// addTerms counts the word syllables and adjacent word pairs of one text:
// its exact terms, each followed by a space, term i being
// exact[es[i]:es[i+1]-1] (the layout bodyAnalysis builds). A key is copied
// only the first time it is seen, so the maps never hold on to a text.
func (s *restoreStats) addTerms(exact []byte, es []int) {
	n := len(es) - 1
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		t := exact[es[i] : es[i+1]-1]
		if !isWordTerm(t) {
			continue
		}
		s.addUni(t, 1)
		if i+1 < n && isWordTerm(exact[es[i+1]:es[i+2]-1]) {
			p := exact[es[i] : es[i+2]-1]
			if c, ok := s.pair[string(p)]; ok {
				s.pair[string(p)] = c + 1
			} else {
				s.pair[string(p)] = 1
			}
		}
	}
}

// addUni adds n occurrences of the syllable t; s.mu is held.
func (s *restoreStats) addUni(t []byte, n float64) {
	if c, ok := s.uni[string(t)]; ok {
		s.uni[string(t)] = c + n
		return
	}
	w := string(t)
	s.uni[w] = n
	f := foldString(w)
	s.spell[f] = append(s.spell[f], w)
}

// add adds n occurrences of a spelling: a syllable, or a pair.
func (s *restoreStats) add(w string, n float64) {
	if strings.Contains(w, " ") {
		s.pair[w] += n
		return
	}
	s.addUni([]byte(w), n)
}

// merge adds d's counts to s.
func (s *restoreStats) merge(d *restoreStats) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for w, n := range d.uni {
		s.addUni([]byte(w), n)
	}
	for p, n := range d.pair {
		s.pair[p] += n
	}
}

// empty reports whether nothing was counted.
func (s *restoreStats) empty() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.uni) == 0
}

// cands lists the spellings of a folded syllable with their counts.
func (s *restoreStats) cands(folded string) []cand {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	sp := s.spell[folded]
	out := make([]cand, 0, len(sp))
	for _, w := range sp {
		out = append(out, cand{w, s.uni[w]})
	}
	return out
}

// pairCount is the count of an exact pair "a b".
func (s *restoreStats) pairCount(p string) float64 {
	if s == nil {
		return 0
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.pair[p]
}

// writeTo writes every count, one "spelling<TAB>count" a line.
func (s *restoreStats) writeTo(w io.Writer) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	bw := bufio.NewWriterSize(w, 64<<10)
	var line []byte
	put := func(k string, n float64) {
		line = append(append(append(line[:0], k...), '\t'), strconv.FormatFloat(n, 'f', -1, 64)...)
		bw.Write(append(line, '\n'))
	}
	for k, n := range s.uni {
		put(k, n)
	}
	for k, n := range s.pair {
		put(k, n)
	}
	return bw.Flush()
}

// readFrom adds the counts of r (writeTo's format).
func (s *restoreStats) readFrom(r io.Reader) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		w, c, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			// A line cut short by a crash while it was appended: the last
			// line of the log only, and its counts are lost.
			continue
		}
		n, err := strconv.ParseFloat(c, 64)
		if err != nil || w == "" {
			continue
		}
		s.add(w, n)
	}
	return sc.Err()
}

// saveRestoreStats writes s as the counts of the generation in dir and
// removes its log (Rebuild, before the generation is put in use).
func saveRestoreStats(dir string, s *restoreStats) error {
	tmp := filepath.Join(dir, statsFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("index: restoration statistics: %w", err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	err = s.writeTo(zw)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, statsFile))
	}
	if err == nil {
		if rerr := os.Remove(filepath.Join(dir, statsLog)); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = rerr
		}
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("index: restoration statistics %s: %w", dir, err)
	}
	return nil
}

// loadRestoreStats reads the counts of the generation in dir: its file and
// its log. A generation without them (an empty index) has none.
func loadRestoreStats(dir string) (*restoreStats, error) {
	s := newRestoreStats()
	if f, err := os.Open(filepath.Join(dir, statsFile)); err == nil {
		zr, err := gzip.NewReader(f)
		if err == nil {
			err = s.readFrom(zr)
		}
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("index: restoration statistics %s: %w", dir, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("index: restoration statistics: %w", err)
	}
	if f, err := os.Open(filepath.Join(dir, statsLog)); err == nil {
		err = s.readFrom(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("index: restoration statistics %s: %w", dir, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("index: restoration statistics: %w", err)
	}
	return s, nil
}

// appendRestoreStats adds a batch's counts to the log of the generation in
// dir. Not synced: the log is as durable as the page cache, and what it
// loses is advice (see restoreStats).
func appendRestoreStats(dir string, d *restoreStats) error {
	if d.empty() {
		return nil
	}
	f, err := os.OpenFile(filepath.Join(dir, statsLog), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("index: restoration statistics: %w", err)
	}
	err = d.writeTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("index: restoration statistics %s: %w", dir, err)
	}
	return nil
}
