// Package index is vanthu's search: a bleve (scorch) index over the corpus,
// with analysis that understands Vietnamese, facets, highlighted snippets and
// the citation graph. It is a view: Rebuild recreates it from corpus.Store
// alone, so a damaged index costs a `vanthu reindex`, never data.
//
// # On-disk layout
//
//	<Dir>/LOCK          flock: exclusive for a writer, shared for read-only opens
//	<Dir>/CURRENT       "gen-000002": the generation in use
//	<Dir>/gen-000002/   the bleve index (index_meta.json, store/root.bolt, *.zap)
//	<Dir>/gen-000002/vanthu-mapping   MappingVersion, read before bleve opens it
//
// Rebuild writes gen-000003 beside the current generation, then replaces
// CURRENT atomically (temp file, fsync, rename, fsync of the directory) and
// removes the old one; a crash at any point leaves a usable index. The lock
// is taken before bleve opens anything, so a second process gets ErrLocked at
// once; bleve's bolt_timeout (Config.OpenTimeout) backs it up where flock is
// missing. Each generation stores MappingVersion under an internal key and
// in its vanthu-mapping file; an index written by another version, or one
// bleve cannot open, is ErrCorrupt, and the message says to run `vanthu
// reindex`. The file is read first: a generation without it (written before
// the token and field caps below, perhaps holding a term of megabytes whose
// merge took 12 GB) is another version and is never handed to bleve.
//
// What one document may put in the index: tokens of at most 100 bytes
// (maxTokenBytes: longer runs of letters are dropped), the body up to 8 MB
// (indexed and stored; the corpus keeps it whole), the title up to 4 KB,
// each keyword field up to 1 KB (document.go).
//
// A writer holds the index for as long as it is open, and scorch cannot be
// opened by a second process meanwhile, not even read-only (bolt locks its
// file for the writer), so readers in other processes ask the writer
// (cmd/vanthu's forward.go) rather than open it.
//
// # Mapping
//
// One bleve document per corpus.Document. The title and the text, read as
// one (title first), are indexed under several fields; the stored text is the
// text alone:
//
//	text     exact syllables: vanthu_syllable tokenizer (one token per
//	         syllable, number or code), vanthu_norm (NFC, tone placement
//	         "hoà"→"hòa", lower case); stored for snippets
//	text_f   folded: vanthu_norm + vanthu_fold (diacritics removed, đ→d)
//	text_bf  folded syllable pairs ("cong tac", "nuoc ngoai")
//	title, title_f             exact and folded title (a ranking clause)
//
// Beside the bleve index, each generation keeps the corpus's restoration
// statistics (restorestats.go): how often each spelling of a syllable and
// of a pair of adjacent syllables occurs in the whole titles and texts,
// counted by the same one-pass analysis, written by Rebuild and added to by
// every batch (restore-stats.gz, restore-stats.log).
//
// No field keeps term vectors: a phrase is the conjunction of its folded
// syllable pairs (plus each exact syllable typed with diacritics), and
// snippets tokenize the stored text of the shown hits again. The three body
// fields are analysed once per document (body.go), their terms counted
// straight into bleve's frequency maps; the mapping's analyzers of the same
// names give the same terms and analyse queries, titles and issuers. There
// is no _all field: every query names its fields.
// No analyzer removes stop words: Vietnamese syllables such as "an", "to",
// "ra", "vào", "không" are the words of this domain (DOMAIN.md). vanthu_fold
// is a token filter over a read-only rune table (corpus.FoldRune precomputed),
// not bleve's asciifolding char filter, which shifts offsets and misses
// decomposed marks: the fold only rewrites the term, so a folded match's
// offsets still point at the accented word and snippets highlight it. The
// tokenizer replaces bleve's unicode (UAX #29) one, which cost more than any
// filter, with the same result on this text except that "TP.HCM" and "5.000"
// split at the dot.
//
// Keyword fields: number (canonical, stored), number_key (corpus key),
// number_alias ("CT|38", "ND|30|2020", for "chỉ thị 38"), type and type_key,
// issuer (facets) with issuer_key and issuer_f (folded words, for --issuer),
// place, signer, kind, source (URL host or "file"), year, cites (the number
// keys of the citations: CitedBy is a term query); date is a datetime for
// ranges and sorting; citations_json is stored for Cites; version_key
// ("<id> <16 hex of the source version's sha256>", indexed only) says which
// version of each document the index holds (Versions), so a writer can
// index what the store holds and the index lacks (versions.go).
//
// The custom token filters are registered with bleve's registry in init:
// bleve resolves analyzers by name when an index is opened, so the names must
// be registered in every process before any index is opened. That registry
// is the package's one global, written once at init and never after.
//
// # Queries
//
// The user's syntax is parsed here (words, "phrases", -exclusions), never by
// bleve's query-string parser, so no input is a syntax error. Each syllable
// matches exact (boosted) or folded; the title words form one clause (a
// per-word title term raised each word's coordination factor and let short
// headings outrank the answering text: ALQAC Recall@10 0.914 → 0.971 on a
// third of the questions); pairs of adjacent syllables add folded bigram
// matches, which matter most (MRR@10 0.89 → 0.96). A phrase is the
// conjunction of its folded pairs. Up to four words must all match; longer
// queries (questions pasted whole) rank by how many match. Document numbers
// in any spelling are recognised in the text and matched on number_key /
// number_alias with a boost that puts the document first. An accent-free
// query has its diacritics restored from the corpus's own syllable-pair
// statistics plus a shipped model of administrative Vietnamese
// (restore.go, restoremodel.go), and the restored syllables are added as
// exact matches; a syllable whose other reading is close is searched in
// both. In a query whose words must all match, adjacent syllables that
// stand together in the text weigh much more than the same syllables apart
// (tuning.shortPair: "Trung Quốc" is not "trung tâm ... quốc tế"). Sorted
// by date, every word of a query must match, however long. Filters (type,
// issuer, kind, source, dates) do not score (filter.go).
//
// # Evaluation
//
// bleve builds the queries; vanthu runs them (evaluate.go): the matches of
// each segment by bitmap operations on the posting lists, which is all the
// total and the facet counts need, then scores for those matches one term at
// a time into arrays, with bleve's TF-IDF, query norm, coordination factor
// and boolean rules, so that hits, order, scores and totals are bleve's own
// (TestEvaluateAgreesWithBleve, FuzzEvaluateAgreesWithBleve); a query of a
// shape it does not know goes to bleve's searchers. Three caches serve it,
// none of them holding answers: per index snapshot the facet and date
// columns (facets.go, datesort.go) and the documents of recent filters
// (filter.go); across snapshots the decoded posting lists of recent terms,
// per segment, bounded by Config.CachePostingsMB (postcache.go). One search
// per core runs at a time, the others waiting in order. Answers themselves
// are kept until the next write only when Config.CacheResults asks for it
// (cache.go).
//
// # Upgrading bleve
//
// evaluate, its scorer and the posting cache read bleve's internals by their
// concrete types: scorch's *IndexSnapshot and zapx/v17's segments and
// *Posting (norms, frequencies). They were checked against bleve v2.6.3,
// zapx/v17 v17.2.5, scorch_segment_api v2.4.11 and bleve_index_api v1.4.1
// (go.mod). If an upgrade changes those types, or scorch's default segment
// version moves past zapx/v17, searches still answer right through bleve's
// own searchers, only slower; TestFreshIndexTakesTheFastPath fails then.
// After changing any of those versions in go.mod, run
//
//	go mod tidy -diff
//	go test -count=1 -run 'FastPath|AgreesWithBleve' ./index/
//	go test -run '^$' -fuzz FuzzEvaluateAgreesWithBleve -fuzztime 5m ./index/
//
// and the search benchmark of BENCHMARKS.md; if the segment version moved,
// change the zapx import of evalscore.go and postcache.go to it (and the
// import-rules table), then run the same again.
//
// # Snippets
//
// Built here from the stored text of the shown hits, tokenized again (no
// term vectors are kept): the window with most matches, every byte of the
// document HTML-escaped, <mark> around matches.
package index
