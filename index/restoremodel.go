package index

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"vanthu/corpus"
)

// The shipped model of administrative Vietnamese for diacritic restoration.
//
// The corpus's own statistics (restorestats.go) know only what the corpus
// holds: an archive that is mostly law texts restores "cu" as "cư" (cư trú)
// where a clerk means "cử" (cử đoàn), and a small or new archive knows
// little at all. restoremodel.txt.gz counts the syllables and pairs of
// adjacent syllables of legal and administrative texts kept in this
// repository: the gencorpus bank (the four ALQAC codes and laws, seven
// documents on foreign affairs), the demo corpus, the phrases of the
// documents the generator writes (gencorpus/vocab.go), the sample trips and
// a glossary of the field (restore_glossary.txt). restore adds these counts
// to the corpus's. TestRestoreModelUpToDate rebuilds the file from those
// sources and fails when it differs; `go test ./index -run
// TestRestoreModelUpToDate -update-restore-model` writes it.
//
// Format: one "spelling<TAB>count" a line, sorted; a pair is two syllables
// and a space, in the exact form the analyzer gives (NFC, tone placement
// normalised, lower case).
//
//go:embed restoremodel.txt.gz
var restoreModelGz []byte

// restoreModel is the model's counts, by folded form: the spellings of a
// folded syllable, and the count of each exact pair.
type restoreModelData struct {
	uni  map[string][]cand  // folded syllable → spellings with counts
	pair map[string]float64 // exact pair → count
}

var restoreModel = sync.OnceValue(func() *restoreModelData {
	m, err := readRestoreModel(bytes.NewReader(restoreModelGz))
	if err != nil {
		panic("index: embedded restoremodel.txt.gz: " + err.Error()) // the build embeds it: cannot happen
	}
	return m
})

func readRestoreModel(r io.Reader) (*restoreModelData, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	m := &restoreModelData{uni: map[string][]cand{}, pair: map[string]float64{}}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w, c, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("line %q", sc.Text())
		}
		n, err := strconv.Atoi(c)
		if err != nil {
			return nil, fmt.Errorf("line %q: %w", sc.Text(), err)
		}
		if strings.Contains(w, " ") {
			m.pair[w] = float64(n)
			continue
		}
		f := foldString(w)
		m.uni[f] = append(m.uni[f], cand{w, float64(n)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(m.uni) == 0 {
		return nil, fmt.Errorf("no entries")
	}
	return m, nil
}

// countRestoreTerms counts the syllables and adjacent pairs of text, as the
// corpus's statistics count them (word syllables only, exact form), each
// occurrence weight times.
func countRestoreTerms(counts map[string]int, text string, weight int) {
	b := []byte(corpus.NFC(text))
	var prev string
	eachSyllable(b, func(start, end int, _ analysis.TokenType) {
		t := normAppend(nil, b[start:end])
		if !isWordTerm(t) {
			prev = ""
			return
		}
		w := string(t)
		counts[w] += weight
		if prev != "" {
			counts[prev+" "+w] += weight
		}
		prev = w
	})
}

// writeRestoreModel writes counts in the model's format.
func writeRestoreModel(w io.Writer, counts map[string]int) error {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%d\n", k, counts[k])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
