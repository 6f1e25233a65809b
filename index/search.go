package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"vanthu/corpus"
)

// Boosts. Exact-diacritic matches rank above folded ones ("bàn" must not
// drown in "ban", "bán", "bản"); syllable pairs rank above scattered
// syllables; the title above the body; a document number above everything.
const (
	boostExact      = 2.0
	boostFold       = 1.0
	boostTitleExact = 3.0
	boostTitleFold  = 1.5
	boostBiFold     = 1.5
	boostPhrase     = 3.0
	boostNumber     = 1000.0
	boostAlias      = 200.0
)

// maxAllWords is the longest query in which every word must match; longer
// queries (questions pasted whole) rank by how many words match instead.
const maxAllWords = 4

// storedFields are loaded for every hit.
var storedFields = []string{fNumber, fType, fTypeName, fIssuer, fDateS, fTitle, fKind, fText}

// Search runs q. Errors are about the index, never about the user's syntax:
// every string is a valid query.
func (ix *Index) Search(ctx context.Context, q Query) (res Result, err error) {
	defer recoverErr("search", &err)
	start := time.Now()
	if res, ok := ix.results.get(q); ok {
		res.Cached = true
		res.TookMS = time.Since(start).Milliseconds()
		return res, nil
	}
	// At most one search per core runs at a time; the others wait their
	// turn in order. Run all at once, every search of a busy server is
	// slowed by all the others together, and a long one by as many times
	// as there are searches in flight (BENCHMARKS.md, web search API).
	select {
	case ix.slots <- struct{}{}:
		defer func() { <-ix.slots }()
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	epoch := ix.results.begin()
	idx, err := ix.current()
	if err != nil {
		return Result{}, err
	}
	defer ix.mu.RUnlock()

	pq, restored, err := ix.buildQuery(idx, q)
	if err != nil {
		return Result{}, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, MaxLimit)
	switch q.Sort {
	case "", "relevance", "date", "-date":
	default:
		return Result{}, fmt.Errorf("index: search: sort %q: want relevance, date or -date", q.Sort)
	}
	res, ok, err := ix.searchSegments(ctx, idx, pq, q, limit)
	ix.paths.note(ok)
	if err != nil || ok {
		if err != nil {
			return Result{}, fmt.Errorf("index: search %q: %w", q.Text, err)
		}
		res.Restored = restored
		res.TookMS = time.Since(start).Milliseconds()
		ix.results.put(q, epoch, res)
		return res, nil
	}
	top := pq.query
	byDate := (q.Sort == "date" || q.Sort == "-date") && !ix.tune.bleveDateSort
	if byDate {
		top = &dateQuery{inner: top, cache: &ix.dates, desc: q.Sort == "-date"}
	}
	var fc *facetCounts
	if q.Facets && !ix.tune.bleveFacets {
		fc = &facetCounts{}
		top = &facetQuery{inner: top, cache: &ix.facets, fc: fc}
	}
	req := bleve.NewSearchRequestOptions(top, limit, max(q.Offset, 0), false)
	req.Fields = storedFields
	switch q.Sort {
	case "date", "-date":
		if byDate {
			break // the scores are dates (dateQuery)
		}
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fDate, Desc: q.Sort == "-date", Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast},
			// Ties go by score, then by the order bleve met them; not by
			// id, which would make the collector load the id of every hit
			// (a 72,000-hit query sorted by date: 195 → 108 ms).
			&search.SortScore{Desc: true},
		})
	}
	if q.Facets && fc == nil {
		req.AddFacet(FacetType, bleve.NewFacetRequest(fType, 20))
		req.AddFacet(FacetIssuer, bleve.NewFacetRequest(fIssuer, 20))
		req.AddFacet(FacetYear, bleve.NewFacetRequest(fYear, 30))
		req.AddFacet(FacetSource, bleve.NewFacetRequest(fSource, 20))
	}
	sr, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return Result{}, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	res = Result{Total: sr.Total, Hits: make([]Hit, 0, len(sr.Hits)), Restored: restored}
	for _, h := range sr.Hits {
		if byDate {
			h.Score = relevanceOf(h.Score)
		}
		res.Hits = append(res.Hits, makeHit(h, pq.hl))
	}
	if fc != nil {
		res.Facets = fc.result()
	} else if q.Facets {
		res.Facets = map[string][]FacetTerm{}
		for name, fr := range sr.Facets {
			terms := []FacetTerm{}
			if fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					terms = append(terms, FacetTerm{Term: t.Term, Count: t.Count})
				}
			}
			res.Facets[name] = terms
		}
	}
	res.TookMS = time.Since(start).Milliseconds()
	ix.results.put(q, epoch, res)
	return res, nil
}

