package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"vanthu/corpus"
)

// The body of a document feeds four fields (exact, folded, folded pairs and
// the restoration sample), each of which would tokenize and normalise the
// same 4 KB with its own analyzer. bodyAnalysis does that once per document
// and hands each field its derived stream: the same tokens, positions and
// offsets the mapping's analyzers (anExact, anFold, anBiFold, anRest) give,
// at a fraction of the cost (docs/benchmarks/index.md, session 3). The
// mapping keeps those analyzers: they still analyse queries, titles and
// issuers, and the tests compare both paths.
type bodyAnalysis struct {
	once   sync.Once
	text   []byte
	sample int // bytes of text that feed the restoration statistics
	exact  analysis.TokenStream
	fold   analysis.TokenStream
	pairs  analysis.TokenStream
	rest   analysis.TokenStream
}

// run analyses the body on first use. bleve analyses a document's fields one
// after another on one goroutine, so the Once is never contended; it is there
// so that nothing depends on that.
func (b *bodyAnalysis) run() {
	b.once.Do(func() {
		b.exact = normFilter{}.Filter(syllableTokenizer{}.Tokenize(b.text))
		n := 0
		for _, t := range b.exact {
			n += len(t.Term)
		}
		buf := make([]byte, 0, n)
		slab := make([]analysis.Token, len(b.exact))
		b.fold = make(analysis.TokenStream, len(b.exact))
		for i, t := range b.exact {
			s := len(buf)
			buf = appendFold(buf, t.Term)
			slab[i] = *t
			slab[i].Term = buf[s:len(buf):len(buf)]
			b.fold[i] = &slab[i]
		}
		b.pairs = bigramFilter{}.Filter(b.fold)
		k := 0
		for k < len(b.exact) && b.exact[k].End <= b.sample {
			k++
		}
		b.rest = restoreFilter{}.Filter(b.exact[:k])
	})
}

// bodyField is the analysis.Analyzer of one body field: it ignores its
// input (bleve passes the field's value, or a copy of it) and returns its
// share of the document's one analysis.
type bodyField struct {
	b     *bodyAnalysis
	which string
}

// Analyze hands the field its stream and lets go of it: a batch keeps its
// documents until bleve has built the segment, and holding every stream of
// 500 documents until then doubled the heap of a rebuild. bleve analyses
// each field once.
func (f bodyField) Analyze([]byte) analysis.TokenStream {
	f.b.run()
	var p *analysis.TokenStream
	switch f.which {
	case fText:
		p = &f.b.exact
	case fTextFold:
		p = &f.b.fold
	case fTextBiFold:
		p = &f.b.pairs
	default:
		p = &f.b.rest
	}
	ts := *p
	*p = nil
	return ts
}

// bleveDocument maps d to a bleve document: the body's four fields from one
// analysis, every other field through the mapping (documentFields).
func (ix *Index) bleveDocument(d *corpus.Document) (*document.Document, error) {
	doc := document.NewDocument(d.ID)
	if err := ix.mapping.MapDocument(doc, documentFields(d)); err != nil {
		return nil, err
	}
	txt := []byte(corpus.NFC(d.Text))
	b := &bodyAnalysis{text: txt, sample: len(sample(string(txt), restoreSampleBytes))}
	add := func(name string, opts index.FieldIndexingOptions) {
		doc.AddField(document.NewTextFieldCustom(name, nil, txt, opts, bodyField{b, name}))
	}
	add(fText, index.IndexField|index.StoreField)
	add(fTextFold, index.IndexField)
	add(fTextBiFold, index.IndexField)
	add(fRestore, index.IndexField)
	return doc, nil
}
