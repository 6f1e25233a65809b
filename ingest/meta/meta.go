package meta

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"vanthu/corpus"
)

// ErrConfig is wrapped by every error New returns for a bad Config.
var ErrConfig = errors.New("meta: bad config")

// Config tunes the parser.
type Config struct {
	// HeaderLines is how many lines from the top are searched for the
	// number, issuer, place and date and the type line. The stamps of the
	// signing software and the receiving office come first on many scans.
	HeaderLines int
	// MaxBytes caps the text that is parsed; the rest is ignored (spans stay
	// inside the text). Legal codes run to a few hundred kilobytes.
	MaxBytes int
	// Boilerplate adds portal lines (navigation, counters) never taken as
	// a news headline, compared without diacritics or case.
	Boilerplate []string
}

// DefaultConfig returns the settings used by vanthu.
func DefaultConfig() Config {
	return Config{HeaderLines: 60, MaxBytes: 8 << 20}
}

// Parser extracts metadata from the text of a document. It holds no mutable
// state: one Parser may be used by many goroutines.
type Parser struct {
	cfg    Config
	boiler []string
}

// New returns a Parser for cfg.
func New(cfg Config) (*Parser, error) {
	if cfg.HeaderLines <= 0 {
		return nil, fmt.Errorf("meta: config: HeaderLines is %d, want > 0: %w", cfg.HeaderLines, ErrConfig)
	}
	if cfg.MaxBytes <= 0 {
		return nil, fmt.Errorf("meta: config: MaxBytes is %d, want > 0: %w", cfg.MaxBytes, ErrConfig)
	}
	p := &Parser{cfg: cfg, boiler: append([]string(nil), defaultBoilerplate...)}
	for _, b := range cfg.Boilerplate {
		if k := fold(collapse(b)); k != "" {
			p.boiler = append(p.boiler, k)
		}
	}
	return p, nil
}