// searchSegments answers q with evaluate (evaluate.go) when the query has a
// shape it handles and the tuning asks for vanthu's own facets and date
// sort; ok is false otherwise.
func (ix *Index) searchSegments(ctx context.Context, idx bleve.Index, pq builtQuery, q Query, limit int) (res Result, ok bool, err error) {
	if ix.tune.bleveEval || ix.tune.bleveFacets || ix.tune.bleveDateSort {
		return Result{}, false, nil
	}
	p, err := compilePlan(pq.query)
	if err != nil || p.kind == pFilter {
		return Result{}, false, nil
	}
	offset := max(q.Offset, 0)
	req := evalRequest{
		plan: p, size: offset + limit,
		byDate: q.Sort == "date" || q.Sort == "-date", desc: q.Sort == "-date", dates: &ix.dates,
		facets: &ix.facets, cache: ix.postings, filters: &ix.filters,
	}
	if q.Facets {
		req.fc = &facetCounts{}
	}
	hits, total, ok, err := evaluate(ctx, idx, req)
	if err != nil || !ok {
		return Result{}, false, err
	}
	res = Result{Total: total, Hits: make([]Hit, 0, limit)}
	for i, h := range hits {
		if i < offset {
			continue
		}
		if req.byDate {
			h.Score = relevanceOf(h.Score)
		}
		res.Hits = append(res.Hits, makeHit(h, pq.hl))
	}
	if req.fc != nil {
		res.Facets = req.fc.result()
	}
	return res, true, nil
}

func makeHit(h *search.DocumentMatch, hl highlightTerms) Hit {
	str := func(k string) string {
		switch v := h.Fields[k].(type) {
		case string:
			return v
		case []interface{}:
			if len(v) > 0 {
				s, _ := v[0].(string)
				return s
			}
		}
		return ""
	}
	text := str(fText)
	return Hit{
		ID: h.ID, Number: str(fNumber), Type: str(fType), TypeName: str(fTypeName),
		Issuer: str(fIssuer), Date: str(fDateS), Title: str(fTitle), Kind: str(fKind),
		Score:   h.Score,
		Snippet: snippet(text, matchSpans(text, hl), snippetBytes),
	}
}

// builtQuery is the bleve query for a Query.
type builtQuery struct {
	query query.Query
	hl    highlightTerms
}

// buildQuery turns q into a bleve query. The second result is the restored
// spelling of an accent-free query, when restoration changed it.
func (ix *Index) buildQuery(idx bleve.Index, q Query) (builtQuery, string, error) {
	uq := parseUserQuery(corpus.NFC(q.Text))
	var restored string

	// Sorted by date, every word must match however long the query: the
	// newest document holding one of its words is not an answer.
	allWords := q.Sort == "date" || q.Sort == "-date"
	textQ, restored, err := ix.textQuery(idx, uq, allWords)
	if err != nil {
		return builtQuery{}, "", err
	}
	hl := ix.highlightTermsOf(uq, restored)
	var top query.Query = textQ
	keys, aliases := numberTerms(uq.positive())
	if len(keys)+len(aliases) > 0 {
		var nq []query.Query
		for _, k := range keys {
			nq = append(nq, termQ(fNumberKey, k, boostNumber))
		}
		for _, a := range aliases {
			nq = append(nq, termQ(fNumAlias, a, boostAlias))
		}
		if textQ != nil {
			nq = append(nq, textQ)
		}
		top = bleve.NewDisjunctionQuery(nq...)
	}
	var mustNot []query.Query
	for _, w := range uq.NotWords {
		for _, t := range ix.analyze(w) {
			mustNot = append(mustNot, excludeTerm(t))
		}
	}
	for _, p := range uq.NotPhr {
		if pq := ix.phraseQuery(p); pq != nil {
			mustNot = append(mustNot, pq)
		}
	}
	filters := ix.filterQueries(q)
	if top == nil {
		if len(uq.Words)+len(uq.Phrases) > 0 {
			// Only punctuation: nothing can match.
			return builtQuery{query: bleve.NewMatchNoneQuery(), hl: hl}, "", nil
		}
		top = bleve.NewMatchAllQuery()
	}
	b := bleve.NewBooleanQuery()
	// Filters are must clauses, not bleve's post-filter: a conjunction lets
	// the text query skip to the few documents a filter keeps, where a
	// post-filter scores every text match first (filtered queries on 100,000
	// documents: docs/benchmarks/index.md). They do not score (filter.go).
	b.AddMust(append([]query.Query{top}, filters...)...)
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	return builtQuery{query: b, hl: hl}, restored, nil
}

