package index

import (
	"reflect"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"vanthu/corpus"
)

// The body of a document feeds three fields: exact syllables, folded
// syllables, folded syllable pairs; and the corpus's restoration statistics
// (restorestats.go). Through the mapping each field would tokenize and
// normalise the same 4 KB with its own analyzer, build a token per syllable
// and then bleve's frequency map, term by term. bodyAnalysis tokenizes and
// normalises once and counts each field's terms straight into its frequency
// map, whose keys are cut from one string per field: the same terms, counts
// and field lengths the mapping's analyzers (anExact, anFold, anBiFold) give,
// which TestBodyAnalysisMatchesMapping and FuzzBodyAnalysis check, at a
// fraction of the cost (docs/benchmarks/index.md). The mapping
// keeps those analyzers: they analyse queries, titles and issuers.
type bodyAnalysis struct {
	once   sync.Once
	text   []byte
	stats  *restoreStats // counts the text's spellings when not nil
	fields map[string]bodyTerms
	freqs  *bodyFreqs // where fields' maps come from; see release
}

// bodyFreqs are the three frequency maps of one analysis, with their slabs.
// Rebuild hands them back (release) once bleve has built the segment of the
// batch, which is the last reader of a document's frequencies, and the
// documents after it count into the same maps. Making them anew was a third
// of all that bulk indexing allocated (423 → 280 KB a document) and about 4%
// of its CPU time (docs/benchmarks/index.md). The maps' keys are strings
// cut from each analysis's own text, never reused, so a key zap keeps stays
// valid.
type bodyFreqs struct{ exact, folded, pairs freqs }

var bodyFreqsPool = sync.Pool{New: func() any { return new(bodyFreqs) }}

// release returns the analysis's maps for reuse. Only for a document that
// bleve is done with: its fields' frequencies are cleared from here on.
func (b *bodyAnalysis) release() {
	if b == nil || b.freqs == nil {
		return
	}
	f := b.freqs
	b.fields, b.freqs = nil, nil
	// A long document's maps stay large (maps do not shrink), and every
	// later reset would clear all of that room: let them go.
	if len(f.exact.m) > maxPooledTerms || len(f.pairs.m) > maxPooledTerms {
		return
	}
	bodyFreqsPool.Put(f)
}

// maxPooledTerms bounds the maps kept for reuse: some 20 times what a 4 KB
// text fills (about 230 syllables, 410 pairs).
const maxPooledTerms = 8192

// bodyTerms is what one body field indexes.
type bodyTerms struct {
	length int // number of tokens, as the analyzer's stream would have
	freqs  index.TokenFrequencies
}

// run analyses the body on first use. bleve analyses a document's fields one
// after another on one goroutine, so the Once is never contended; it is there
// so that nothing depends on that.
func (b *bodyAnalysis) run() {
	b.once.Do(func() {
		// Every term, exact and folded, followed by a space: a term is a
		// slice of its field's string, and a pair of folded syllables is
		// the slice from the first one's start to the second one's end.
		exact := make([]byte, 0, len(b.text)+len(b.text)/4)
		folded := make([]byte, 0, len(b.text)+len(b.text)/4)
		es, fs := make([]int, 0, len(b.text)/4), make([]int, 0, len(b.text)/4)
		eachSyllable(b.text, func(start, end int, _ analysis.TokenType) {
			es, fs = append(es, len(exact)), append(fs, len(folded))
			exact = append(normAppend(exact, b.text[start:end]), ' ')
			folded = append(appendFold(folded, exact[es[len(es)-1]:len(exact)-1]), ' ')
		})
		n := len(es)
		es, fs = append(es, len(exact)), append(fs, len(folded))
		term := func(i int) []byte { return exact[es[i] : es[i+1]-1 : es[i+1]-1] }
		exactS, foldedS := string(exact), string(folded)

		b.freqs = bodyFreqsPool.Get().(*bodyFreqs)
		ex, fo := b.freqs.exact.reset(n), b.freqs.folded.reset(n)
		pairs := b.freqs.pairs.reset(2 * n) // most pairs are unique
		for i := 0; i < n; i++ {
			ex.add(exactS[es[i]:es[i+1]-1], term(i))
			fo.add(foldedS[fs[i]:fs[i+1]-1], folded[fs[i]:fs[i+1]-1:fs[i+1]-1])
			if i+1 < n {
				pairs.add(foldedS[fs[i]:fs[i+2]-1], folded[fs[i]:fs[i+2]-1:fs[i+2]-1])
			}
		}

		if b.stats != nil {
			b.stats.addTerms(exact, es)
		}

		b.fields = map[string]bodyTerms{
			fText:       {n, ex.m},
			fTextFold:   {n, fo.m},
			fTextBiFold: {max(n-1, 0), pairs.m},
		}
	})
}

// freqs counts the terms of one field; the TokenFreqs come from one slab.
type freqs struct {
	m    index.TokenFrequencies
	slab []index.TokenFreq
}

// reset empties f for counting about n terms (making its map and slab on
// first use) and returns it.
func (f *freqs) reset(n int) *freqs {
	if f.m == nil {
		f.m, f.slab = make(index.TokenFrequencies, n/2+1), make([]index.TokenFreq, 0, n/2+1)
		return f
	}
	clear(f.m)
	clear(f.slab) // no Term kept alive from an earlier document
	f.slab = f.slab[:0]
	return f
}