// Parse derives the metadata of one document from its NFC text (pages may be
// separated by form feeds). It never fails and never panics: what it cannot
// find stays empty. Spans are byte ranges of text.
func (p *Parser) Parse(text string) (doc corpus.Document) {
	defer func() {
		if r := recover(); r != nil {
			// A bug here must not take the ingest down: keep the text, drop
			// the metadata (the original is stored and can be re-parsed).
			doc = emptyDoc()
			doc.Kind = corpus.KindNews
		}
	}()
	if len(text) > p.cfg.MaxBytes {
		cut := p.cfg.MaxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return p.parse(newText(text))
}

func emptyDoc() corpus.Document {
	return corpus.Document{
		Recipients: []string{}, CC: []string{}, Citations: []corpus.Citation{}, Rules: []corpus.Rule{},
		Spans: map[string]corpus.Span{}, FieldSources: map[string]string{},
	}
}

func (p *Parser) parse(t *text) corpus.Document {
	doc := emptyDoc()
	used := make([]bool, len(t.lines))
	set := func(field string, sp corpus.Span) {
		doc.Spans[field] = sp
		doc.FieldSources[field] = "text"
	}

	if e, sp := p.findESign(t, used); e != nil {
		doc.ESign = e
		set("esign", sp)
	}
	if in, sp := p.findIncoming(t, used); in != nil {
		doc.Incoming = in
		set("incoming", sp)
	}
	h := p.parseHeader(t, used)

	isDoc := h.numLine >= 0 || (h.typeLine >= 0 && (h.issuer != "" || h.motto)) || (h.issuer != "" && (h.motto || h.vv))
	if isDoc {
		doc.Kind = corpus.KindDocument
	} else {
		doc.Kind = corpus.KindNews
	}
	if h.numLine >= 0 {
		doc.Number, doc.NumberKey = h.number.Canonical, h.number.Key
		set("number", h.numSpan)
		set("number_key", h.numSpan)
	}
	// Type: the number says it, else the type line, else "V/v" makes it a
	// công văn (Nghị định 30/2020/NĐ-CP, Phụ lục III). Only a công văn has
	// a "V/v" subject and no type line, and its number is "Số/issuer-unit":
	// in "2191/CT-CS" of Cục Thuế, CT is the issuer, not "Chỉ thị".
	cvByLayout := h.vv && h.typeLine < 0 && !h.number.Party && h.number.Type != "" && h.number.Type != "CV"
	switch {
	case cvByLayout:
		doc.Type, doc.TypeName = "CV", corpus.TypeName("CV")
		set("type", h.tiSpan)
	case h.number.Type != "" && !(h.number.Type == "CV" && !h.number.Party && h.typeLine >= 0):
		doc.Type, doc.TypeName = h.number.Type, corpus.TypeName(h.number.Type)
		set("type", h.numSpan)
	case h.typeLine >= 0:
		doc.Type, doc.TypeName = h.typeCode, h.typeName
		set("type", h.typeSpan)
	case h.numType != "":
		doc.Type, doc.TypeName = h.numType, corpus.TypeName(h.numType)
		set("type", h.numSpan)
	case h.vv:
		doc.Type, doc.TypeName = "CV", corpus.TypeName("CV")
		set("type", h.tiSpan)
	}
	if doc.Type != "" && doc.TypeName == "" {
		doc.TypeName = corpus.TypeName(doc.Type)
	}
	if sp, ok := doc.Spans["type"]; ok && doc.TypeName != "" {
		set("type_name", sp)
	} else if h.typeLine >= 0 && doc.TypeName == "" && isDoc {
		doc.TypeName = h.typeName // "HIẾN PHÁP": a type without a code
		set("type_name", h.typeSpan)
	}
	if h.issuer != "" && isDoc {
		doc.Issuer = h.issuer
		set("issuer", h.issSpan)
	} else if isDoc {
		if name := issuerFromCode(h.number.Issuer); name != "" {
			doc.Issuer = name
			set("issuer", h.numSpan)
		}
	}
	if h.parent != "" && isDoc {
		doc.ParentIssuer = h.parent
		set("parent_issuer", h.parSpan)
	}
	if h.place != "" && isDoc {
		doc.Place = h.place
		set("place", h.plSpan)
	}
	if !h.date.IsZero() && isDoc {
		doc.Date = h.date
		set("date", h.dateSpan)
	}
	if h.title != "" && isDoc {
		doc.Title = h.title
		set("title", h.tiSpan)
	}

	if isDoc {
		if rs, sp := p.findRecipients(t, used); len(rs) > 0 {
			doc.Recipients = rs
			set("recipients", sp)
		}
		cc, sp, ccLine := p.findCC(t, used)
		if len(cc) > 0 {
			doc.CC = cc
			set("cc", sp)
		}
		if s, sp := p.findSigner(t, used, ccLine); s != (corpus.Signer{}) {
			doc.Signer = s
			set("signer", sp)
		}
	} else {
		title, tsp, date, dsp := p.findNews(t, used)
		if title != "" {
			doc.Title = title
			set("title", tsp)
		}
		if !date.IsZero() {
			doc.Date = date
			set("date", dsp)
		}
	}

	if cs := findCitations(t, doc.NumberKey); len(cs) > 0 {
		doc.Citations = cs
		set("citations", cs[0].Span) // the first; each citation has its own span
	}
	if rs := findRules(t); len(rs) > 0 {
		doc.Rules = rs
		set("rules", rs[0].Span) // the first; each rule has its own span
	}
	return doc
}

// issuerFromCode names the issuer of a legal normative document from the code
// of its number when the header does not ("101/2015/QH13" → Quốc hội).
func issuerFromCode(code string) string {
	switch {
	case len(code) > 2 && (code[:2] == "QH"):
		return "Quốc hội"
	case code == "CP":
		return "Chính phủ"
	case code == "TTg":
		return "Thủ tướng Chính phủ"
	}
	return ""
}
