package index

import (
	"errors"
	"math"

	"github.com/blevesearch/bleve/v2/search/query"
)

// The query a search runs, compiled from bleve's query tree (evaluate.go).

// planKind is the kind of a node of a compiled query.
type planKind uint8

const (
	pTerm planKind = iota
	pConj
	pDisj
	pBool
	pAll
	pNone
	pFilter // a filterQuery: restricts a conjunction, scores nothing
)

// plan is a query compiled for evaluate: the searcher tree bleve would
// build for it, with bleve's shortcuts applied (a boolean query with only
// must clauses is its conjunction, and so on).
type plan struct {
	kind  planKind
	field string
	term  []byte
	boost float64

	kids []*plan // conjunction, disjunction
	min  int     // disjunction: clauses a match needs (0 and 1 alike)

	must, should, not *plan // boolean; nil when absent

	filter query.Query // pFilter other than a term: bleve finds its documents
	key    string      // and filterCache keeps them under this name

	// Per search.
	df     uint64  // term: documents with the term
	idf    float64 // term
	weight float64 // term, all: bleve's queryWeight
	leaf   int     // term: index into the search's postings lists
}

// errUnsupported says a query has a shape evaluate does not handle.
var errUnsupported = errors.New("index: query shape left to bleve")

// compilePlan turns a query built by buildQuery into a plan, or fails with
// errUnsupported.
func compilePlan(q query.Query) (*plan, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.Field() == "" {
			return nil, errUnsupported
		}
		return &plan{kind: pTerm, field: q.Field(), term: []byte(q.Term), boost: q.Boost()}, nil
	case *filterQuery:
		if t, ok := q.inner.(*query.TermQuery); ok && t.Field() != "" {
			return &plan{kind: pFilter, field: t.Field(), term: []byte(t.Term)}, nil
		}
		return &plan{kind: pFilter, filter: q.inner, key: q.key}, nil
	case *query.MatchAllQuery:
		return &plan{kind: pAll, boost: q.Boost()}, nil
	case *query.MatchNoneQuery:
		return &plan{kind: pNone}, nil
	case *query.ConjunctionQuery:
		return compileKids(pConj, q.Conjuncts, 0)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, errUnsupported
		}
		return compileKids(pDisj, q.Disjuncts, int(q.Min))
	case *query.BooleanQuery:
		if q.Filter != nil {
			return nil, errUnsupported
		}
		sub := func(c query.Query) (*plan, error) {
			if c == nil {
				return nil, nil
			}
			p, err := compilePlan(c)
			if err == nil && p.kind == pFilter {
				return nil, errUnsupported
			}
			if err != nil || p.kind == pNone {
				return nil, err // bleve drops a clause that matches nothing
			}
			return p, nil
		}
		must, err := sub(q.Must)
		if err != nil {
			return nil, err
		}
		should, err := sub(q.Should)
		if err != nil {
			return nil, err
		}
		not, err := sub(q.MustNot)
		if err != nil {
			return nil, err
		}
		switch {
		case must == nil && should == nil && not == nil:
			return &plan{kind: pNone}, nil
		case should == nil && not == nil:
			return must, nil
		case must == nil && not == nil:
			return should, nil
		case must == nil && should == nil:
			must = &plan{kind: pAll, boost: 1}
		}
		if should != nil && should.kind != pDisj {
			return nil, errUnsupported // bleve reads Min() of a disjunction only
		}
		return &plan{kind: pBool, must: must, should: should, not: not}, nil
	}
	return nil, errUnsupported
}

// compileKids compiles a conjunction or disjunction. Filters may only
// restrict a conjunction that also scores.
func compileKids(kind planKind, qs []query.Query, min int) (*plan, error) {
	if len(qs) == 0 {
		return &plan{kind: pNone}, nil
	}
	p := &plan{kind: kind, min: min}
	scoring := 0
	for _, c := range qs {
		k, err := compilePlan(c)
		if err != nil {
			return nil, err
		}
		if k.kind == pFilter && kind != pConj {
			return nil, errUnsupported
		}
		if k.kind != pFilter {
			scoring++
		}
		p.kids = append(p.kids, k)
	}
	if scoring == 0 {
		return nil, errUnsupported
	}
	return p, nil
}

// walk calls fn for p and every node under it.
func (p *plan) walk(fn func(*plan)) {
	if p == nil {
		return
	}
	fn(p)
	for _, k := range p.kids {
		k.walk(fn)
	}
	p.must.walk(fn)
	p.should.walk(fn)
	p.not.walk(fn)
}

// sumOfSquaredWeights is bleve's Weight() of the searcher for p; a must-not
// clause does not count.
func (p *plan) sumOfSquaredWeights() float64 {
	switch p.kind {
	case pTerm:
		w := p.boost * p.idf
		return w * w
	case pAll:
		return p.boost * p.boost
	case pConj, pDisj:
		var s float64
		for _, k := range p.kids {
			s += k.sumOfSquaredWeights()
		}
		return s
	case pBool:
		var s float64
		if p.must != nil {
			s += p.must.sumOfSquaredWeights()
		}
		if p.should != nil {
			s += p.should.sumOfSquaredWeights()
		}
		return s
	}
	return 0
}

// setQueryNorm gives every scoring node its queryWeight as bleve's
// top-level composite searcher does; a lone term or match-all at the top
// keeps queryWeight 1.
func (p *plan) setQueryNorm() {
	norm := 0.0
	if p.kind == pConj || p.kind == pDisj || p.kind == pBool {
		norm = 1 / math.Sqrt(p.sumOfSquaredWeights())
	}
	var set func(*plan)
	set = func(n *plan) {
		if n == nil {
			return
		}
		switch n.kind {
		case pTerm:
			n.weight = 1
			if norm != 0 {
				n.weight = n.boost * n.idf * norm
			}
		case pAll:
			n.weight = 1
			if norm != 0 {
				n.weight = n.boost * norm
			}
		}
		for _, k := range n.kids {
			set(k)
		}
		set(n.must)
		set(n.should) // not n.not: bleve never scores it
	}
	set(p)
}