func (f *freqs) add(key string, term []byte) {
	if tf, ok := f.m[key]; ok {
		tf.SetFrequency(tf.Frequency() + 1)
		return
	}
	if len(f.slab) == cap(f.slab) {
		f.slab = make([]index.TokenFreq, 0, max(cap(f.slab), 16))
	}
	f.slab = append(f.slab, index.TokenFreq{Term: term})
	tf := &f.slab[len(f.slab)-1]
	tf.SetFrequency(1)
	f.m[key] = tf
}

// bodyField is one body field of a bleve document (a document.Field, as
// bleve's TextField is): its terms come from the document's bodyAnalysis.
type bodyField struct {
	b     *bodyAnalysis
	name  string
	opts  index.FieldIndexingOptions
	value []byte
	terms bodyTerms
}

var bodyFieldSize = int(reflect.TypeOf(bodyField{}).Size())

func (f *bodyField) Name() string                                     { return f.name }
func (f *bodyField) ArrayPositions() []uint64                         { return nil }
func (f *bodyField) Options() index.FieldIndexingOptions              { return f.opts }
func (f *bodyField) Value() []byte                                    { return f.value }
func (f *bodyField) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *bodyField) Size() int                                        { return bodyFieldSize + len(f.name) }
func (f *bodyField) EncodedFieldType() byte                           { return 't' }
func (f *bodyField) AnalyzedLength() int                              { return f.terms.length }
func (f *bodyField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.terms.freqs }

// Analyze takes the field's share of the document's one analysis. The
// terms stay with the field until bleve has built the batch's segment.
func (f *bodyField) Analyze() {
	f.b.run()
	f.terms = f.b.fields[f.name]
}

// bodyOf returns the body analysis of a document made by bleveDocument.
func bodyOf(doc *document.Document) *bodyAnalysis {
	for _, f := range doc.Fields {
		if bf, ok := f.(*bodyField); ok {
			return bf.b
		}
	}
	return nil
}

// bleveDocument maps d to a bleve document: the body's three fields from one
// analysis, every other field through the mapping (documentFields). When
// stats is not nil, the analysis counts the text's spellings into it.
func (ix *Index) bleveDocument(d *corpus.Document, stats *restoreStats) (*document.Document, error) {
	doc := document.NewDocument(d.ID)
	if err := ix.mapping.MapDocument(doc, documentFields(d)); err != nil {
		return nil, err
	}
	s := corpus.NFC(clip(d.Text, maxIndexedText))
	txt := []byte(s)
	b := &bodyAnalysis{text: bodyText(corpus.NFC(clip(strings.TrimSpace(d.Title), maxTitleBytes)), s, ruleSubjects(d)), stats: stats}
	add := func(name string, opts index.FieldIndexingOptions) {
		// Only the stored field needs its value; the others' would only
		// count the same bytes again in bleve's statistics.
		var v []byte
		if opts.IsStored() {
			v = txt
		}
		doc.AddField(&bodyField{b: b, name: name, opts: opts, value: v})
	}
	add(fText, index.IndexField|index.StoreField)
	add(fTextFold, index.IndexField)
	add(fTextBiFold, index.IndexField)
	ix.addVersionField(doc, d)
	return doc, nil
}

// bodyText is what the body's fields analyse: the title, a line break, the
// text, and the subjects of the rules the document states, if any. A title
// is a document's own summary of itself (a dispatch's trích yếu, a record's
// heading), and its words are words of the document: "tăng cường quản lý"
// must find "V/v tăng cường quản lý đoàn ra" whatever the text says, as a
// word (its syllable pairs) and in a query whose words must all match,
// which the body's fields decide. Where the text repeats its title, as a
// dispatch does, the title's words count once more: a title's words weigh
// more than the text's. The rules' subjects (corpus.RuleSubject) are the
// words a person looking for a rule uses: a dispatch capping delegations at
// "07 người/đoàn" is what "quy định số người trong đoàn" asks for, though it
// never says "số người" or "trong đoàn". The stored text stays the text
// alone (snippets).
func bodyText(title, text, rules string) []byte {
	if title == "" && rules == "" {
		return []byte(text)
	}
	b := make([]byte, 0, len(title)+1+len(text)+1+len(rules))
	if title != "" {
		b = append(append(b, title...), '\n')
	}
	b = append(b, text...)
	if rules != "" {
		b = append(append(b, '\n'), rules...)
	}
	return b
}

// ruleSubjects is the line of rule subjects bodyText adds: each kind once,
// in the order the document states them. Only for a document that can set
// a rule: a news item repeating a directive's limit reports the rule, and
// the person asking for the rule wants the directive.
func ruleSubjects(d *corpus.Document) string {
	if d.Kind == corpus.KindNews || len(d.Rules) == 0 {
		return ""
	}
	var b strings.Builder
	seen := make(map[string]bool, len(d.Rules))
	for _, r := range d.Rules {
		sub := corpus.RuleSubject(r.Kind)
		if sub == "" || seen[r.Kind] {
			continue
		}
		seen[r.Kind] = true
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(sub)
	}
	return b.String()
}