// textQuery builds the scoring part for words and phrases; nil when there
// are none. Every word must match when the query has at most maxAllWords
// words, or allWords says so; otherwise the words rank by how many match.
func (ix *Index) textQuery(idx bleve.Index, uq userQuery, allWords bool) (query.Query, string, error) {
	var words []string
	for _, w := range uq.Words {
		words = append(words, ix.analyze(w)...)
	}
	allWords = allWords || len(words) <= maxAllWords
	// readings[i] are the spellings searched exactly for words[i]: the
	// word itself when typed with diacritics; for an accent-free query its
	// restored spelling and any other close to it (restore.go).
	readings := make([][]string, len(words))
	restoredText := ""
	if len(words) > 0 && !corpus.HasDiacritics(strings.Join(words, " ")) {
		r, alts := restoreReadings(ix.stats, words)
		for i := range words {
			readings[i] = append([]string{r[i]}, alts[i]...)
		}
		if strings.Join(r, " ") != strings.Join(words, " ") {
			restoredText = strings.Join(r, " ")
		}
	} else {
		for i, w := range words {
			readings[i] = []string{w}
		}
	}
	var must, should []query.Query
	if !allWords {
		for i, w := range words {
			must = append(must, ix.wordQuery(w, readings[i]))
		}
	}
	if ix.tune.titleClause && len(words) > 0 {
		// The title as one clause: a per-word title term would raise each
		// word's coordination factor and let short headings outrank the
		// text that answers the question.
		var tq []query.Query
		for _, w := range words {
			tq = append(tq, termQ(fTitleFold, foldString(w), 1))
		}
		d := bleve.NewDisjunctionQuery(tq...)
		d.SetBoost(ix.tune.titleBoost)
		should = append(should, d)
	}
	bb := boostBiFold
	if ix.tune.bigramBoost > 0 {
		bb = ix.tune.bigramBoost
	}
	if allWords && ix.tune.shortPair > 0 {
		bb = ix.tune.shortPair
	}
	for i := 0; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		should = append(should, termQ(fTextBiFold, foldString(a)+" "+foldString(b), bb))
	}
	var phrases []query.Query
	for _, p := range uq.Phrases {
		if pq := ix.phraseQuery(p); pq != nil {
			phrases = append(phrases, pq)
		}
	}
	if len(words)+len(phrases) == 0 {
		return nil, restoredText, nil
	}
	b := bleve.NewBooleanQuery()
	if allWords {
		// Every word must match: the folded term decides the match (its
		// documents include the exact spelling's), the exact spelling only
		// adds score. A conjunction of single terms is much cheaper than a
		// conjunction of per-word disjunctions on words found in most
		// documents (docs/benchmarks/index.md).
		var folded []query.Query
		for i, w := range words {
			folded = append(folded, termQ(fTextFold, foldString(w), boostFold))
			should = append(should, exactQ(readings[i]))
		}
		b.AddMust(folded...)
		b.AddShould(should...)
	} else {
		b.AddShould(append(must, should...)...)
		if len(phrases) == 0 {
			b.SetMinShould(1)
		}
	}
	b.AddMust(phrases...)
	return b, restoredText, nil
}

// highlightTerms says which matches a snippet marks: syllables typed with
// diacritics are marked only in that spelling ("bàn" does not mark "bán"),
// accent-free ones in any spelling.
type highlightTerms struct {
	exact map[string]bool
	fold  map[string]bool
}

func (ix *Index) highlightTermsOf(uq userQuery, restored string) highlightTerms {
	hl := highlightTerms{exact: map[string]bool{}, fold: map[string]bool{}}
	for _, s := range append(append([]string(nil), uq.Words...), uq.Phrases...) {
		for _, t := range ix.analyze(s) {
			if corpus.HasDiacritics(t) {
				hl.exact[t] = true
			} else {
				hl.fold[t] = true
			}
		}
	}
	return hl
}

