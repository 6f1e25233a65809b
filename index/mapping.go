package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion is stored in every index (internal key "vanthu:mapping").
// Bump it whenever the mapping or an analyzer changes: an index written with
// another version is reported as ErrCorrupt, whose message tells the user to
// run `vanthu reindex`.
const MappingVersion = "vanthu-index-14"

const internalVersionKey = "vanthu:mapping"

// versionFile holds MappingVersion too, in each generation directory, so the
// version is known before bleve opens (and starts merging) the index.
const versionFile = "vanthu-mapping"

// Field names of the bleve documents. The same source text is indexed under
// several fields, each with its own analyzer.
const (
	fText       = "text"    // exact syllables: NFC, tone placement normalised, lower case
	fTextFold   = "text_f"  // the same, diacritics folded ("doan ra nuoc ngoai")
	fTextBiFold = "text_bf" // folded syllable bigrams ("cong tac")
	fTitle      = "title"
	fTitleFold  = "title_f"

	fNumber    = "number"       // canonical number, stored
	fNumberKey = "number_key"   // corpus.DocNumber.Key
	fNumAlias  = "number_alias" // short keys: "CT|38", "ND|30|2020"
	fType      = "type"         // type code as stored ("CT"), for facets
	fTypeKey   = "type_key"     // type code folded upper ("QD")
	fTypeName  = "type_name"
	fIssuer    = "issuer"     // keyword, for facets
	fIssuerKey = "issuer_key" // corpus.MatchKey(issuer)
	fIssuerF   = "issuer_f"   // issuer words, folded: --issuer "Quảng Ninh"
	fPlace     = "place"
	fSigner    = "signer"
	fKind      = "kind"
	fSource    = "source" // host of the source URL, or "file"
	fYear      = "year"
	fDate      = "date"      // datetime, for ranges and sort
	fDateS     = "date_s"    // "2019-05-31", stored for hits
	fStatus    = "status"    // corpus.Document.Validity: the portal's tình trạng hiệu lực code
	fEffective = "effective" // datetime of the portal's ngày có hiệu lực, for ranges
	fCites     = "cites"     // number keys of the citations: CitedBy is a term query
	fCitesJSON = "citations_json"
)

// Analyzer names used by the mapping.
const (
	anExact  = "vanthu_exact"
	anFold   = "vanthu_folded"
	anBiFold = "vanthu_bigram_folded"
)

// newMapping builds the index mapping. No analyzer has a stop-word filter:
// Vietnamese syllables such as "an", "to", "ra", "vào", "không" are words of
// this domain (DOMAIN.md, "Vietnamese text pitfalls").
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	analyzers := map[string][]string{
		anExact:  {filterNorm},
		anFold:   {filterNorm, filterFold},
		anBiFold: {filterNorm, filterFold, filterBigram},
	}
	for name, filters := range analyzers {
		err := im.AddCustomAnalyzer(name, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     tokenSyllable,
			"token_filters": toIface(filters),
		})
		if err != nil {
			return nil, fmt.Errorf("index: analyzer %s: %w", name, err)
		}
	}
	im.DefaultAnalyzer = anExact
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	text := func(name, analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(name string, store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Name = name
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	stored := func(name string) *mapping.FieldMapping {
		f := kw(name, true, false)
		f.Index = false
		return f
	}

	dm := mapping.NewDocumentStaticMapping()
	// No _all field: every query names its fields, and the body's fields
	// (added by bleveDocument, not by this mapping) would otherwise be
	// copied into it.
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	// The text: exact (stored for snippets), folded, folded syllable pairs.
	// Documents get these four fields from bleveDocument, which analyses the
	// body once for all of them; the mappings here give the same fields'
	// analyzers by name (queries, tests) and document what is indexed.
	// No term vectors: phrases are conjunctions of pairs and snippets
	// re-tokenize the stored text, so positions would only cost (about a
	// third of the indexing time, docs/benchmarks/index.md).
	dm.AddFieldMappingsAt(fText,
		text(fText, anExact, true, false),
		text(fTextFold, anFold, false, false),
		text(fTextBiFold, anBiFold, false, false),
	)
	dm.AddFieldMappingsAt(fTitle,
		text(fTitle, anExact, true, false),
		text(fTitleFold, anFold, false, false),
	)
	dm.AddFieldMappingsAt(fIssuerF, text(fIssuerF, anFold, false, true)) // positions: --issuer is a phrase
	dm.AddFieldMappingsAt(fNumber, kw(fNumber, true, false))
	dm.AddFieldMappingsAt(fNumberKey, kw(fNumberKey, false, false))
	dm.AddFieldMappingsAt(fNumAlias, kw(fNumAlias, false, false))
	dm.AddFieldMappingsAt(fType, kw(fType, true, true))
	dm.AddFieldMappingsAt(fTypeKey, kw(fTypeKey, false, false))
	dm.AddFieldMappingsAt(fTypeName, stored(fTypeName))
	dm.AddFieldMappingsAt(fIssuer, kw(fIssuer, true, true))
	dm.AddFieldMappingsAt(fIssuerKey, kw(fIssuerKey, false, false))
	dm.AddFieldMappingsAt(fPlace, kw(fPlace, false, false))
	dm.AddFieldMappingsAt(fSigner, kw(fSigner, false, false))
	dm.AddFieldMappingsAt(fKind, kw(fKind, true, false))
	dm.AddFieldMappingsAt(fSource, kw(fSource, false, true))
	dm.AddFieldMappingsAt(fYear, kw(fYear, false, true))
	dm.AddFieldMappingsAt(fDateS, stored(fDateS))
	dm.AddFieldMappingsAt(fCites, kw(fCites, false, false))
	dm.AddFieldMappingsAt(fCitesJSON, stored(fCitesJSON))
	date := mapping.NewDateTimeFieldMapping()
	date.Name = fDate
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = true
	dm.AddFieldMappingsAt(fDate, date)

	dm.AddFieldMappingsAt(fStatus, kw(fStatus, false, false))
	eff := mapping.NewDateTimeFieldMapping()
	eff.Name = fEffective
	eff.Store = false
	eff.IncludeInAll = false
	eff.DocValues = false
	dm.AddFieldMappingsAt(fEffective, eff)

	im.DefaultMapping = dm
	im.TypeField = "_vanthu_type" // never present: every document uses DefaultMapping
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	return im, nil
}

func toIface(s []string) []interface{} {
	out := make([]interface{}, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
