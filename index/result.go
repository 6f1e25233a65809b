package index

import "vanthu/corpus"

// Query is a search as the CLI and the API take it.
type Query struct {
	// Text is free text: words, "exact phrases", -exclusions; document
	// numbers in any spelling ("38-CT/TW", "chi thi 38") rank their document first.
	Text string
	// Filters. Type is a code or a name ("CT", "Chỉ thị", "chi thi"); Issuer
	// matches the issuer's words without regard to diacritics ("Quảng Ninh");
	// Kind is corpus.Kind; Source is a host ("vbpl.vn") or "file".
	Type, Issuer, Kind, Source string
	// From and To bound the date of issue, inclusive; zero means open.
	From, To corpus.Date
	// Status is a validity code (corpus.ValidityCodes) or a portal's
	// wording of one ("Hết hiệu lực"); EffectiveFrom and EffectiveTo bound
	// the portal's date of entry into force, inclusive. Documents whose
	// source says neither match no such filter.
	Status                     string
	EffectiveFrom, EffectiveTo corpus.Date
	// Sort is "relevance" (default), "date" (oldest first) or "-date".
	Sort string
	// Limit (default 10, at most MaxLimit) and Offset page through hits.
	Limit, Offset int
	// Facets asks for counts by type, issuer, year and source.
	Facets bool
}

// MaxLimit caps Query.Limit.
const MaxLimit = 1000

// Result is the answer to a search. Its JSON form is the output of
// `vanthu search --json` and of the API: the field names are a contract.
type Result struct {
	Total  uint64                 `json:"total"`
	Hits   []Hit                  `json:"hits"`
	Facets map[string][]FacetTerm `json:"facets,omitempty"`
	TookMS int64                  `json:"took_ms"`
	// Restored is the accent-free query with its diacritics restored from
	// the corpus ("doan ra nuoc ngoai" → "đoàn ra nước ngoài"), when it was.
	Restored string `json:"restored,omitempty"`
	// Cached says the answer was kept from the same search asked since the
	// index last changed (Config.CacheResults).
	Cached bool `json:"cached,omitempty"`
}

// Hit is one document found.
type Hit struct {
	ID       string  `json:"id"`
	Number   string  `json:"number"`
	Type     string  `json:"type"`
	TypeName string  `json:"type_name,omitempty"`
	Issuer   string  `json:"issuer"`
	Date     string  `json:"date"`
	Title    string  `json:"title"`
	Kind     string  `json:"kind,omitempty"`
	Score    float64 `json:"score"`
	// Snippet is HTML: the document's text escaped, with <mark> around the
	// words that matched (accented or not).
	Snippet string `json:"snippet"`
}

// FacetTerm is one value of a facet with the number of hits that have it.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Facet names in Result.Facets.
const (
	FacetType   = "type"
	FacetIssuer = "issuer"
	FacetYear   = "year"
	FacetSource = "source"
)