// wordQuery matches one analysed query syllable: exactly (boosted) or folded.
// readings are the spellings searched exactly besides w, for an accent-free
// word (its restored spelling and the close ones). Without tune.titleClause
// the title terms join the word's own disjunction.
func (ix *Index) wordQuery(w string, readings []string) query.Query {
	f := foldString(w)
	qs := []query.Query{
		termQ(fText, w, boostExact),
		termQ(fTextFold, f, boostFold),
	}
	if !ix.tune.titleClause {
		qs = append(qs, termQ(fTitle, w, boostTitleExact), termQ(fTitleFold, f, boostTitleFold))
	}
	for _, alt := range readings {
		if alt == w {
			continue
		}
		qs = append(qs, termQ(fText, alt, boostExact))
		if !ix.tune.titleClause {
			qs = append(qs, termQ(fTitle, alt, boostTitleExact))
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// exactQ matches a word in any of its readings, exactly: one term, or a
// disjunction of the close readings of an accent-free word, which counts as
// one clause (a document does not score twice for holding two spellings of
// one word, and one that holds either is not short of a clause).
func exactQ(readings []string) query.Query {
	if len(readings) == 1 {
		return termQ(fText, readings[0], boostExact)
	}
	qs := make([]query.Query, len(readings))
	for i, r := range readings {
		qs[i] = termQ(fText, r, 1)
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetBoost(boostExact)
	return d
}

// phraseQuery matches the syllables of p in order, as the conjunction of
// its folded syllable pairs ("đoàn ra nước" = "doan ra" and "ra nuoc"): exact
// for two syllables, and for longer phrases a false match needs every pair
// present without the whole phrase, which is rare. It costs a few term
// lookups, where a positional phrase query decodes the positions of every
// candidate document (docs/benchmarks/index.md). Syllables typed with
// diacritics must also be present in that spelling ("bàn giải pháp" does not
// match "bán giải pháp").
func (ix *Index) phraseQuery(p string) query.Query {
	terms := ix.analyze(p)
	if len(terms) == 0 {
		return nil
	}
	var qs []query.Query
	if len(terms) == 1 {
		qs = append(qs, termQ(fTextFold, foldString(terms[0]), boostPhrase))
	}
	for i := 0; i+1 < len(terms); i++ {
		qs = append(qs, termQ(fTextBiFold, foldString(terms[i])+" "+foldString(terms[i+1]), boostPhrase))
	}
	for _, t := range terms {
		if corpus.HasDiacritics(t) {
			qs = append(qs, termQ(fText, t, boostExact))
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// excludeTerm excludes a syllable found in the text, the title or the
// issuer: the exact spelling when it has diacritics (-bán keeps "ban"), every
// spelling when it has none.
func excludeTerm(t string) query.Query {
	f := foldString(t)
	if corpus.HasDiacritics(t) {
		// Title and issuer have no exact field of their own for issuers:
		// the folded one is the closest.
		return bleve.NewDisjunctionQuery(termQ(fText, t, 1), termQ(fTitle, t, 1), termQ(fIssuerF, f, 1))
	}
	return bleve.NewDisjunctionQuery(termQ(fTextFold, f, 1), termQ(fTitleFold, f, 1), termQ(fIssuerF, f, 1))
}

// filterQueries are the non-scoring restrictions of q.
func (ix *Index) filterQueries(q Query) []query.Query {
	var fs []query.Query
	if t := strings.TrimSpace(q.Type); t != "" {
		code := corpus.TypeCode(t)
		if code == "" {
			code = t
		}
		fs = append(fs, &filterQuery{inner: termQ(fTypeKey, typeKey(code), 1)})
	}
	if is := strings.TrimSpace(q.Issuer); is != "" {
		var terms []string
		for _, t := range ix.analyze(is) {
			terms = append(terms, foldString(t))
		}
		if len(terms) > 0 {
			pq := bleve.NewPhraseQuery(terms, fIssuerF)
			fs = append(fs, &filterQuery{inner: pq, key: "issuer " + strings.Join(terms, " ")})
		}
	}
	if k := strings.TrimSpace(q.Kind); k != "" {
		fs = append(fs, &filterQuery{inner: termQ(fKind, strings.ToLower(k), 1)})
	}
	if s := strings.TrimSpace(q.Source); s != "" {
		fs = append(fs, &filterQuery{inner: termQ(fSource, strings.TrimPrefix(strings.ToLower(s), "www."), 1)})
	}
	if st := strings.TrimSpace(q.Status); st != "" {
		code := corpus.ValidityCode(st)
		if code == "" {
			code = strings.ToLower(st) // unknown: matches nothing, rather than everything
		}
		fs = append(fs, &filterQuery{inner: termQ(fStatus, code, 1)})
	}
	if !q.EffectiveFrom.IsZero() || !q.EffectiveTo.IsZero() {
		var from, to time.Time
		if !q.EffectiveFrom.IsZero() {
			from = q.EffectiveFrom.Time()
		}
		if !q.EffectiveTo.IsZero() {
			to = q.EffectiveTo.Time()
		}
		yes := true
		dq := bleve.NewDateRangeInclusiveQuery(from, to, &yes, &yes)
		dq.SetField(fEffective)
		fs = append(fs, &filterQuery{inner: dq, key: fmt.Sprintf("effective %v %v", from, to)})
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		var from, to time.Time
		if !q.From.IsZero() {
			from = q.From.Time()
		}
		if !q.To.IsZero() {
			to = q.To.Time()
		}
		yes := true
		dq := bleve.NewDateRangeInclusiveQuery(from, to, &yes, &yes)
		dq.SetField(fDate)
		fs = append(fs, &filterQuery{inner: dq, key: fmt.Sprintf("date %v %v", from, to)})
	}
	return fs
}

// analyze returns the exact-field terms of s (NFC, tone-normalised, lower case).
func (ix *Index) analyze(s string) []string {
	a := ix.mapping.AnalyzerNamed(anExact)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(corpus.NFC(s)))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

func termQ(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
