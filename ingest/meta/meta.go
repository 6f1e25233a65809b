package meta

import (
	"errors"
	"fmt"
	"strings"
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
	// Bodies adds the right names of bodies to the table of bodies.txt (an
	// office's own units, issuers people corrected): an issuer read in
	// another spelling of one of them is filed under it.
	Bodies []string
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
	bodies *bodyTable
}

// New returns a Parser for cfg.
func New(cfg Config) (*Parser, error) {
	if cfg.HeaderLines <= 0 {
		return nil, fmt.Errorf("meta: config: HeaderLines is %d, want > 0: %w", cfg.HeaderLines, ErrConfig)
	}
	if cfg.MaxBytes <= 0 {
		return nil, fmt.Errorf("meta: config: MaxBytes is %d, want > 0: %w", cfg.MaxBytes, ErrConfig)
	}
	p := &Parser{cfg: cfg, boiler: append([]string(nil), defaultBoilerplate...), bodies: defaultBodies}
	if len(cfg.Bodies) > 0 {
		p.bodies = parseBodies(bodiesData, cfg.Bodies)
	}
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

// builder collects one document's fields with where each was read.
type builder struct {
	doc corpus.Document
}

func (b *builder) set(field string, sp corpus.Span) {
	b.doc.Spans[field] = sp
	b.doc.FieldSources[field] = "text"
}

// warn records why a field was left empty or may be wrong. The message
// starts with the field's name ("signer: ..."), which the review queue
// shows beside that field.
func (b *builder) warn(field, msg string) {
	b.doc.Source.Warnings = append(b.doc.Source.Warnings, field+": "+msg)
}

func (p *Parser) parse(t *text) corpus.Document {
	b := &builder{doc: emptyDoc()}
	used := make([]bool, len(t.lines))
	if e, sp := p.findESign(t, used); e != nil {
		b.doc.ESign = e
		b.set("esign", sp)
	}
	if in, sp := p.findIncoming(t, used); in != nil {
		b.doc.Incoming = in
		b.set("incoming", sp)
	}
	h := p.parseHeader(t, used)
	isDoc := h.numLine >= 0 || (h.typeLine >= 0 && (h.issuer != "" || h.motto)) || (h.issuer != "" && (h.motto || h.vv))
	if isDoc {
		b.doc.Kind = corpus.KindDocument
		b.setNumberType(h)
		b.setHeader(h)
		p.setBlocks(b, t, used)
	} else {
		b.doc.Kind = corpus.KindNews
		title, tsp, date, dsp := p.findNews(t, used)
		if title != "" {
			b.doc.Title = title
			b.set("title", tsp)
		}
		if !date.IsZero() {
			b.doc.Date = date
			b.set("date", dsp)
		}
	}
	if cs := findCitations(t, b.doc.NumberKey); len(cs) > 0 {
		b.doc.Citations = cs
		b.set("citations", cs[0].Span) // the first; each citation has its own span
	}
	if rs := findRules(t); len(rs) > 0 {
		b.doc.Rules = rs
		b.set("rules", rs[0].Span) // the first; each rule has its own span
	}
	return b.doc
}

// setNumberType sets the number and the type of a document.
func (b *builder) setNumberType(h header) {
	doc := &b.doc
	if h.numLine >= 0 {
		doc.Number, doc.NumberKey = h.number.Canonical, h.number.Key
		b.set("number", h.numSpan)
		b.set("number_key", h.numSpan)
	}
	// Type: the number says it, else the type line, else "V/v" makes it a
	// công văn (Nghị định 30/2020/NĐ-CP, Phụ lục III). Only a công văn has
	// a "V/v" subject and no type line, and its number is "Số/issuer-unit":
	// in "2191/CT-CS" of Cục Thuế, CT is the issuer, not "Chỉ thị".
	cvByLayout := h.vv && h.typeLine < 0 && !h.number.Party && h.number.Type != "" && h.number.Type != "CV"
	switch {
	case h.number.Issuer == "AL" && h.number.Year > 0:
		doc.Type = "AL" // "27/2019/AL": a precedent
		b.set("type", h.numSpan)
	case cvByLayout:
		doc.Type = "CV"
		b.set("type", h.tiSpan)
	case h.number.Type != "" && !(h.number.Type == "CV" && !h.number.Party && h.typeLine >= 0):
		doc.Type = h.number.Type
		b.set("type", h.numSpan)
	case h.typeLine >= 0:
		doc.Type, doc.TypeName = h.typeCode, h.typeName
		b.set("type", h.typeSpan)
	case h.numType != "":
		doc.Type = h.numType
		b.set("type", h.numSpan)
	case h.vv:
		doc.Type = "CV"
		b.set("type", h.tiSpan)
	}
	if doc.Number == "" {
		b.warn("number", "no document number could be read: check it against the original")
	}
	if doc.Type == "" {
		b.warn("type", "the type of the document could not be read: check it against the original")
	}
	if doc.Type != "" && doc.TypeName == "" {
		doc.TypeName = corpus.TypeName(doc.Type)
	}
	if sp, ok := doc.Spans["type"]; ok && doc.TypeName != "" {
		b.set("type_name", sp)
	} else if h.typeLine >= 0 && doc.TypeName == "" {
		doc.TypeName = h.typeName // "HIẾN PHÁP": a type without a code
		b.set("type_name", h.typeSpan)
	}
}

// setHeader sets the issuer, place, date and subject of a document.
func (b *builder) setHeader(h header) {
	doc := &b.doc
	if h.issuer != "" {
		doc.Issuer = h.issuer
		b.set("issuer", h.issSpan)
		if h.read != "" {
			// filed under the table's name; the form read stays with it
			doc.Attrs = map[string]string{"issuer_read": h.read}
		}
	} else if name := issuerFromCode(h.number.Issuer); name != "" {
		doc.Issuer = name
		b.set("issuer", h.numSpan)
	}
	if h.parent != "" {
		doc.ParentIssuer = h.parent
		b.set("parent_issuer", h.parSpan)
	}
	if h.place != "" {
		doc.Place = h.place
		b.set("place", h.plSpan)
	}
	if !h.date.IsZero() {
		doc.Date = h.date
		b.set("date", h.dateSpan)
	}
	if h.title != "" {
		doc.Title = h.title
		b.set("title", h.tiSpan)
	}
	switch {
	case h.date.IsZero():
		b.warn("date", "no date of issue could be read: check it against the original")
		b.warn("place", "the place and date line could not be read: check it against the original")
	}
	if h.issuer == "" && doc.Issuer == "" && len(h.warns) == 0 {
		b.warn("issuer", "no issuing body could be read: check it against the original")
	}
	for _, w := range h.warns {
		b.warn(w[0], w[1])
	}
}

// setBlocks sets the recipients, the Nơi nhận list and the signer.
func (p *Parser) setBlocks(b *builder, t *text, used []bool) {
	doc := &b.doc
	if rs, sp := p.findRecipients(t, used); len(rs) > 0 {
		doc.Recipients = rs
		b.set("recipients", sp)
	}
	cc, sp, ccLine := p.findCC(t, used)
	if len(cc) > 0 {
		doc.CC = cc
		b.set("cc", sp)
	}
	s, sp := p.findSigner(t, used, ccLine)
	if s != (corpus.Signer{}) {
		doc.Signer = s
		b.set("signer", sp)
	}
	switch {
	case s.Name != "":
	case s.Title != "" || s.Authority != "":
		b.warn("signer", fmt.Sprintf("the name under the signature block (%s) could not be read; a seal or signature may cover it: check it against the original",
			strings.Trim(s.Authority+", "+s.Title, ", ")))
	default:
		b.warn("signer", "no signature block was found: check the signer against the original")
	}
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
