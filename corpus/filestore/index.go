package filestore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"vanthu/corpus"

	jsonv2 "github.com/go-json-experiment/json"
)

// index is what must be answered without reading documents: which ids
// exist, which ids carry a number key, which document each original was
// first stored for. It is rebuilt from docs/*.json at every Open, never
// stored, so it can never disagree with the files.
type index struct {
	docs     map[string]entry    // id → what FindNumber sorts by
	byNumber map[string][]string // number key → ids
	owner    map[string]string   // sha256 → first id stored with it
	corrupt  map[string]string   // docs file name → why it was skipped
}

type entry struct {
	numberKey string
	date      string
	source    string // sha256 of the version the document's view is of
}

func newIndex() *index {
	return &index{
		docs:     map[string]entry{},
		byNumber: map[string][]string{},
		owner:    map[string]string{},
		corrupt:  map[string]string{},
	}
}

// add records a document; ids within one number key stay unique.
func (x *index) add(id, numberKey, date, source string, shas []string) {
	prev, had := x.docs[id]
	if had && prev.numberKey != numberKey && prev.numberKey != "" {
		ids := x.byNumber[prev.numberKey]
		for i, v := range ids {
			if v == id {
				ids = append(ids[:i:i], ids[i+1:]...)
				break
			}
		}
		if len(ids) == 0 {
			delete(x.byNumber, prev.numberKey)
		} else {
			x.byNumber[prev.numberKey] = ids
		}
	}
	if numberKey != "" && (!had || prev.numberKey != numberKey) {
		x.byNumber[numberKey] = append(x.byNumber[numberKey], id)
	}
	x.docs[id] = entry{numberKey: numberKey, date: date, source: source}
	for _, sha := range shas {
		if _, ok := x.owner[sha]; !ok {
			x.owner[sha] = id
		}
	}
}

// docHead is the part of docs/<id>.json the index needs. Decoding into it
// skips the rest (text, citations, rules) without building it, which is
// what keeps Open quick for 100,000 documents.
type docHead struct {
	ID        string      `json:"id"`
	NumberKey string      `json:"number_key"`
	Date      corpus.Date `json:"date"`
	Source    struct {
		SHA256 string `json:"sha256"`
	} `json:"source"`
	Versions []struct {
		SHA256 string `json:"sha256"`
	} `json:"versions"`
}

// check says what is wrong with a head read from file name, if anything.
func (h *docHead) check(name string) error {
	if err := corpus.ValidID(h.ID); err != nil {
		return err
	}
	if docFileName(h.ID) != name {
		return fmt.Errorf("holds document %q, whose file is %s", h.ID, docFileName(h.ID))
	}
	if len(h.Versions) == 0 {
		return errors.New("no versions")
	}
	found := false
	for _, v := range h.Versions {
		if !validSHA(v.SHA256) {
			return fmt.Errorf("version sha256 %q is not a lower-case hex sha256", v.SHA256)
		}
		found = found || v.SHA256 == h.Source.SHA256
	}
	if !found {
		return fmt.Errorf("source %q is not one of its versions", h.Source.SHA256)
	}
	return nil
}

// loaded is what scanning docs/ found.
type loaded struct {
	idx   *index
	temps []string // leftover temp files, full paths
}

// loadIndex reads every docs/*.json in parallel. A file that cannot be read
// or decoded is recorded in idx.corrupt and skipped: one damaged file must
// not keep the other documents from being served (Repair rebuilds it from
// the objects). A file that vanishes between listing and reading, or appears
// after listing, is simply not seen: a reader may scan while a writer works.
func loadIndex(dir string) (*loaded, error) {
	docs := filepath.Join(dir, docsDir)
	d, err := os.Open(docs)
	if errors.Is(err, fs.ErrNotExist) {
		return &loaded{idx: newIndex()}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("filestore: open %s: %w", docs, err)
	}
	// Unsorted listing: sorting 100,000 names buys nothing here.
	ents, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return nil, fmt.Errorf("filestore: list %s: %w", docs, err)
	}
	out := &loaded{idx: newIndex()}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, tmpPrefix):
			out.temps = append(out.temps, filepath.Join(docs, name))
		case strings.HasSuffix(name, metaExt) && e.Type().IsRegular():
			names = append(names, name)
		}
	}

	type result struct {
		head docHead
		err  error
		gone bool
	}
	results := make([]result, len(names))
	// More workers than CPUs: with a cold page cache the reads wait on the
	// disk, and several in flight keep it busy.
	workers := min(4*runtime.GOMAXPROCS(0), 32)
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 16<<10)
			for i := range next {
				r := &results[i]
				b, err := readInto(filepath.Join(docs, names[i]), buf)
				buf = b
				switch {
				case errors.Is(err, fs.ErrNotExist):
					r.gone = true
				case err != nil:
					r.err = err
				default:
					r.err = decodeHead(b, &r.head)
					if r.err == nil {
						r.err = r.head.check(names[i])
					}
				}
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()

	for i, r := range results {
		switch {
		case r.gone:
		case r.err != nil:
			out.idx.corrupt[names[i]] = r.err.Error()
		default:
			shas := make([]string, len(r.head.Versions))
			for j, v := range r.head.Versions {
				shas[j] = v.SHA256
			}
			out.idx.add(r.head.ID, r.head.NumberKey, r.head.Date.String(), r.head.Source.SHA256, shas)
		}
	}
	return out, nil
}

// decodeHead decodes the index fields of a document file. It uses the
// json v2 decoder (github.com/go-json-experiment/json, the reference
// implementation of the coming encoding/json/v2), which checks and skips the
// fields the index does not need in one pass where encoding/json makes two:
// about twice as fast here, and decoding is most of what Open costs
// (docs/benchmarks/store.md). v2 is stricter (member names are matched
// exactly, invalid UTF-8 and duplicate names are errors); files this package
// writes are all of that, and a file that is not is reported like any
// corrupt one. A recover keeps the promise that no panic crosses the
// package boundary, whatever the decoder does with hostile input.
func decodeHead(b []byte, h *docHead) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("decoder panic: %v", p)
		}
	}()
	return jsonv2.Unmarshal(b, h)
}

// objectTemps lists the temp files left in objects/*/ by a writer that died.
func objectTemps(dir string) ([]string, error) {
	root := filepath.Join(dir, objectsDir)
	subs, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("filestore: list %s: %w", root, err)
	}
	var temps []string
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		p := filepath.Join(root, sub.Name())
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("filestore: list %s: %w", p, err)
		}
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				temps = append(temps, filepath.Join(p, e.Name()))
			}
		}
	}
	return temps, nil
}
